import { Z_99, type DistributionSpec } from '../engine/distributions.js';
import { erlangC } from '../queueing/erlang.js';

/**
 * Queueing formulas for the fluid mode and for the tests that hold the request-level
 * model to theory. Rates are per ms and times in ms, like the rest of the model.
 */

/**
 * The standard normal CDF, Φ(z), through erfc (the Chebyshev fit of Numerical Recipes'
 * `erfcc`, fractional error below 1.2e-7 everywhere).
 */
export function normalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const erfc =
    t *
    Math.exp(
      -ax * ax -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const upper = x >= 0 ? erfc : 2 - erfc;
  return upper / 2;
}

/** The first two moments of a service-time distribution (ms, ms²) and its squared coefficient of variation. */
export interface Moments {
  readonly mean: number;
  readonly secondMoment: number;
  /** Var / mean²: 0 for constant, 1 for exponential. */
  readonly scv: number;
}

function lognormalParams(p: { readonly mu: number; readonly sigma: number } | { readonly median: number; readonly p99: number }): { mu: number; sigma: number } {
  if ('mu' in p) return { mu: p.mu, sigma: p.sigma };
  return { mu: Math.log(p.median), sigma: (Math.log(p.p99) - Math.log(p.median)) / Z_99 };
}

/**
 * Exact moments of the distribution as specified. (The request-level model rounds each
 * draw to whole ms and takes a normal's negative tail as 0; both matter only for times
 * of a few ms or a normal with σ near its mean.)
 */
export function serviceMoments(spec: DistributionSpec): Moments {
  let mean: number;
  let second: number;
  if ('constant' in spec) {
    mean = spec.constant;
    second = mean * mean;
  } else if ('uniform' in spec) {
    const { min: a, max: b } = spec.uniform;
    mean = (a + b) / 2;
    second = (a * a + a * b + b * b) / 3;
  } else if ('exponential' in spec) {
    mean = spec.exponential.mean;
    second = 2 * mean * mean;
  } else if ('normal' in spec) {
    mean = spec.normal.mean;
    second = mean * mean + spec.normal.stddev * spec.normal.stddev;
  } else if ('lognormal' in spec) {
    const { mu, sigma } = lognormalParams(spec.lognormal);
    mean = Math.exp(mu + (sigma * sigma) / 2);
    second = Math.exp(2 * mu + 2 * sigma * sigma);
  } else {
    // The interpolated quantile function: a mixture of uniforms between order statistics.
    const s = Float64Array.from(spec.empirical.samples).sort();
    const last = s.length - 1;
    if (last === 0) {
      mean = s[0] as number;
      second = mean * mean;
    } else {
      mean = 0;
      second = 0;
      for (let i = 0; i < last; i += 1) {
        const a = s[i] as number;
        const b = s[i + 1] as number;
        mean += (a + b) / 2;
        second += (a * a + a * b + b * b) / 3;
      }
      mean /= last;
      second /= last;
    }
  }
  return { mean, secondMoment: second, scv: mean > 0 ? second / (mean * mean) - 1 : 0 };
}

/** The CDF P(S <= x) of a service-time distribution as specified. */
export function serviceCdf(spec: DistributionSpec): (x: number) => number {
  if ('constant' in spec) {
    const c = spec.constant;
    return (x) => (x >= c ? 1 : 0);
  }
  if ('uniform' in spec) {
    const { min: a, max: b } = spec.uniform;
    return (x) => (x >= b ? 1 : x < a ? 0 : (x - a) / (b - a));
  }
  if ('exponential' in spec) {
    const m = spec.exponential.mean;
    return (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / m));
  }
  if ('normal' in spec) {
    const { mean, stddev } = spec.normal;
    return (x) => (stddev === 0 ? (x >= mean ? 1 : 0) : normalCdf((x - mean) / stddev));
  }
  if ('lognormal' in spec) {
    const { mu, sigma } = lognormalParams(spec.lognormal);
    return (x) => (x <= 0 ? 0 : sigma === 0 ? (Math.log(x) >= mu ? 1 : 0) : normalCdf((Math.log(x) - mu) / sigma));
  }
  const s = Float64Array.from(spec.empirical.samples).sort();
  const last = s.length - 1;
  return (x) => {
    if (x < (s[0] as number)) return 0;
    if (x >= (s[last] as number)) return 1;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] as number) <= x) lo = mid;
      else hi = mid;
    }
    const a = s[lo] as number;
    const b = s[hi] as number;
    return (lo + (b > a ? (x - a) / (b - a) : 1)) / last;
  };
}

