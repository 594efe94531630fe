/**
 * Sample statistics for the distribution specs.
 *
 * Tolerances: every statistical check allows K_SE = 5 standard errors of the statistic.
 * For a correct sampler the chance of a miss is below 1e-6 for any seed (the seeds are
 * fixed, so the specs are deterministic anyway), while a parameter mix-up (rate for mean,
 * variance for standard deviation, log-space for linear) moves the statistic by hundreds
 * of standard errors at these sample sizes.
 */
import type { Distribution, RandomStream } from '../../../src/engine/index.js';

export const K_SE = 5;

export function draw(dist: Distribution, rng: RandomStream, n: number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i += 1) xs[i] = dist.sample(rng);
  return xs;
}

export function sampleMean(xs: Float64Array): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

export function sampleStddev(xs: Float64Array): number {
  const m = sampleMean(xs);
  let sum = 0;
  for (const x of xs) sum += (x - m) * (x - m);
  return Math.sqrt(sum / (xs.length - 1));
}

/** The sample p-quantile with linear interpolation between order statistics. */
export function sampleQuantile(xs: Float64Array, p: number): number {
  const sorted = Float64Array.from(xs).sort();
  const pos = p * (sorted.length - 1);
  const i = Math.floor(pos);
  const lo = sorted[i] as number;
  const hi = sorted[Math.min(i + 1, sorted.length - 1)] as number;
  return lo + (pos - i) * (hi - lo);
}

/** Standard error of a sample mean: sd / sqrt(n). */
export function meanSE(sd: number, n: number): number {
  return sd / Math.sqrt(n);
}

/**
 * Asymptotic standard error of the sample p-quantile: sqrt(p(1-p)/n) / f(x_p),
 * with f the density at the quantile.
 */
export function quantileSE(p: number, density: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n) / density;
}

/** The standard normal density. */
export function phi(z: number): number {
  return Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
}
