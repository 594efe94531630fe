import type { Simulation } from '../engine/simulation.js';
import { FluidService, fluidGrid, fluidQuantile, type FluidConfig, type FluidPeriods } from '../traffic/fluid.js';
import { makeRateProfile, type RateProfile, type RateProfileSpec } from '../traffic/profile.js';
import type { LatencySummary, RequestSummary, ResponseSource, StatusCount } from '../traffic/stats.js';
import type { RouteConfig } from '../traffic/workload.js';
import { STATUS_BAD_GATEWAY, STATUS_NO_TARGETS } from './defaults.js';
import type { LoadBalancer } from './load-balancer.js';
import type { ElbResult } from './elb.js';
import { codeCounts, type ElbRequestSummary } from './stats.js';
import type { TargetGroup } from './target-group.js';

/**
 * Aggregate (fluid) traffic through a load balancer's listener: the fluid mode of
 * traffic/fluid.ts, routed as the load balancer routes requests, so that day-long runs
 * have the ALB's metrics, 5xx and latency.
 *
 * Each step (one event, default a minute) takes the workload's expected arrivals over
 * the step (the rate profile's integral), split by route weight, and for each route:
 * 1. the listener's rules pick an action for the route's path and host (L-038): a fixed
 *    response is the load balancer's own answer;
 * 2. a forward splits the route's requests over its target groups in proportion to their
 *    weights now (L-040; ModifyRule moves them at once); all weights 0 → the load
 *    balancer's 503;
 * 3. a target group spreads its share evenly over the targets it routes to now (the same
 *    pools its request-level `pick` draws from: healthy targets, or every known one when
 *    failing open, L-029; never `initial` or draining ones, L-017, L-020); with cross-zone
 *    off, each zone's node gets an equal share and keeps it in its zone (L-028). A zone or
 *    group with no target to take it → the load balancer's **503**, which does not count
 *    in RequestCount (L-033, C-009, EF-002). A target with nothing listening → **502**
 *    (L-034), which does.
 * 4. The targets of a group that run the same server model (same task definition
 *    revision) form a pool: one `FluidService` fed with the pool's requests and its task
 *    count, whose queueing formulas give latency, shed requests and CPU.
 *
 * What is not modelled, as in the fluid mode generally: slow start, weighted or
 * least-outstanding routing (every target gets an equal share), the idle timeout's 504,
 * client timeouts, requests cut off by the end of draining, and the health checks' own
 * load on the tasks (they still run request by request and decide the targets' health).
 * Mixed route mixes: each pool's queue sees the mix of routes that reach it in the step.
 *
 * Counts are expected values (not whole). Latencies are read off the model on one grid
 * shared by every pool (1e-2 ms to 1e6 ms, 4.7% apart), so totals, periods and minutes
 * add point by point. Per-target request counters are not kept in this mode.
 */

/** The lowest point of the shared latency grid (ms). */
const GRID_LOW_MS = 1e-2;

export type FluidServerModel = FluidConfig['server'];

/** The server listening at a target's address, and the service whose task it is. */
export interface FluidTargetServer {
  readonly server: FluidServerModel;
  readonly service: string | undefined;
}

export interface FluidListenerConfig {
  readonly name: string;
  readonly arrivals: RateProfileSpec;
  readonly routes: readonly RouteConfig[];
  readonly stepMs: number;
  readonly startMs?: number;
  readonly stopMs?: number;
  readonly dispatch?: 'per-task' | 'pooled';
  readonly loadBalancer: LoadBalancer;
  readonly port: number;
  /** The server at a target's address (`ip:port`), or undefined when nothing listens there. */
  readonly serverAt: (address: string) => FluidTargetServer | undefined;
}

/** Expected requests and their latency distribution: the unit every total, period and minute is made of. */
export class Tally {
  count = 0;
  served = 0;
  latencySum = 0;
  /** By status × 4 + source (elb 0, target 1). */
  readonly codes = new Map<number, number>();
  /** Σ served × P(T > x_i) on the shared grid. */
  readonly survival: Float64Array;

