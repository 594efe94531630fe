import { describe, expect, it } from 'vitest';
import { makeDistribution, RandomStream } from '../../src/engine/index.js';
import { draw, K_SE, meanSE, quantileSE, sampleMean, sampleQuantile } from './support/stats.js';

// The empirical distribution of [100, 0, 10] interpolates linearly between the order
// statistics 0, 10, 100: half its mass is uniform on [0, 10] (density 0.05) and half on
// [10, 100] (density 1/180). Exact: mean 30, sd sqrt(2900/3), q(0.25) = 5, q(0.75) = 55.
// Sample statistics must be within K_SE = 5 standard errors (support/stats.ts).
const N = 100_000;

describe('an empirical distribution', () => {
  const dist = makeDistribution({ empirical: { samples: [100, 0, 10] } });
  const xs = draw(dist, new RandomStream(3, 'empirical'), N);

  it('has the exact mean and quantiles of its interpolated samples, whatever their order', () => {
    expect(dist.mean).toBe(30);
    expect(dist.quantile(0.25)).toBe(5);
    expect(dist.quantile(0.5)).toBe(10);
    expect(dist.quantile(0.75)).toBe(55);
  });

  it('draws with a sample mean within 5 standard errors of its mean', () => {
    expect(Math.abs(sampleMean(xs) - 30)).toBeLessThan(K_SE * meanSE(Math.sqrt(2_900 / 3), N));
  });

  it('draws with sample quartiles within 5 standard errors of its quartiles', () => {
    expect(Math.abs(sampleQuantile(xs, 0.25) - 5)).toBeLessThan(K_SE * quantileSE(0.25, 0.05, N));
    expect(Math.abs(sampleQuantile(xs, 0.75) - 55)).toBeLessThan(K_SE * quantileSE(0.75, 1 / 180, N));
  });

  it('draws only within the range of its samples', () => {
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(100);
  });

  it('of one sample always gives that sample', () => {
    const one = makeDistribution({ empirical: { samples: [42] } });
    const rng = new RandomStream(3, 'one');

    expect(one.mean).toBe(42);
    expect(one.quantile(0.9)).toBe(42);
    expect(Array.from({ length: 5 }, () => one.sample(rng))).toEqual([42, 42, 42, 42, 42]);
  });
});
