import { makeDistribution, type Distribution, type DistributionSpec } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation, Timer } from '../engine/simulation.js';
import type { HttpRequest, HttpServer, QuietHealthChecker, ServerOutcome } from './http.js';

/**
 * The request model of one container port: what a task does with the requests a load
 * balancer sends it.
 *
 * - `workers` requests are served at once (threads, processes, or an event loop's
 *   concurrency limit); the rest wait in FIFO order.
 * - Beyond `queueLimit` waiting requests the server sheds load. The default answers
 *   **503 from the target** at once (what an overloaded nginx, Envoy or a framework's
 *   concurrency limiter returns, so ELB passes it through as a target 503 and counts it
 *   in HTTPCode_Target_5XX); `whenFull: 'reset'` instead resets the connection, as a full
 *   accept backlog does, which ELB turns into a 502 (ecs-facts L-034).
 * - Service times come from a distribution, per route if configured, slowed by a factor
 *   during a cold start (the first N requests, or the first T ms after start).
 * - `timeoutMs` is the application's own request deadline, counted from arrival at the
 *   server: a request still waiting or working at its deadline is answered with
 *   `timeoutStatus` (default 504) at the deadline, and its worker is freed (the handler
 *   is abandoned, as with a cancelled request context).
 * - Health checks (`request.healthCheck`) are served by the same workers in the same
 *   queue, so an overloaded task answers them late and the load balancer sees them time
 *   out, as real tasks do. Their answer is scripted: a status, failure windows, or
 *   `failAfterMs`, all measured from the server's start; a health check on a path other
 *   than the configured one gets 404.
 * - A share `errorRate` of ordinary requests answer `errorStatus` (default 500) after
 *   their service time. Health checks are exempt; script them with the windows instead.
 * - `close()` resets every waiting and in-flight request: ECS calls it when the
 *   container stops. Requests that arrive after it are refused. `shutdown()` is the
 *   graceful half (an application handling SIGTERM): new requests are refused, the
 *   accepted ones finish; a later `close()` (SIGKILL, exit) resets what is left.
 *
 * `done` is never called synchronously: even a 0 ms service or an immediate 503 goes
 * through the event queue, so ordering is defined by the clock alone.
 *
 * Load is tracked as time integrals (busy workers, queue length, CPU %, memory MiB)
 * updated at each change, so any window's average is two snapshots apart: that is what
 * CloudWatch's CPUUtilization (an average over the period) needs.
 *
 * Random streams: `traffic/<name>/service` (service times) and `traffic/<name>/errors`.
 */
export interface TaskServerConfig {
  /** Names the random streams and the actor in errors: make it unique in the run (the task and port). */
  readonly name: string;
  /** Requests served concurrently, >= 1. */
  readonly workers: number;
  /** Requests that may wait for a worker (default unlimited). */
  readonly queueLimit?: number;
  /** What happens beyond the queue limit: `reject` answers `rejectStatus` (default), `reset` resets the connection. */
  readonly whenFull?: 'reject' | 'reset';
  /** Default 503. */
  readonly rejectStatus?: number;
  /** Service time (ms) of a request. */
  readonly serviceTime: DistributionSpec;
  /** Per-route service times, by the workload route's name. */
  readonly routes?: Readonly<Record<string, { readonly serviceTime: DistributionSpec }>>;
  /** The application's request deadline from arrival at the server (default none). */
  readonly timeoutMs?: number;
  /** Default 504. */
  readonly timeoutStatus?: number;
  readonly coldStart?: ColdStart;
  readonly healthCheck?: HealthBehaviour;
  /** Probability that an ordinary request fails with `errorStatus` (default 0). */
  readonly errorRate?: number;
  /** Default 500. */
  readonly errorStatus?: number;
  readonly cpu?: {
    /** CPU use with no request in progress, % of the task's CPU (default 1). */
    readonly baselinePercent?: number;
    /** CPU per busy worker, % of the task's CPU (default (100 − baseline) / workers: all workers busy is 100%). */
    readonly perBusyWorkerPercent?: number;
  };
  readonly memory?: {
    /** Memory in use when idle (default 0 MiB). */
    readonly baselineMiB?: number;
    /** Memory per request in the server, waiting or working (default 0 MiB). */
    readonly perRequestMiB?: number;
    /** The container's or task's memory, for the utilisation % (default: none, utilisation reads 0). */
    readonly limitMiB?: number;
  };
}

