import { DDSketch } from '@datadog/sketches-js';

/**
 * Request statistics: latency percentiles and response counts by status code and source,
 * per key (a route, a target group, a load balancer — whatever the caller keys by).
 * Generic on purpose: the load balancers record into the same shapes.
 *
 * Percentiles in bounded memory. A recorder keeps its first `exactUpTo` latencies
 * (default `EXACT_LATENCY_SAMPLES`, 2 million: 16 MB at most) in a Float64Array and gives exact
 * nearest-rank percentiles from them: the p-th percentile is the smallest sample with at
 * least p·n samples at or below it, so it is a latency some request really had. Every
 * bundled scenario stays below that count (the largest, ec2-binpack-vs-fargate-cost, has
 * 1.4 million requests), so their results are exact and unchanged.
 * Past it, the samples go into a DDSketch (`@datadog/sketches-js`, relative accuracy
 * 1%) and the array is dropped: memory stays a few kB however long the run, and each
 * percentile is within 1% of the value of an exact order statistic next to its rank (see
 * `LatencySamples.quantile`). The mean, count and maximum stay exact in both modes.
 * `exactUpTo: Infinity` keeps every sample (the old behaviour), `0` sketches from the
 * first request.
 *
 * Why DDSketch rather than HdrHistogram: its guarantee is relative error, the one the
 * issue asks for, on any positive double (the fluid mode's latencies are fractional;
 * HdrHistogram wants integers and a range fixed up front); it merges exactly, so a load
 * balancer's summary over its target groups is a merge, not a copy of every sample; and
 * it is pure arithmetic with no dependencies and no WebAssembly, so results are the
 * same bytes on every machine.
 */

/** Latencies kept exactly per recorder before it switches to a sketch (8 bytes each). */
export const EXACT_LATENCY_SAMPLES = 2_000_000;

/** The sketch's relative accuracy: a percentile is within 1% of an exact order statistic at its rank. */
export const SKETCH_RELATIVE_ACCURACY = 0.01;

/** Whole-ms latencies below this are counted in an array before they reach the sketch. */
const PENDING_MS = 4096;

/** How a recorder keeps latencies. */
export interface LatencyOptions {
  /** Samples kept exactly before switching to the sketch (default `EXACT_LATENCY_SAMPLES`; `Infinity`: always exact). */
  readonly exactUpTo?: number;
}

/** Who produced a response (`HttpResponse['source']`): the load balancer, the target, or the client giving up. */
export type ResponseSource = 'elb' | 'target' | 'client';

const SOURCES: readonly ResponseSource[] = ['elb', 'target', 'client'];

export interface LatencySummary {
  readonly count: number;
  /** Arithmetic mean in ms (0 when there are no samples). */
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  /** The largest sample. Absent where the model has no maximum (the fluid mode's unbounded tails). */
  readonly max?: number;
}

export interface StatusCount {
  readonly status: number;
  readonly source: ResponseSource;
  readonly count: number;
}

export interface RequestSummary {
  readonly key: string;
  /** Responses recorded (in the fluid mode: expected requests, not necessarily whole). */
  readonly count: number;
  /** Responses with a status of 400 or more, or 0 (a reset connection), whatever their source (a client's 460 included). */
  readonly errors: number;
  /** Latency of every response, errors included: the time the client waited. */
  readonly latency: LatencySummary;
  /** Counts by (status, source), ordered by status then source (elb, target, client). */
  readonly codes: readonly StatusCount[];
}

/** The nearest-rank p-quantile of sorted samples (the run's request summaries and time series). */
export function nearestRank(sorted: Float64Array, n: number, p: number): number {
  if (n === 0) return 0;
  const rank = Math.ceil(p * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1] as number;
}

/** A latency list (ms): exact percentiles up to `exactUpTo` samples, a DDSketch beyond. */
export class LatencySamples {
  private data: Float64Array;
  private n = 0;
  private sum = 0;
  private maxMs = 0;
  private sorted = true;
  private sketch: DDSketch | undefined = undefined;
  /**
   * In sketch mode, counts of whole-ms latencies below PENDING_MS not yet in the sketch:
   * added as one weighted value each when the sketch is read. The sketch ends up with the
   * same bins as one add per sample, at the cost of an array increment per request.
   */
  private pending: Float64Array | undefined = undefined;
  private pendingAny = false;
  private readonly exactUpTo: number;