  constructor(points: number) {
    this.survival = new Float64Array(points);
  }

  addCode(status: number, source: ResponseSource, n: number): void {
    if (!(n > 0)) return;
    const code = status * 4 + (source === 'elb' ? 0 : 1);
    this.codes.set(code, (this.codes.get(code) ?? 0) + n);
    this.count += n;
  }

  /** Adds `f` × another tally. */
  add(o: Tally, f: number): void {
    if (f === 0 || o.count === 0) return;
    this.count += f * o.count;
    this.served += f * o.served;
    this.latencySum += f * o.latencySum;
    for (const [code, n] of o.codes) this.codes.set(code, (this.codes.get(code) ?? 0) + f * n);
    if (o.served > 0) {
      const s = this.survival;
      const os = o.survival;
      for (let i = 0; i < s.length; i += 1) s[i] = (s[i] as number) + f * (os[i] as number);
    }
  }

  clear(): void {
    this.count = this.served = this.latencySum = 0;
    this.codes.clear();
    this.survival.fill(0);
  }

  /** The p-quantile of every request (shed ones at latency 0); null without requests. */
  quantile(grid: Float64Array, p: number): number | null {
    if (!(this.count > 0)) return null;
    return this.served > 0 ? fluidQuantile(grid, this.survival, (1 - p) * this.count) : 0;
  }

  /** The p-quantile of the served requests only (for TargetResponseTime). */
  servedQuantile(grid: Float64Array, p: number): number {
    return fluidQuantile(grid, this.survival, (1 - p) * this.served);
  }

  sum(source: ResponseSource, lo: number, hi: number): number {
    let n = 0;
    for (const [code, c] of this.codes) {
      const status = Math.floor(code / 4);
      if ((code % 4 === 0 ? 'elb' : 'target') === source && status >= lo && status <= hi) n += c;
    }
    return n;
  }

  summary(key: string, grid: Float64Array): RequestSummary {
    const q = (p: number): number => this.quantile(grid, p) ?? 0;
    const latency: LatencySummary = { count: this.count, mean: this.count > 0 ? this.latencySum / this.count : 0, p50: q(0.5), p90: q(0.9), p99: q(0.99) };
    const codes: StatusCount[] = [...this.codes.entries()].sort((a, b) => a[0] - b[0]).map(([code, count]) => ({ status: Math.floor(code / 4), source: code % 4 === 0 ? 'elb' : 'target', count }));
    let errors = 0;
    for (const c of codes) if (c.status >= 400) errors += c.count;
    return { key, count: this.count, errors, latency, codes };
  }
}

/** Tallies per period of `periodMs`, closed in order into a `FluidPeriods`. */
export class PeriodTallies {
  private readonly open = new Map<number, Tally>();
  private next = 0;
  readonly out: FluidPeriods = { t: [], count: [], http2xx: [], http3xx: [], http4xx: [], http5xx: [], elb5xx: [], target5xx: [], p50Ms: [], p90Ms: [], p99Ms: [] };

  constructor(
    readonly periodMs: number,
    private readonly grid: Float64Array,
  ) {}

  /** The open tally of period `k` (closing every period before the earliest one asked for is the caller's `closeBefore`). */
  at(k: number): Tally {
    let b = this.open.get(k);
    if (b === undefined) {
      b = new Tally(this.grid.length);
      this.open.set(k, b);
    }
    return b;
  }

  closeBefore(k: number): void {
    const o = this.out;
    while (this.next < k) {
      const i = this.next;
      const b = this.open.get(i) ?? new Tally(this.grid.length);
      this.open.delete(i);
      o.t.push(i * this.periodMs);
      o.count.push(b.count);
      o.http2xx.push(b.sum('target', 200, 299));
      o.http3xx.push(b.sum('target', 300, 399));
      o.http4xx.push(b.sum('target', 400, 499) + b.sum('elb', 400, 499));
      const elb5xx = b.sum('elb', 500, 599);
      const target5xx = b.sum('target', 500, 599);
      o.http5xx.push(elb5xx + target5xx);
      o.elb5xx.push(elb5xx);
      o.target5xx.push(target5xx);
      o.p50Ms.push(b.quantile(this.grid, 0.5));
      o.p90Ms.push(b.quantile(this.grid, 0.9));
      o.p99Ms.push(b.quantile(this.grid, 0.99));
      this.next = i + 1;
    }
  }