/** Slower service while the process warms up: while either condition holds, times are multiplied by `factor`. */
export interface ColdStart {
  /** The first this many requests started (health checks included). */
  readonly requests?: number;
  /** Requests started within this long of the server's start. */
  readonly durationMs?: number;
  readonly factor: number;
}

/** How the health-check path answers. Times are ms since the server started, read when the answer is made. */
export interface HealthBehaviour {
  /** The path the application serves health on; a check on another path gets 404 (default: any path). */
  readonly path?: string;
  /** Default 1 ms. */
  readonly serviceTime?: DistributionSpec;
  /** Default 200. */
  readonly status?: number;
  /** Windows in which the check answers another status; the first window that holds wins. */
  readonly failures?: readonly { readonly fromMs: number; readonly toMs?: number; readonly status: number }[];
  /** From this time on the check answers `failStatus`: a task that starts failing. */
  readonly failAfterMs?: number;
  /** Default 500. */
  readonly failStatus?: number;
}

/** Cumulative load integrals at one instant; averages over a window are differences of two. */
export interface ServerUsage {
  readonly atMs: number;
  readonly busyWorkerMs: number;
  readonly queuedMs: number;
  readonly cpuPercentMs: number;
  readonly memoryMiBMs: number;
}

export interface UsageAverages {
  readonly busyWorkers: number;
  readonly queued: number;
  readonly cpuPercent: number;
  readonly memoryMiB: number;
}

/** Time-averaged load between two snapshots of the same server (zeros for an empty window). */
export function averageUsage(from: ServerUsage, to: ServerUsage): UsageAverages {
  const span = to.atMs - from.atMs;
  if (!(span > 0)) return { busyWorkers: 0, queued: 0, cpuPercent: 0, memoryMiB: 0 };
  return {
    busyWorkers: (to.busyWorkerMs - from.busyWorkerMs) / span,
    queued: (to.queuedMs - from.queuedMs) / span,
    cpuPercent: (to.cpuPercentMs - from.cpuPercentMs) / span,
    memoryMiB: (to.memoryMiBMs - from.memoryMiBMs) / span,
  };
}

type Done = (outcome: ServerOutcome) => void;

const RESET: ServerOutcome = { kind: 'reset' };
const REFUSED: ServerOutcome = { kind: 'refused' };
const RESPONSES = new Map<number, ServerOutcome>();

/** One shared outcome object per status: no allocation per response. */
function response(status: number): ServerOutcome {
  let o = RESPONSES.get(status);
  if (o === undefined) {
    o = { kind: 'response', status };
    RESPONSES.set(status, o);
  }
  return o;
}

const OK = response(200);

function checkStatus(what: string, status: number | undefined): void {
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) throw new RangeError(`${what} must be an HTTP status 100-599, got ${status}`);
}

/** One worker, made once: the completion callback's argument (its `name` names the server in errors). */
class Worker {
  /** The server's start count when this worker took its request: close() resets in that order. */
  startedAs = 0;
  request: HttpRequest | undefined = undefined;
  done: Done | undefined = undefined;
  timer: Timer | undefined = undefined;
  /** Its last completion timer, fired: re-armed for the next request instead of a new one. */
  spare: Timer | undefined = undefined;
  timedOut = false;
  constructor(
    readonly name: string,
    readonly server: TaskServer,
  ) {}
}

function complete(this: void, worker: Worker): void {
  worker.server.complete(worker);
}

function expire(this: void, server: TaskServer): void {
  server.expireWaiting();
}

function flush(this: void, server: TaskServer): void {
  server.flushOutbox();
}

export class TaskServer implements HttpServer {
  readonly name: string;
  readonly workers: number;
  /** When the server started (ms): the origin of cold start and health scripts. */
  readonly startedAt: number;

