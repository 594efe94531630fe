import type { Simulation } from '../engine/simulation.js';
import type { CloudWatch } from '../cloudwatch/alarm.js';
import type { EcsObserver, ServiceCounts } from '../ecs/observers.js';
import type { Service } from '../ecs/service/service.js';
import type { EcsResult } from '../ecs/result.js';
import { TeeSink, type ElbStatsTap, type RequestSink } from '../elb/stats.js';
import { nearestRank, type ResponseSource } from '../traffic/stats.js';
import type { FluidService } from '../traffic/fluid.js';
import type { FluidElbRecords, FluidListenerFlow } from '../elb/fluid.js';
import type { TimeSeries } from '../result/index.js';
import { maxTotal, minHealthy } from '../ecs/service/rolling.js';

/**
 * The run over time, for charts and traces (`timeSeries` of the result), recorded in
 * bounded memory while the run goes:
 * - services: an observer of the scheduler's counts, a point only when a count changes,
 *   several changes at one simulated time kept as one point (the last);
 * - requests: a sink next to each load balancer's and workload's recorder, counting the
 *   current period only and closing it into columns when a request of a later period
 *   arrives (or at the end): no event is scheduled, so the log and its hash are the same
 *   with or without the series;
 * - instances and alarms: read at the end from what the model keeps anyway (each
 *   instance's resource history, each alarm's DescribeAlarmHistory).
 * Recording reads the model and draws no random numbers (observers.ts).
 */

/** The aggregation period of the request series: a CloudWatch minute (ecs-facts C-008). */
export const TIME_SERIES_PERIOD_MS = 60_000;

type Columns<K extends string> = { t: number[] } & Record<K, number[]>;

/** Appends a step point, or replaces the last one when it is at the same time; nothing when no value changed. */
export function stepPoint<K extends string>(cols: Columns<K>, keys: readonly K[], t: number, values: Readonly<Record<K, number>>): void {
  const n = cols.t.length;
  if (n > 0) {
    const last = n - 1;
    let same = true;
    for (const k of keys) if (cols[k][last] !== values[k]) same = false;
    if (same) return;
    if (cols.t[last] === t) {
      for (const k of keys) cols[k][last] = values[k];
      // The replaced point may now equal the one before it: drop it then.
      if (last > 0) {
        let asBefore = true;
        for (const k of keys) if (cols[k][last] !== cols[k][last - 1]) asBefore = false;
        if (asBefore) {
          cols.t.pop();
          for (const k of keys) cols[k].pop();
        }
      }
      return;
    }
  }
  cols.t.push(t);
  for (const k of keys) cols[k].push(values[k]);
}

const SERVICE_KEYS = ['desiredCount', 'runningCount', 'pendingCount', 'healthyCount', 'floor', 'ceiling'] as const;
type ServiceKey = (typeof SERVICE_KEYS)[number];

interface ServiceColumns extends Columns<ServiceKey> {
  readonly cluster: string;
  readonly serviceName: string;
}

/** The deployment band in tasks: the rolling scheduler's own floor and ceiling (ecs-facts S-051, L-046). */
export function deploymentBand(desiredCount: number, minimumHealthyPercent: number, maximumPercent: number): { floor: number; ceiling: number } {
  return { floor: minHealthy({ desired: desiredCount, minimumHealthyPercent }), ceiling: maxTotal({ desired: desiredCount, maximumPercent }) };
}

/** `arn:aws:ecs:region:account:service/<cluster>/<name>` → cluster. */
function clusterOf(serviceArn: string): string {
  const parts = serviceArn.slice(serviceArn.indexOf(':service/') + ':service/'.length).split('/');
  return parts.length > 1 ? (parts[0] as string) : '';
}

/** The request counts of one scope: the open period, and the closed ones as columns. */
class PeriodRequests implements RequestSink {
  private periodStart = 0;
  private count = 0;
  private c2 = 0;
  private c3 = 0;
  private c4 = 0;
  private c5 = 0;
  private e5 = 0;
  private t5 = 0;
  private lat = new Float64Array(256);
  readonly out = { t: [] as number[], count: [] as number[], http2xx: [] as number[], http3xx: [] as number[], http4xx: [] as number[], http5xx: [] as number[], elb5xx: [] as number[], target5xx: [] as number[], p50Ms: [] as (number | null)[], p90Ms: [] as (number | null)[], p99Ms: [] as (number | null)[] };

  constructor(
    readonly scope: 'loadBalancer' | 'targetGroup' | 'workload',
    readonly name: string,
    private readonly clock: { readonly now: number },
    private readonly periodMs: number,
  ) {}

  record(latencyMs: number, status: number, source: ResponseSource): void {
    if (this.clock.now >= this.periodStart + this.periodMs) this.closeUpTo(this.clock.now);
    const n = this.count;
    if (n === this.lat.length) {
      const bigger = new Float64Array(n * 2);
      bigger.set(this.lat);
      this.lat = bigger;
    }
    this.lat[n] = latencyMs;
    this.count = n + 1;
    if (status >= 200 && status < 300) this.c2 += 1;
    else if (status >= 300 && status < 400) this.c3 += 1;
    else if (status >= 400 && status < 500) this.c4 += 1;
    else if (status >= 500 && status < 600) {
      this.c5 += 1;
      if (source === 'elb') this.e5 += 1;
      else if (source === 'target') this.t5 += 1;
    }
  }

