import { Simulation } from '../engine/simulation.js';
import type { DistributionSpec } from '../engine/distributions.js';
import { erlangC } from '../queueing/erlang.js';
import { makeRateProfile, type RateProfile, type RateProfileSpec } from './profile.js';
import type { TaskServerConfig } from './server.js';
import type { LatencySummary, RequestSummary, ResponseSource, StatusCount } from './stats.js';
import { mgcMeanWait, serviceCdf, serviceMoments } from './theory.js';
import type { RouteConfig } from './workload.js';

/**
 * The aggregate (fluid) mode: one event per time step instead of several per request,
 * for horizons where request-level simulation is too slow (days at thousands of
 * requests per second).
 *
 * Per step it takes the expected arrivals (the integral of the rate profile), splits
 * them by the route mix and over the tasks, and reads latency off queueing formulas for
 * each task as an M/G/c queue with c = workers:
 *
 * - the probability of waiting is Erlang C, and the mean wait Lee–Longton's
 *   Wq(M/M/c)·(1 + Cs²)/2 (Allen–Cunneen with Poisson arrivals): **exact for
 *   exponential service** (M/M/c) and for one worker (Pollaczek–Khinchine), an
 *   approximation otherwise (good to a few % for Cs² ≤ 2 and ρ ≥ 0.5);
 * - percentiles take the wait as an atom at 0 (probability 1 − C) plus an exponential
 *   with the mean above, convolved with each route's own service-time distribution on a
 *   log-spaced grid (1e-3 to 1e5 mean service times, 4.7% apart, interpolated): **exact
 *   for M/M/c** up to the grid (within 0.2% of the exact sojourn quantiles from c = 1 to
 *   32, ρ up to 0.95), an approximation otherwise (the wait's shape is not exponential
 *   for other service times: M/D/2 p99 comes out ~7% high); there is no maximum (`max`
 *   is absent), and a latency beyond the grid reads as its top;
 * - when a step is overloaded (ρ ≥ 1) a deterministic fluid backlog builds at
 *   λ − cμ per ms, is carried into later steps and drains when load falls, and adds its
 *   mean drain time to every latency of the step; beyond the queue limit the excess is
 *   shed (503 from the target, or 502 from the load balancer for `whenFull: 'reset'`);
 * - with no tasks every request is a 503 from the load balancer (ecs-facts L-033),
 *   counted with latency 0, as the request-level model records instant errors.
 *
 * `dispatch: 'per-task'` (default) gives each of n tasks a Poisson stream λ/n (random
 * splitting, slightly pessimistic for round robin, see the theory tests);
 * `'pooled'` treats all tasks' workers as one M/G/(n·workers) queue, the limit that
 * least-outstanding-requests approaches.
 *
 * When each mode is valid:
 * - fluid: steady state is reached within a step (step ≫ mean service time and ≫ the
 *   queue's relaxation time, roughly ES/(1 − √ρ)², so ρ not too close to 1), Poisson
 *   arrivals, ρ < 1 for the formulas (overload only as the deterministic backlog);
 *   client timeouts, server timeouts, cold starts, health checks and injected errors
 *   are not modelled, nor blocking at the queue limit below overload.
 * - request-level (`Workload` + `TaskServer`): everything, including transients (a
 *   step change, a task starting or stopping), timeouts, queue limits, health-check
 *   interplay, traces with bursts, any routing algorithm. Use it whenever the question
 *   is about a few minutes around an event.
 */
export interface FluidConfig {
  readonly name: string;
  readonly arrivals: RateProfileSpec;
  /** Route weights and names; paths, hosts and client timeouts are ignored. */
  readonly routes: readonly RouteConfig[];
  readonly server: Pick<TaskServerConfig, 'workers' | 'serviceTime' | 'routes' | 'queueLimit' | 'whenFull' | 'rejectStatus' | 'cpu'>;
  /** Tasks serving: a count, or asked at the start of each step (autoscaling). */
  readonly tasks: number | ((tMs: number) => number);
  readonly stepMs: number;
  readonly startMs?: number;
  readonly stopMs?: number;
  readonly dispatch?: 'per-task' | 'pooled';
  /** Keep one row per step in the result (default true). */
  readonly keepSteps?: boolean;
  /**
   * The latency grid's lowest point (ms); default 1e-3 × the mean service time. Pools that
   * give the same value share one grid, so their survival curves add point by point
   * (the load balancer's fluid flow, elb/fluid.ts).
   */
  readonly gridLowMs?: number;
}

