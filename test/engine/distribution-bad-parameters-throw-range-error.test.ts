import { describe, expect, it } from 'vitest';
import { makeDistribution, normalQuantile, type DistributionSpec } from '../../src/engine/index.js';

const bad: [string, DistributionSpec][] = [
  ['a NaN constant', { constant: Number.NaN }],
  ['an infinite constant', { constant: Number.POSITIVE_INFINITY }],
  ['uniform with min > max', { uniform: { min: 5, max: 1 } }],
  ['uniform with an infinite max', { uniform: { min: 0, max: Number.POSITIVE_INFINITY } }],
  ['exponential with mean 0', { exponential: { mean: 0 } }],
  ['exponential with a negative mean', { exponential: { mean: -1 } }],
  ['exponential with an infinite mean', { exponential: { mean: Number.POSITIVE_INFINITY } }],
  ['normal with a negative stddev', { normal: { mean: 0, stddev: -1 } }],
  ['normal with a NaN mean', { normal: { mean: Number.NaN, stddev: 1 } }],
  ['lognormal with a negative sigma', { lognormal: { mu: 0, sigma: -0.1 } }],
  ['lognormal with an infinite mu', { lognormal: { mu: Number.POSITIVE_INFINITY, sigma: 1 } }],
  ['lognormal with median 0', { lognormal: { median: 0, p99: 10 } }],
  ['lognormal with p99 below the median', { lognormal: { median: 100, p99: 50 } }],
  ['lognormal with a NaN p99', { lognormal: { median: 100, p99: Number.NaN } }],
  ['lognormal with an infinite p99', { lognormal: { median: 100, p99: Number.POSITIVE_INFINITY } }],
  ['empirical with no samples', { empirical: { samples: [] } }],
  ['empirical with a NaN sample', { empirical: { samples: [1, Number.NaN] } }],
];

describe('makeDistribution', () => {
  it.each(bad)('rejects %s with a RangeError', (_, spec) => {
    expect(() => makeDistribution(spec)).toThrow(RangeError);
  });

  it('says what was wrong', () => {
    expect(() => makeDistribution({ lognormal: { median: 100, p99: 50 } })).toThrowErrorMatchingInlineSnapshot(`[RangeError: lognormal needs 0 < median <= p99, got median 100, p99 50]`);
  });

  it.each([-0.1, 1.5, Number.NaN])('normalQuantile(%s) throws a RangeError', (p) => {
    expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});
