import { RequestRecorder, type LatencyOptions, type LatencySummary, type RequestSummary, type ResponseSource, type StatusCount } from '../traffic/stats.js';
import { STATUS_CONNECTION_RESET } from './defaults.js';

/**
 * Per-request results of the load balancers: what each request ended as, recorded per
 * load balancer, target group and target. The load balancer asks for a sink once per
 * (load balancer, target group) and once per target and keeps it, so recording a request
 * is a method call on a kept object: no key built, no lookup.
 *
 * Health checks are never recorded (ecs-facts L-007).
 */
export interface RequestSink {
  record(latencyMs: number, status: number, source: ResponseSource): void;
}

/** Where a load balancer records its requests. Implement it to collect differently. */
export interface ElbStatsRecorder {
  /** Requests a load balancer answered without a target group (a fixed response, a forward with all weights 0). */
  loadBalancer(loadBalancerName: string): RequestSink;
  /** Requests a load balancer forwarded to a target group (answered by a target or by the load balancer for it). */
  targetGroup(loadBalancerName: string, targetGroupArn: string): RequestSink;
  /** Requests sent to one target (`ip:port` or `instanceId:port` key). */
  target(targetGroupArn: string, targetKey: string): RequestSink;
}

/**
 * A second sink per load balancer and per (load balancer, target group), told of every
 * request the recorder is (a time series, say), without replacing the recorder.
 */
export interface ElbStatsTap {
  loadBalancer(loadBalancerName: string): RequestSink;
  targetGroup(loadBalancerName: string, targetGroupArn: string): RequestSink;
}

/** Records into two sinks. */
export class TeeSink implements RequestSink {
  constructor(
    private readonly a: RequestSink,
    private readonly b: RequestSink,
  ) {}

  record(latencyMs: number, status: number, source: ResponseSource): void {
    this.a.record(latencyMs, status, source);
    this.b.record(latencyMs, status, source);
  }
}

/**
 * A `RequestRecorder`: exact latencies up to `exactUpTo` samples, a DDSketch beyond (see
 * traffic/stats.ts); an NLB connection reset (status 0) counts as an error there too.
 */
class ElbRecorder extends RequestRecorder implements RequestSink {}

/** Cheap per-target counters: counts by code, mean and max latency (no percentiles: one latency array per target would triple memory). */
export class TargetCounters implements RequestSink {
  count = 0;
  errors = 0;
  sumMs = 0;
  maxMs = 0;
  private readonly codes = new Map<number, number>();

  record(latencyMs: number, status: number, source: ResponseSource): void {
    this.count += 1;
    this.sumMs += latencyMs;
    if (latencyMs > this.maxMs) this.maxMs = latencyMs;
    if (status >= 400 || status === STATUS_CONNECTION_RESET) this.errors += 1;
    const code = status * 4 + (source === 'elb' ? 0 : source === 'target' ? 1 : 2);
    this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
  }

  summary(): TargetRequestSummary {
    return { count: this.count, errors: this.errors, meanMs: this.count > 0 ? this.sumMs / this.count : 0, maxMs: this.maxMs, codes: codeList(this.codes) };
  }
}

const SOURCES: readonly ResponseSource[] = ['elb', 'target', 'client'];

function codeList(codes: ReadonlyMap<number, number>): StatusCount[] {
  return [...codes.entries()].sort((a, b) => a[0] - b[0]).map(([code, count]) => ({ status: Math.floor(code / 4), source: SOURCES[code % 4] as ResponseSource, count }));
}

export interface TargetRequestSummary {
  readonly count: number;
  readonly errors: number;
  readonly meanMs: number;
  readonly maxMs: number;
  readonly codes: readonly StatusCount[];
}

/**
 * The counts CloudWatch's AWS/ApplicationELB and AWS/NetworkELB metrics would show for the
 * same requests (HTTPCode_ELB_5XX_Count is the load balancer's own 5XX, HTTPCode_Target_*
 * the targets'; TCP_*_Reset_Count the NLB's resets by who sent them).
 */
export interface ElbCodeCounts {
  /** Every request the load balancer received, whoever answered it. */
  readonly RequestsReceived: number;
  /**
   * Requests for which the load balancer chose a target (ecs-facts C-009, EF-002): not its
   * 503 with no target, its NLB reset with no target, nor its fixed responses; these show
   * only in HTTPCode_ELB_* (C-013). The same count the AWS/ApplicationELB metric publishes.
   */
  readonly RequestCount: number;
  readonly HTTPCode_ELB_4XX_Count: number;
  readonly HTTPCode_ELB_5XX_Count: number;
  readonly HTTPCode_ELB_502_Count: number;
  readonly HTTPCode_ELB_503_Count: number;
  readonly HTTPCode_ELB_504_Count: number;
  readonly HTTPCode_Target_2XX_Count: number;
  readonly HTTPCode_Target_3XX_Count: number;
  readonly HTTPCode_Target_4XX_Count: number;
  readonly HTTPCode_Target_5XX_Count: number;
  readonly TCP_ELB_Reset_Count: number;
  readonly TCP_Target_Reset_Count: number;
}