/** One route's part of the step just computed (`FluidService.feed`): expected requests. */
export interface FluidRouteStep {
  arrivals: number;
  served: number;
  /** Σ served × latency (ms). */
  latencySum: number;
  /** Shed by the load balancer for the target (`whenFull: 'reset'`: 502). */
  shedElb: number;
  /** Shed by the target (its `rejectStatus`). */
  shedTarget: number;
}

export interface FluidStep {
  readonly t: number;
  readonly tasks: number;
  /** Expected arrivals in the step. */
  readonly arrivals: number;
  /** Offered load per worker, λ·E[S]/c (may exceed 1). */
  readonly rho: number;
  /** Fluid backlog per task (or in the pool) at the end of the step. */
  readonly backlog: number;
  /** Expected requests shed in the step. */
  readonly dropped: number;
  /** NaN in a step with no arrivals. */
  readonly meanLatencyMs: number;
  /** NaN in a step with nothing served. */
  readonly p99LatencyMs: number;
  /** Mean CPU % of a task over the step. */
  readonly cpuUtilization: number;
}

/**
 * A fluid workload's requests per period (the columns of a `timeSeries.requests` entry):
 * counts are expected values of the model (not whole), split as its totals are, so the
 * periods add up to them; quantiles are read off the model's latency distribution of
 * the period's requests, as the totals' are (shed requests at latency 0).
 */
export interface FluidPeriods {
  readonly t: number[];
  readonly count: number[];
  readonly http2xx: number[];
  readonly http3xx: number[];
  readonly http4xx: number[];
  readonly http5xx: number[];
  readonly elb5xx: number[];
  readonly target5xx: number[];
  readonly p50Ms: (number | null)[];
  readonly p90Ms: (number | null)[];
  readonly p99Ms: (number | null)[];
}

/** One open period: what the steps put into it so far. */
interface PeriodBucket {
  count: number;
  served: number;
  shedElb: number;
  shedTarget: number;
  noTargets: number;
  /** Σ over its steps of served × P(T > x_i), all routes. */
  readonly survival: Float64Array;
}

export interface FluidResult {
  /** By route name, in the routes' order. */
  readonly routes: readonly RequestSummary[];
  readonly total: RequestSummary;
  readonly steps: readonly FluidStep[];
}

/** Grid: log-spaced from 1e-3 to 1e5 times the mean service time, 50 points a decade (4.7% apart). */
const GRID_LOW = 1e-3;
const GRID_DECADES = 8;
const GRID = GRID_DECADES * 50 + 1;
/** Beyond θ·width of this, e^(−θ·width) is below 5e-18: the carried term is spent. */
const SPENT = 40;
/** ln of the ratio between neighbouring grid points. */
const LOG_RATIO = Math.log(10 ** (GRID_DECADES / (GRID - 1)));

/**
 * Grids and service-time CDFs on them, shared (read only) by the fluid services that ask for
 * the same ones: a day of 100 alike services steps through one copy, warm in the cache, not
 * 100. Each is a pure function of its key, so sharing changes no bit. Bounded: cleared when full.
 */
const SHARED_LIMIT = 256;
const sharedGrids = new Map<number, { readonly grid: Float64Array; readonly width: Float64Array }>();
const sharedCdfs = new Map<string, Float64Array>();

/** The grid from `low` and each point's distance to the one before (x_{−1} = 0). */
function sharedGrid(low: number): { readonly grid: Float64Array; readonly width: Float64Array } {
  let g = sharedGrids.get(low);
  if (g === undefined) {
    const ratio = 10 ** (GRID_DECADES / (GRID - 1));
    const grid = new Float64Array(GRID);
    const width = new Float64Array(GRID);
    for (let i = 0; i < GRID; i += 1) {
      const x = low * ratio ** i;
      grid[i] = x;
      width[i] = i === 0 ? x : x - (grid[i - 1] as number);
    }
    if (sharedGrids.size >= SHARED_LIMIT) sharedGrids.clear();
    g = { grid, width };
    sharedGrids.set(low, g);
  }
  return g;
}

/** F(x_i) of a service-time distribution on the grid from `low` (`grid`). @throws RangeError for a bad distribution. */
function sharedCdf(spec: DistributionSpec, low: number, grid: Float64Array): Float64Array {
  const key = `${low}\n${JSON.stringify(spec)}`;
  let cdf = sharedCdfs.get(key);
  if (cdf === undefined) {
    const F = serviceCdf(spec);
    cdf = new Float64Array(GRID);
    for (let k = 0; k < GRID; k += 1) cdf[k] = F(grid[k] as number);
    if (sharedCdfs.size >= SHARED_LIMIT) sharedCdfs.clear();
    sharedCdfs.set(key, cdf);
  }
  return cdf;
}

