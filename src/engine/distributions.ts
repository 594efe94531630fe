import type { RandomStream } from './random.js';

/**
 * A distribution as data: what scenario files hold (after durations are turned into ms)
 * and what the model is configured with. `makeDistribution` turns it into a sampler.
 */
export type DistributionSpec =
  | { readonly constant: number }
  | { readonly uniform: { readonly min: number; readonly max: number } }
  | { readonly exponential: { readonly mean: number } }
  | { readonly normal: { readonly mean: number; readonly stddev: number } }
  | { readonly lognormal: { readonly mu: number; readonly sigma: number } }
  | { readonly lognormal: { readonly median: number; readonly p99: number } }
  | { readonly empirical: { readonly samples: readonly number[] } };

export interface Distribution {
  /** One draw from the stream given. */
  sample(rng: RandomStream): number;
  /**
   * One draw as a duration: a non-negative integer number of ms, as the engine schedules
   * (a normal's negative tail is taken as zero).
   */
  sampleMs(rng: RandomStream): number;
  /** The exact mean. */
  readonly mean: number;
  /** The exact p-quantile, 0 < p < 1. */
  quantile(p: number): number;
  readonly spec: DistributionSpec;
}

/** z such that P(Z <= z) = 0.99 for a standard normal Z. */
export const Z_99 = 2.3263478740408408;

/**
 * Builds a sampler from a spec.
 * @throws RangeError for parameters outside the distribution's domain.
 */
export function makeDistribution(spec: DistributionSpec): Distribution {
  if ('constant' in spec) return constant(spec, spec.constant);
  if ('uniform' in spec) return uniform(spec, spec.uniform.min, spec.uniform.max);
  if ('exponential' in spec) return exponential(spec, spec.exponential.mean);
  if ('normal' in spec) return normal(spec, spec.normal.mean, spec.normal.stddev);
  if ('lognormal' in spec) {
    const p = spec.lognormal;
    if ('median' in p) {
      if (!(p.median > 0 && p.p99 >= p.median)) {
        throw new RangeError(`lognormal needs 0 < median <= p99, got median ${p.median}, p99 ${p.p99}`);
      }
      return lognormal(spec, Math.log(p.median), (Math.log(p.p99) - Math.log(p.median)) / Z_99);
    }
    return lognormal(spec, p.mu, p.sigma);
  }
  return empirical(spec, spec.empirical.samples);
}

function base(spec: DistributionSpec, mean: number, quantile: (p: number) => number, sample: (rng: RandomStream) => number): Distribution {
  return {
    spec,
    mean,
    quantile,
    sample,
    sampleMs: (rng) => {
      const x = sample(rng);
      return x > 0 ? Math.round(x) : 0;
    },
  };
}

function constant(spec: DistributionSpec, value: number): Distribution {
  finite('constant', value);
  return base(spec, value, () => value, () => value);
}

function uniform(spec: DistributionSpec, min: number, max: number): Distribution {
  finite('uniform min', min);
  finite('uniform max', max);
  if (!(max >= min)) throw new RangeError(`uniform needs min <= max, got min ${min}, max ${max}`);
  return base(spec, (min + max) / 2, (p) => min + (max - min) * p, (rng) => min + (max - min) * rng.next());
}

function exponential(spec: DistributionSpec, mean: number): Distribution {
  if (!(mean > 0 && Number.isFinite(mean))) throw new RangeError(`exponential needs mean > 0, got ${mean}`);
  return base(spec, mean, (p) => -mean * Math.log(1 - p), (rng) => -mean * Math.log(1 - rng.next()));
}

function normal(spec: DistributionSpec, mean: number, stddev: number): Distribution {
  finite('normal mean', mean);
  if (!(stddev >= 0 && Number.isFinite(stddev))) throw new RangeError(`normal needs stddev >= 0, got ${stddev}`);
  return base(spec, mean, (p) => mean + stddev * normalQuantile(p), (rng) => mean + stddev * rng.standardNormal());
}

function lognormal(spec: DistributionSpec, mu: number, sigma: number): Distribution {
  finite('lognormal mu', mu);
  if (!(sigma >= 0 && Number.isFinite(sigma))) throw new RangeError(`lognormal needs sigma >= 0, got ${sigma}`);
  return base(
    spec,
    Math.exp(mu + (sigma * sigma) / 2),
    (p) => Math.exp(mu + sigma * normalQuantile(p)),
    (rng) => Math.exp(mu + sigma * rng.standardNormal()),
  );
}

/** The empirical distribution of the samples, with linear interpolation between order statistics. */
function empirical(spec: DistributionSpec, samples: readonly number[]): Distribution {
  if (samples.length === 0) throw new RangeError('empirical needs at least one sample');
  samples.forEach((x, i) => finite(`empirical sample ${i}`, x));
  const sorted = Float64Array.from(samples).sort();
  const last = sorted.length - 1;
  const quantile = (p: number): number => {
    const pos = p * last;
    const i = Math.floor(pos);
    const lo = sorted[i] as number;
    return i >= last ? lo : lo + (pos - i) * ((sorted[i + 1] as number) - lo);
  };
  // Mean of the interpolated quantile function: trapezoids between order statistics.
  let mean = sorted[0] as number;
  if (last > 0) {
    let area = 0;
    for (let i = 0; i < last; i += 1) area += ((sorted[i] as number) + (sorted[i + 1] as number)) / 2;
    mean = area / last;
  }
  return base(spec, mean, quantile, (rng) => quantile(rng.next()));
}

function finite(what: string, x: number): void {
  if (!Number.isFinite(x)) throw new RangeError(`${what} must be a finite number, got ${x}`);
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error
 * below 1.2e-9). No maintained small npm package offers it without pulling in a whole
 * statistics library, so it is written here.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`quantile needs 0 < p < 1, got ${p}`);
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const poly = (k: readonly number[], x: number): number => k.reduce((acc, coef) => acc * x + coef, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
