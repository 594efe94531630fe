import { InputError } from '../issues/index.js';
import { formatIsoTimestamp } from './format.js';

/**
 * The CloudWatch metric store: datapoints keyed by namespace, metric name and dimensions,
 * answered with CloudWatch's statistics over periods, as `GetMetricStatistics` and
 * `GetMetricData` answer them.
 *
 * - **Identity.** A metric is namespace + name + dimension set. The dimension order does
 *   not matter (CloudWatch treats `[{A},{B}]` and `[{B},{A}]` as one metric); the key
 *   sorts dimensions by name with a plain code-unit comparison (never the locale).
 * - **Storage.** Raw values are kept per storage bucket (60 s for standard-resolution
 *   metrics, 1 s for high-resolution ones, ecs-facts C-017), in one number array per bucket,
 *   never as per-sample objects. A sample belongs to the bucket its timestamp falls in.
 *   Statistic sets (`PutMetricData` `StatisticValues`) are kept as (count, sum, min, max)
 *   entries beside the raw values; a window holding one has no percentiles, as in
 *   CloudWatch.
 * - **Periods** are aligned to multiples of the period from simulated time 0 (CloudWatch
 *   aligns to the period boundary from the Unix epoch; simulated time 0 plays the epoch's
 *   part here, so with the default `epochOriginMs` of 0 the two coincide). A datapoint is
 *   stamped with its period's *start* (C-017). Alarms read arbitrary windows (`stat`),
 *   because an alarm's datapoints slide with its evaluation time (C-022).
 * - **Publication delay.** A sample becomes visible to queries and alarms only
 *   `publicationDelayMs` after it was put (the simulated time of the put, not its
 *   timestamp). The default is 2 minutes: C-019 says a new metric "can take up to 2
 *   minutes before you can retrieve statistics"; the latency of existing AWS/ECS and ALB
 *   metrics is undocumented (C-019 `[unverified]`, open question 10), so this is the one
 *   documented bound, and it is configurable.
 * - **Retention.** CloudWatch's own (C-018) is not modelled. By default every sample is
 *   kept for the run (a library user may ask anything at any time). A run that knows its
 *   readers calls `retainOnlyWhatIsRead()`: from then on the store keeps, per metric, only
 *   what can still be asked of it, so its memory stays flat however long the run:
 *   - the raw buckets an alarm can still read: each alarm declares (`need`) how far back
 *     its evaluation range reaches, (range size) × Period (C-022, C-025); a bucket that
 *     starts before `now − reach` can never be read again, since the clock never goes back;
 *   - for each whole-run query declared with `keepSeries` (the scenario's `cloudwatch.metrics`,
 *     answered at the end), one summary per period of that query, aligned as `series`
 *     aligns them, folded from the raw buckets in exactly the order `summarize` adds them
 *     (so every Sum, Average and percentile is bit-identical) once every sample in the
 *     period is visible, just before its buckets are dropped;
 *   - nothing else: a metric nobody reads keeps only its newest buckets.
 *   Assumptions of this mode: samples are put for recent periods (up to
 *   `LATE_PUT_ALLOWANCE_MS` old; a put into a period already dropped is refused with a
 *   RangeError, as CloudWatch refuses timestamps older than it accepts), and an alarm put
 *   mid-run sees only what was retained when it was put.
 */

/** C-019: "up to 2 minutes before you can retrieve statistics". */
export const PUBLICATION_DELAY_MS_DEFAULT = 120_000;
/**
 * Retention mode: how old a sample's timestamp may be when it is put (publishers put the
 * minute just ended; 10 minutes leave room for any that put later). Older buckets of a
 * metric nobody reads are dropped.
 */
export const LATE_PUT_ALLOWANCE_MS = 600_000;
/** At most this many dropped buckets are kept for reuse. */
const SPARE_BUCKETS_MAX = 4096;
/** GetMetricData / GetMetricStatistics: `Period` defaults to 60 s here (issue 8; C-001 1-minute data). */
export const PERIOD_SECONDS_DEFAULT = 60;

export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

/** `PutMetricData` `StatisticValues`. */
export interface StatisticSet {
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
}

export type BasicStatistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';
/** A basic statistic or a percentile `pNN` / `pNN.NN` (C-016). */
export type Statistic = BasicStatistic | `p${string}`;

export const BASIC_STATISTICS: readonly BasicStatistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
/** `p0` to `p100`, up to two decimals (C-016: "pNN (up to two decimals, e.g. p95.45)"). */
export const PERCENTILE_PATTERN = /^p(?:100(?:\.0{1,2})?|\d{1,2}(?:\.\d{1,2})?)$/;

export function isStatistic(s: string): s is Statistic {
  return (BASIC_STATISTICS as readonly string[]).includes(s) || PERCENTILE_PATTERN.test(s);
}

/** Valid periods (C-017): 1, 5, 10, 30 or a multiple of 60 seconds. */
export function isValidPeriod(seconds: number): boolean {
  return Number.isInteger(seconds) && (seconds === 1 || seconds === 5 || seconds === 10 || seconds === 30 || (seconds > 0 && seconds % 60 === 0));
}

/** The statistics of the visible samples in one window; `undefined` when it has none. */
export interface WindowSummary {
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
  /** Raw values, unsorted; absent when the window holds a statistic set (no percentiles). */
  readonly values: readonly number[] | undefined;
}

/** A query CloudWatch refuses (`InvalidParameterValue`, `InvalidParameterCombination`): bad input, in the one error class. */
const metricQueryError = (message: string): InputError => new InputError(message);

interface SetEntry extends StatisticSet {
  readonly arrivalMs: number;
}

/** One storage bucket: raw values in arrival order, arrival times run-length encoded. */
class Bucket {
  readonly values: number[] = [];
  /** Arrival time of each run of values; nondecreasing, since the clock never goes back. */
  readonly arrivals: number[] = [];
  /** `values` index one past the end of each run. */
  readonly runEnds: number[] = [];
  sets: SetEntry[] | undefined;