  // Counters (quiet health checks are settled before one is read).
  /** Requests offered to `serve`, health checks included. */
  get received(): number {
    this.settle();
    return this.receivedCount;
  }
  /** Requests that reached a worker. */
  get started(): number {
    this.settle();
    return this.startedCount;
  }
  /** Requests answered by a worker (any status, timeouts in service included). */
  get completed(): number {
    this.settle();
    return this.completedCount;
  }
  /** Health checks received. */
  get healthChecks(): number {
    this.settle();
    return this.healthCheckCount;
  }
  private receivedCount = 0;
  private startedCount = 0;
  private completedCount = 0;
  private healthCheckCount = 0;
  /** Requests shed at the queue limit. */
  rejected = 0;
  /** Requests that hit the server's own deadline (waiting or working). */
  timedOut = 0;
  /** Requests reset by `close()`. */
  resets = 0;
  /** Requests refused after `shutdown()` or `close()`. */
  refused = 0;
  /** Injected errors answered. */
  injectedErrors = 0;
  /** Requests that had to wait for a worker (entered the queue). */
  waited = 0;
  /** Sum of the waits (ms) of requests that reached a worker. */
  waitSumMs = 0;

  private readonly sim: Simulation;
  private readonly serviceRng: RandomStream;
  private readonly errorRng: RandomStream;
  private readonly service: Distribution;
  private readonly routeService = new Map<string, Distribution>();
  private readonly healthService: Distribution;
  /** The health check's service time when it is fixed (a constant: no draw), else undefined: quick checks need it fixed. */
  private readonly healthFixedMs: number | undefined;
  /** The checker whose health checks are quiet here (see `startQuietHealthChecks`), and where its checks stand: no object per check. */
  private quiet: QuietHealthChecker | undefined = undefined;
  /** The start of its next check not yet accounted for. */
  private quietNextAt = 0;
  /** The start of its first check that must be an event (the checker wakes before it). */
  private quietUntil = 0;
  /** Whether its latest accounted check is in service (started, its answer not accounted for). */
  private quietInService = false;
  private quietAt = 0;
  private quietStartedAs = 0;
  private readonly queueLimit: number;
  private readonly fullOutcome: ServerOutcome;
  private readonly timeoutMs: number;
  private readonly timeoutOutcome: ServerOutcome;
  private readonly errorRate: number;
  private readonly errorOutcome: ServerOutcome;
  private readonly coldRequests: number;
  private readonly coldUntil: number;
  private readonly coldFactor: number;
  private readonly health: HealthBehaviour;
  private readonly cpuBaseline: number;
  private readonly cpuPerWorker: number;
  private readonly memBaseline: number;
  private readonly memPerRequest: number;
  private readonly memLimit: number;

  /** Free workers, a stack. */
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private busy = 0;

  // The waiting queue: a ring of three parallel arrays (request, callback, arrival time).
  private qRequest: (HttpRequest | undefined)[] = new Array<HttpRequest | undefined>(16).fill(undefined);
  private qDone: (Done | undefined)[] = new Array<Done | undefined>(16).fill(undefined);
  private qAt = new Float64Array(16);
  private qHead = 0;
  private qLength = 0;
  private expiry: Timer | undefined;

  // Immediate answers (503 at the limit, resets, refusals), delivered at now + 0.
  private outDone: Done[] = [];
  private outOutcome: ServerOutcome[] = [];
  private outTimer: Timer | undefined;

  // Load integrals since `startedAt`.
  private lastChange: number;
  private busyArea = 0;
  private queueArea = 0;
  private cpuArea = 0;
  private memArea = 0;
  private closed = false;
  private refusing = false;

  /**
   * @throws RangeError for workers not a whole number >= 1, a negative queue limit,
   * timeout or error rate, a status outside 100-599, or a bad distribution.
   */
  constructor(sim: Simulation, config: TaskServerConfig) {
    if (!(Number.isInteger(config.workers) && config.workers >= 1)) throw new RangeError(`server ${config.name}: workers must be an integer >= 1, got ${config.workers}`);
    const limit = config.queueLimit ?? Number.POSITIVE_INFINITY;
    if (!(limit >= 0 && (Number.isInteger(limit) || limit === Number.POSITIVE_INFINITY))) throw new RangeError(`server ${config.name}: queueLimit must be an integer >= 0, got ${limit}`);
    const timeout = config.timeoutMs ?? Number.POSITIVE_INFINITY;
    if (!(timeout >= 0)) throw new RangeError(`server ${config.name}: timeoutMs must be >= 0, got ${timeout}`);
    const errorRate = config.errorRate ?? 0;
    if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`server ${config.name}: errorRate must be in [0, 1], got ${errorRate}`);
    checkStatus('rejectStatus', config.rejectStatus);
    checkStatus('timeoutStatus', config.timeoutStatus);
    checkStatus('errorStatus', config.errorStatus);
    const health = config.healthCheck ?? {};
    checkStatus('healthCheck.status', health.status);
    checkStatus('healthCheck.failStatus', health.failStatus);
    health.failures?.forEach((f, i) => checkStatus(`healthCheck.failures[${i}].status`, f.status));
    const cold = config.coldStart;
    if (cold !== undefined && !(cold.factor > 0 && Number.isFinite(cold.factor))) throw new RangeError(`server ${config.name}: coldStart.factor must be > 0, got ${cold.factor}`);