/** The points of the latency grid starting at `lowMs` (as a pool with `gridLowMs` builds it). */
export function fluidGrid(lowMs: number): Float64Array {
  const ratio = 10 ** (GRID_DECADES / (GRID - 1));
  const grid = new Float64Array(GRID);
  for (let i = 0; i < GRID; i += 1) grid[i] = lowMs * ratio ** i;
  return grid;
}

/**
 * The smallest latency of `grid` whose survival Σ served × P(T > x) is at most `target`
 * (as `(1 − p) × count`), interpolated in log x; the grid's top when it never falls so low.
 */
export function fluidQuantile(grid: Float64Array, survival: Float64Array, target: number): number {
  let lo = 0;
  let hi = GRID - 1;
  if ((survival[hi] as number) > target) return grid[hi] as number;
  if ((survival[0] as number) <= target) return grid[0] as number;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((survival[mid] as number) > target) lo = mid;
    else hi = mid;
  }
  const a = survival[lo] as number;
  const b = survival[hi] as number;
  const f = a > b ? (a - target) / (a - b) : 1;
  return (grid[lo] as number) * Math.exp(f * LOG_RATIO);
}

interface RouteModel {
  readonly name: string;
  /** Fixed, except in a fed pool, where each step's route arrivals set it. */
  share: number;
  readonly mean: number;
  readonly secondMoment: number;
  /** This step's part (fed pools read it). */
  readonly step: FluidRouteStep;
  /** F(x_i) of the route's service time on the grid. */
  readonly cdf: Float64Array;
  /** P(W + S > x_i) of the current step, before the backlog shift. */
  readonly survival: Float64Array;
  /** Σ over steps of served arrivals × P(T > x_i). */
  readonly accumulated: Float64Array;
  arrivals: number;
  served: number;
  latencySum: number;
  shedElb: number;
  shedTarget: number;
  noTargets: number;
}

function onStep(this: void, f: FluidService): void {
  f.step();
}

/** The fluid model of one service behind a load balancer, stepping on the simulation clock. */
export class FluidService {
  readonly name: string;
  /** Fluid backlog per task (or in the pool) now. */
  backlog = 0;
  /** Mean CPU % of a task over the last step. */
  cpuUtilization = 0;
  /** ∫ cpuUtilization dt up to `cpuMarkMs` (%·ms), so metrics can average it over any window. */
  private cpuPercentMs = 0;
  private cpuMarkMs = 0;

  private readonly sim: Simulation;
  private readonly config: FluidConfig;
  private readonly profile: RateProfile;
  private readonly routes: RouteModel[];
  private meanService: number;
  private scv: number;
  private readonly grid: Float64Array;
  /** x_i − x_{i−1} (x_{−1} = 0). */
  private readonly width: Float64Array;
  private readonly logRatio: number;
  private readonly steps: FluidStep[] = [];
  private readonly stopMs: number;
  private readonly cpuBaseline: number;
  private readonly cpuPerWorker: number;
  /** The (C, Wq) the survival curves were last computed for. */
  private lastC = Number.NaN;
  private lastWq = Number.NaN;
  /** Per-period series, when kept (`keepPeriods`): open buckets by period index, and the closed ones. */
  private periodMs = 0;
  /** `open[j]`: the bucket of period `nextPeriod + j` (undefined while nothing was put in it). */
  private readonly open: (PeriodBucket | undefined)[] = [];
  /** Closed buckets, reused for later periods (no survival array allocated per period). */
  private readonly spareBuckets: PeriodBucket[] = [];
  private nextPeriod = 0;
  private periods: FluidPeriods | undefined;
  /** Scratch: the step's Σ over routes of served × P(T > x_i). */
  private stepSurvival: Float64Array | undefined;