  /** Closes every period that ends at or before `t` (empty ones too). */
  closeUpTo(t: number): void {
    while (this.periodStart + this.periodMs <= t) this.closePeriod();
  }

  /**
   * Closes the periods up to the run's end, and the one it ended in (partial; when the end
   * is on a boundary, the period starting there holds what happened at that instant).
   */
  finish(endMs: number): void {
    this.closeUpTo(endMs);
    this.closePeriod();
  }

  private closePeriod(): void {
    const o = this.out;
    const n = this.count;
    o.t.push(this.periodStart);
    o.count.push(n);
    o.http2xx.push(this.c2);
    o.http3xx.push(this.c3);
    o.http4xx.push(this.c4);
    o.http5xx.push(this.c5);
    o.elb5xx.push(this.e5);
    o.target5xx.push(this.t5);
    if (n === 0) {
      o.p50Ms.push(null);
      o.p90Ms.push(null);
      o.p99Ms.push(null);
    } else {
      const sorted = this.lat.subarray(0, n).sort();
      o.p50Ms.push(nearestRank(sorted, sorted.length, 0.5));
      o.p90Ms.push(nearestRank(sorted, sorted.length, 0.9));
      o.p99Ms.push(nearestRank(sorted, sorted.length, 0.99));
    }
    this.periodStart += this.periodMs;
    this.count = this.c2 = this.c3 = this.c4 = this.c5 = this.e5 = this.t5 = 0;
  }
}



/** `targetgroup/<name>/<id>`'s name, from a target group ARN. */
function targetGroupName(arn: string): string {
  const tail = arn.slice(arn.indexOf(':targetgroup/') + ':targetgroup/'.length);
  return tail.slice(0, tail.indexOf('/') < 0 ? tail.length : tail.indexOf('/'));
}

export class TimeSeriesRecorder implements EcsObserver, ElbStatsTap {
  private readonly services = new Map<Service, ServiceColumns>();
  private readonly loadBalancers = new Map<string, PeriodRequests>();
  private readonly targetGroups = new Map<string, PeriodRequests>();
  private readonly workloads = new Map<string, PeriodRequests>();
  private readonly fluids: FluidService[] = [];
  private readonly flows: FluidListenerFlow[] = [];
  private fluidElb: FluidElbRecords | undefined;

  constructor(
    private readonly sim: Simulation,
    readonly periodMs: number = TIME_SERIES_PERIOD_MS,
  ) {}

  // ---- services (EcsObserver) ---------------------------------------------------------------

  deploymentChanged(service: Service): void {
    // A new service starts its series at creation: desired, no tasks yet.
    if (this.services.has(service)) return;
    const desiredCount = service.desiredCount;
    const band = deploymentBand(desiredCount, service.spec.minimumHealthyPercent, service.spec.maximumPercent);
    stepPoint(this.columnsOf(service), SERVICE_KEYS, this.sim.now, { desiredCount, runningCount: 0, pendingCount: 0, healthyCount: 0, ...band });
  }

  /** The point `serviceRecounted` builds, reused: a recount (many a minute) makes no object (`stepPoint` keeps only the numbers). */
  private readonly point: Record<ServiceKey, number> = { desiredCount: 0, runningCount: 0, pendingCount: 0, healthyCount: 0, floor: 0, ceiling: 0 };

  serviceRecounted(service: Service, counts: ServiceCounts): void {
    const p = this.point;
    const desired = counts.desiredCount;
    p.desiredCount = desired;
    p.runningCount = counts.runningCount;
    p.pendingCount = counts.pendingCount;
    p.healthyCount = counts.healthyCount;
    // deploymentBand's floor and ceiling, without its object.
    p.floor = minHealthy({ desired, minimumHealthyPercent: service.spec.minimumHealthyPercent });
    p.ceiling = maxTotal({ desired, maximumPercent: service.spec.maximumPercent });
    stepPoint(this.columnsOf(service), SERVICE_KEYS, this.sim.now, p);
  }

  private columnsOf(service: Service): ServiceColumns {
    let c = this.services.get(service);
    if (c === undefined) {
      c = { cluster: clusterOf(service.serviceArn), serviceName: service.serviceName, t: [], desiredCount: [], runningCount: [], pendingCount: [], healthyCount: [], floor: [], ceiling: [] };
      this.services.set(service, c);
    }
    return c;
  }

  // ---- requests (ElbStatsTap, workloads) ------------------------------------------------------

  loadBalancer(loadBalancerName: string): RequestSink {
    return this.scope(this.loadBalancers, 'loadBalancer', loadBalancerName);
  }

  targetGroup(loadBalancerName: string, targetGroupArn: string): RequestSink {
    const group = this.scope(this.targetGroups, 'targetGroup', targetGroupArn);
    // A target group's requests count for its load balancer too.
    return new TeeSink(this.loadBalancer(loadBalancerName), group);
  }