  /** @throws RangeError for a negative or non-integer `exactUpTo` (other than Infinity). */
  constructor(initialCapacity = 1024, options: LatencyOptions = {}) {
    const limit = options.exactUpTo ?? EXACT_LATENCY_SAMPLES;
    if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 0))) throw new RangeError(`exactUpTo must be a whole number >= 0 or Infinity, got ${limit}`);
    this.exactUpTo = limit;
    this.data = new Float64Array(Math.min(Math.max(16, initialCapacity), limit));
    if (limit === 0) this.toSketch();
  }

  get count(): number {
    return this.n;
  }

  /** True while every sample is kept (percentiles exact). */
  get exact(): boolean {
    return this.sketch === undefined;
  }

  add(ms: number): void {
    this.sum += ms;
    if (ms > this.maxMs || this.n === 0) this.maxMs = ms;
    const sketch = this.sketch;
    if (sketch !== undefined) {
      const pending = this.pending as Float64Array;
      if (ms >>> 0 === ms && ms < PENDING_MS) {
        pending[ms] = (pending[ms] as number) + 1;
        this.pendingAny = true;
      } else sketch.accept(ms);
      this.n += 1;
      return;
    }
    if (this.n === this.data.length) {
      if (this.n >= this.exactUpTo) {
        this.toSketch().accept(ms);
        this.n += 1;
        return;
      }
      const bigger = new Float64Array(Math.min(this.data.length * 2, this.exactUpTo));
      bigger.set(this.data);
      this.data = bigger;
    }
    if (this.sorted && this.n > 0 && ms < (this.data[this.n - 1] as number)) this.sorted = false;
    this.data[this.n] = ms;
    this.n += 1;
  }

  /** Adds every sample of another list: a merge of sketches when either side has one. */
  addAll(other: LatencySamples): void {
    if (other.sketch === undefined && this.n + other.n <= this.exactUpTo) {
      // A block copy, then the sum and maximum in the same (sorted) order `add` would take.
      const src = other.values();
      const n = this.n + src.length;
      if (n > this.data.length) {
        const bigger = new Float64Array(Math.min(Math.max(n, this.data.length * 2), this.exactUpTo));
        bigger.set(this.data.subarray(0, this.n));
        this.data = bigger;
      }
      if (src.length > 0) {
        if (this.sorted && this.n > 0 && (src[0] as number) < (this.data[this.n - 1] as number)) this.sorted = false;
        this.data.set(src, this.n);
        for (let i = 0; i < src.length; i += 1) {
          const x = src[i] as number;
          this.sum += x;
          if (x > this.maxMs || (this.n === 0 && i === 0)) this.maxMs = x;
        }
        this.n = n;
      }
      return;
    }
    const mine = this.sketch ?? this.toSketch();
    this.flush();
    other.flush();
    if (other.sketch !== undefined) mine.merge(other.sketch);
    else for (const x of other.data.subarray(0, other.n)) mine.accept(x);
    if (other.n > 0 && (other.maxMs > this.maxMs || this.n === 0)) this.maxMs = other.maxMs;
    this.n += other.n;
    this.sum += other.sum;
  }

  /**
   * The samples, sorted ascending (a view; valid until the next `add`).
   * @throws Error once the list has switched to a sketch (the samples are gone).
   */
  values(): Float64Array {
    if (this.sketch !== undefined) throw new Error(`the samples are no longer kept: past ${this.exactUpTo} samples only a sketch remains`);
    this.sort();
    return this.data.subarray(0, this.n);
  }

  /**
   * The p-quantile, 0 < p <= 1 (0 when empty). Exact: the nearest-rank sample. From the
   * sketch: within 1% of the order statistic at rank ⌊p·(n−1)⌋ (0-based; the nearest
   * rank is that one or the next), clamped to the exact maximum.
   */
  quantile(p: number): number {
    const sketch = this.sketch;
    if (sketch === undefined) {
      this.sort();
      return nearestRank(this.data, this.n, p);
    }
    this.flush();
    const v = sketch.getValueAtQuantile(p);
    return v > this.maxMs ? this.maxMs : v < 0 ? 0 : v;
  }

  summary(): LatencySummary {
    const n = this.n;
    if (this.sketch === undefined) this.sort();
    return {
      count: n,
      mean: n > 0 ? this.sum / n : 0,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: n > 0 ? this.maxMs : 0,
    };
  }

  /** Puts the pending whole-ms counts into the sketch, lowest first. */
  private flush(): void {
    if (!this.pendingAny) return;
    this.pendingAny = false;
    const pending = this.pending as Float64Array;
    const sketch = this.sketch as DDSketch;
    for (let ms = 0; ms < PENDING_MS; ms += 1) {
      const w = pending[ms] as number;
      if (w > 0) {
        sketch.accept(ms, w);
        pending[ms] = 0;
      }
    }
  }

  /** Moves the kept samples into a new sketch and drops them. */
  private toSketch(): DDSketch {
    const sketch = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
    const pending = new Float64Array(PENDING_MS);
    this.pending = pending;
    // Whole-ms samples are counted, as `add` counts them once sketching: 2 million
    // `accept`s per recorder were about 3% of an hour at 5,000 requests/s (issue 14).
    const d = this.data;
    for (let i = 0; i < this.n; i += 1) {
      const ms = d[i] as number;
      if (ms >>> 0 === ms && ms < PENDING_MS) {
        pending[ms] = (pending[ms] as number) + 1;
        this.pendingAny = true;
      } else sketch.accept(ms);
    }
    this.sketch = sketch;
    this.data = new Float64Array(0);
    this.sorted = true;
    return sketch;
  }

  private sort(): void {
    if (this.sorted) return;
    this.data.subarray(0, this.n).sort();
    this.sorted = true;
  }
}