  /** @throws RangeError for a bad step, no routes, zero total weight, or a bad profile or distribution. */
  constructor(sim: Simulation, config: FluidConfig) {
    if (!(Number.isInteger(config.stepMs) && config.stepMs >= 1)) throw new RangeError(`fluid ${config.name}: stepMs must be a whole number of ms >= 1, got ${config.stepMs}`);
    if (config.routes.length === 0) throw new RangeError(`fluid ${config.name} needs at least one route`);
    if ('timestamps' in (config.arrivals as object)) throw new RangeError(`fluid ${config.name}: replay a trace of per-second rates in the fluid mode, not timestamps`);
    if (!(Number.isInteger(config.server.workers) && config.server.workers >= 1)) throw new RangeError(`fluid ${config.name}: workers must be an integer >= 1`);
    this.sim = sim;
    this.config = config;
    this.name = config.name;
    this.profile = makeRateProfile(config.arrivals);
    this.stopMs = config.stopMs ?? Number.POSITIVE_INFINITY;
    const totalWeight = config.routes.reduce((s, r) => s + (r.weight ?? 1), 0);
    if (!(totalWeight > 0)) throw new RangeError(`fluid ${config.name}: route weights must not all be 0`);
    const specs = config.routes.map((r) => config.server.routes?.[r.name]?.serviceTime ?? config.server.serviceTime);
    const moments = specs.map(serviceMoments);
    const shares = config.routes.map((r) => (r.weight ?? 1) / totalWeight);
    this.meanService = moments.reduce((s, m, i) => s + (shares[i] as number) * m.mean, 0);
    const second = moments.reduce((s, m, i) => s + (shares[i] as number) * m.secondMoment, 0);
    if (!(this.meanService > 0)) throw new RangeError(`fluid ${config.name}: the mean service time must be > 0`);
    this.scv = second / (this.meanService * this.meanService) - 1;

    this.logRatio = LOG_RATIO;
    const low = config.gridLowMs ?? this.meanService * GRID_LOW;
    if (!(low > 0 && Number.isFinite(low))) throw new RangeError(`fluid ${config.name}: gridLowMs must be > 0, got ${low}`);
    const grid = sharedGrid(low);
    this.grid = grid.grid;
    this.width = grid.width;
    this.routes = config.routes.map((r, i) => {
      const cdf = sharedCdf(specs[i] as NonNullable<(typeof specs)[number]>, low, this.grid);
      return {
        name: r.name,
        share: shares[i] as number,
        mean: (moments[i] as { mean: number }).mean,
        secondMoment: (moments[i] as { secondMoment: number }).secondMoment,
        step: { arrivals: 0, served: 0, latencySum: 0, shedElb: 0, shedTarget: 0 },
        cdf,
        survival: new Float64Array(GRID),
        accumulated: new Float64Array(GRID),
        arrivals: 0,
        served: 0,
        latencySum: 0,
        shedElb: 0,
        shedTarget: 0,
        noTargets: 0,
      };
    });
    this.cpuBaseline = config.server.cpu?.baselinePercent ?? 1;
    this.cpuPerWorker = config.server.cpu?.perBusyWorkerPercent ?? (100 - this.cpuBaseline) / config.server.workers;
  }

  /** Schedules the first step at the start time (or now, if later). */
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

  /** ∫ of a task's mean CPU % over time up to `tMs` (%·ms): what AWS/ECS CPUUtilization averages over a minute. */
  cpuPercentMsAt(tMs: number): number {
    return this.cpuPercentMs + this.cpuUtilization * (tMs - this.cpuMarkMs);
  }

  private compute(t: number, dt: number): void {
    const cfg = this.config;
    this.advance(t, dt, this.profile.expected(t, t + dt), Math.max(0, Math.floor(typeof cfg.tasks === 'number' ? cfg.tasks : cfg.tasks(t))));
  }

  /**
   * A fed pool's step (never `start`ed: the caller steps it): `routeArrivals[i]` expected
   * requests of route i over [t, t + dt) onto `tasks` tasks. The route mix may change from
   * step to step (the mean and variance of the service time follow it). Each route's part
   * is then in `routeStep(i)`, its latency distribution in `addStepSurvival`.
   */
  feed(t: number, dt: number, routeArrivals: readonly number[], tasks: number): void {
    let arrivals = 0;
    for (let i = 0; i < this.routes.length; i += 1) arrivals += routeArrivals[i] ?? 0;
    if (arrivals > 0) {
      let mean = 0;
      let second = 0;
      for (let i = 0; i < this.routes.length; i += 1) {
        const r = this.routes[i] as RouteModel;
        r.share = (routeArrivals[i] ?? 0) / arrivals;
        mean += r.share * r.mean;
        second += r.share * r.secondMoment;
      }
      this.meanService = mean;
      this.scv = second / (mean * mean) - 1;
    }
    for (const r of this.routes) {
      const st = r.step;
      st.arrivals = st.served = st.latencySum = st.shedElb = st.shedTarget = 0;
    }
    this.advance(t, dt, arrivals, tasks);
  }

  /** Route i's part of the last fed step. */
  routeStep(i: number): Readonly<FluidRouteStep> {
    return (this.routes[i] as RouteModel).step;
  }

  /** The grid's latencies (ms), x_0 … x_(n−1). */
  get latencyGrid(): Float64Array {
    return this.grid;
  }

