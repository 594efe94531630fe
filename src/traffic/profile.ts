import type { RandomStream } from '../engine/random.js';

/**
 * Arrival-rate profiles for Poisson workloads, as data. Rates are requests per second;
 * times are ms of scenario time (the same clock as `at` everywhere else), so a step
 * `at: 10m` happens ten minutes into the run whatever the workload's start.
 *
 * - `constant`: one rate throughout.
 * - `steps`: the rate jumps to `rate` at each `at`; before the first step it is 0.
 * - `ramp`: `from` until `at` (default 0), then linear to `to` over `over`, then `to`.
 * - `diurnal`: `mean · (1 + amplitude · sin(2π (t − phase) / period))`, amplitude in [0, 1],
 *   so the peak is a quarter period after `phase`.
 * - `spikes`: `base`, and during each spike (`at` for `duration`) the spike's `rate`, or
 *   `base × multiplier`; where spikes overlap the highest rate applies.
 * - `piecewise`: a rate per `stepMs` slice from `at` (default 0), as read from a CSV of
 *   per-second rates; 0 before `at` and after the last slice.
 */
export type RateProfileSpec =
  | { readonly constant: number }
  | { readonly steps: readonly RateStep[] }
  | { readonly ramp: { readonly from: number; readonly to: number; readonly over: number; readonly at?: number } }
  | { readonly diurnal: { readonly mean: number; readonly amplitude: number; readonly period: number; readonly phase?: number } }
  | { readonly spikes: { readonly base: number; readonly spikes: readonly RateSpike[] } }
  | { readonly piecewise: { readonly stepMs: number; readonly rates: readonly number[]; readonly at?: number } };

export interface RateStep {
  readonly at: number;
  readonly rate: number;
}

/** One spike: either an absolute `rate` or a `multiplier` of the base rate. */
export type RateSpike =
  | { readonly at: number; readonly duration: number; readonly rate: number }
  | { readonly at: number; readonly duration: number; readonly multiplier: number };

/**
 * A rate profile ready for generation. Thinning needs a piecewise-constant majorant:
 * `bound(t)` returns one (per ms) and leaves in `boundUntil` the time up to which it
 * holds and in `boundExact` whether the rate equals it there (then every candidate is
 * accepted and no uniform is drawn). Two fields rather than a returned object keep the
 * per-arrival path free of allocations.
 */
export abstract class RateProfile {
  boundUntil = Number.POSITIVE_INFINITY;
  boundExact = true;
  constructor(readonly spec: RateProfileSpec) {}
  /** Requests per ms at time `t`. */
  abstract rateAt(t: number): number;
  /** A majorant of the rate (per ms) on [t, boundUntil). */
  abstract bound(t: number): number;
  /** Expected arrivals in [a, b): the integral of the rate. */
  abstract expected(a: number, b: number): number;
}

const PER_S = 1 / 1000;

function checkRate(what: string, rate: number): void {
  if (!(rate >= 0 && Number.isFinite(rate))) throw new RangeError(`${what} must be a finite rate >= 0 requests/s, got ${rate}`);
}

function checkTime(what: string, t: number): void {
  if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`${what} must be a finite time >= 0 ms, got ${t}`);
}

/**
 * Builds a profile from its spec.
 * @throws RangeError for negative or non-finite rates and times, an amplitude outside
 * [0, 1], a non-positive period or step, or an empty list of steps.
 */