  /** The periods up to the one the run ended in; a step running past the end counts in that last one. */
  finish(endMs: number): FluidPeriods {
    const end = Math.floor(endMs / this.periodMs);
    for (const [k, b] of [...this.open.entries()].sort(([a], [c]) => a - c)) {
      if (k <= end) continue;
      this.at(end).add(b, 1);
      this.open.delete(k);
    }
    this.closeBefore(end + 1);
    return this.out;
  }
}

/** A minute of one target group's fluid requests, as the ALB metrics count them (elb/metrics.ts). */
export interface FluidMinute {
  requests: number;
  elb5xx: number;
  target5xx: number;
  trtCount: number;
  trtSumMs: number;
  trtMinMs: number;
  trtMaxMs: number;
}

/** Where a flow puts each minute's requests for the AWS/ApplicationELB metrics (`ElbMetrics.addFluid`). */
export interface FluidMinuteSink {
  addFluid(loadBalancerName: string, targetGroupArn: string | undefined, minuteStart: number, minute: FluidMinute): void;
}

/**
 * The fluid requests of a run's load balancers and target groups, from every flow: the
 * result's totals, the time series' periods and the minute metrics. One per run.
 */
export class FluidElbRecords {
  readonly grid = fluidGrid(GRID_LOW_MS);
  private readonly lbTotals = new Map<string, Tally>();
  private readonly groupTotals = new Map<string, Tally>();
  private readonly lbPeriods = new Map<string, PeriodTallies>();
  private readonly groupPeriods = new Map<string, PeriodTallies>();
  private periodMs: number | undefined;

  constructor(readonly minutes: FluidMinuteSink | undefined) {}

  /** Keeps per-period series of `periodMs` (the run's time series). */
  keepPeriods(periodMs: number): void {
    this.periodMs = periodMs;
  }

  get keptPeriodMs(): number | undefined {
    return this.periodMs;
  }

  /** @internal */
  total(kind: 'lb' | 'group', key: string): Tally {
    const map = kind === 'lb' ? this.lbTotals : this.groupTotals;
    let t = map.get(key);
    if (t === undefined) {
      t = new Tally(this.grid.length);
      map.set(key, t);
    }
    return t;
  }

  /** @internal */
  periods(kind: 'lb' | 'group', key: string): PeriodTallies | undefined {
    if (this.periodMs === undefined) return undefined;
    const map = kind === 'lb' ? this.lbPeriods : this.groupPeriods;
    let p = map.get(key);
    if (p === undefined) {
      p = new PeriodTallies(this.periodMs, this.grid);
      map.set(key, p);
    }
    return p;
  }

  /** The load balancers with fluid requests. */
  hasLoadBalancer(name: string): boolean {
    return this.lbTotals.has(name);
  }

  loadBalancerSummary(name: string): ElbRequestSummary | undefined {
    const t = this.lbTotals.get(name);
    return t === undefined ? undefined : withCounts(t.summary(name, this.grid));
  }

  targetGroupSummary(arn: string): ElbRequestSummary | undefined {
    const t = this.groupTotals.get(arn);
    return t === undefined ? undefined : withCounts(t.summary(arn, this.grid));
  }

  /** The series of every load balancer and target group with fluid requests, up to `endMs`. */
  series(endMs: number): { readonly scope: 'loadBalancer' | 'targetGroup'; readonly key: string; readonly periods: FluidPeriods }[] {
    return [
      ...[...this.lbPeriods.entries()].map(([key, p]) => ({ scope: 'loadBalancer' as const, key, periods: p.finish(endMs) })),
      ...[...this.groupPeriods.entries()].map(([key, p]) => ({ scope: 'targetGroup' as const, key, periods: p.finish(endMs) })),
    ];
  }
}

