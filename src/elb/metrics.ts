import type { Simulation } from '../engine/index.js';
import { MinutePublisher } from '../cloudwatch/publishing.js';
import type { Dimension, MetricStore } from '../cloudwatch/metric-store.js';
import type { ResponseSource } from '../traffic/stats.js';
import type { ElasticLoadBalancing } from './elb.js';
import type { FluidMinute, FluidMinuteSink } from './fluid.js';
import { ElbStats, type RequestSink } from './stats.js';
import type { TargetGroup } from './target-group.js';

/**
 * The load balancers' AWS/ApplicationELB metrics, published once a minute into a
 * CloudWatch metric store.
 *
 * - **Cost.** Requests are counted as they are answered, into one accumulator per
 *   (load balancer, target group) kept by the sink the load balancer already holds: a few
 *   additions per request, no allocation. Once a minute (aligned to simulated time 0,
 *   ecs-facts C-008 "in 60-second intervals") each accumulator becomes a handful of
 *   `PutMetricData` calls: counts as one value, `TargetResponseTime` as one statistic set
 *   (SampleCount, Sum, Minimum, Maximum). So Average/Min/Max/SampleCount are right and
 *   percentiles of `TargetResponseTime` are not available (the store has no raw values
 *   for a window holding a statistic set). Raw per-request puts would be too dear at
 *   millions of requests a second.
 * - **Dimensions** as CloudWatch names them (C-008): `LoadBalancer` = `app/<name>/<id>`,
 *   `TargetGroup` = `targetgroup/<name>/<id>`, both cut from the ARNs.
 * - `RequestCount` (Sum, C-009) counts requests for which a target was chosen: every
 *   request forwarded to a target group except the load balancer's own 503 (no target to
 *   choose), and not the load balancer's own fixed responses. Per `LoadBalancer` and per
 *   `TargetGroup, LoadBalancer`. Reported only for minutes with requests (C-008).
 * - `HTTPCode_ELB_5XX_Count` (per `LoadBalancer`) and `HTTPCode_Target_5XX_Count` (per
 *   `LoadBalancer` and `TargetGroup, LoadBalancer`) are reported when nonzero (C-013).
 * - `TargetResponseTime` (seconds, C-011): requests a target answered; the latency the
 *   load balancer recorded stands for `target_processing_time` (the simulated network
 *   between load balancer and target adds next to nothing). Reported when there are any.
 * - `RequestCountPerTarget` (C-010): the minute's requests to the group divided by its
 *   healthy targets at the minute's end (all registered targets when none is healthy) —
 *   the divisor is `[unverified]` in C-010. Dimensions `TargetGroup` and
 *   `TargetGroup, LoadBalancer`.
 * - `HealthyHostCount` / `UnHealthyHostCount` (C-012): one sample per minute per
 *   `TargetGroup, LoadBalancer`, the counts at the minute's end (one load balancer node
 *   reports here, so Minimum = Maximum = Average).
 * Only application load balancers publish here (NLB metrics, C-015, are not modelled).
 */
const NS = 'AWS/ApplicationELB';