export function codeCounts(codes: readonly StatusCount[]): ElbCodeCounts {
  const sum = (source: ResponseSource, lo: number, hi: number): number => codes.reduce((n, c) => n + (c.source === source && c.status >= lo && c.status <= hi ? c.count : 0), 0);
  return {
    RequestsReceived: codes.reduce((n, c) => n + c.count, 0),
    // The load balancer's own answers other than 502/504 (which follow a chosen target) had no target.
    RequestCount: codes.reduce((n, c) => n + (c.source === 'elb' && c.status !== 502 && c.status !== 504 ? 0 : c.count), 0),
    HTTPCode_ELB_4XX_Count: sum('elb', 400, 499),
    HTTPCode_ELB_5XX_Count: sum('elb', 500, 599),
    HTTPCode_ELB_502_Count: sum('elb', 502, 502),
    HTTPCode_ELB_503_Count: sum('elb', 503, 503),
    HTTPCode_ELB_504_Count: sum('elb', 504, 504),
    HTTPCode_Target_2XX_Count: sum('target', 200, 299),
    HTTPCode_Target_3XX_Count: sum('target', 300, 399),
    HTTPCode_Target_4XX_Count: sum('target', 400, 499),
    HTTPCode_Target_5XX_Count: sum('target', 500, 599),
    TCP_ELB_Reset_Count: sum('elb', 0, 0),
    TCP_Target_Reset_Count: sum('target', 0, 0),
  };
}

export interface ElbRequestSummary extends RequestSummary {
  readonly counts: ElbCodeCounts;
}

function withCounts(summary: RequestSummary): ElbRequestSummary {
  return { ...summary, counts: codeCounts(summary.codes) };
}

/**
 * The summary of several recorders under one key. One recorder (a load balancer with one
 * target group, a target group behind one load balancer) is summarised as it is, with no
 * copy of its samples: its latencies are whole ms of the clock, so the merged mean would
 * be the same number.
 */
function summaryOf(key: string, parts: readonly ElbRecorder[], options: LatencyOptions): ElbRequestSummary {
  if (parts.length === 1) return withCounts({ ...(parts[0] as ElbRecorder).summary(), key });
  const all = new ElbRecorder(key, options);
  for (const r of parts) all.merge(r);
  return withCounts(all.summary());
}

/**
 * The default recorder: latency percentiles per load balancer and target group (exact up
 * to `exactUpTo` samples each, then a 1% sketch), counters per target. The summaries of a
 * load balancer or a target group over several recorders merge them (sketches merge
 * exactly); nothing is sorted but a recorder's own exact samples.
 */
export class ElbStats implements ElbStatsRecorder {
  private readonly own = new Map<string, ElbRecorder>();
  /** By load balancer, then target group ARN. */
  private readonly forwarded = new Map<string, Map<string, ElbRecorder>>();
  private readonly targets = new Map<string, Map<string, TargetCounters>>();
  private tapped: ElbStatsTap | undefined;

  constructor(private readonly options: LatencyOptions = {}) {}

  /** Tells `tap` of every request too; set before the load balancers ask for their sinks. */
  tap(tap: ElbStatsTap): this {
    this.tapped = tap;
    return this;
  }

  loadBalancer(loadBalancerName: string): RequestSink {
    let r = this.own.get(loadBalancerName);
    if (r === undefined) {
      r = new ElbRecorder(loadBalancerName, this.options);
      this.own.set(loadBalancerName, r);
    }
    return this.tapped === undefined ? r : new TeeSink(r, this.tapped.loadBalancer(loadBalancerName));
  }

  targetGroup(loadBalancerName: string, targetGroupArn: string): RequestSink {
    let byGroup = this.forwarded.get(loadBalancerName);
    if (byGroup === undefined) {
      byGroup = new Map();
      this.forwarded.set(loadBalancerName, byGroup);
    }
    let r = byGroup.get(targetGroupArn);
    if (r === undefined) {
      r = new ElbRecorder(targetGroupArn, this.options);
      byGroup.set(targetGroupArn, r);
    }
    return this.tapped === undefined ? r : new TeeSink(r, this.tapped.targetGroup(loadBalancerName, targetGroupArn));
  }

  target(targetGroupArn: string, targetKey: string): TargetCounters {
    let byKey = this.targets.get(targetGroupArn);
    if (byKey === undefined) {
      byKey = new Map();
      this.targets.set(targetGroupArn, byKey);
    }
    let c = byKey.get(targetKey);
    if (c === undefined) {
      c = new TargetCounters();
      byKey.set(targetKey, c);
    }
    return c;
  }

  /** Every request a load balancer answered: its own plus those of its target groups. */
  loadBalancerSummary(loadBalancerName: string): ElbRequestSummary {
    const parts: ElbRecorder[] = [];
    const own = this.own.get(loadBalancerName);
    if (own !== undefined) parts.push(own);
    for (const r of this.forwarded.get(loadBalancerName)?.values() ?? []) parts.push(r);
    return summaryOf(loadBalancerName, parts, this.options);
  }

  /** Every request forwarded to a target group, by whichever load balancer. */
  targetGroupSummary(targetGroupArn: string): ElbRequestSummary {
    const parts: ElbRecorder[] = [];
    for (const byGroup of this.forwarded.values()) {
      const r = byGroup.get(targetGroupArn);
      if (r !== undefined) parts.push(r);
    }
    return summaryOf(targetGroupArn, parts, this.options);
  }

  targetSummary(targetGroupArn: string, targetKey: string): TargetRequestSummary {
    return (this.targets.get(targetGroupArn)?.get(targetKey) ?? new TargetCounters()).summary();
  }
}

export type { LatencySummary, RequestSummary, StatusCount };