function withCounts(summary: RequestSummary): ElbRequestSummary {
  return { ...summary, counts: codeCounts(summary.codes) };
}

/** One pool: the targets of a group that run one server model. */
interface Pool {
  readonly group: TargetGroup;
  readonly server: FluidServerModel;
  readonly fluid: FluidService;
  /** This step's targets and route arrivals. */
  tasks: number;
  readonly arrivals: number[];
  /** The service of each of this step's targets ('' for none). */
  readonly owners: string[];
}

/** A target group's part of a step. */
interface GroupStep {
  readonly group: TargetGroup;
  readonly routeArrivals: number[];
  readonly tally: Tally;
}

function onStep(this: void, f: FluidListenerFlow): void {
  f.step();
}

/** A fluid workload sending to a load balancer's listener. Construct it, then `start()`. */
export class FluidListenerFlow {
  readonly name: string;
  /** Per-service mean CPU % of its RUNNING tasks, as an integral (EcsMetrics reads it like a fluid service's). */
  private readonly cpu = new Map<string, ServiceCpu>();
  private readonly sim: Simulation;
  private readonly config: FluidListenerConfig;
  private readonly profile: RateProfile;
  private readonly shares: number[];
  private readonly stopMs: number;
  private readonly records: FluidElbRecords;
  private readonly grid: Float64Array;
  private readonly pools: Pool[] = [];
  private readonly poolIndex = new Map<TargetGroup, Map<FluidServerModel, Pool>>();
  private readonly routeTotals: Tally[];
  private readonly total: Tally;
  private readonly periods: PeriodTallies | undefined;
  /** Scratch, reused every step. */
  private readonly routeStep: Tally[];
  private readonly ownStep: Tally;
  private readonly groupSteps = new Map<TargetGroup, GroupStep>();

  /**
   * @param runningOf the RUNNING tasks of a service now and their idle CPU %, for the
   * services `cpuOf` is asked about.
   * @throws RangeError for a bad step, no routes, zero total weight, or a bad profile.
   */
  constructor(
    sim: Simulation,
    config: FluidListenerConfig,
    records: FluidElbRecords,
    private readonly runningOf: (service: string) => { readonly count: number; readonly idlePercent: number },
  ) {
    if (!(Number.isInteger(config.stepMs) && config.stepMs >= 1)) throw new RangeError(`fluid ${config.name}: stepMs must be a whole number of ms >= 1, got ${config.stepMs}`);
    if (config.routes.length === 0) throw new RangeError(`fluid ${config.name} needs at least one route`);
    if (config.loadBalancer.listener(config.port) === undefined) throw new RangeError(`fluid ${config.name}: load balancer ${config.loadBalancer.name} has no listener on port ${config.port}`);
    this.sim = sim;
    this.config = config;
    this.name = config.name;
    this.records = records;
    this.grid = records.grid;
    this.profile = makeRateProfile(config.arrivals);
    this.stopMs = config.stopMs ?? Number.POSITIVE_INFINITY;
    const totalWeight = config.routes.reduce((s, r) => s + (r.weight ?? 1), 0);
    if (!(totalWeight > 0)) throw new RangeError(`fluid ${config.name}: route weights must not all be 0`);
    this.shares = config.routes.map((r) => (r.weight ?? 1) / totalWeight);
    const n = this.grid.length;
    this.routeTotals = config.routes.map(() => new Tally(n));
    this.routeStep = config.routes.map(() => new Tally(n));
    this.total = new Tally(n);
    this.ownStep = new Tally(n);
    this.periods = records.keptPeriodMs === undefined ? undefined : new PeriodTallies(records.keptPeriodMs, this.grid);
  }

  /** The CPU source of a service's tasks (EcsMetrics' fluid map); its integral starts at 0. */
  cpuOf(service: string): { cpuPercentMsAt(tMs: number): number } {
    let c = this.cpu.get(service);
    if (c === undefined) {
      c = new ServiceCpu();
      this.cpu.set(service, c);
    }
    return c;
  }

