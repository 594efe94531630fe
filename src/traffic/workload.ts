import type { RandomStream } from '../engine/random.js';
import type { Simulation, Timer } from '../engine/simulation.js';
import { requestIdCounter, type HttpEndpoint, type HttpRequest, type HttpResponse } from './http.js';
import { makeRateProfile, PoissonArrivals, type RateProfileSpec } from './profile.js';
import { RequestStats, type RequestRecorder } from './stats.js';

/**
 * Workloads: clients sending HTTP requests to an endpoint (a load balancer's listener).
 *
 * Arrivals are a Poisson process with a rate profile (see `profile.ts`), or a replayed
 * trace of request times. Each arrival picks a route by weight; the request carries the
 * route's name, method, path and host, so listener rules can route on them.
 *
 * Randomness comes from two streams per workload, `traffic/<name>/arrivals` and
 * `traffic/<name>/mix`, so adding a workload never changes another's draws, and changing
 * the route mix never moves the arrival times.
 *
 * Cost: one event per arrival (the next arrival is drawn when one fires; nothing is
 * pre-generated), one request object, one response closure, and a timer only for routes
 * with a client timeout.
 */

export interface RouteConfig {
  readonly name: string;
  /** Relative share of the workload's requests (default 1). */
  readonly weight?: number;
  /** Default GET. */
  readonly method?: string;
  readonly path: string;
  readonly host?: string;
  /**
   * The client gives up after this long: the request counts as status 460 from the
   * `client` (ALB logs 460 when the client closes first, ecs-facts L-036) with this
   * latency, and a later response is ignored. The request keeps going downstream, as a
   * real abandoned request does.
   */
  readonly timeoutMs?: number;
}

/**
 * A replayed trace: request times in ms from `at` (default 0, scenario time), and
 * optionally the route of each request by name (otherwise the mix picks).
 */
export interface TimestampTrace {
  readonly timestamps: readonly number[];
  readonly routes?: readonly string[];
  readonly at?: number;
}

/** How requests arrive: a Poisson rate profile, or a trace of times. */
export type ArrivalSpec = RateProfileSpec | TimestampTrace;

export interface WorkloadConfig {
  readonly name: string;
  readonly arrivals: ArrivalSpec;
  /** At least one route. */
  readonly routes: readonly RouteConfig[];
  /** No request before this time (default 0). */
  readonly startMs?: number;
  /** No request at or after this time (default never). */
  readonly stopMs?: number;
}

export interface WorkloadOptions {
  /** Where to record responses, keyed by route name (default: a fresh `RequestStats`). */
  readonly stats?: RequestStats;
  /** Told of every response the client accepts (its own 460s included). */
  readonly onResponse?: (request: HttpRequest, response: HttpResponse, latencyMs: number) => void;
  /** Emit a `httpResponse` trace record per request (off by default: access-log volume). */
  readonly traceRequests?: boolean;
}

const PENDING = 0;
const ANSWERED = 1;
const GAVE_UP = 2;
const LATE = 3;

const CLIENT_CLOSED: HttpResponse = { status: 460, source: 'client' };

interface Route {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly host: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly recorder: RequestRecorder;
}

/** A request in flight, with the client's own bookkeeping. */
class ClientRequest implements HttpRequest {
  readonly id: number;
  readonly route: string;
  readonly method: string;
  readonly path: string;
  declare readonly host?: string;
  readonly sentAt: number;
  state = PENDING;
  timer: Timer | undefined = undefined;

  readonly routeInfo: Route;

  constructor(
    id: number,
    route: Route,
    sentAt: number,
    readonly workload: Workload,
  ) {
    this.routeInfo = route;
    this.id = id;
    this.route = route.name;
    this.method = route.method;
    this.path = route.path;
    if (route.host !== undefined) (this as { host?: string }).host = route.host;
    this.sentAt = sentAt;
  }
}

/** Where the next arrival comes from. */
interface ArrivalSource {
  /** The next arrival time (ms, may be fractional), +Infinity when none is left before `limitMs`. */
  next(limitMs: number): number;
  /** The route index of the arrival just drawn, or -1 to let the mix decide. */
  routeOfLast(): number;
}

class TraceArrivals implements ArrivalSource {
  private i = 0;
  private readonly times: Float64Array;
  private readonly routes: Int32Array | undefined;
  private last = -1;