  /**
   * Empties a dropped bucket for reuse (retention mode drops one per metric a minute and
   * makes another). The arrays are kept (fresh ones measured no faster and held ~20% more
   * heap: the old ones are garbage in the old generation).
   */
  reset(): void {
    this.values.length = 0;
    this.arrivals.length = 0;
    this.runEnds.length = 0;
    this.sets = undefined;
    this.folded = 0;
    this.foldedSum = 0;
    this.foldedMin = Infinity;
    this.foldedMax = -Infinity;
  }

  add(value: number, arrivalMs: number): void {
    // The running totals follow the values as they come, while they hold every value so far
    // (the same additions in the same order as a later fold): a window read when they are
    // all visible adds none of them again, and the values are added while still in cache.
    if (this.folded === this.values.length) {
      this.folded += 1;
      this.foldedSum += value;
      if (value < this.foldedMin) this.foldedMin = value;
      if (value > this.foldedMax) this.foldedMax = value;
    }
    this.values.push(value);
    const last = this.arrivals.length - 1;
    if (last >= 0 && this.arrivals[last] === arrivalMs) this.runEnds[last] = this.values.length;
    else {
      this.arrivals.push(arrivalMs);
      this.runEnds.push(this.values.length);
    }
  }

  /**
   * Running totals of `values[0, folded)`, added in order: a window of one bucket whose
   * visible values are a longer prefix adds only the new ones (an alarm re-reads the same
   * bucket every minute of its range). Sums come out bit-identical, as they are the same
   * additions in the same order.
   */
  folded = 0;
  foldedSum = 0;
  foldedMin = Infinity;
  foldedMax = -Infinity;