/** M/M/1 mean wait in queue: ρ / (μ − λ). */
export function mm1MeanWait(lambda: number, mu: number): number {
  if (!(lambda >= 0 && lambda < mu)) throw new RangeError(`M/M/1 needs 0 <= λ < μ, got λ=${lambda}, μ=${mu}`);
  return lambda / mu / (mu - lambda);
}

/**
 * σ for E_k/M/1, the queue each of k round-robin servers sees when a Poisson stream of
 * rate λ is dealt out in turn: interarrivals are Erlang-k with phase rate λ. σ is the
 * root in (0, 1) of σ = (λ / (λ + μ(1 − σ)))^k, found by the fixed-point iteration
 * from 0, which rises monotonically to the smallest root (the GI/M/1 theorem).
 */
export function erlangArrivalSigma(k: number, lambda: number, mu: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  if (!(lambda > 0 && lambda / k < mu)) throw new RangeError(`E_k/M/1 needs 0 < λ/k < μ, got λ=${lambda}, k=${k}, μ=${mu}`);
  let sigma = 0;
  for (let i = 0; i < 1_000_000; i += 1) {
    const next = (lambda / (lambda + mu * (1 - sigma))) ** k;
    if (Math.abs(next - sigma) < 1e-15) return next;
    sigma = next;
  }
  return sigma;
}

/** E_k/M/1 mean wait in queue: σ / (μ (1 − σ)). With k = 1 it is the M/M/1 wait. */
export function erlangArrivalMeanWait(k: number, lambda: number, mu: number): number {
  const sigma = erlangArrivalSigma(k, lambda, mu);
  return sigma / (mu * (1 - sigma));
}

/**
 * M/G/c mean wait in queue by the Lee–Longton approximation, Wq(M/M/c) · (1 + Cs²) / 2,
 * which is also Allen–Cunneen's G/G/c formula with Poisson arrivals (Ca² = 1). Exact for
 * exponential service (Cs² = 1) and for M/G/1 (Pollaczek–Khinchine).
 */
export function mgcMeanWait(servers: number, lambda: number, meanService: number, scv: number): number {
  const a = lambda * meanService;
  return (erlangC(servers, a) / (servers / meanService - lambda)) * ((1 + scv) / 2);
}

/**
 * P(T > x) for the sojourn time T = W + S of an M/M/c queue (FIFO): W is 0 with
 * probability 1 − C and else exponential with rate θ = cμ − λ; S is exponential(μ).
 */
export function mmcSojournSurvival(servers: number, lambda: number, mu: number, x: number): number {
  if (x <= 0) return 1;
  const c = erlangC(servers, lambda / mu);
  const theta = servers * mu - lambda;
  const convolved = Math.abs(theta - mu) < 1e-12 * mu ? (1 + mu * x) * Math.exp(-mu * x) : (mu * Math.exp(-theta * x) - theta * Math.exp(-mu * x)) / (mu - theta);
  return (1 - c) * Math.exp(-mu * x) + c * convolved;
}

/** The p-quantile of the M/M/c sojourn time, by bisection on the exact survival function. */
export function mmcSojournQuantile(servers: number, lambda: number, mu: number, p: number): number {
  let lo = 0;
  let hi = 1 / mu;
  while (mmcSojournSurvival(servers, lambda, mu, hi) > 1 - p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i += 1) {
    const mid = (lo + hi) / 2;
    if (mmcSojournSurvival(servers, lambda, mu, mid) > 1 - p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
