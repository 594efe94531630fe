import { describe, expect, it } from 'vitest';
import { makeDistribution, normalQuantile, type DistributionSpec } from '../../src/engine/index.js';

describe('a distribution’s mean and quantile()', () => {
  it('constant', () => {
    const d = makeDistribution({ constant: 7 });
    expect(d.mean).toBe(7);
    expect(d.quantile(0.3)).toBe(7);
  });

  it('uniform', () => {
    const d = makeDistribution({ uniform: { min: 10, max: 20 } });
    expect(d.mean).toBe(15);
    expect(d.quantile(0.25)).toBe(12.5);
    expect(d.quantile(0.5)).toBe(15);
  });

  it('exponential', () => {
    const d = makeDistribution({ exponential: { mean: 1_000 } });
    expect(d.mean).toBe(1_000);
    expect(d.quantile(0.5)).toBeCloseTo(1_000 * Math.LN2, 9);
    expect(d.quantile(0.99)).toBeCloseTo(1_000 * Math.log(100), 9);
  });

  it('normal', () => {
    const d = makeDistribution({ normal: { mean: 100, stddev: 15 } });
    expect(d.mean).toBe(100);
    expect(d.quantile(0.5)).toBeCloseTo(100, 12);
    expect(d.quantile(0.975)).toBeCloseTo(100 + 15 * 1.959963984540054, 7);
    expect(d.quantile(0.025)).toBeCloseTo(100 - 15 * 1.959963984540054, 7);
  });

  it('lognormal by mu and sigma', () => {
    const d = makeDistribution({ lognormal: { mu: 5, sigma: 0.5 } });
    expect(d.mean).toBeCloseTo(Math.exp(5.125), 9);
    expect(d.quantile(0.5)).toBeCloseTo(Math.exp(5), 9);
    expect(d.quantile(0.99)).toBeCloseTo(Math.exp(5 + 0.5 * normalQuantile(0.99)), 9);
  });

  it('lognormal by median and p99', () => {
    const d = makeDistribution({ lognormal: { median: 200, p99: 2_000 } });
    const sigma = Math.log(10) / 2.3263478740408408;
    expect(d.mean).toBeCloseTo(200 * Math.exp((sigma * sigma) / 2), 9);
    expect(d.quantile(0.5)).toBeCloseTo(200, 9);
  });

  it('empirical: the mean of the interpolated samples, not their plain average', () => {
    const d = makeDistribution({ empirical: { samples: [0, 10, 100] } });
    expect(d.mean).toBe(30);
    expect(d.quantile(0.25)).toBe(5);
  });

  it('keeps the spec it was built from', () => {
    const spec: DistributionSpec = { exponential: { mean: 5 } };
    expect(makeDistribution(spec).spec).toBe(spec);
  });
});