  start(): void {
    this.sim.at(Math.max(this.sim.now, this.config.startMs ?? 0), onStep, this);
  }

  /** @internal One step from now. */
  step(): void {
    const t = this.sim.now;
    if (t >= this.stopMs) return;
    const dt = Math.min(this.config.stepMs, this.stopMs - t);
    this.compute(t, dt);
    if (t + dt < this.stopMs) this.sim.schedule(dt, onStep, this);
  }

  private groupStep(group: TargetGroup): GroupStep {
    let g = this.groupSteps.get(group);
    if (g === undefined) {
      g = { group, routeArrivals: this.config.routes.map(() => 0), tally: new Tally(this.grid.length) };
      this.groupSteps.set(group, g);
    }
    return g;
  }

  private poolOf(group: TargetGroup, server: FluidServerModel): Pool {
    let byServer = this.poolIndex.get(group);
    if (byServer === undefined) {
      byServer = new Map();
      this.poolIndex.set(group, byServer);
    }
    let p = byServer.get(server);
    if (p === undefined) {
      const fluid = new FluidService(this.sim, {
        name: `${this.name}/${group.name}#${this.pools.length}`,
        arrivals: { constant: 0 },
        routes: this.config.routes,
        server,
        tasks: 0,
        stepMs: this.config.stepMs,
        keepSteps: false,
        gridLowMs: GRID_LOW_MS,
        ...(this.config.dispatch === undefined ? {} : { dispatch: this.config.dispatch }),
      });
      p = { group, server, fluid, tasks: 0, arrivals: this.config.routes.map(() => 0), owners: [] };
      byServer.set(server, p);
      this.pools.push(p);
    }
    return p;
  }

