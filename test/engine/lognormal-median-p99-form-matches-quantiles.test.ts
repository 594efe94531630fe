import { describe, expect, it } from 'vitest';
import { makeDistribution, RandomStream, Z_99 } from '../../src/engine/index.js';
import { draw, K_SE, phi, quantileSE, sampleQuantile } from './support/stats.js';

// The median/p99 form: median 200 ms, p99 2,000 ms, so mu = ln 200 and
// sigma = ln(2000 / 200) / z_0.99 ≈ 0.99.
//
// Tolerance: ln X is normal(mu, sigma), and the sample p-quantile of ln X is ln of the
// sample p-quantile of X. Its standard error is sqrt(p(1-p)/n) / f(z_p), with the density
// f(z_p) = phi(z_p) / sigma; the check allows K_SE = 5 of those, on the log scale.
// With n = 200,000 that is about 1.4% for the median and 4.2% for the p99.
const N = 200_000;
const MEDIAN = 200;
const P99 = 2_000;
const SIGMA = Math.log(P99 / MEDIAN) / Z_99;

describe('a lognormal given by median and p99', () => {
  const dist = makeDistribution({ lognormal: { median: MEDIAN, p99: P99 } });
  const xs = draw(dist, new RandomStream(99, 'startup-time'), N);

  it('has a sample median within 5 standard errors of the median', () => {
    const se = quantileSE(0.5, phi(0) / SIGMA, N);

    expect(Math.abs(Math.log(sampleQuantile(xs, 0.5)) - Math.log(MEDIAN))).toBeLessThan(K_SE * se);
  });

  it('has a sample p99 within 5 standard errors of the p99', () => {
    const se = quantileSE(0.99, phi(Z_99) / SIGMA, N);

    expect(Math.abs(Math.log(sampleQuantile(xs, 0.99)) - Math.log(P99))).toBeLessThan(K_SE * se);
  });

  it('has exact quantiles at the median and p99 it was given', () => {
    expect(dist.quantile(0.5)).toBeCloseTo(MEDIAN, 9);
    expect(Math.abs(dist.quantile(0.99) / P99 - 1)).toBeLessThan(1e-8);
  });

  it('with p99 equal to the median is a constant', () => {
    const flat = makeDistribution({ lognormal: { median: 300, p99: 300 } });
    const rng = new RandomStream(1, 'flat');

    expect(Array.from({ length: 5 }, () => flat.sample(rng))).toEqual([300, 300, 300, 300, 300].map((x) => expect.closeTo(x, 9)));
    expect(flat.mean).toBeCloseTo(300, 9);
  });
});