/**
 * The statistics of one key. Recording costs one array store (or sketch update) and one map update; the
 * recorder object can be kept by the caller (one per route) to skip the key lookup.
 */
export class RequestRecorder {
  readonly latency: LatencySamples;
  errors = 0;
  /** Count by `status * 4 + source index`: a number key, no string built per request; a box, so a count is one lookup. */
  private readonly codes = new Map<number, { n: number }>();
  /** The last code recorded and its box: nearly every response has the same code as the one before. */
  private lastCode = -1;
  private lastBox: { n: number } = { n: 0 };

  constructor(
    readonly key: string,
    readonly options: LatencyOptions = {},
  ) {
    this.latency = new LatencySamples(1024, options);
  }

  get count(): number {
    return this.latency.count;
  }

  record(latencyMs: number, status: number, source: ResponseSource): void {
    this.latency.add(latencyMs);
    // Status 0 is a connection reset (an NLB has no status of its own to give).
    if (status === 0 || status >= 400) this.errors += 1;
    const code = status * 4 + (source === 'elb' ? 0 : source === 'target' ? 1 : 2);
    if (code === this.lastCode) this.lastBox.n += 1;
    else this.bump(code, 1);
  }

  private bump(code: number, count: number): void {
    let box = this.codes.get(code);
    if (box === undefined) {
      box = { n: 0 };
      this.codes.set(code, box);
    }
    box.n += count;
    this.lastCode = code;
    this.lastBox = box;
  }

  /** Responses with this status (from any source, or from the one given). */
  countOf(status: number, source?: ResponseSource): number {
    if (source !== undefined) return this.codes.get(status * 4 + SOURCES.indexOf(source))?.n ?? 0;
    let total = 0;
    for (let s = 0; s < SOURCES.length; s += 1) total += this.codes.get(status * 4 + s)?.n ?? 0;
    return total;
  }

  codeCounts(): StatusCount[] {
    return [...this.codes.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([code, box]) => ({ status: Math.floor(code / 4), source: SOURCES[code % 4] as ResponseSource, count: box.n }));
  }

  /** Adds another recorder's samples and counts into this one. */
  merge(other: RequestRecorder): void {
    this.latency.addAll(other.latency);
    this.errors += other.errors;
    for (const [code, box] of other.codes) this.bump(code, box.n);
  }

  summary(): RequestSummary {
    return { key: this.key, count: this.count, errors: this.errors, latency: this.latency.summary(), codes: this.codeCounts() };
  }
}

/** Request statistics by key. */
export class RequestStats {
  private readonly byKey = new Map<string, RequestRecorder>();

  /** `options.exactUpTo`: latencies kept exactly per key before its sketch takes over. */
  constructor(private readonly options: LatencyOptions = {}) {}

  /** The recorder for a key, created on first use. */
  recorder(key: string): RequestRecorder {
    let r = this.byKey.get(key);
    if (r === undefined) {
      r = new RequestRecorder(key, this.options);
      this.byKey.set(key, r);
    }
    return r;
  }

  record(key: string, latencyMs: number, status: number, source: ResponseSource): void {
    this.recorder(key).record(latencyMs, status, source);
  }

  keys(): string[] {
    return [...this.byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The summary of one key (an empty one for a key never recorded). */
  summary(key: string): RequestSummary {
    return (this.byKey.get(key) ?? new RequestRecorder(key, this.options)).summary();
  }

  /** One summary per key, ordered by key (code-unit order, never the locale's). */
  summaries(): RequestSummary[] {
    return this.keys().map((k) => this.summary(k));
  }

  /** All keys together, under the key given. */
  total(key = '*'): RequestSummary {
    const all = new RequestRecorder(key, this.options);
    for (const k of this.keys()) all.merge(this.byKey.get(k) as RequestRecorder);
    return all.summary();
  }
}