  /**
   * Adds `weight` × served × P(T > x_i) of the last step's requests, of route `route` (or of
   * all routes, −1), into `out` (on this pool's grid).
   */
  addStepSurvival(out: Float64Array, weight: number, route = -1): void {
    const shift = this.lastShift;
    for (let k = 0; k < this.routes.length; k += 1) {
      if (route >= 0 && k !== route) continue;
      const r = this.routes[k] as RouteModel;
      const w = weight * r.step.served;
      if (!(w > 0)) continue;
      if (shift === 0) for (let i = 0; i < GRID; i += 1) out[i] = (out[i] as number) + w * (r.survival[i] as number);
      else for (let i = 0; i < GRID; i += 1) out[i] = (out[i] as number) + w * this.survivalAt(r, (this.grid[i] as number) - shift);
    }
  }

  /** The last step's backlog shift (ms) added to every latency. */
  private lastShift = 0;

  private advance(t: number, dt: number, arrivals: number, tasks: number): void {
    const cfg = this.config;
    this.cpuPercentMs = this.cpuPercentMsAt(t);
    this.cpuMarkMs = t;
    const workers = cfg.server.workers;
    const pooled = cfg.dispatch === 'pooled';
    const ES = this.meanService;
    for (const r of this.routes) r.arrivals += arrivals * r.share;
    if (tasks === 0) {
      this.lastShift = 0;
      for (const r of this.routes) r.noTargets += arrivals * r.share;
      if (this.periods !== undefined) this.toPeriods(t, dt, arrivals, 0, 0, 0, arrivals, 0);
      this.record(t, tasks, arrivals, 0, 0, Number.NaN, Number.NaN);
      this.cpuUtilization = 0;
      return;
    }
    const groups = pooled ? 1 : tasks;
    const c = pooled ? tasks * workers : workers;
    const limit = (cfg.server.queueLimit ?? Number.POSITIVE_INFINITY) * (pooled ? tasks : 1);
    const lambda = arrivals / dt / groups;
    const capacity = c / ES;
    const rho = lambda / capacity;

    // The deterministic backlog: only when overloaded or still draining.
    let avgBacklog = 0;
    let droppedPerGroup = 0;
    const q0 = this.backlog;
    if (rho >= 1 || q0 > 0) {
      const r = lambda - capacity;
      if (r >= 0) {
        const room = limit - q0;
        const reachAt = r > 0 ? room / r : Number.POSITIVE_INFINITY;
        if (reachAt < dt) {
          avgBacklog = ((q0 + limit) / 2) * (reachAt / dt) + limit * (1 - reachAt / dt);
          droppedPerGroup = r * (dt - reachAt);
          this.backlog = limit;
        } else {
          this.backlog = q0 + r * dt;
          avgBacklog = (q0 + this.backlog) / 2;
        }
      } else {
        const emptyAt = q0 / -r;
        if (emptyAt < dt) {
          avgBacklog = (q0 / 2) * (emptyAt / dt);
          this.backlog = 0;
        } else {
          this.backlog = q0 + r * dt;
          avgBacklog = (q0 + this.backlog) / 2;
        }
      }
    }
    const shift = avgBacklog / capacity;
    this.lastShift = shift;
    let C = 0;
    let Wq = 0;
    if (rho < 1 && lambda > 0) {
      C = erlangC(c, lambda * ES);
      Wq = mgcMeanWait(c, lambda, ES, this.scv);
    }
    const dropped = droppedPerGroup * groups;
    const servedShare = arrivals > 0 ? Math.max(0, 1 - dropped / arrivals) : 1;
    const reset = cfg.server.whenFull === 'reset';

    // The survival curves depend only on (C, Wq): reuse them across identical steps.
    if (C !== this.lastC || Wq !== this.lastWq) {
      this.lastC = C;
      this.lastWq = Wq;
      for (const r of this.routes) this.survivalCurve(r, C, Wq);
    }
    let latencySum = 0;
    let served = 0;
    for (const r of this.routes) {
      const a = arrivals * r.share;
      const s = a * servedShare;
      r.served += s;
      const mean = shift + Wq + r.mean;
      r.latencySum += s * mean;
      latencySum += s * mean;
      served += s;
      if (reset) r.shedElb += a - s;
      else r.shedTarget += a - s;
      const st = r.step;
      st.arrivals = a;
      st.served = s;
      st.latencySum = s * mean;
      st.shedElb = reset ? a - s : 0;
      st.shedTarget = reset ? 0 : a - s;
      if (s > 0) this.accumulate(r, s, shift);
    }
    if (this.periods !== undefined) this.toPeriods(t, dt, arrivals, served, reset ? arrivals - served : 0, reset ? 0 : arrivals - served, 0, shift);
    const busy = Math.min(c, lambda * ES) / (pooled ? tasks : 1);
    const cpu = this.cpuBaseline + busy * this.cpuPerWorker;
    // Not capped at 100%: as a request-level server's, a container's reservation is a share,
    // not a limit (EF-003); the metrics apply a task-level `cpu` and the instance's sharing.
    this.cpuUtilization = cpu < 0 ? 0 : cpu;
    const meanLatency = arrivals > 0 ? latencySum / arrivals : Number.NaN;
    this.record(t, tasks, arrivals, rho, dropped, meanLatency, this.config.keepSteps === false || served === 0 ? Number.NaN : this.stepQuantile(0.99, shift, servedShare));
  }