export function makeRateProfile(spec: RateProfileSpec): RateProfile {
  if ('diurnal' in spec) return new DiurnalProfile(spec);
  const pieces: Piece[] = [];
  if ('constant' in spec) {
    checkRate('constant', spec.constant);
    pieces.push({ at: 0, from: spec.constant, to: spec.constant });
  } else if ('steps' in spec) {
    if (spec.steps.length === 0) throw new RangeError('steps needs at least one step');
    spec.steps.forEach((s, i) => {
      checkTime(`steps[${i}].at`, s.at);
      checkRate(`steps[${i}].rate`, s.rate);
    });
    const steps = [...spec.steps].sort((a, b) => a.at - b.at);
    if ((steps[0] as RateStep).at > 0) pieces.push({ at: 0, from: 0, to: 0 });
    for (const s of steps) pieces.push({ at: s.at, from: s.rate, to: s.rate });
  } else if ('ramp' in spec) {
    const { from, to, over } = spec.ramp;
    const at = spec.ramp.at ?? 0;
    checkRate('ramp.from', from);
    checkRate('ramp.to', to);
    checkTime('ramp.over', over);
    checkTime('ramp.at', at);
    if (at > 0) pieces.push({ at: 0, from, to: from });
    if (over > 0) pieces.push({ at, from, to });
    pieces.push({ at: at + over, from: to, to });
  } else if ('spikes' in spec) {
    const { base, spikes } = spec.spikes;
    checkRate('spikes.base', base);
    const rates = spikes.map((s, i) => {
      checkTime(`spikes[${i}].at`, s.at);
      checkTime(`spikes[${i}].duration`, s.duration);
      const rate = 'rate' in s ? s.rate : base * s.multiplier;
      checkRate(`spikes[${i}] rate`, rate);
      return rate;
    });
    const cuts = [...new Set([0, ...spikes.flatMap((s) => [s.at, s.at + s.duration])])].sort((a, b) => a - b);
    for (const at of cuts) {
      let rate = Number.NEGATIVE_INFINITY;
      spikes.forEach((s, i) => {
        if (s.at <= at && at < s.at + s.duration) rate = Math.max(rate, rates[i] as number);
      });
      if (rate === Number.NEGATIVE_INFINITY) rate = base;
      pieces.push({ at, from: rate, to: rate });
    }
  } else {
    const { stepMs, rates } = spec.piecewise;
    const at = spec.piecewise.at ?? 0;
    if (!(stepMs > 0 && Number.isFinite(stepMs))) throw new RangeError(`piecewise.stepMs must be > 0, got ${stepMs}`);
    checkTime('piecewise.at', at);
    if (at > 0) pieces.push({ at: 0, from: 0, to: 0 });
    rates.forEach((r, i) => {
      checkRate(`piecewise.rates[${i}]`, r);
      pieces.push({ at: at + i * stepMs, from: r, to: r });
    });
    pieces.push({ at: at + rates.length * stepMs, from: 0, to: 0 });
  }
  return new PiecewiseLinearProfile(spec, pieces);
}

/** One segment from `at` to the next piece's `at`, linear from `from` to `to` (requests/s). */
interface Piece {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Every profile but the diurnal one is piecewise linear: breakpoints, with the rate linear
 * within a segment. The majorant on a segment is its larger end, exact when it is flat.
 */
class PiecewiseLinearProfile extends RateProfile {
  private readonly at: Float64Array;
  private readonly from: Float64Array;
  private readonly to: Float64Array;
  /** The segment of the last lookup: generation moves forward, so this is nearly always right. */
  private cursor = 0;

  constructor(spec: RateProfileSpec, pieces: readonly Piece[]) {
    super(spec);
    // Later pieces at the same time replace earlier ones (a step list with a repeated `at`).
    const kept: Piece[] = [];
    for (const p of pieces) {
      if (kept.length > 0 && (kept[kept.length - 1] as Piece).at === p.at) kept[kept.length - 1] = p;
      else kept.push(p);
    }
    this.at = Float64Array.from(kept, (p) => p.at);
    this.from = Float64Array.from(kept, (p) => p.from * PER_S);
    this.to = Float64Array.from(kept, (p) => p.to * PER_S);
  }