  private compute(t: number, dt: number): void {
    const cfg = this.config;
    const lb = cfg.loadBalancer;
    const arrivals = this.profile.expected(t, t + dt);
    const routes = cfg.routes;
    for (const s of this.routeStep) s.clear();
    this.ownStep.clear();
    for (const g of this.groupSteps.values()) {
      g.routeArrivals.fill(0);
      g.tally.clear();
    }
    for (const p of this.pools) {
      p.tasks = 0;
      p.arrivals.fill(0);
      p.owners.length = 0;
    }
    // 1–2. Rules and forward weights: each route's requests to target groups (or answered by the load balancer).
    const touched: GroupStep[] = [];
    routes.forEach((r, i) => {
      const a = arrivals * (this.shares[i] as number);
      if (!(a > 0)) return;
      const route = lb.fluidRoute(cfg.port, r.path, r.host);
      if (route === undefined) return;
      if ('fixed' in route) {
        this.routeStep[i]?.addCode(route.fixed.status, 'elb', a);
        this.ownStep.addCode(route.fixed.status, 'elb', a);
        return;
      }
      let total = 0;
      for (const g of route.groups) total += g.weight;
      if (!(total > 0)) {
        this.routeStep[i]?.addCode(STATUS_NO_TARGETS, 'elb', a);
        this.ownStep.addCode(STATUS_NO_TARGETS, 'elb', a);
        return;
      }
      for (const g of route.groups) {
        if (!(g.weight > 0)) continue;
        const gs = this.groupStep(g.group);
        if (!touched.includes(gs)) touched.push(gs);
        gs.routeArrivals[i] = (gs.routeArrivals[i] as number) + (a * g.weight) / total;
      }
    });
    // 3. Each group's share over its routable targets, by pool; no target → 503, nothing listening → 502.
    const cpuSum = new Map<string, { cpu: number; tasks: number }>();
    const activePools: Pool[] = [];
    for (const gs of touched) {
      const { shared, pools } = gs.group.routable();
      const zoneShare = shared ? 1 : 1 / Math.max(1, pools.length);
      for (const targets of pools.length === 0 ? [[]] : pools) {
        if (targets.length === 0) {
          gs.routeArrivals.forEach((a, i) => {
            this.routeStep[i]?.addCode(STATUS_NO_TARGETS, 'elb', a * zoneShare);
            gs.tally.addCode(STATUS_NO_TARGETS, 'elb', a * zoneShare);
          });
          continue;
        }
        const perTarget = zoneShare / targets.length;
        for (const target of targets) {
          const at = target.address === undefined ? undefined : cfg.serverAt(target.address);
          if (at === undefined) {
            gs.routeArrivals.forEach((a, i) => {
              this.routeStep[i]?.addCode(STATUS_BAD_GATEWAY, 'elb', a * perTarget);
              gs.tally.addCode(STATUS_BAD_GATEWAY, 'elb', a * perTarget);
            });
            continue;
          }
          const pool = this.poolOf(gs.group, at.server);
          if (pool.tasks === 0) activePools.push(pool);
          pool.tasks += 1;
          gs.routeArrivals.forEach((a, i) => {
            pool.arrivals[i] = (pool.arrivals[i] as number) + a * perTarget;
          });
          if (at.service !== undefined && !cpuSum.has(at.service)) cpuSum.set(at.service, { cpu: 0, tasks: 0 });
          pool.owners.push(at.service ?? '');
        }
      }
    }
    // 4. Each pool's queue: latency, shed requests and CPU.
    for (const pool of activePools) {
      pool.fluid.feed(t, dt, pool.arrivals, pool.tasks);
      const gs = this.groupStep(pool.group);
      const reject = pool.server.rejectStatus ?? 503;
      routes.forEach((_, i) => {
        const st = pool.fluid.routeStep(i);
        if (!(st.arrivals > 0)) return;
        for (const tally of [this.routeStep[i] as Tally, gs.tally]) {
          tally.addCode(200, 'target', st.served);
          tally.served += st.served;
          tally.latencySum += st.latencySum;
          tally.addCode(STATUS_BAD_GATEWAY, 'elb', st.shedElb);
          tally.addCode(reject, 'target', st.shedTarget);
        }
        pool.fluid.addStepSurvival((this.routeStep[i] as Tally).survival, 1, i);
      });
      pool.fluid.addStepSurvival(gs.tally.survival, 1);
      for (const o of pool.owners) {
        const c = cpuSum.get(o);
        if (c === undefined) continue;
        c.cpu += pool.fluid.cpuUtilization;
        c.tasks += 1;
      }
      pool.owners.length = 0;
    }
    // Each service's mean CPU over its RUNNING tasks: the routed ones at their pool's, the others idle.
    for (const [service, c] of this.cpu) {
      const s = cpuSum.get(service);
      const running = this.runningOf(service);
      const idle = Math.max(0, running.count - (s?.tasks ?? 0));
      const n = (s?.tasks ?? 0) + idle;
      c.set(t, n > 0 ? ((s?.cpu ?? 0) + idle * running.idlePercent) / n : 0);
    }
    this.record(t, dt, touched);
  }