  constructor(trace: TimestampTrace, routeIndex: ReadonlyMap<string, number>, startMs: number) {
    const at = trace.at ?? 0;
    const n = trace.timestamps.length;
    if (trace.routes !== undefined && trace.routes.length !== n) {
      throw new RangeError(`trace has ${n} timestamps but ${trace.routes.length} routes`);
    }
    const order = Array.from({ length: n }, (_, i) => i);
    trace.timestamps.forEach((t, i) => {
      if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`trace timestamp ${i} must be a finite time >= 0 ms, got ${t}`);
    });
    // A stable sort: requests logged at the same time keep their order.
    order.sort((a, b) => (trace.timestamps[a] as number) - (trace.timestamps[b] as number) || a - b);
    this.times = Float64Array.from(order, (i) => at + (trace.timestamps[i] as number));
    if (trace.routes !== undefined) {
      const names = trace.routes;
      this.routes = Int32Array.from(order, (i) => {
        const name = names[i] as string;
        const index = routeIndex.get(name);
        if (index === undefined) throw new RangeError(`trace request ${i} names route "${name}", which the workload does not have`);
        return index;
      });
    }
    while (this.i < n && (this.times[this.i] as number) < startMs) this.i += 1;
  }

  next(): number {
    if (this.i >= this.times.length) return Number.POSITIVE_INFINITY;
    this.last = this.i;
    this.i += 1;
    return this.times[this.last] as number;
  }

  routeOfLast(): number {
    return this.routes === undefined ? -1 : (this.routes[this.last] as number);
  }
}

class PoissonSource implements ArrivalSource {
  private readonly arrivals: PoissonArrivals;
  constructor(spec: RateProfileSpec, rng: RandomStream, startMs: number) {
    this.arrivals = new PoissonArrivals(makeRateProfile(spec), rng, startMs);
  }
  next(limitMs: number): number {
    return this.arrivals.next(limitMs);
  }
  routeOfLast(): number {
    return -1;
  }
}

function onArrival(this: void, w: Workload): void {
  w.arrive();
}

function giveUp(this: void, request: ClientRequest): void {
  request.workload.clientTimeout(request);
}

/**
 * A source of requests. Construct it, then `start()`; it stops by itself at `stopMs`
 * or when a trace runs out, or on `stop()`.
 */
export class Workload {
  readonly name: string;
  readonly stats: RequestStats;
  /** Requests sent so far. */
  sent = 0;
  /** Requests the client has finished with: a response, or its own timeout. */
  finished = 0;
  /** Responses that came after the client had given up (ignored). */
  lateResponses = 0;

  private readonly sim: Simulation;
  private readonly endpoint: HttpEndpoint;
  private readonly routes: readonly Route[];
  /** Cumulative weights, for the mix draw. */
  private readonly cumulative: Float64Array;
  private readonly mixRng: RandomStream;
  private readonly startMs: number;
  private readonly stopMs: number;
  private readonly arrivals: ArrivalSpec;
  private readonly routeIndex: ReadonlyMap<string, number>;
  private source: ArrivalSource;
  private sourceFrom: number;
  private readonly onResponse: WorkloadOptions['onResponse'];
  private readonly traceRequests: boolean;
  private next: Timer | undefined;
  private started = false;
  private readonly ids: { last: number };

