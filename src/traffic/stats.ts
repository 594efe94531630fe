/**
 * Request statistics: exact latency percentiles and response counts by status code and
 * source, per key (a route, a target group, a load balancer — whatever the caller
 * keys by). Generic on purpose: the load balancers record into the same shapes.
 *
 * Percentiles are exact: every latency is kept in a growable Float64Array (8 bytes per
 * request, so 10 million requests take 80 MB) and sorted once when a summary is asked
 * for. The p-th percentile is the nearest-rank one, the smallest sample with at least
 * p·n samples at or below it, so it is always a latency that some request really had.
 */

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

/** The nearest-rank p-quantile of sorted samples. */
function nearestRank(sorted: Float64Array, n: number, p: number): number {
  if (n === 0) return 0;
  const rank = Math.ceil(p * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1] as number;
}

/** A growable list of latencies (ms) with exact percentiles. */
export class LatencySamples {
  private data: Float64Array;
  private n = 0;
  private sum = 0;
  private sorted = true;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  get count(): number {
    return this.n;
  }

  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    if (this.sorted && this.n > 0 && ms < (this.data[this.n - 1] as number)) this.sorted = false;
    this.data[this.n] = ms;
    this.n += 1;
    this.sum += ms;
  }

  /** Adds every sample of another list. */
  addAll(other: LatencySamples): void {
    for (const x of other.values()) this.add(x);
  }

  /** The samples, sorted ascending (a view; valid until the next `add`). */
  values(): Float64Array {
    this.sort();
    return this.data.subarray(0, this.n);
  }

  /** The exact nearest-rank p-quantile, 0 < p <= 1 (0 when empty). */
  quantile(p: number): number {
    this.sort();
    return nearestRank(this.data, this.n, p);
  }

  summary(): LatencySummary {
    this.sort();
    const n = this.n;
    const d = this.data;
    return {
      count: n,
      mean: n > 0 ? this.sum / n : 0,
      p50: nearestRank(d, n, 0.5),
      p90: nearestRank(d, n, 0.9),
      p99: nearestRank(d, n, 0.99),
      max: n > 0 ? (d[n - 1] as number) : 0,
    };
  }

  private sort(): void {
    if (this.sorted) return;
    this.data.subarray(0, this.n).sort();
    this.sorted = true;
  }
}

/**
 * The statistics of one key. Recording costs one array store and one map update; the
 * recorder object can be kept by the caller (one per route) to skip the key lookup.
 */
export class RequestRecorder {
  readonly latency = new LatencySamples();
  errors = 0;
  /** Count by `status * 4 + source index`: a number key, no string built per request. */
  private readonly codes = new Map<number, number>();

  constructor(readonly key: string) {}

  get count(): number {
    return this.latency.count;
  }

  record(latencyMs: number, status: number, source: ResponseSource): void {
    this.latency.add(latencyMs);
    // Status 0 is a connection reset (an NLB has no status of its own to give).
    if (status === 0 || status >= 400) this.errors += 1;
    const code = status * 4 + (source === 'elb' ? 0 : source === 'target' ? 1 : 2);
    this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
  }

  /** Responses with this status (from any source, or from the one given). */
  countOf(status: number, source?: ResponseSource): number {
    if (source !== undefined) return this.codes.get(status * 4 + SOURCES.indexOf(source)) ?? 0;
    let total = 0;
    for (let s = 0; s < SOURCES.length; s += 1) total += this.codes.get(status * 4 + s) ?? 0;
    return total;
  }

  codeCounts(): StatusCount[] {
    return [...this.codes.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([code, count]) => ({ status: Math.floor(code / 4), source: SOURCES[code % 4] as ResponseSource, count }));
  }

  /** Adds another recorder's samples and counts into this one. */
  merge(other: RequestRecorder): void {
    this.latency.addAll(other.latency);
    this.errors += other.errors;
    for (const [code, count] of other.codes) this.codes.set(code, (this.codes.get(code) ?? 0) + count);
  }

  summary(): RequestSummary {
    return { key: this.key, count: this.count, errors: this.errors, latency: this.latency.summary(), codes: this.codeCounts() };
  }
}

/** Request statistics by key. */
export class RequestStats {
  private readonly byKey = new Map<string, RequestRecorder>();

  /** The recorder for a key, created on first use. */
  recorder(key: string): RequestRecorder {
    let r = this.byKey.get(key);
    if (r === undefined) {
      r = new RequestRecorder(key);
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
    return (this.byKey.get(key) ?? new RequestRecorder(key)).summary();
  }

  /** One summary per key, ordered by key (code-unit order, never the locale's). */
  summaries(): RequestSummary[] {
    return this.keys().map((k) => this.summary(k));
  }

  /** All keys together, under the key given. */
  total(key = '*'): RequestSummary {
    const all = new RequestRecorder(key);
    for (const k of this.keys()) all.merge(this.byKey.get(k) as RequestRecorder);
    return all.summary();
  }
}