  /** The index of the segment holding `t` (the last breakpoint at or before it). */
  private segment(t: number): number {
    const at = this.at;
    let i = this.cursor;
    if ((at[i] as number) <= t && (i + 1 === at.length || t < (at[i + 1] as number))) return i;
    if (i + 2 <= at.length - 1 && (at[i + 1] as number) <= t && t < (at[i + 2] as number)) return (this.cursor = i + 1);
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((at[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    this.cursor = lo;
    return lo;
  }

  private end(i: number): number {
    return i + 1 < this.at.length ? (this.at[i + 1] as number) : Number.POSITIVE_INFINITY;
  }

  private rateIn(i: number, t: number): number {
    const a = this.from[i] as number;
    const b = this.to[i] as number;
    if (a === b) return a;
    const s = this.at[i] as number;
    return a + ((b - a) * (t - s)) / (this.end(i) - s);
  }

  rateAt(t: number): number {
    return this.rateIn(this.segment(t), t);
  }

  bound(t: number): number {
    const i = this.segment(t);
    const a = this.from[i] as number;
    const b = this.to[i] as number;
    this.boundUntil = this.end(i);
    this.boundExact = a === b;
    return a > b ? a : b;
  }

  expected(a: number, b: number): number {
    if (!(b > a)) return 0;
    let total = 0;
    let i = this.segment(a);
    let x = a;
    while (x < b) {
      const y = Math.min(b, this.end(i));
      total += ((y - x) * (this.rateIn(i, x) + this.rateIn(i, y))) / 2;
      x = y;
      i += 1;
    }
    return total;
  }
}

/** Bins per period for the diurnal majorant: acceptance stays above 1 − 2πa/48 ≈ 87%. */
const DIURNAL_BINS = 48;

class DiurnalProfile extends RateProfile {
  private readonly mean: number;
  private readonly amplitude: number;
  private readonly period: number;
  private readonly phase: number;
  private readonly bin: number;

  constructor(spec: { readonly diurnal: { readonly mean: number; readonly amplitude: number; readonly period: number; readonly phase?: number } }) {
    super(spec);
    const d = spec.diurnal;
    checkRate('diurnal.mean', d.mean);
    if (!(d.amplitude >= 0 && d.amplitude <= 1)) throw new RangeError(`diurnal.amplitude must be in [0, 1], got ${d.amplitude}`);
    if (!(d.period > 0 && Number.isFinite(d.period))) throw new RangeError(`diurnal.period must be > 0 ms, got ${d.period}`);
    const phase = d.phase ?? 0;
    if (!Number.isFinite(phase)) throw new RangeError(`diurnal.phase must be finite, got ${phase}`);
    this.mean = d.mean * PER_S;
    this.amplitude = d.amplitude;
    this.period = d.period;
    this.phase = phase;
    this.bin = d.period / DIURNAL_BINS;
    this.boundExact = d.amplitude === 0;
  }

  rateAt(t: number): number {
    return this.mean * (1 + this.amplitude * Math.sin((2 * Math.PI * (t - this.phase)) / this.period));
  }

  bound(t: number): number {
    if (this.amplitude === 0 || this.mean === 0) {
      this.boundUntil = Number.POSITIVE_INFINITY;
      return this.mean;
    }
    let k = Math.floor((t - this.phase) / this.bin);
    // Rounding may put t (a previous bin's end) a hair below its own bin's start.
    if (this.phase + (k + 1) * this.bin <= t) k += 1;
    const lo = this.phase + k * this.bin;
    const hi = this.phase + (k + 1) * this.bin;
    this.boundUntil = hi;
    this.boundExact = false;
    // The sine's maximum on a bin is at an end unless a crest lies inside.
    const crest = this.phase + this.period / 4;
    const crestInside = Math.ceil((lo - crest) / this.period) * this.period + crest <= hi;
    const top = crestInside ? this.mean * (1 + this.amplitude) : Math.max(this.rateAt(lo), this.rateAt(hi));
    // A hair above the exact maximum: rounding in sin() must never let the rate exceed the majorant.
    return top * (1 + 1e-12);
  }

  expected(a: number, b: number): number {
    if (!(b > a)) return 0;
    const w = (2 * Math.PI) / this.period;
    return this.mean * (b - a) - ((this.mean * this.amplitude) / w) * (Math.cos(w * (b - this.phase)) - Math.cos(w * (a - this.phase)));
  }
}

/**
 * A non-homogeneous Poisson process drawn exactly by thinning (Lewis and Shedler, 1979)
 * against the profile's piecewise-constant majorant M(t): candidates are a Poisson
 * process of rate M(t), drawn by inverting its integral (one exponential per candidate,
 * carried across the majorant's breakpoints), and each is kept with probability
 * rate/M. Flat segments keep every candidate, so a constant, step or trace-of-rates
 * profile costs one exponential per arrival: plain inversion.
 * Times are continuous (ms, fractional); the caller rounds when it schedules.
 */
export class PoissonArrivals {
  private t: number;

  constructor(
    private readonly profile: RateProfile,
    private readonly rng: RandomStream,
    startMs: number,
  ) {
    this.t = startMs;
  }

  /**
   * The next arrival time (ms), or +Infinity when there is none before `limitMs`
   * (the workload's stop) or the rate stays 0 for ever.
   */
  next(limitMs = Number.POSITIVE_INFINITY): number {
    const profile = this.profile;
    const rng = this.rng;
    let t = this.t;
    // The candidate's distance in units of the integrated majorant: Exp(1).
    let residual = -Math.log(1 - rng.next());
    for (;;) {
      const m = profile.bound(t);
      const until = profile.boundUntil;
      if (m > 0) {
        const candidate = t + residual / m;
        if (candidate < until) {
          t = candidate;
          if (t >= limitMs) break;
          if (profile.boundExact || rng.next() * m < profile.rateAt(t)) {
            this.t = t;
            return t;
          }
          residual = -Math.log(1 - rng.next());
          continue;
        }
        residual -= (until - t) * m;
      }
      if (until >= limitMs || until === Number.POSITIVE_INFINITY) break;
      t = until;
    }
    this.t = Number.POSITIVE_INFINITY;
    return Number.POSITIVE_INFINITY;
  }
}