  /** Folds the step's tallies into the totals, the periods and the minutes. */
  private record(t: number, dt: number, touched: readonly GroupStep[]): void {
    const lbName = this.config.loadBalancer.name;
    const records = this.records;
    const lbTotal = records.total('lb', lbName);
    const stepTotal = new Tally(this.grid.length);
    this.routeStep.forEach((s, i) => {
      (this.routeTotals[i] as Tally).add(s, 1);
      stepTotal.add(s, 1);
    });
    this.total.add(stepTotal, 1);
    lbTotal.add(this.ownStep, 1);
    for (const gs of touched) {
      lbTotal.add(gs.tally, 1);
      records.total('group', gs.group.arn).add(gs.tally, 1);
    }
    // Periods: a step spanning several is split by the profile's integral over each part.
    const split = (P: number): [number, number][] => {
      const first = Math.floor(t / P);
      const last = Math.max(first, Math.ceil((t + dt) / P) - 1);
      if (first === last) return [[first, 1]];
      const whole = this.profile.expected(t, t + dt);
      const out: [number, number][] = [];
      for (let k = first; k <= last; k += 1) out.push([k, whole > 0 ? this.profile.expected(Math.max(t, k * P), Math.min(t + dt, (k + 1) * P)) / whole : 0]);
      return out;
    };
    if (this.periods !== undefined) {
      const P = this.periods.periodMs;
      const parts = split(P);
      const first = (parts[0] as [number, number])[0];
      this.periods.closeBefore(first);
      const lbPeriods = records.periods('lb', lbName) as PeriodTallies;
      lbPeriods.closeBefore(first);
      for (const [k, f] of parts) {
        this.periods.at(k).add(stepTotal, f);
        lbPeriods.at(k).add(this.ownStep, f);
        for (const gs of touched) lbPeriods.at(k).add(gs.tally, f);
      }
      for (const gs of touched) {
        const gp = records.periods('group', gs.group.arn) as PeriodTallies;
        gp.closeBefore(first);
        for (const [k, f] of parts) gp.at(k).add(gs.tally, f);
      }
    }
    // Minutes for the AWS/ApplicationELB metrics (C-008: 60-second intervals).
    const sink = records.minutes;
    if (sink === undefined) return;
    const parts = split(60_000);
    for (const gs of touched) {
      const g = gs.tally;
      if (!(g.count > 0)) continue;
      const noTarget = g.sum('elb', STATUS_NO_TARGETS, STATUS_NO_TARGETS);
      const targetAnswered = g.sum('target', 100, 599);
      const min = g.served > 0 ? g.servedQuantile(this.grid, 0.001) : 0;
      const max = g.served > 0 ? g.servedQuantile(this.grid, 0.999) : 0;
      for (const [k, f] of parts) {
        if (!(f > 0)) continue;
        // C-009: every request a target was chosen for (not the 503 with no target).
        sink.addFluid(lbName, gs.group.arn, k * 60_000, {
          requests: f * (g.count - noTarget),
          elb5xx: f * g.sum('elb', 500, 599),
          target5xx: f * g.sum('target', 500, 599),
          trtCount: f * targetAnswered,
          trtSumMs: f * g.latencySum,
          trtMinMs: min,
          trtMaxMs: max,
        });
      }
    }
    const own5xx = this.ownStep.sum('elb', 500, 599);
    if (own5xx > 0) for (const [k, f] of parts) if (f > 0) sink.addFluid(lbName, undefined, k * 60_000, { requests: 0, elb5xx: f * own5xx, target5xx: 0, trtCount: 0, trtSumMs: 0, trtMinMs: Infinity, trtMaxMs: -Infinity });
  }

  /** The workload's summary so far, in the request-level shape. */
  result(): { readonly routes: readonly RequestSummary[]; readonly total: RequestSummary } {
    return { routes: this.routeTotals.map((r, i) => r.summary((this.config.routes[i] as RouteConfig).name, this.grid)), total: this.total.summary('*', this.grid) };
  }

  /** The workload's periods up to `endMs` (the time series kept them). */
  periodSeries(endMs: number): FluidPeriods | undefined {
    return this.periods?.finish(endMs);
  }
}

/** A service's mean CPU % per RUNNING task, stepwise, and its integral. */
class ServiceCpu {
  private percent = 0;
  private areaMs = 0;
  private markMs = 0;

  set(t: number, percent: number): void {
    this.areaMs = this.cpuPercentMsAt(t);
    this.markMs = t;
    this.percent = percent;
  }

  cpuPercentMsAt(tMs: number): number {
    return this.areaMs + this.percent * (tMs - this.markMs);
  }
}

/** The ELB result with the fluid requests as the totals of the load balancers and target groups they went through. */
export function withFluidRequests(result: ElbResult, records: FluidElbRecords | undefined): ElbResult {
  if (records === undefined) return result;
  return {
    ...result,
    loadBalancers: result.loadBalancers.map((lb) => {
      const requests = records.loadBalancerSummary(lb.LoadBalancerName);
      return requests === undefined ? lb : { ...lb, requests };
    }),
    targetGroups: result.targetGroups.map((g) => {
      const requests = records.targetGroupSummary(g.TargetGroup.TargetGroupArn);
      return requests === undefined ? g : { ...g, requests };
    }),
  };
}