  /** The sink of a request-level workload's responses. */
  workload(name: string): RequestSink {
    return this.scope(this.workloads, 'workload', name);
  }

  /** A fluid workload keeps its own periods (expected counts, the model's quantiles): read at the end. */
  fluidWorkload(fluid: FluidService): void {
    fluid.keepPeriods(this.periodMs);
    this.fluids.push(fluid);
  }

  /** A fluid workload through a load balancer (elb/fluid.ts): its periods, and those of the load balancers and target groups it reaches, are the model's. */
  fluidFlow(flow: FluidListenerFlow, records: FluidElbRecords): void {
    this.flows.push(flow);
    this.fluidElb = records;
  }

  private scope(map: Map<string, PeriodRequests>, scope: PeriodRequests['scope'], key: string): PeriodRequests {
    let p = map.get(key);
    if (p === undefined) {
      p = new PeriodRequests(scope, scope === 'targetGroup' ? targetGroupName(key) : key, this.sim, this.periodMs);
      map.set(key, p);
    }
    return p;
  }

  // ---- the result ---------------------------------------------------------------------------

  /** The series as of `endMs` (the run's end): closes the request periods up to it. */
  result(endMs: number, ecs: EcsResult | undefined, cw: CloudWatch | undefined): TimeSeries {
    const requests: TimeSeries['requests'][number][] = [];
    // A load balancer or target group with fluid requests has the model's series in place of the (empty) request-level one.
    const fluidByKey = new Map((this.fluidElb?.series(endMs) ?? []).map((f) => [`${f.scope}\n${f.key}`, f.periods]));
    for (const [map, scope] of [
      [this.loadBalancers, 'loadBalancer'],
      [this.targetGroups, 'targetGroup'],
      [this.workloads, 'workload'],
    ] as const) {
      for (const [key, p] of map) {
        const fluid = fluidByKey.get(`${scope}\n${key}`);
        if (fluid !== undefined) {
          requests.push({ scope: p.scope, name: p.name, mode: 'fluid', ...fluid });
          continue;
        }
        p.finish(endMs);
        requests.push({ scope: p.scope, name: p.name, ...p.out });
      }
    }
    for (const f of this.fluids) requests.push({ scope: 'workload', name: f.name, mode: 'fluid', ...f.periodSeries(endMs) });
    for (const f of this.flows) {
      const periods = f.periodSeries(endMs);
      if (periods !== undefined) requests.push({ scope: 'workload', name: f.name, mode: 'fluid', ...periods });
    }
    return {
      periodMs: this.periodMs,
      services: [...this.services.values()].map((c) => ({ ...c })),
      instances: ecs === undefined ? [] : instanceSeries(ecs),
      alarms: cw === undefined ? [] : alarmSeries(cw),
      requests,
    };
  }
}

/** Each container instance's reservations over time, from its resource history (remaining after each change). */
export function instanceSeries(ecs: EcsResult): TimeSeries['instances'][number][] {
  return ecs.containerInstances.map((i) => {
    const cols = { t: [] as number[], cpuReserved: [] as number[], memoryReserved: [] as number[], runningTasks: [] as number[] };
    for (const h of i.history) stepPoint(cols, ['cpuReserved', 'memoryReserved', 'runningTasks'], h.t, { cpuReserved: i.registeredResources.cpu - h.cpu, memoryReserved: i.registeredResources.memory - h.memory, runningTasks: h.tasks });
    return {
      containerInstanceArn: i.containerInstanceArn,
      ec2InstanceId: i.ec2InstanceId,
      availabilityZone: i.availabilityZone,
      cpuRegistered: i.registeredResources.cpu,
      memoryRegistered: i.registeredResources.memory,
      ...cols,
    };
  });
}

type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** Each alarm's state over time, from DescribeAlarmHistory: INSUFFICIENT_DATA from its creation, then every StateUpdate. */
export function alarmSeries(cw: CloudWatch): TimeSeries['alarms'][number][] {
  const origin = cw.metrics.epochOriginMs;
  const byName = new Map<string, { t: number[]; state: AlarmState[] }>();
  const history = cw.describeAlarmHistory().AlarmHistoryItems.slice().reverse();
  for (const h of history) {
    const t = Date.parse(h.Timestamp) - origin;
    let s = byName.get(h.AlarmName);
    if (s === undefined) {
      s = { t: [t], state: ['INSUFFICIENT_DATA'] };
      byName.set(h.AlarmName, s);
    }
    if (h.HistoryItemType !== 'StateUpdate') continue;
    const to = (JSON.parse(h.HistoryData) as { newState: { stateValue: AlarmState } }).newState.stateValue;
    const last = s.t.length - 1;
    if (s.t[last] === t) s.state[last] = to;
    else {
      s.t.push(t);
      s.state.push(to);
    }
  }
  for (const a of cw.describeAlarms()) if (!byName.has(a.AlarmName)) byName.set(a.AlarmName, { t: [0], state: ['INSUFFICIENT_DATA'] });
  return [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([alarmName, s]) => ({ alarmName, ...s }));
}
