import { describe, expect, it } from 'vitest';
import { makeDistribution, RandomStream, type DistributionSpec } from '../../src/engine/index.js';
import { draw, K_SE, meanSE, sampleMean, sampleStddev } from './support/stats.js';

// n = 100,000 draws per distribution; each sample mean must be within K_SE = 5 standard
// errors (sd / sqrt(n), with the distribution's exact sd) of the exact mean. See
// support/stats.ts for why 5.
const N = 100_000;

const cases: [string, DistributionSpec, number, number][] = [
  // name, spec, exact mean, exact standard deviation
  ['uniform', { uniform: { min: 10, max: 20 } }, 15, 10 / Math.sqrt(12)],
  ['exponential', { exponential: { mean: 1_000 } }, 1_000, 1_000],
  ['normal', { normal: { mean: 100, stddev: 15 } }, 100, 15],
  ['lognormal', { lognormal: { mu: 5, sigma: 0.5 } }, Math.exp(5 + 0.125), Math.exp(5 + 0.125) * Math.sqrt(Math.exp(0.25) - 1)],
  // Mixture of U(0, 10) and U(10, 100) with weight 1/2 each: E[X^2] = 5600/3, var = 2900/3.
  ['empirical', { empirical: { samples: [0, 10, 100] } }, 30, Math.sqrt(2_900 / 3)],
];

describe('distribution samples', () => {
  it.each(cases)('%s: the sample mean is within 5 standard errors of the mean', (name, spec, mean, sd) => {
    const dist = makeDistribution(spec);
    const xs = draw(dist, new RandomStream(11, name), N);

    expect(Math.abs(sampleMean(xs) - mean)).toBeLessThan(K_SE * meanSE(sd, N));
  });

  it('constant: every draw is the constant', () => {
    const dist = makeDistribution({ constant: 250 });
    const xs = draw(dist, new RandomStream(11, 'constant'), 1_000);

    expect(new Set(xs)).toEqual(new Set([250]));
  });

  it('normal: the sample standard deviation is the stddev, not the variance', () => {
    // The standard error of a normal sample's standard deviation is about sd / sqrt(2n).
    const xs = draw(makeDistribution({ normal: { mean: 100, stddev: 15 } }), new RandomStream(11, 'normal-sd'), N);

    expect(Math.abs(sampleStddev(xs) - 15)).toBeLessThan(K_SE * (15 / Math.sqrt(2 * N)));
  });

  it('exponential: the sample standard deviation equals the mean', () => {
    // For an exponential, the sample sd has standard error about sd * sqrt((kurtosis - 1) / 4n)
    // with kurtosis 9, i.e. sd / sqrt(n / 2).
    const xs = draw(makeDistribution({ exponential: { mean: 1_000 } }), new RandomStream(11, 'exp-sd'), N);

    expect(Math.abs(sampleStddev(xs) - 1_000)).toBeLessThan(K_SE * (1_000 * Math.sqrt(2 / N)));
  });
});