  /**
   * @throws RangeError for no routes, a non-positive total weight, a negative weight or
   * timeout, duplicate route names, or a bad profile or trace.
   */
  constructor(sim: Simulation, config: WorkloadConfig, endpoint: HttpEndpoint, options: WorkloadOptions = {}) {
    if (config.routes.length === 0) throw new RangeError(`workload ${config.name} needs at least one route`);
    this.sim = sim;
    this.name = config.name;
    this.endpoint = endpoint;
    this.stats = options.stats ?? new RequestStats();
    this.onResponse = options.onResponse;
    this.traceRequests = options.traceRequests === true && sim.trace.wants('httpResponse');
    const index = new Map<string, number>();
    this.routes = config.routes.map((r, i) => {
      if (index.has(r.name)) throw new RangeError(`workload ${config.name} has two routes named "${r.name}"`);
      index.set(r.name, i);
      if (r.timeoutMs !== undefined && !(r.timeoutMs >= 0 && Number.isInteger(r.timeoutMs))) {
        throw new RangeError(`route ${r.name}: timeoutMs must be a whole number of ms >= 0, got ${r.timeoutMs}`);
      }
      return { name: r.name, method: r.method ?? 'GET', path: r.path, host: r.host, timeoutMs: r.timeoutMs, recorder: this.stats.recorder(r.name) };
    });
    let total = 0;
    this.cumulative = Float64Array.from(config.routes, (r) => {
      const w = r.weight ?? 1;
      if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`route ${r.name}: weight must be a finite number >= 0, got ${w}`);
      return (total += w);
    });
    if (!(total > 0)) throw new RangeError(`workload ${config.name}: route weights must not all be 0`);
    this.mixRng = sim.rng(`traffic/${config.name}/mix`);
    this.ids = requestIdCounter(sim);
    this.startMs = config.startMs ?? 0;
    this.stopMs = config.stopMs ?? Number.POSITIVE_INFINITY;
    this.arrivals = config.arrivals;
    this.routeIndex = index;
    // Built now so a bad profile or trace fails at construction; rebuilt by start() if the clock has moved on.
    this.sourceFrom = Math.max(this.startMs, sim.now);
    this.source = this.makeSource(this.sourceFrom);
  }

  private makeSource(from: number): ArrivalSource {
    const arrivals = this.arrivals;
    return 'timestamps' in arrivals ? new TraceArrivals(arrivals, this.routeIndex, from) : new PoissonSource(arrivals, this.sim.rng(`traffic/${this.name}/arrivals`), from);
  }

  /** Requests sent and not yet finished. */
  get inFlight(): number {
    return this.sent - this.finished;
  }

  /** Schedules the first arrival: at the start time, or from now if that has passed. */
  start(): void {
    if (this.started) throw new Error(`workload ${this.name} is already started`);
    this.started = true;
    if (this.sim.now > this.sourceFrom) {
      this.sourceFrom = this.sim.now;
      this.source = this.makeSource(this.sourceFrom);
    }
    this.scheduleNext(undefined);
  }

  /** No more arrivals; requests in flight still finish. */
  stop(): void {
    this.sim.cancel(this.next);
    this.next = undefined;
  }

  /** `fired`: the arrival timer that has just fired, re-armed rather than a new one made. */
  private scheduleNext(fired: Timer | undefined): void {
    const t = this.source.next(this.stopMs);
    if (t >= this.stopMs) {
      this.next = undefined;
      return;
    }
    // Continuous times, rounded when scheduled: the process keeps its exact times, so
    // rounding never drifts, and rounding is monotone, so order is kept.
    this.next = fired !== undefined ? this.sim.rearmAt(fired, Math.round(t), onArrival, this) : this.sim.at(Math.round(t), onArrival, this);
  }

  /** @internal The arrival callback. */
  arrive(): void {
    let index = this.source.routeOfLast();
    const cumulative = this.cumulative;
    if (index < 0) {
      index = 0;
      if (cumulative.length > 1) {
        const u = this.mixRng.next() * (cumulative[cumulative.length - 1] as number);
        while (u >= (cumulative[index] as number)) index += 1;
      }
    }
    const route = this.routes[index] as Route;
    const sim = this.sim;
    const request = new ClientRequest(++this.ids.last, route, sim.now, this);
    this.sent += 1;
    if (route.timeoutMs !== undefined) request.timer = sim.schedule(route.timeoutMs, giveUp, request);
    // Called by the arrival timer only (onArrival): it has fired.
    this.scheduleNext(this.next);
    this.endpoint.send(request, (response) => this.respond(request, response));
  }

  /** @internal The endpoint's answer. */
  respond(request: ClientRequest, response: HttpResponse): void {
    const state = request.state;
    if (state === PENDING) {
      request.state = ANSWERED;
      if (request.timer !== undefined) this.sim.cancel(request.timer);
      this.finish(request, response);
    } else if (state === GAVE_UP) {
      request.state = LATE;
      this.lateResponses += 1;
    } else {
      throw new Error(`workload ${this.name}: request ${request.id} was answered twice`);
    }
  }

  /** @internal The client's timeout fired first. */
  clientTimeout(request: ClientRequest): void {
    request.state = GAVE_UP;
    this.finish(request, CLIENT_CLOSED);
  }

  private finish(request: ClientRequest, response: HttpResponse): void {
    this.finished += 1;
    const latencyMs = this.sim.now - request.sentAt;
    request.routeInfo.recorder.record(latencyMs, response.status, response.source);
    if (this.traceRequests) {
      this.sim.trace.emit(this.name, 'httpResponse', { id: request.id, route: request.route, status: response.status, source: response.source, latencyMs });
    }
    if (this.onResponse !== undefined) this.onResponse(request, response, latencyMs);
  }
}