  private record(t: number, tasks: number, arrivals: number, rho: number, dropped: number, meanLatencyMs: number, p99LatencyMs: number): void {
    if (this.config.keepSteps === false) return;
    this.steps.push({ t, tasks, arrivals, rho, backlog: this.backlog, dropped, meanLatencyMs, p99LatencyMs, cpuUtilization: this.cpuUtilization });
  }

  /**
   * P(W + S > x_i) with W = 0 w.p. 1 − C, else exponential of rate θ = C/Wq:
   * P(S > x) + C·g(x), g(x) = ∫₀ˣ e^(−θ(x−s)) dF(s). Taking F linear between grid points,
   * each interval's part is exact: with a = θ·width_i and E = e^(−a),
   * g_i = E·g_{i−1} + ΔF_i·(1 − E)/a. One expm1 per point, none where a is tiny (Taylor)
   * or large (E is spent).
   */
  private survivalCurve(r: RouteModel, C: number, Wq: number): void {
    const out = r.survival;
    const cdf = r.cdf;
    if (C <= 0 || Wq <= 0) {
      for (let i = 0; i < GRID; i += 1) out[i] = 1 - (cdf[i] as number);
      return;
    }
    const theta = C / Wq;
    const width = this.width;
    let g = 0;
    let previous = 0;
    for (let i = 0; i < GRID; i += 1) {
      const F = cdf[i] as number;
      const dF = F - previous;
      previous = F;
      const a = theta * (width[i] as number);
      if (a > SPENT) {
        g = dF / a;
      } else if (a < 1e-4) {
        // e^(−a) − 1 and (1 − e^(−a))/a by Taylor: error below a⁴/24 < 5e-18.
        const em = -a + (a * a) / 2 - (a * a * a) / 6;
        g = (1 + em) * g + dF * (1 - a / 2 + (a * a) / 6);
      } else {
        const em = Math.expm1(-a);
        g = (1 + em) * g + (dF * -em) / a;
      }
      out[i] = 1 - F + C * g;
    }
  }

  /** P(T > x) of a route at x (before the shift), interpolated in log x. */
  private survivalAt(r: RouteModel, x: number): number {
    if (x <= 0) return 1;
    const grid = this.grid;
    const pos = Math.log(x / (grid[0] as number)) / this.logRatio;
    if (pos <= 0) return 1 - (1 - (r.survival[0] as number)) * (x / (grid[0] as number));
    const j = Math.floor(pos);
    if (j >= GRID - 1) return r.survival[GRID - 1] as number;
    const f = pos - j;
    return (r.survival[j] as number) * (1 - f) + (r.survival[j + 1] as number) * f;
  }

  private accumulate(r: RouteModel, weight: number, shift: number): void {
    const acc = r.accumulated;
    if (shift === 0) {
      const s = r.survival;
      for (let i = 0; i < GRID; i += 1) acc[i] = (acc[i] as number) + weight * (s[i] as number);
      return;
    }
    for (let i = 0; i < GRID; i += 1) acc[i] = (acc[i] as number) + weight * this.survivalAt(r, (this.grid[i] as number) - shift);
  }

  /** The step's own quantile over all routes, shed requests counted at latency 0. */
  private stepQuantile(p: number, shift: number, servedShare: number): number {
    const target = 1 - p;
    const at = (i: number): number => {
      let s = 0;
      const x = (this.grid[i] as number) - shift;
      for (const r of this.routes) s += r.share * servedShare * (shift === 0 ? (r.survival[i] as number) : this.survivalAt(r, x));
      return s;
    };
    return this.invert(at, target);
  }