  /** How many values arrived at or before `t`. */
  visibleCount(t: number): number {
    const a = this.arrivals;
    // Usually every value is visible (the bucket is older than the publication delay): no search.
    if (a.length === 0 || (a[a.length - 1] as number) <= t) return this.values.length;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((a[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (this.runEnds[lo - 1] as number);
  }
}

interface StoredMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly Dimension[];
  /** Fixed by the first put (a reader may declare the metric before it has samples). */
  bucketMs: number;
  sampled: boolean;
  unit: string | undefined;
  /** By bucket start; inserted in time order as publishers put (pruning relies on it only for speed). */
  readonly buckets: Map<number, Bucket>;
  /** Every bucket was made after every older one (so `buckets` iterates oldest first), and the newest bucket start made. */
  inOrder: boolean;
  newestBucketMs: number;
  /** Retention mode: how far back (ms before now) readers may still ask for raw buckets. */
  reachMs: number;
  /** Retention mode: buckets starting before this were dropped; puts there are refused. */
  droppedBeforeMs: number;
  /** Retention mode: the whole-run queries' periods (ms) and whether they need raw values (percentiles). */
  readonly kept: Map<number, KeptSeries>;
  /** The store's put counter at the latest put to this metric (a window reader's "nothing new" check). */
  lastSeq: number;
  /** Recent puts, kept once a window reader reads the metric (no cost for a metric nobody reads that way). */
  log: PutLog | undefined;
}

/**
 * A metric's recent puts, oldest first: which bucket each went to, when it arrived and the
 * store's put counter then. A window reader replays the tail it has not seen to learn which
 * of its windows may have changed (new samples, or old ones turning visible as the clock
 * passes their publication delay). Puts to one bucket at one instant share an entry.
 */
class PutLog {
  readonly buckets: number[] = [];
  readonly arrivals: number[] = [];
  readonly seqs: number[] = [];
  /** Entries before `head` are dropped (compacted now and then). */
  head = 0;
  /**
   * The latest arrival among the entries dropped, or the time the log began (puts before it
   * are not in it): a reader that last looked before this may have missed a change.
   */
  droppedArrivalMs: number;
  /** Every put not in the log (made before it began, or dropped) went to a bucket starting at or before this. */
  floorBucketMs: number;

  constructor(startMs: number, newestBucketMs: number) {
    this.droppedArrivalMs = startMs;
    this.floorBucketMs = newestBucketMs;
  }

  add(bucketStart: number, arrivalMs: number, seq: number, keepMs: number): void {
    const last = this.seqs.length - 1;
    if (last >= this.head && this.buckets[last] === bucketStart && this.arrivals[last] === arrivalMs) this.seqs[last] = seq;
    else {
      this.buckets.push(bucketStart);
      this.arrivals.push(arrivalMs);
      this.seqs.push(seq);
    }
    // Entries older than any reader can still need (it refreshes at least every few minutes, or starts afresh).
    const oldest = arrivalMs - keepMs;
    while (this.head < this.seqs.length && (this.arrivals[this.head] as number) < oldest) {
      this.droppedArrivalMs = this.arrivals[this.head] as number;
      if ((this.buckets[this.head] as number) > this.floorBucketMs) this.floorBucketMs = this.buckets[this.head] as number;
      this.head += 1;
    }
    if (this.head >= 64) {
      this.buckets.splice(0, this.head);
      this.arrivals.splice(0, this.head);
      this.seqs.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** How long a put stays in a metric's log beyond its publication delay: a reader that skipped longer starts afresh. */
const PUT_LOG_KEEP_MS = 600_000;

/** One whole-run query's summaries, by period start; folded just before their buckets go. */
interface KeptSeries {
  wantValues: boolean;
  /** Periods before this are folded (or had no data). */
  foldedBeforeMs: number;
  readonly summaries: Map<number, WindowSummary>;
}

/** One period of a published metric: the statistics CloudWatch keeps (Average is Sum / SampleCount). */
export interface PublishedPoint {
  /** The period's start, ms since the Unix epoch (the store's epoch origin + simulated ms). */
  readonly timestampMs: number;
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
}

export interface PublishedMetric {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: readonly Dimension[];
  readonly Unit?: string;
  readonly points: readonly PublishedPoint[];
}

export interface MetricStoreOptions {
  /** Default 120 000 ms (C-019). */
  readonly publicationDelayMs?: number;
  /** The wall-clock time (Unix epoch ms) that simulated time 0 stands for; used for timestamps in API shapes. Default 0. */
  readonly epochOriginMs?: number;
}

export interface MetricId {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions?: readonly Dimension[] | undefined;
}

export interface GetMetricStatisticsInput extends MetricId {
  /** Simulated ms, inclusive. */
  readonly StartTime: number;
  /** Simulated ms, exclusive. */
  readonly EndTime: number;
  readonly Period?: number;
  readonly Statistics?: readonly BasicStatistic[];
  readonly ExtendedStatistics?: readonly string[];
}

export interface StatisticsDatapoint {
  readonly Timestamp: string;
  readonly SampleCount?: number;
  readonly Average?: number;
  readonly Sum?: number;
  readonly Minimum?: number;
  readonly Maximum?: number;
  readonly ExtendedStatistics?: Readonly<Record<string, number>>;
  readonly Unit?: string;
}

export interface MetricDataQuery {
  readonly Id: string;
  readonly MetricStat: {
    readonly Metric: MetricId;
    readonly Period?: number;
    readonly Stat: string;
    readonly Unit?: string;
  };
  readonly Label?: string;
  readonly ReturnData?: boolean;
}

export interface GetMetricDataInput {
  readonly MetricDataQueries: readonly MetricDataQuery[];
  /** Simulated ms, inclusive. */
  readonly StartTime: number;
  /** Simulated ms, exclusive. */
  readonly EndTime: number;
  /** Default `TimestampDescending`, as the API. */
  readonly ScanBy?: 'TimestampDescending' | 'TimestampAscending';
}

export interface MetricDataResult {
  readonly Id: string;
  readonly Label: string;
  readonly Timestamps: string[];
  readonly Values: number[];
  readonly StatusCode: 'Complete';
  readonly Messages: [];
}

export interface GetMetricDataOutput {
  readonly MetricDataResults: MetricDataResult[];
  readonly Messages: [];
}

/** A datapoint in simulated time, for model code (alarms, autoscalers, reports). */
export interface SeriesPoint {
  /** Period start, simulated ms. */
  readonly timestampMs: number;
  readonly value: number;
}

/** The canonical key of a metric: dimension order does not matter. */
export function metricKey(namespace: string, metricName: string, dimensions: readonly Dimension[] = []): string {
  const dims = sortDimensions(dimensions);
  let key = `${namespace}\u0000${metricName}`;
  for (const d of dims) key += `\u0000${d.Name}=${d.Value}`;
  return key;
}

function sortDimensions(dimensions: readonly Dimension[]): readonly Dimension[] {
  // Usually given in order already (the publishers build them so): no copy then.
  let sorted = true;
  for (let i = 1; i < dimensions.length && sorted; i++) sorted = (dimensions[i - 1] as Dimension).Name <= (dimensions[i] as Dimension).Name;
  return sorted ? dimensions : [...dimensions].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

/**
 * The exact percentile of raw values, nearest-rank: the smallest value with at least p% of
 * the values at or below it. (CloudWatch does not document its interpolation; nearest-rank
 * always returns an observed value, which CloudWatch's own percentiles also do on small
 * samples.)
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** The value of one statistic over a window; undefined when the statistic is unavailable. */
export function statisticOf(summary: WindowSummary, stat: Statistic): number | undefined {
  switch (stat) {
    case 'SampleCount':
      return summary.SampleCount;
    case 'Sum':
      return summary.Sum;
    case 'Average':
      return summary.Sum / summary.SampleCount;
    case 'Minimum':
      return summary.Minimum;
    case 'Maximum':
      return summary.Maximum;
    default:
      return summary.values === undefined ? undefined : percentile(summary.values, Number(stat.slice(1)));
  }
}

function checkStat(stat: string): Statistic {
  if (!isStatistic(stat)) throw metricQueryError(`The value ${stat} for parameter Stat is not valid: expected one of ${BASIC_STATISTICS.join(', ')} or a percentile pNN / pNN.NN`);
  return stat;
}

function checkPeriod(period: number): number {
  if (!isValidPeriod(period)) throw metricQueryError(`The value ${period} for parameter Period is not valid: expected 1, 5, 10, 30 or a multiple of 60 (seconds)`);
  return period;
}

/**
 * The samples visible at `visibleBefore` in the buckets starting in [startMs, endMs): values
 * bucket by bucket, each bucket's raw values in arrival order, then its statistic sets.
 */
function summarizeBuckets(m: StoredMetric, startMs: number, endMs: number, visibleBefore: number, wantValues: boolean): WindowSummary | undefined {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let hasSet = false;
  const values: number[] | undefined = wantValues ? [] : undefined;
  const first = Math.ceil(startMs / m.bucketMs) * m.bucketMs;
  for (let b = first; b < endMs; b += m.bucketMs) {
    const bucket = m.buckets.get(b);
    if (bucket === undefined) continue;
    const n = bucket.visibleCount(visibleBefore);
    let i = 0;
    if (count === 0 && values === undefined && n >= bucket.folded) {
      // The window's first values: the bucket's running totals are these very additions (from 0, in order).
      for (let k = bucket.folded; k < n; k++) {
        const v = bucket.values[k] as number;
        bucket.foldedSum += v;
        if (v < bucket.foldedMin) bucket.foldedMin = v;
        if (v > bucket.foldedMax) bucket.foldedMax = v;
      }
      bucket.folded = n;
      count = n;
      sum = bucket.foldedSum;
      min = bucket.foldedMin;
      max = bucket.foldedMax;
      i = n;
    }
    for (; i < n; i++) {
      const v = bucket.values[i] as number;
      count += 1;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
      values?.push(v);
    }
    const sets = bucket.sets;
    if (sets === undefined) continue;
    for (const s of sets) {
      if (s.arrivalMs > visibleBefore) break;
      hasSet = true;
      count += s.SampleCount;
      sum += s.Sum;
      if (s.Minimum < min) min = s.Minimum;
      if (s.Maximum > max) max = s.Maximum;
    }
  }
  if (count === 0) return undefined;
  return { SampleCount: count, Sum: sum, Minimum: min, Maximum: max, values: hasSet ? undefined : values };
}

/** Every sample in the buckets starting in [startMs, endMs) is visible at `visibleBefore`. */
function allVisible(m: StoredMetric, startMs: number, endMs: number, visibleBefore: number): boolean {
  const first = Math.ceil(startMs / m.bucketMs) * m.bucketMs;
  for (let b = first; b < endMs; b += m.bucketMs) {
    const bucket = m.buckets.get(b);
    if (bucket === undefined) continue;
    if (bucket.visibleCount(visibleBefore) < bucket.values.length) return false;
    if (bucket.sets !== undefined) for (const set of bucket.sets) if (set.arrivalMs > visibleBefore) return false;
  }
  return true;
}

/**
 * A step of the metric lookup: namespace, then metric name, then each dimension's name and
 * value (sorted by name). Its leaf holds what `metricKey` finds for that path, so a put or
 * a query by `MetricId` finds its metric with a few lookups of strings that already exist,
 * and builds no key string.
 */
interface LookupNode {
  readonly next: Map<string, LookupNode>;
  metric: StoredMetric | undefined;
}

const lookupNode = (): LookupNode => ({ next: new Map(), metric: undefined });

function childOf(node: LookupNode, step: string): LookupNode {
  let child = node.next.get(step);
  if (child === undefined) {
    child = lookupNode();
    node.next.set(step, child);
  }
  return child;
}

/**
 * One statistic of one metric per window of `periodMs`, for a reader that asks for the same
 * recent windows again and again (an alarm reads its whole evaluation range every minute,
 * and Application Auto Scaling reads it again when the alarm invokes a policy). Each window
 * starting on a multiple of `slotMs` is computed once and kept until a put to one of its
 * buckets, or a sample in one of them turning visible, may have changed it (the metric's put
 * log tells which); every other window is computed on each read. A kept answer is the very
 * result `summarize` would give now: the same additions in the same order, so equal to the
 * bit. Readers are shared (`MetricStore.windowReader`): alarms and policies on one metric,
 * period and statistic compute each window once between them.
 */
export class WindowReader {
  /** The window start each slot holds; NaN for none. */
  private starts: Float64Array;
  /** Each slot's window: its datapoint (undefined when missing) and its sample count (0 when none). */
  private points: (SeriesPoint | undefined)[];
  private counts: Float64Array;
  private mask: number;
  private seenNowMs = -Infinity;
  private seenVisibleMs = -Infinity;
  private seenSeq = -1;
  private readonly wantValues: boolean;

  /** @internal Made by `MetricStore.windowReader`. */
  constructor(
    private readonly store: { readonly clock: { readonly now: number }; readonly publicationDelayMs: number; summarize(metric: string, startMs: number, endMs: number, wantValues: boolean): WindowSummary | undefined },
    private readonly key: string,
    private readonly m: StoredMetric,
    readonly periodMs: number,
    readonly stat: Statistic,
    readonly slotMs: number,
    windows: number,
  ) {
    this.wantValues = stat.startsWith('p');
    const size = slotsFor(windows, periodMs, slotMs);
    this.starts = new Float64Array(size).fill(Number.NaN);
    this.points = new Array<SeriesPoint | undefined>(size).fill(undefined);
    this.counts = new Float64Array(size);
    this.mask = size - 1;
  }

  /** Keeps at least `windows` consecutive windows (a second reader of the metric may read a longer range). */
  reserve(windows: number): void {
    const size = slotsFor(windows, this.periodMs, this.slotMs);
    if (size <= this.starts.length) return;
    this.starts = new Float64Array(size).fill(Number.NaN);
    this.points = new Array<SeriesPoint | undefined>(size).fill(undefined);
    this.counts = new Float64Array(size);
    this.mask = size - 1;
  }

  /** The statistic over [startMs, startMs + periodMs) as visible now, stamped with `startMs`; undefined when missing. The point is immutable and may be shared. */
  point(startMs: number): SeriesPoint | undefined {
    const slot = this.slotOf(startMs);
    return slot < 0 ? this.computeUncached(startMs).point : this.points[slot];
  }

  /** The window's sample count as visible now (0 when it has none). */
  sampleCount(startMs: number): number {
    const slot = this.slotOf(startMs);
    return slot < 0 ? this.computeUncached(startMs).count : (this.counts[slot] as number);
  }

  /**
   * The `count` windows of the period that end by `endMs` (the newest is [endMs − period,
   * endMs)), oldest first, into `out`, whose length becomes `count`: an alarm's evaluation
   * range, read in one call.
   */
  range(out: (SeriesPoint | undefined)[], endMs: number, count: number): void {
    if (out.length !== count) out.length = count;
    for (let i = count - 1; i >= 0; i--) {
      const start = endMs - (i + 1) * this.periodMs;
      const slot = this.slotOf(start);
      out[count - 1 - i] = slot < 0 ? this.computeUncached(start).point : this.points[slot];
    }
  }

  /** The slot holding the window's answer as of now (computed if need be); -1 for a window kept no slot. */
  private slotOf(startMs: number): number {
    const m = this.m;
    if (this.store.clock.now !== this.seenNowMs || m.lastSeq !== this.seenSeq) this.refresh();
    // Off the slot grid, or answered from a whole-run query's folded periods (retention mode): not kept.
    if (startMs % this.slotMs !== 0 || startMs < m.droppedBeforeMs) return -1;
    const slot = (startMs / this.slotMs) & this.mask;
    if (this.starts[slot] !== startMs) {
      // A window no visible put reached has no datapoint: the log says so without a look at the buckets (the newest window, each minute).
      const s = this.noVisiblePut(startMs) ? undefined : summarizeBuckets(m, startMs, startMs + this.periodMs, this.seenVisibleMs, this.wantValues);
      const value = s === undefined ? undefined : statisticOf(s, this.stat);
      this.starts[slot] = startMs;
      this.points[slot] = value === undefined ? undefined : { timestampMs: startMs, value };
      this.counts[slot] = s === undefined ? 0 : s.SampleCount;
    }
    return slot;
  }

  /** True when the log shows that no put visible now went to a bucket of the window (false when it cannot tell). */
  private noVisiblePut(startMs: number): boolean {
    const log = this.m.log as PutLog;
    if (startMs <= log.floorBucketMs) return false;
    const end = startMs + this.periodMs;
    for (let k = log.head; k < log.seqs.length; k++) {
      const b = log.buckets[k] as number;
      if (b >= startMs && b < end && (log.arrivals[k] as number) <= this.seenVisibleMs) return false;
    }
    return true;
  }

  private computeUncached(startMs: number): { point: SeriesPoint | undefined; count: number } {
    const s = this.store.summarize(this.key, startMs, startMs + this.periodMs, this.wantValues);
    const value = s === undefined ? undefined : statisticOf(s, this.stat);
    return { point: value === undefined ? undefined : { timestampMs: startMs, value }, count: s === undefined ? 0 : s.SampleCount };
  }

  /** Forgets the windows the puts since the last look may have changed (all of them when the log cannot tell). */
  private refresh(): void {
    const m = this.m;
    const now = this.store.clock.now;
    const visible = now - this.store.publicationDelayMs;
    const log = m.log as PutLog;
    if (now < this.seenNowMs || log.droppedArrivalMs >= this.seenVisibleMs) this.starts.fill(Number.NaN);
    else {
      // The entries put since the last look, or whose samples were not visible then: a suffix
      // of the log (counters and arrivals only grow). Of these, the ones visible now changed
      // an answer; the others will when they turn visible, at a later look.
      for (let k = log.seqs.length - 1; k >= log.head; k--) {
        const arrival = log.arrivals[k] as number;
        if (!((log.seqs[k] as number) > this.seenSeq || arrival > this.seenVisibleMs)) break;
        if (arrival <= visible) this.forgetBucket(log.buckets[k] as number);
      }
    }
    this.seenNowMs = now;
    this.seenVisibleMs = visible;
    this.seenSeq = m.lastSeq;
  }

  /** Forgets every kept window holding the bucket that starts at `bucketStart`: those starting in (bucketStart − period, bucketStart]. */
  private forgetBucket(bucketStart: number): void {
    const slotMs = this.slotMs;
    if (this.periodMs / slotMs >= this.starts.length) {
      this.starts.fill(Number.NaN);
      return;
    }
    for (let s = Math.floor(bucketStart / slotMs) * slotMs; s > bucketStart - this.periodMs; s -= slotMs) {
      const slot = (s / slotMs) & this.mask;
      if (this.starts[slot] === s) this.starts[slot] = Number.NaN;
    }
  }
}

/** Slots for `windows` consecutive windows of a period on a grid of `slotMs`: a power of two, with room to spare. */
function slotsFor(windows: number, periodMs: number, slotMs: number): number {
  const needed = Math.ceil(windows * (periodMs / slotMs)) + 2;
  let size = 32;
  while (size < needed) size *= 2;
  return size;
}

export class MetricStore {
  readonly publicationDelayMs: number;
  readonly epochOriginMs: number;
  private readonly metrics = new Map<string, StoredMetric>();
  private readonly lookup = lookupNode();
  /** Dropped buckets, emptied, for the next new ones (no allocation per metric a minute in retention mode). */
  private readonly spare: Bucket[] = [];
  /** Retention mode is on (`retainOnlyWhatIsRead`). */
  private retaining = false;
  /** Puts so far (each put call counts once). */
  private putSeq = 0;
  /** Window readers by metric key, period, statistic and slot (`windowReader`). */
  private readonly readers = new Map<string, WindowReader>();

  /** @throws RangeError for a negative or fractional delay. */
  constructor(
    /** @internal The simulated clock (window readers read it). */
    readonly clock: { readonly now: number },
    options: MetricStoreOptions = {},
  ) {
    this.publicationDelayMs = options.publicationDelayMs ?? PUBLICATION_DELAY_MS_DEFAULT;
    if (!(Number.isInteger(this.publicationDelayMs) && this.publicationDelayMs >= 0)) throw new RangeError(`publicationDelayMs must be a non-negative integer, got ${this.publicationDelayMs}`);
    this.epochOriginMs = options.epochOriginMs ?? 0;
  }

  /**
   * Records one raw sample (`PutMetricData` with `Value`). `timestampMs` is simulated time;
   * `storageResolution` 1 makes the metric high-resolution (fixed on its first put).
   * @throws RangeError for a non-finite value or timestamp.
   */
  putMetricData(namespace: string, metricName: string, dimensions: readonly Dimension[], value: number, timestampMs: number, unit?: string, storageResolution: 1 | 60 = 60): void {
    if (!Number.isFinite(value)) throw new RangeError(`${namespace} ${metricName}: value must be finite, got ${value}`);
    this.bucketFor(namespace, metricName, dimensions, timestampMs, unit, storageResolution).add(value, this.clock.now);
  }

  /**
   * Records several raw samples of one metric with one timestamp, in order (`PutMetricData`
   * with `Values`, each counted once): the same as `putMetricData` for each value in turn,
   * but the metric is looked up once (ECS puts one sample per task of a service a minute).
   * @throws RangeError for a non-finite value or timestamp (before any value is recorded).
   */
  putMetricValues(namespace: string, metricName: string, dimensions: readonly Dimension[], values: readonly number[], timestampMs: number, unit?: string, storageResolution: 1 | 60 = 60): void {
    if (values.length === 0) return;
    // Indexed loops: `for...of` here made an iterator result per value (the day's largest allocation site).
    const n = values.length;
    for (let i = 0; i < n; i += 1) {
      const value = values[i] as number;
      if (!Number.isFinite(value)) throw new RangeError(`${namespace} ${metricName}: value must be finite, got ${value}`);
    }
    const bucket = this.bucketFor(namespace, metricName, dimensions, timestampMs, unit, storageResolution);
    const now = this.clock.now;
    for (let i = 0; i < n; i += 1) bucket.add(values[i] as number, now);
  }

  /**
   * Records a statistic set (`PutMetricData` with `StatisticValues`).
   * @throws RangeError for an inconsistent set (SampleCount < 1, Minimum > Maximum).
   */
  putStatisticSet(namespace: string, metricName: string, dimensions: readonly Dimension[], set: StatisticSet, timestampMs: number, unit?: string, storageResolution: 1 | 60 = 60): void {
    if (!(set.SampleCount >= 1 && set.Minimum <= set.Maximum && [set.Sum, set.Minimum, set.Maximum].every(Number.isFinite))) {
      throw new RangeError(`${namespace} ${metricName}: invalid StatisticValues ${JSON.stringify(set)}`);
    }
    const bucket = this.bucketFor(namespace, metricName, dimensions, timestampMs, unit, storageResolution);
    (bucket.sets ??= []).push({ ...set, arrivalMs: this.clock.now });
  }

  /** Every stored metric, in `ListMetrics` shape (dimensions sorted by name), in key order. */
  listMetrics(namespace?: string): { Namespace: string; MetricName: string; Dimensions: Dimension[] }[] {
    return [...this.metrics.entries()]
      .filter(([, m]) => m.sampled && (namespace === undefined || m.namespace === namespace))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, m]) => ({ Namespace: m.namespace, MetricName: m.metricName, Dimensions: [...m.dimensions] }));
  }

  /**
   * Every metric published, in key order, with the statistics CloudWatch keeps for each
   * `periodMs` period that has samples (periods aligned to 0), whether or not they are
   * visible yet: an export at the end of a run. Complete only outside retention mode
   * (`retainOnlyWhatIsRead` drops old buckets).
   */
  publishedSeries(periodMs: number): PublishedMetric[] {
    const out: PublishedMetric[] = [];
    for (const [, m] of [...this.metrics.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!m.sampled || m.buckets.size === 0) continue;
      const starts = [...m.buckets.keys()].map((b) => Math.floor(b / periodMs) * periodMs);
      const periods = [...new Set(starts)].sort((a, b) => a - b);
      const points: PublishedPoint[] = [];
      for (const t of periods) {
        const s = summarizeBuckets(m, t, t + periodMs, Infinity, false);
        if (s !== undefined) points.push({ timestampMs: this.epochOriginMs + t, SampleCount: s.SampleCount, Sum: s.Sum, Minimum: s.Minimum, Maximum: s.Maximum });
      }
      out.push({ Namespace: m.namespace, MetricName: m.metricName, Dimensions: [...m.dimensions], ...(m.unit === undefined ? {} : { Unit: m.unit }), points });
    }
    return out;
  }

  /**
   * The samples visible now in the window [startMs, endMs), summarised; undefined when
   * there are none (CloudWatch returns no datapoint). A sample counts if its storage
   * bucket starts inside the window.
   */
  summarize(metric: MetricId | string, startMs: number, endMs: number, wantValues = false): WindowSummary | undefined {
    // A string is the metric's key (`metricKey`), for callers that ask about one metric often.
    const m = typeof metric === 'string' ? this.metrics.get(metric) : this.find(metric.Namespace, metric.MetricName, metric.Dimensions ?? []);
    if (m === undefined) return undefined;
    if (startMs < m.droppedBeforeMs) {
      // A whole-run query's period, folded before its buckets were dropped.
      const kept = m.kept.get(endMs - startMs);
      if (kept !== undefined && startMs % (endMs - startMs) === 0 && startMs < kept.foldedBeforeMs && (kept.wantValues || !wantValues)) return kept.summaries.get(startMs);
    }
    return summarizeBuckets(m, startMs, endMs, this.clock.now - this.publicationDelayMs, wantValues);
  }

  /**
   * Retention mode (see the class comment): from now on keep only what alarms (`need`) and
   * whole-run queries (`keepSeries`) can still ask for.
   */
  retainOnlyWhatIsRead(): void {
    this.retaining = true;
    for (const m of this.metrics.values()) this.prune(m);
  }

  /** An alarm on `metric` reads windows reaching `reachMs` back from its evaluation time. */
  need(metric: MetricId | string, reachMs: number): void {
    const m = this.metricFor(metric);
    if (reachMs > m.reachMs) m.reachMs = reachMs;
  }

  /**
   * The shared reader of one statistic of `metric` per window of `periodSeconds`, keeping
   * the answers for windows that start on multiples of `slotMs` (an alarm's evaluation
   * cadence) until the data under them may change; `windows` is how many consecutive
   * windows its callers read at once. Declares the metric if it has no samples yet.
   * @throws MetricQueryError for an invalid period or statistic.
   */
  windowReader(metric: MetricId, periodSeconds: number, stat: Statistic, slotMs: number, windows: number): WindowReader {
    const periodMs = checkPeriod(periodSeconds) * 1000;
    checkStat(stat);
    if (!(Number.isInteger(slotMs) && slotMs > 0)) throw new RangeError(`slotMs must be a positive whole number of ms, got ${slotMs}`);
    const m = this.metricOf(metric.Namespace, metric.MetricName, metric.Dimensions ?? [], 60);
    const key = metricKey(metric.Namespace, metric.MetricName, metric.Dimensions ?? []);
    const readerKey = `${key}\u0000${periodMs}\u0000${stat}\u0000${slotMs}`;
    let reader = this.readers.get(readerKey);
    if (reader === undefined) {
      // Puts before the log began are not in it: a reader starts afresh until they are all visible.
      m.log ??= new PutLog(this.clock.now, m.buckets.size === 0 ? -Infinity : m.newestBucketMs);
      reader = new WindowReader(this, key, m, periodMs, stat, slotMs, windows);
      this.readers.set(readerKey, reader);
    } else reader.reserve(windows);
    return reader;
  }

  /**
   * A query of `metric` per `periodSeconds` over the whole run will be asked (GetMetricData
   * at the end of a scenario); `wantValues` when its statistic is a percentile.
   * @throws MetricQueryError for an invalid period.
   */
  keepSeries(metric: MetricId, periodSeconds: number, wantValues: boolean): void {
    const periodMs = checkPeriod(periodSeconds) * 1000;
    const m = this.metricFor(metric);
    const kept = m.kept.get(periodMs);
    if (kept === undefined) m.kept.set(periodMs, { wantValues, foldedBeforeMs: m.droppedBeforeMs === -Infinity ? 0 : Math.ceil(m.droppedBeforeMs / periodMs) * periodMs, summaries: new Map() });
    else kept.wantValues ||= wantValues;
  }

  /** How many raw buckets the store holds (for tests of the retention mode). */
  bucketCount(): number {
    let n = 0;
    for (const m of this.metrics.values()) n += m.buckets.size;
    return n;
  }

  /**
   * Retention mode: folds the kept series' periods that are about to lose a bucket, then
   * drops the buckets no reader can reach any more.
   */
  private prune(m: StoredMetric): void {
    const now = this.clock.now;
    const visibleBefore = now - this.publicationDelayMs;
    // Buckets starting before `horizon` are out of every alarm's reach, and too old to be put to.
    const reach = Math.max(m.reachMs, LATE_PUT_ALLOWANCE_MS);
    let horizon = Math.floor((now - reach) / m.bucketMs) * m.bucketMs;
    if (now - reach > horizon) horizon += m.bucketMs;
    if (m.kept.size > 0) {
      m.kept.forEach((kept, periodMs) => {
        // Fold each whole period ending at or before the horizon, once all of its samples are visible.
        let t = kept.foldedBeforeMs;
        while (t + periodMs <= horizon) {
          if (!allVisible(m, t, t + periodMs, visibleBefore)) break;
          const summary = summarizeBuckets(m, t, t + periodMs, visibleBefore, kept.wantValues);
          if (summary !== undefined) kept.summaries.set(t, summary);
          t += periodMs;
        }
        kept.foldedBeforeMs = t;
        // A period not yet folded keeps its buckets.
        if (t < horizon) horizon = Math.floor(t / m.bucketMs) * m.bucketMs;
      });
    }
    if (horizon <= m.droppedBeforeMs) return;
    // forEach, not `for...of` over entries: no [start, bucket] pair per bucket per minute.
    const buckets = m.buckets;
    if (m.inOrder) {
      // Buckets were made oldest first (as publishers put): the ones to drop lead the map.
      for (const start of buckets.keys()) {
        if (start >= horizon) break;
        this.dropBucket(buckets, start);
      }
    } else {
      buckets.forEach((_, start) => {
        if (start < horizon) this.dropBucket(buckets, start);
      });
    }
    m.droppedBeforeMs = horizon;
  }

  private dropBucket(buckets: Map<number, Bucket>, start: number): void {
    const bucket = buckets.get(start) as Bucket;
    buckets.delete(start);
    // Nothing outside the store holds a bucket (summaries copy values): it can be reused.
    if (this.spare.length < SPARE_BUCKETS_MAX) {
      bucket.reset();
      this.spare.push(bucket);
    }
  }

  private metricFor(metric: MetricId | string): StoredMetric {
    if (typeof metric === 'string') {
      const m = this.metrics.get(metric);
      if (m === undefined) throw new RangeError(`no metric with key ${JSON.stringify(metric)}: give a MetricId to declare a metric before its first sample`);
      return m;
    }
    return this.metricOf(metric.Namespace, metric.MetricName, metric.Dimensions ?? [], 60);
  }


  /** One statistic over the window [startMs, endMs), as visible now; undefined when missing. */
  stat(metric: MetricId, stat: Statistic, startMs: number, endMs: number): number | undefined {
    const summary = this.summarize(metric, startMs, endMs, stat.startsWith('p'));
    return summary === undefined ? undefined : statisticOf(summary, stat);
  }

  /**
   * A statistic per period over [startMs, endMs), periods aligned to multiples of the period
   * from simulated time 0, oldest first; periods with no visible data are left out.
   * @throws InputError for an invalid period or statistic.
   */
  series(metric: MetricId, stat: string, periodSeconds: number, startMs: number, endMs: number): SeriesPoint[] {
    const s = checkStat(stat);
    const periodMs = checkPeriod(periodSeconds) * 1000;
    const out: SeriesPoint[] = [];
    for (let t = Math.floor(startMs / periodMs) * periodMs; t < endMs; t += periodMs) {
      const value = this.stat(metric, s, t, t + periodMs);
      if (value !== undefined) out.push({ timestampMs: t, value });
    }
    return out;
  }

  /**
   * `GetMetricStatistics`: datapoints oldest first (the API does not promise an order).
   * @throws InputError for an invalid period or statistic, or none requested.
   */
  getMetricStatistics(input: GetMetricStatisticsInput): { Label: string; Datapoints: StatisticsDatapoint[] } {
    const statistics = input.Statistics ?? [];
    const extended = (input.ExtendedStatistics ?? []).map(checkStat);
    if (statistics.length + extended.length === 0) throw metricQueryError('Must specify either Statistics or ExtendedStatistics');
    for (const s of statistics) checkStat(s);
    const periodMs = checkPeriod(input.Period ?? PERIOD_SECONDS_DEFAULT) * 1000;
    const unit = this.find(input.Namespace, input.MetricName, input.Dimensions ?? [])?.unit;
    const datapoints: StatisticsDatapoint[] = [];
    for (let t = Math.floor(input.StartTime / periodMs) * periodMs; t < input.EndTime; t += periodMs) {
      const summary = this.summarize(input, t, t + periodMs, extended.length > 0);
      if (summary === undefined) continue;
      const dp: Record<string, unknown> = { Timestamp: formatIsoTimestamp(this.epochOriginMs + t) };
      for (const s of statistics) dp[s] = statisticOf(summary, s);
      if (extended.length > 0) {
        const ext: Record<string, number> = {};
        for (const s of extended) {
          const v = statisticOf(summary, s);
          if (v !== undefined) ext[s] = v;
        }
        dp['ExtendedStatistics'] = ext;
      }
      dp['Unit'] = unit ?? 'None';
      datapoints.push(dp as unknown as StatisticsDatapoint);
    }
    return { Label: input.MetricName, Datapoints: datapoints };
  }

  /**
   * `GetMetricData` for `MetricStat` queries, in the API's JSON shape. Timestamps are ISO
   * 8601 UTC (simulated time + `epochOriginMs`); results whose `ReturnData` is false are
   * left out.
   * @throws InputError for an invalid period or statistic, or a repeated Id.
   */
  getMetricData(input: GetMetricDataInput): GetMetricDataOutput {
    const ids = new Set<string>();
    const results: MetricDataResult[] = [];
    for (const q of input.MetricDataQueries) {
      if (ids.has(q.Id)) throw metricQueryError(`The value ${q.Id} for field Id is repeated; each query needs a unique Id`);
      ids.add(q.Id);
      const points = this.series(q.MetricStat.Metric, q.MetricStat.Stat, q.MetricStat.Period ?? PERIOD_SECONDS_DEFAULT, input.StartTime, input.EndTime);
      if (q.ReturnData === false) continue;
      if ((input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending') points.reverse();
      results.push({
        Id: q.Id,
        Label: q.Label ?? q.MetricStat.Metric.MetricName,
        Timestamps: points.map((p) => formatIsoTimestamp(this.epochOriginMs + p.timestampMs)),
        Values: points.map((p) => p.value),
        StatusCode: 'Complete',
        Messages: [],
      });
    }
    return { MetricDataResults: results, Messages: [] };
  }

  private bucketFor(namespace: string, metricName: string, dimensions: readonly Dimension[], timestampMs: number, unit: string | undefined, storageResolution: 1 | 60): Bucket {
    if (!Number.isFinite(timestampMs)) throw new RangeError(`${namespace} ${metricName}: timestamp must be finite, got ${timestampMs}`);
    const m = this.metricOf(namespace, metricName, dimensions, storageResolution);
    if (!m.sampled) {
      // The first put fixes the resolution (a reader may have declared the metric before).
      m.sampled = true;
      m.bucketMs = storageResolution * 1000;
    }
    if (unit !== undefined) m.unit = unit;
    const start = Math.floor(timestampMs / m.bucketMs) * m.bucketMs;
    let bucket = m.buckets.get(start);
    if (bucket === undefined) {
      if (this.retaining) this.prune(m);
      if (start < m.droppedBeforeMs) {
        throw new RangeError(`${namespace} ${metricName}: timestamp ${timestampMs} ms is in a period the store no longer keeps (before ${m.droppedBeforeMs} ms; the run keeps only what its alarms and queries read)`);
      }
      bucket = this.spare.pop() ?? new Bucket();
      if (m.buckets.size === 0) {
        m.inOrder = true;
        m.newestBucketMs = start;
      } else if (start < m.newestBucketMs) m.inOrder = false;
      else m.newestBucketMs = start;
      m.buckets.set(start, bucket);
    }
    // The caller adds to the bucket right after: the put is counted (and logged for window readers) here.
    m.lastSeq = ++this.putSeq;
    m.log?.add(start, this.clock.now, m.lastSeq, this.publicationDelayMs + PUT_LOG_KEEP_MS);
    return bucket;
  }

  /** The lookup's leaf for a metric (its path created as needed). */
  private leafOf(namespace: string, metricName: string, dimensions: readonly Dimension[]): LookupNode {
    let node = childOf(childOf(this.lookup, namespace), metricName);
    // Two dimensions out of order (the ALB's TargetGroup, LoadBalancer) are walked swapped, with no sorted copy.
    const swapped = dimensions.length === 2 && (dimensions[0] as Dimension).Name > (dimensions[1] as Dimension).Name;
    const dims = swapped ? dimensions : sortDimensions(dimensions);
    for (let i = 0; i < dims.length; i++) {
      const d = dims[swapped ? 1 - i : i] as Dimension;
      node = childOf(childOf(node, d.Name), d.Value);
    }
    return node;
  }

  /** The stored metric, if any; remembered in the lookup once found. */
  private find(namespace: string, metricName: string, dimensions: readonly Dimension[]): StoredMetric | undefined {
    const leaf = this.leafOf(namespace, metricName, dimensions);
    return (leaf.metric ??= this.metrics.get(metricKey(namespace, metricName, dimensions)));
  }

  private metricOf(namespace: string, metricName: string, dimensions: readonly Dimension[], storageResolution: 1 | 60): StoredMetric {
    const leaf = this.leafOf(namespace, metricName, dimensions);
    if (leaf.metric !== undefined) return leaf.metric;
    const key = metricKey(namespace, metricName, dimensions);
    let m = this.metrics.get(key);
    if (m === undefined) {
      const dims = sortDimensions(dimensions);
      for (let i = 1; i < dims.length; i++) if ((dims[i] as Dimension).Name === (dims[i - 1] as Dimension).Name) throw new RangeError(`${namespace} ${metricName}: dimension ${(dims[i] as Dimension).Name} is repeated`);
      m = { namespace, metricName, dimensions: [...dims], bucketMs: storageResolution * 1000, sampled: false, unit: undefined, buckets: new Map(), inOrder: true, newestBucketMs: -Infinity, reachMs: 0, droppedBeforeMs: -Infinity, kept: new Map(), lastSeq: 0, log: undefined };
      this.metrics.set(key, m);
    }
    leaf.metric = m;
    return m;
  }
}