    this.sim = sim;
    this.name = config.name;
    this.workers = config.workers;
    this.startedAt = sim.now;
    this.lastChange = sim.now;
    this.serviceRng = sim.rng(`traffic/${config.name}/service`);
    this.errorRng = sim.rng(`traffic/${config.name}/errors`);
    this.service = makeDistribution(config.serviceTime);
    for (const [route, r] of Object.entries(config.routes ?? {})) this.routeService.set(route, makeDistribution(r.serviceTime));
    const healthSpec = health.serviceTime ?? { constant: 1 };
    this.healthService = makeDistribution(healthSpec);
    this.healthFixedMs = 'constant' in healthSpec ? this.healthService.sampleMs(this.serviceRng) : undefined;
    this.health = health;
    this.queueLimit = limit;
    this.fullOutcome = config.whenFull === 'reset' ? RESET : response(config.rejectStatus ?? 503);
    this.timeoutMs = timeout;
    this.timeoutOutcome = response(config.timeoutStatus ?? 504);
    this.errorRate = errorRate;
    this.errorOutcome = response(config.errorStatus ?? 500);
    this.coldRequests = cold?.requests ?? 0;
    this.coldUntil = cold?.durationMs === undefined ? Number.NEGATIVE_INFINITY : sim.now + cold.durationMs;
    this.coldFactor = cold?.factor ?? 1;
    this.cpuBaseline = config.cpu?.baselinePercent ?? 1;
    this.cpuPerWorker = config.cpu?.perBusyWorkerPercent ?? (100 - this.cpuBaseline) / config.workers;
    this.memBaseline = config.memory?.baselineMiB ?? 0;
    this.memPerRequest = config.memory?.perRequestMiB ?? 0;
    this.memLimit = config.memory?.limitMiB ?? 0;
    for (let i = 0; i < config.workers; i += 1) {
      const w = new Worker(config.name, this);
      this.all.push(w);
      this.idle.push(w);
    }
  }

  /** Workers busy now. */
  get busyWorkers(): number {
    this.settle();
    return this.busy;
  }

  /** Requests waiting for a worker now. */
  get queued(): number {
    return this.qLength;
  }

  /** Requests in the server now (waiting or working). */
  get inFlight(): number {
    this.settle();
    return this.busy + this.qLength;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether new requests are refused (after `shutdown()` or `close()`). */
  get isRefusing(): boolean {
    return this.refusing || this.closed;
  }

  /**
   * Graceful shutdown (SIGTERM handled): from now on new requests are refused, while the
   * waiting and in-flight ones are served to the end.
   */
  shutdown(): void {
    this.settleAndWake();
    this.refusing = true;
  }

  /**
   * CPU the container asks for now, % of the task's CPU: baseline plus busy workers, at
   * least 0. It may pass 100: what the task gets of it is decided with the other tasks on
   * its instance and its task-level `cpu`, if any (ecs/cpu-shares.ts, EF-003, C-004).
   */
  get cpuUtilization(): number {
    this.settle();
    return this.cpuAt(this.busy);
  }

  /** Memory in use now (MiB). */
  get memoryMiB(): number {
    this.settle();
    return this.memBaseline + this.memPerRequest * (this.busy + this.qLength);
  }

  /** Whether the memory integral can ever move: false when idle and per-request memory are both 0 (then `memoryMiBMs` stays 0). */
  get modelsMemory(): boolean {
    return this.memBaseline !== 0 || this.memPerRequest !== 0;
  }

  /** Memory in use now, % of `memory.limitMiB` (0 without a limit). */
  get memoryUtilization(): number {
    return this.memLimit > 0 ? (100 * this.memoryMiB) / this.memLimit : 0;
  }

  /** Mean wait (ms) of the requests that reached a worker. */
  get meanWaitMs(): number {
    const started = this.started;
    return started > 0 ? this.waitSumMs / started : 0;
  }

  /** The load integrals now. */
  usage(): ServerUsage {
    this.settle();
    this.accumulate();
    return { atMs: this.sim.now, busyWorkerMs: this.busyArea, queuedMs: this.queueArea, cpuPercentMs: this.cpuArea, memoryMiBMs: this.memArea };
  }

  serve(request: HttpRequest, done: Done, place?: number): void {
    this.settleAndWake();
    if (this.closed || this.refusing) {
      this.refused += 1;
      this.answerNow(done, REFUSED);
      return;
    }
    this.receivedCount += 1;
    if (request.healthCheck === true) this.healthCheckCount += 1;
    if (this.idle.length > 0) {
      this.accumulate();
      this.begin(request, done, this.sim.now, place);
    } else if (this.qLength < this.queueLimit) {
      this.accumulate();
      this.enqueue(request, done);
    } else {
      this.rejected += 1;
      this.answerNow(done, this.fullOutcome);
    }
  }

  /**
   * The container stopped: every waiting and in-flight request is reset (delivered at
   * now + 0), and later requests are refused. Calling it twice does nothing.
   */
  close(): void {
    if (this.closed) return;
    this.settleAndWake();
    this.accumulate();
    this.closed = true;
    const working = this.all.filter((w) => w.done !== undefined).sort((a, b) => a.startedAs - b.startedAs);
    for (const w of working) {
      this.sim.cancel(w.timer);
      this.answerNow(w.done as Done, RESET);
      this.resets += 1;
      this.release(w);
    }
    this.busy = 0;
    while (this.qLength > 0) {
      const done = this.dequeue()[1];
      this.answerNow(done, RESET);
      this.resets += 1;
    }
    this.sim.cancel(this.expiry);
    this.expiry = undefined;
  }

  /** Starts work on a request (its answer's event in `place` if given); the caller has accumulated the integrals. */
  private begin(request: HttpRequest, done: Done, arrivedAt: number, place?: number): void {
    const sim = this.sim;
    const now = sim.now;
    const w = this.idle.pop() as Worker;
    this.busy += 1;
    this.startedCount += 1;
    this.waitSumMs += now - arrivedAt;
    const dist = request.healthCheck === true ? this.healthService : (this.routeService.get(request.route) ?? this.service);
    let ms = dist.sampleMs(this.serviceRng);
    if (this.coldFactor !== 1 && (this.startedCount <= this.coldRequests || now < this.coldUntil)) ms = Math.round(ms * this.coldFactor);
    let timedOut = false;
    if (this.timeoutMs !== Number.POSITIVE_INFINITY) {
      const remaining = arrivedAt + this.timeoutMs - now;
      if (ms > remaining) {
        ms = remaining > 0 ? Math.ceil(remaining) : 0;
        timedOut = true;
      }
    }
    w.startedAs = this.startedCount;
    w.request = request;
    w.done = done;
    w.timedOut = timedOut;
    const spare = w.spare;
    if (spare !== undefined) {
      w.spare = undefined;
      w.timer = sim.rearmAt(spare, now + ms, complete, w, place);
    } else w.timer = place === undefined ? sim.schedule(ms, complete, w) : sim.atReserved(now + ms, place, complete, w);
  }

  /** @internal A worker finished (or hit the deadline). */
  complete(w: Worker): void {
    // Called by its timer only: the timer has fired and can be re-armed.
    w.spare = w.timer;
    this.accumulate();
    const request = w.request as HttpRequest;
    const done = w.done as Done;
    let outcome: ServerOutcome;
    if (w.timedOut) {
      this.timedOut += 1;
      outcome = this.timeoutOutcome;
    } else if (request.healthCheck === true) {
      outcome = this.healthOutcome(request);
    } else if (this.errorRate > 0 && this.errorRng.next() < this.errorRate) {
      this.injectedErrors += 1;
      outcome = this.errorOutcome;
    } else {
      outcome = OK;
    }
    this.completedCount += 1;
    this.busy -= 1;
    this.release(w);
    // The next waiting request takes the worker before `done` runs, so a caller that
    // sends again from inside `done` cannot overtake the queue.
    if (this.qLength > 0) {
      const at = this.qAt[this.qHead] as number;
      const [next, nextDone] = this.dequeue();
      this.begin(next, nextDone, at);
    }
    done(outcome);
  }

  private release(w: Worker): void {
    w.request = undefined;
    w.done = undefined;
    w.timer = undefined;
    this.idle.push(w);
  }

  private healthOutcome(request: HttpRequest): ServerOutcome {
    return response(this.healthStatus(request.path, this.sim.now));
  }

  /** The status the health check on `path` answers at `atMs`. */
  private healthStatus(path: string, atMs: number): number {
    const h = this.health;
    if (h.path !== undefined && path !== h.path) return 404;
    const t = atMs - this.startedAt;
    if (h.failures !== undefined) {
      for (const f of h.failures) if (f.fromMs <= t && (f.toMs === undefined || t < f.toMs)) return f.status;
    }
    if (h.failAfterMs !== undefined && t >= h.failAfterMs) return h.failStatus ?? 500;
    return h.status ?? 200;
  }

  // --- Quiet health checks (HttpServer's optional part) ---

  /**
   * Yes when a health check now is certain to be served at once and answered with a
   * status the checker accepts before it gives up, and nobody can see it in service:
   * the server is open and idle (no request working or waiting: the check cannot queue
   * nor delay anyone), its health service time is a constant (no draw from the service
   * stream), cold start is over (it cannot slow the check), and the application's own
   * deadline cannot cut it short.
   */
  canQuickHealthCheck(path: string, answerWithinMs: number, accepts: (status: number) => boolean): boolean {
    this.settle();
    const d = this.healthFixedMs;
    if (d === undefined || this.closed || this.refusing || this.busy > 0 || this.qLength > 0) return false;
    const now = this.sim.now;
    if (this.coldFactor !== 1 && (this.startedCount + 1 <= this.coldRequests || now < this.coldUntil)) return false;
    if (d > this.timeoutMs || !(d < answerWithinMs)) return false;
    return accepts(this.healthStatus(path, now + d));
  }

  /**
   * Serves the checker's checks from now on with no event each, starting with one now
   * (`canQuickHealthCheck` said yes): everything `serve` and a worker's start do now
   * (counters, load integrals, a worker busy); the answers and the next checks are
   * accounted for when something next touches the server (`settle`). Nothing but a
   * touch can change what they do until the health script's next change of status
   * (failure windows, `failAfterMs`): the checker wakes before the first check that
   * could see it.
   */
  startQuietHealthChecks(checker: QuietHealthChecker): number | undefined {
    if (this.quiet !== undefined) return undefined;
    const d = this.healthFixedMs as number;
    const now = this.sim.now;
    this.receivedCount += 1;
    this.healthCheckCount += 1;
    this.accumulate();
    this.busy += 1;
    this.startedCount += 1;
    this.quiet = checker;
    this.quietInService = true;
    this.quietAt = now;
    this.quietStartedAs = this.startedCount;
    this.quietNextAt = now + checker.intervalMs;
    // The status holds until the script's next change; the first check answered at or after it must be an event.
    const change = this.nextStatusChange(now + d);
    const interval = checker.intervalMs;
    this.quietUntil = change === Number.POSITIVE_INFINITY ? change : now + Math.max(1, Math.ceil((change - d - now) / interval)) * interval;
    return this.quietUntil;
  }

  wakeQuietHealthChecks(): void {
    this.settleAndWake();
  }

  releaseQuietHealthChecks(): void {
    if (this.quiet === undefined) return;
    this.settleQuiet(true);
    this.quiet = undefined;
  }

  unlistened(): void {
    this.settleAndWake();
  }

  /**
   * The bulk of `settleQuiet`: the check in service and the ones after it that start and
   * end strictly before now (no tie with the event running now: no places to compare),
   * as the same additions to the integrals `accumulateTo` makes at each start and answer
   * (the server is idle between them), in one loop with the counters added at the end.
   */
  private settleQuietRun(checker: QuietHealthChecker, now: number, d: number, interval: number): void {
    const inService = this.quietInService;
    if (inService && !(this.quietAt + d < now)) return;
    let next = this.quietNextAt;
    const until = this.quietUntil;
    if (!inService && !(next < until && next + d < now)) return;
    const cpuIdle = this.cpuAt(0);
    const cpuBusy = this.cpuAt(1);
    const memIdle = this.memBaseline + this.memPerRequest * 0;
    const memBusy = this.memBaseline + this.memPerRequest * 1;
    let busyArea = this.busyArea;
    let cpuArea = this.cpuArea;
    let memArea = this.memArea;
    let last = this.lastChange;
    let answered = 0;
    let end: number;
    if (inService) {
      // The check in service: its answer.
      end = this.quietAt + d;
      const dt = end - last;
      if (dt > 0) {
        busyArea += dt;
        cpuArea += dt * cpuBusy;
        memArea += dt * memBusy;
        last = end;
      }
      answered = 1;
    }
    let startedMore = 0;
    while (next < until && (end = next + d) < now) {
      let dt = next - last;
      if (dt > 0) {
        cpuArea += dt * cpuIdle;
        memArea += dt * memIdle;
        last = next;
      }
      dt = end - last;
      if (dt > 0) {
        busyArea += dt;
        cpuArea += dt * cpuBusy;
        memArea += dt * memBusy;
        last = end;
      }
      startedMore += 1;
      next += interval;
    }
    answered += startedMore;
    this.busyArea = busyArea;
    this.cpuArea = cpuArea;
    this.memArea = memArea;
    this.lastChange = last;
    this.receivedCount += startedMore;
    this.healthCheckCount += startedMore;
    this.startedCount += startedMore;
    this.completedCount += answered;
    if (inService) this.busy -= 1;
    this.quietInService = false;
    this.quietNextAt = next;
    if (startedMore > 0) checker.started(startedMore);
    checker.passed(answered);
  }

  /** The first time after `atMs` at which the health script may answer differently (ms), or +Infinity. */
  private nextStatusChange(atMs: number): number {
    const h = this.health;
    const t = atMs - this.startedAt;
    let next = Number.POSITIVE_INFINITY;
    const consider = (ms: number | undefined): void => {
      if (ms !== undefined && ms > t && ms < next) next = ms;
    };
    for (const f of h.failures ?? []) {
      consider(f.fromMs);
      consider(f.toMs);
    }
    consider(h.failAfterMs);
    return next === Number.POSITIVE_INFINITY ? next : this.startedAt + next;
  }

  /** Settles the quiet checks before anything reads the server (a check in service stays so: reading cannot change it). */
  private settle(): void {
    if (this.quiet !== undefined) this.settleQuiet(false);
  }

  /** Settles the quiet checks before anything changes the server, and wakes their checker: its next check is an event again. */
  private settleAndWake(): void {
    if (this.quiet === undefined) return;
    this.settleQuiet(true);
    const checker = this.quiet;
    if (checker === undefined) return;
    this.quiet = undefined;
    checker.wake(this.quietNextAt);
  }

  /**
   * Accounts for the quiet checks whose start (and answer) came before the event running
   * now, in order, each as its events would have: the integrals up to its start, a worker
   * busy, the counters; then up to its answer, the worker free, the pass. A check still in
   * service now stays so for a read; before a change (`goReal`) it goes on as a request
   * on a worker, its answer in its place.
   */
  private settleQuiet(goReal: boolean): void {
    const checker = this.quiet as QuietHealthChecker;
    const sim = this.sim;
    const now = sim.now;
    const seqNow = sim.seqNow;
    const d = this.healthFixedMs as number;
    const interval = checker.intervalMs;
    this.settleQuietRun(checker, now, d, interval);
    for (;;) {
      if (this.quietInService) {
        const at = this.quietAt;
        const end = at + d;
        if (!(end < now || (end === now && checker.answerPlace(at) < seqNow))) {
          if (!goReal) return;
          this.quiet = undefined;
          this.quietInService = false;
          const { request, done } = checker.goesReal(at);
          const w = this.idle.pop() as Worker;
          w.startedAs = this.quietStartedAs;
          w.request = request;
          w.done = done;
          w.timedOut = false;
          w.timer = sim.atReserved(end, checker.answerPlace(at), complete, w);
          return;
        }
        this.accumulateTo(end);
        this.completedCount += 1;
        this.busy -= 1;
        this.quietInService = false;
        checker.passed(1);
      }
      const next = this.quietNextAt;
      if (next >= this.quietUntil || !(next < now || (next === now && checker.startPlace(next) < seqNow))) return;
      this.receivedCount += 1;
      this.healthCheckCount += 1;
      this.accumulateTo(next);
      this.busy += 1;
      this.startedCount += 1;
      checker.started(1);
      this.quietInService = true;
      this.quietAt = next;
      this.quietStartedAs = this.startedCount;
      this.quietNextAt = next + interval;
    }
  }

  private enqueue(request: HttpRequest, done: Done): void {
    if (this.qLength === this.qRequest.length) this.grow();
    const mask = this.qRequest.length - 1;
    const i = (this.qHead + this.qLength) & mask;
    this.qRequest[i] = request;
    this.qDone[i] = done;
    this.qAt[i] = this.sim.now;
    this.qLength += 1;
    this.waited += 1;
    if (this.timeoutMs !== Number.POSITIVE_INFINITY && this.expiry === undefined) {
      this.expiry = this.sim.schedule(Math.ceil(this.timeoutMs), expire, this);
    }
  }

  /** Removes the head of the queue; returns a shared tuple (read it at once). */
  private dequeue(): readonly [HttpRequest, Done] {
    const i = this.qHead;
    const tuple = this.head;
    tuple[0] = this.qRequest[i] as HttpRequest;
    tuple[1] = this.qDone[i] as Done;
    this.qRequest[i] = undefined;
    this.qDone[i] = undefined;
    this.qHead = (i + 1) & (this.qRequest.length - 1);
    this.qLength -= 1;
    return tuple;
  }

  private readonly head: [HttpRequest, Done] = [undefined as unknown as HttpRequest, undefined as unknown as Done];

  private grow(): void {
    const n = this.qRequest.length;
    const requests = new Array<HttpRequest | undefined>(n * 2).fill(undefined);
    const dones = new Array<Done | undefined>(n * 2).fill(undefined);
    const at = new Float64Array(n * 2);
    for (let k = 0; k < this.qLength; k += 1) {
      const i = (this.qHead + k) & (n - 1);
      requests[k] = this.qRequest[i];
      dones[k] = this.qDone[i];
      at[k] = this.qAt[i] as number;
    }
    this.qRequest = requests;
    this.qDone = dones;
    this.qAt = at;
    this.qHead = 0;
  }

  /**
   * @internal The deadline timer of the queue's head. FIFO with one deadline per request
   * means deadlines expire in queue order, so one timer serves the whole queue.
   */
  expireWaiting(): void {
    this.expiry = undefined;
    const now = this.sim.now;
    while (this.qLength > 0 && (this.qAt[this.qHead] as number) + this.timeoutMs <= now) {
      this.accumulate();
      const done = this.dequeue()[1];
      this.timedOut += 1;
      done(this.timeoutOutcome);
    }
    if (this.qLength > 0 && this.expiry === undefined && !this.closed) {
      this.expiry = this.sim.at(Math.ceil((this.qAt[this.qHead] as number) + this.timeoutMs), expire, this);
    }
  }

  private answerNow(done: Done, outcome: ServerOutcome): void {
    this.outDone.push(done);
    this.outOutcome.push(outcome);
    if (this.outTimer === undefined) this.outTimer = this.sim.schedule(0, flush, this);
  }

  /** @internal Delivers the immediate answers, in the order they were given. */
  flushOutbox(): void {
    const dones = this.outDone;
    const outcomes = this.outOutcome;
    this.outDone = [];
    this.outOutcome = [];
    this.outTimer = undefined;
    for (let i = 0; i < dones.length; i += 1) (dones[i] as Done)(outcomes[i] as ServerOutcome);
  }

  private cpuAt(busy: number): number {
    // Not capped at 100%: a reservation is a share, not a limit (EF-003); the metrics apply the limits.
    const cpu = this.cpuBaseline + busy * this.cpuPerWorker;
    return cpu < 0 ? 0 : cpu;
  }

  /** Adds the time since the last change to the load integrals. Call before any change. */
  private accumulate(): void {
    this.accumulateTo(this.sim.now);
  }

  private accumulateTo(now: number): void {
    const dt = now - this.lastChange;
    if (dt <= 0) return;
    this.lastChange = now;
    if (this.closed) return;
    const busy = this.busy;
    const queued = this.qLength;
    this.busyArea += dt * busy;
    this.queueArea += dt * queued;
    this.cpuArea += dt * this.cpuAt(busy);
    this.memArea += dt * (this.memBaseline + this.memPerRequest * (busy + queued));
  }
}