  /** The smallest grid latency whose survival is at most `target`, interpolated in log x. */
  private invert(survival: (i: number) => number, target: number): number {
    let lo = 0;
    let hi = GRID - 1;
    if (survival(hi) > target) return this.grid[hi] as number;
    if (survival(0) <= target) return this.grid[0] as number;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (survival(mid) > target) lo = mid;
      else hi = mid;
    }
    const a = survival(lo);
    const b = survival(hi);
    const f = a > b ? (a - target) / (a - b) : 1;
    return (this.grid[lo] as number) * Math.exp(f * this.logRatio);
  }

  /**
   * Keeps the requests per period of `periodMs` from now on (`periodSeries`). Reads what each
   * step computes anyway, draws nothing and schedules nothing: the run is the same with or without.
   */
  keepPeriods(periodMs: number): void {
    if (!(Number.isInteger(periodMs) && periodMs >= 1)) throw new RangeError(`fluid ${this.name}: periodMs must be a whole number of ms >= 1, got ${periodMs}`);
    this.periodMs = periodMs;
    this.periods = { t: [], count: [], http2xx: [], http3xx: [], http4xx: [], http5xx: [], elb5xx: [], target5xx: [], p50Ms: [], p90Ms: [], p99Ms: [] };
    this.stepSurvival = new Float64Array(GRID);
  }

  /**
   * Puts a step's requests into the periods it overlaps, each its share of the step's expected
   * arrivals (the rate profile's integral over the overlap), with the step's latency distribution.
   */
  private toPeriods(t: number, dt: number, arrivals: number, served: number, shedElb: number, shedTarget: number, noTargets: number, shift: number): void {
    const P = this.periodMs;
    const first = Math.floor(t / P);
    this.closeBefore(first);
    const last = Math.max(first, Math.ceil((t + dt) / P) - 1);
    if (first === last && served > 0 && shift === 0 && this.routes.length === 1) {
      // The common step (one route, no backlog, inside one period): the general path below with
      // share 1, straight into the bucket, each point the same operations in the same order.
      const r = this.routes[0] as RouteModel;
      const w = arrivals * r.share * (served / arrivals);
      const b = this.bucket(first);
      b.count += arrivals;
      b.served += served;
      b.shedElb += shedElb;
      b.shedTarget += shedTarget;
      b.noTargets += noTargets;
      const into = b.survival;
      const from = r.survival;
      for (let i = 0; i < GRID; i += 1) into[i] = (into[i] as number) + (0 + w * (from[i] as number));
      return;
    }
    const surv = this.stepSurvival as Float64Array;
    if (served > 0) {
      surv.fill(0);
      const servedShare = served / arrivals;
      for (const r of this.routes) {
        const w = arrivals * r.share * servedShare;
        if (shift === 0) for (let i = 0; i < GRID; i += 1) surv[i] = (surv[i] as number) + w * (r.survival[i] as number);
        else for (let i = 0; i < GRID; i += 1) surv[i] = (surv[i] as number) + w * this.survivalAt(r, (this.grid[i] as number) - shift);
      }
    }
    for (let k = first; k <= last; k += 1) {
      // One period: all of it (exact); several: each its share of the profile's integral.
      const share = first === last ? 1 : arrivals > 0 ? this.profile.expected(Math.max(t, k * P), Math.min(t + dt, (k + 1) * P)) / arrivals : 0;
      if (share === 0) continue;
      const b = this.bucket(k);
      b.count += arrivals * share;
      b.served += served * share;
      b.shedElb += shedElb * share;
      b.shedTarget += shedTarget * share;
      b.noTargets += noTargets * share;
      if (served > 0) for (let i = 0; i < GRID; i += 1) b.survival[i] = (b.survival[i] as number) + share * (surv[i] as number);
    }
  }

  /** The open bucket of period `k`; for a period already closed, a bucket no one reads. */
  private bucket(k: number): PeriodBucket {
    const j = k - this.nextPeriod;
    if (j < 0) return this.emptyBucket();
    const open = this.open;
    while (open.length <= j) open.push(undefined);
    let b = open[j];
    if (b === undefined) {
      b = this.emptyBucket();
      open[j] = b;
    }
    return b;
  }

  private emptyBucket(): PeriodBucket {
    const b = this.spareBuckets.pop();
    if (b === undefined) return { count: 0, served: 0, shedElb: 0, shedTarget: 0, noTargets: 0, survival: new Float64Array(GRID) };
    b.count = b.served = b.shedElb = b.shedTarget = b.noTargets = 0;
    b.survival.fill(0);
    return b;
  }

  /** Closes the periods before index `k` (empty ones too), in order. */
  private closeBefore(k: number): void {
    const o = this.periods as FluidPeriods;
    while (this.nextPeriod < k) {
      const i = this.nextPeriod;
      // Usually the only open one: pop it (shift is dearer).
      const b = this.open.length === 1 ? this.open.pop() : this.open.shift();
      o.t.push(i * this.periodMs);
      const count = b?.count ?? 0;
      // The target's reject status may be any code (429 is a 4xx); the load balancer's are 502/503.
      const rejected = b?.shedTarget ?? 0;
      const reject = this.config.server.rejectStatus ?? 503;
      const elb5xx = (b?.shedElb ?? 0) + (b?.noTargets ?? 0);
      const target5xx = reject >= 500 ? rejected : 0;
      o.count.push(count);
      o.http2xx.push((b?.served ?? 0) + (reject < 300 ? rejected : 0));
      o.http3xx.push(reject >= 300 && reject < 400 ? rejected : 0);
      o.http4xx.push(reject >= 400 && reject < 500 ? rejected : 0);
      o.http5xx.push(elb5xx + target5xx);
      o.elb5xx.push(elb5xx);
      o.target5xx.push(target5xx);
      if (b === undefined || count <= 0) {
        o.p50Ms.push(null);
        o.p90Ms.push(null);
        o.p99Ms.push(null);
      } else if (b.served > 0) {
        o.p50Ms.push(fluidQuantile(this.grid, b.survival, (1 - 0.5) * count));
        o.p90Ms.push(fluidQuantile(this.grid, b.survival, (1 - 0.9) * count));
        o.p99Ms.push(fluidQuantile(this.grid, b.survival, (1 - 0.99) * count));
      } else {
        o.p50Ms.push(0);
        o.p90Ms.push(0);
        o.p99Ms.push(0);
      }
      if (b !== undefined) this.spareBuckets.push(b);
      this.nextPeriod = i + 1;
    }
  }

  /**
   * The periods from 0 to the one the run ended in (`endMs`; partial). A step that runs past
   * the end (it is computed whole when it starts) counts in that last period, as in the totals.
   * @throws Error when `keepPeriods` was not called.
   */
  periodSeries(endMs: number): FluidPeriods {
    if (this.periods === undefined) throw new Error(`fluid ${this.name}: keepPeriods was not called`);
    const end = Math.floor(endMs / this.periodMs);
    for (let j = 0; j < this.open.length; j += 1) {
      const b = this.open[j];
      if (b === undefined || this.nextPeriod + j <= end) continue;
      const into = this.bucket(end);
      into.count += b.count;
      into.served += b.served;
      into.shedElb += b.shedElb;
      into.shedTarget += b.shedTarget;
      into.noTargets += b.noTargets;
      for (let i = 0; i < GRID; i += 1) into.survival[i] = (into.survival[i] as number) + (b.survival[i] as number);
      this.open[j] = undefined;
    }
    this.closeBefore(end + 1);
    return this.periods;
  }

  /** The summary so far, in the request-level shape. */
  result(): FluidResult {
    const routes = this.routes.map((r) => this.summarise(r.name, [r]));
    return { routes, total: this.summarise('*', this.routes), steps: this.steps };
  }

  private summarise(key: string, routes: readonly RouteModel[]): RequestSummary {
    let count = 0;
    let served = 0;
    let latencySum = 0;
    let shedElb = 0;
    let shedTarget = 0;
    let noTargets = 0;
    for (const r of routes) {
      count += r.arrivals;
      served += r.served;
      latencySum += r.latencySum;
      shedElb += r.shedElb;
      shedTarget += r.shedTarget;
      noTargets += r.noTargets;
    }
    const quantile = (p: number): number => (served > 0 ? this.invert((i) => routes.reduce((s, r) => s + (r.accumulated[i] as number), 0), (1 - p) * count) : 0);
    const latency: LatencySummary = { count, mean: count > 0 ? latencySum / count : 0, p50: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99) };
    const codes: StatusCount[] = [];
    const add = (status: number, source: ResponseSource, n: number): void => {
      if (n > 0) codes.push({ status, source, count: n });
    };
    add(200, 'target', served);
    add(502, 'elb', shedElb);
    add(this.config.server.rejectStatus ?? 503, 'target', shedTarget);
    add(503, 'elb', noTargets);
    const order: readonly ResponseSource[] = ['elb', 'target', 'client'];
    codes.sort((a, b) => a.status - b.status || order.indexOf(a.source) - order.indexOf(b.source));
    return { key, count, errors: shedElb + shedTarget + noTargets, latency, codes };
  }
}

/** Runs one fluid service alone from 0 to `untilMs` and returns its result. */
export function runFluid(config: FluidConfig, untilMs: number): FluidResult {
  const sim = new Simulation();
  const f = new FluidService(sim, { ...config, stopMs: Math.min(config.stopMs ?? untilMs, untilMs) });
  f.start();
  sim.run({ until: untilMs });
  return f.result();
}