/** `app/<name>/<id>` from a load balancer ARN (C-008). */
export function loadBalancerDimension(arn: string): string {
  return arn.slice(arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
}

/** `targetgroup/<name>/<id>` from a target group ARN (C-008). */
export function targetGroupDimension(arn: string): string {
  return arn.slice(arn.indexOf(':targetgroup/') + 1);
}

class MinuteCounts implements RequestSink {
  requests = 0;
  elb5xx = 0;
  target5xx = 0;
  trtCount = 0;
  trtSumMs = 0;
  trtMinMs = Infinity;
  trtMaxMs = -Infinity;

  constructor(
    private readonly inner: RequestSink,
    /** Fixed responses of the load balancer itself: no target chosen, no RequestCount. */
    private readonly own: boolean,
  ) {}

  record(latencyMs: number, status: number, source: ResponseSource): void {
    this.inner.record(latencyMs, status, source);
    if (source === 'elb') {
      if (status >= 500 && status <= 599) this.elb5xx += 1;
      if (!this.own && status !== 503) this.requests += 1;
      return;
    }
    if (!this.own) this.requests += 1;
    if (source !== 'target') return;
    if (status >= 500 && status <= 599) this.target5xx += 1;
    this.trtCount += 1;
    this.trtSumMs += latencyMs;
    if (latencyMs < this.trtMinMs) this.trtMinMs = latencyMs;
    if (latencyMs > this.trtMaxMs) this.trtMaxMs = latencyMs;
  }

  reset(): void {
    this.requests = 0;
    this.elb5xx = 0;
    this.target5xx = 0;
    this.trtCount = 0;
    this.trtSumMs = 0;
    this.trtMinMs = Infinity;
    this.trtMaxMs = -Infinity;
  }
}

/**
 * An `ElbStats` (the result's summaries stay as they were) that also counts each minute's
 * requests and publishes them. Give it to `ElasticLoadBalancing` as `stats`, then `start`.
 */
export class ElbMetrics extends ElbStats implements FluidMinuteSink {
  private readonly ownSinks = new Map<string, MinuteCounts>();
  /** By load balancer name, then target group ARN. */
  private readonly groupSinks = new Map<string, Map<string, MinuteCounts>>();
  private elb: ElasticLoadBalancing | undefined;
  /** Fluid requests (elb/fluid.ts) by `<load balancer>\n<target group ARN or ''>`, then minute start. */
  private readonly fluid = new Map<string, Map<number, FluidMinute>>();
  private readonly minutes = new MinutePublisher(this.sim, (minuteStart) => this.publish(minuteStart));

  constructor(
    private readonly sim: Simulation,
    private readonly store: MetricStore,
  ) {
    super();
  }

  override loadBalancer(loadBalancerName: string): RequestSink {
    let s = this.ownSinks.get(loadBalancerName);
    if (s === undefined) {
      s = new MinuteCounts(super.loadBalancer(loadBalancerName), true);
      this.ownSinks.set(loadBalancerName, s);
    }
    return s;
  }

  override targetGroup(loadBalancerName: string, targetGroupArn: string): RequestSink {
    let byGroup = this.groupSinks.get(loadBalancerName);
    if (byGroup === undefined) {
      byGroup = new Map();
      this.groupSinks.set(loadBalancerName, byGroup);
    }
    let s = byGroup.get(targetGroupArn);
    if (s === undefined) {
      s = new MinuteCounts(super.targetGroup(loadBalancerName, targetGroupArn), false);
      byGroup.set(targetGroupArn, s);
    }
    return s;
  }

  /** Adds fluid requests to a minute of a target group (or, without one, to the load balancer's own answers). */
  addFluid(loadBalancerName: string, targetGroupArn: string | undefined, minuteStart: number, m: FluidMinute): void {
    const key = `${loadBalancerName}\n${targetGroupArn ?? ''}`;
    let byMinute = this.fluid.get(key);
    if (byMinute === undefined) {
      byMinute = new Map();
      this.fluid.set(key, byMinute);
    }
    const o = byMinute.get(minuteStart);
    if (o === undefined) {
      byMinute.set(minuteStart, { ...m });
      return;
    }
    o.requests += m.requests;
    o.elb5xx += m.elb5xx;
    o.target5xx += m.target5xx;
    o.trtCount += m.trtCount;
    o.trtSumMs += m.trtSumMs;
    o.trtMinMs = Math.min(o.trtMinMs, m.trtMinMs);
    o.trtMaxMs = Math.max(o.trtMaxMs, m.trtMaxMs);
  }

  private takeFluid(loadBalancerName: string, targetGroupArn: string | undefined, minuteStart: number): FluidMinute | undefined {
    if (this.fluid.size === 0) return undefined;
    const byMinute = this.fluid.get(`${loadBalancerName}\n${targetGroupArn ?? ''}`);
    const m = byMinute?.get(minuteStart);
    if (m !== undefined) byMinute?.delete(minuteStart);
    return m;
  }

  /** Publishes at every minute boundary from the next one on. */
  start(elb: ElasticLoadBalancing): void {
    this.elb = elb;
    this.minutes.start();
  }

  stop(): void {
    this.minutes.stop();
  }

  /** `LoadBalancer` dimensions by load balancer ARN, made once (not every minute). */
  private readonly lbDimsCache = new Map<string, readonly Dimension[]>();
  /** `TargetGroup, LoadBalancer` and `TargetGroup` dimensions per group, made once per (group, load balancer). */
  private readonly groupDimsCache = new Map<TargetGroup, GroupDims>();
  /** Each load balancer's target groups this minute; the arrays are emptied and refilled, not remade. */
  private readonly groupsOf = new Map<string, TargetGroup[]>();

  private lbDims(lbArn: string): readonly Dimension[] {
    let dims = this.lbDimsCache.get(lbArn);
    if (dims === undefined) {
      dims = [{ Name: 'LoadBalancer', Value: loadBalancerDimension(lbArn) }];
      this.lbDimsCache.set(lbArn, dims);
    }
    return dims;
  }

  private groupDims(group: TargetGroup, lbArn: string, lbDims: readonly Dimension[]): GroupDims {
    let g = this.groupDimsCache.get(group);
    if (g === undefined || g.lbArn !== lbArn) {
      const both: readonly Dimension[] = [{ Name: 'TargetGroup', Value: targetGroupDimension(group.arn) }, ...lbDims];
      g = { lbArn, both, groupOnly: both.slice(0, 1) };
      this.groupDimsCache.set(group, g);
    }
    return g;
  }

  /** Puts the minute starting at `minuteStart`, then clears the counts. */
  private publish(minuteStart: number): void {
    const elb = this.elb;
    if (elb === undefined) return;
    const store = this.store;
    // Each load balancer's target groups, in the registry's order: one pass, not one per load balancer.
    const groupsOf = this.groupsOf;
    for (const list of groupsOf.values()) list.length = 0;
    for (const group of elb.targetGroupList()) {
      if (group.loadBalancerName === undefined) continue;
      const list = groupsOf.get(group.loadBalancerName);
      if (list === undefined) groupsOf.set(group.loadBalancerName, [group]);
      else list.push(group);
    }
    for (const lb of elb.loadBalancerList()) {
      if (lb.type !== 'application') continue;
      const lbDims = this.lbDims(lb.arn);
      const own = this.ownSinks.get(lb.name);
      let requests = 0;
      let elb5xx = (own?.elb5xx ?? 0) + (this.takeFluid(lb.name, undefined, minuteStart)?.elb5xx ?? 0);
      let target5xx = 0;
      let trtN = 0;
      let trtSum = 0;
      let trtMin = Infinity;
      let trtMax = -Infinity;
      const byGroup = this.groupSinks.get(lb.name);
      const groups = groupsOf.get(lb.name);
      if (groups !== undefined) {
        for (const group of groups) {
          const { both: dims, groupOnly } = this.groupDims(group, lb.arn, lbDims);
          const c = byGroup?.get(group.arn);
          const hosts = group.hostCountsAt(this.sim.now);
          // C-012: host counts every minute, health checks being always on here.
          store.putMetricData(NS, 'HealthyHostCount', dims, hosts.HealthyHostCount, minuteStart, 'Count');
          store.putMetricData(NS, 'UnHealthyHostCount', dims, hosts.UnHealthyHostCount, minuteStart, 'Count');
          // Fluid requests (elb/fluid.ts) add to the request-level ones: expected counts, the model's latencies.
          const f = this.takeFluid(lb.name, group.arn, minuteStart);
          const m: FluidMinute | MinuteCounts | undefined = f === undefined ? c : c === undefined ? f : sumMinutes(c, f);
          if (m === undefined) continue;
          requests += m.requests;
          elb5xx += m.elb5xx;
          target5xx += m.target5xx;
          if (m.requests > 0) {
            store.putMetricData(NS, 'RequestCount', dims, m.requests, minuteStart, 'Count');
            // C-010: divisor [unverified]; healthy targets, else all.
            const divisor = hosts.HealthyHostCount > 0 ? hosts.HealthyHostCount : hosts.HealthyHostCount + hosts.UnHealthyHostCount;
            if (divisor > 0) {
              const perTarget = m.requests / divisor;
              store.putMetricData(NS, 'RequestCountPerTarget', dims, perTarget, minuteStart, 'Count');
              store.putMetricData(NS, 'RequestCountPerTarget', groupOnly, perTarget, minuteStart, 'Count');
            }
          }
          if (m.target5xx > 0) store.putMetricData(NS, 'HTTPCode_Target_5XX_Count', dims, m.target5xx, minuteStart, 'Count');
          if (m.trtCount > 0) {
            store.putStatisticSet(NS, 'TargetResponseTime', dims, { SampleCount: m.trtCount, Sum: m.trtSumMs / 1000, Minimum: m.trtMinMs / 1000, Maximum: m.trtMaxMs / 1000 }, minuteStart, 'Seconds');
            trtN = trtN + m.trtCount;
            trtSum = trtSum + m.trtSumMs;
            trtMin = Math.min(trtMin, m.trtMinMs);
            trtMax = Math.max(trtMax, m.trtMaxMs);
          }
          c?.reset();
        }
      }
      own?.reset();
      if (requests > 0) store.putMetricData(NS, 'RequestCount', lbDims, requests, minuteStart, 'Count');
      if (elb5xx > 0) store.putMetricData(NS, 'HTTPCode_ELB_5XX_Count', lbDims, elb5xx, minuteStart, 'Count');
      if (target5xx > 0) store.putMetricData(NS, 'HTTPCode_Target_5XX_Count', lbDims, target5xx, minuteStart, 'Count');
      if (trtN > 0) store.putStatisticSet(NS, 'TargetResponseTime', lbDims, { SampleCount: trtN, Sum: trtSum / 1000, Minimum: trtMin / 1000, Maximum: trtMax / 1000 }, minuteStart, 'Seconds');
    }
  }
}

/** A group's dimensions as published, and the load balancer they were made for. */
interface GroupDims {
  readonly lbArn: string;
  /** `TargetGroup, LoadBalancer`. */
  readonly both: readonly Dimension[];
  /** `TargetGroup` alone (RequestCountPerTarget, C-010). */
  readonly groupOnly: readonly Dimension[];
}

/** A minute's request-level and fluid counts together. */
function sumMinutes(c: MinuteCounts, f: FluidMinute): FluidMinute {
  return {
    requests: c.requests + f.requests,
    elb5xx: c.elb5xx + f.elb5xx,
    target5xx: c.target5xx + f.target5xx,
    trtCount: c.trtCount + f.trtCount,
    trtSumMs: c.trtSumMs + f.trtSumMs,
    trtMinMs: Math.min(c.trtMinMs, f.trtMinMs),
    trtMaxMs: Math.max(c.trtMaxMs, f.trtMaxMs),
  };
}
