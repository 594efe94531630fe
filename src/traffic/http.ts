/**
 * The few shapes requests travel in, shared by the traffic sources, the load balancers
 * and the tasks that serve them. Callbacks, not promises or processes: a request-level
 * run carries millions of requests, and a callback costs one closure.
 *
 * Who may import what: traffic/ knows only the engine; elb/ knows traffic/; ecs/ knows
 * both (it starts servers for tasks and registers them as targets). A workload sends to
 * an `HttpEndpoint`, which a load balancer's listener implements, so traffic/ never needs
 * to know what a load balancer is.
 */

/** One HTTP request (or health check) in flight. */
export interface HttpRequest {
  /**
   * Unique within a run. A workload's requests count 1, 2, 3, ... in creation order (one
   * counter per run, `requestIdCounter`); an ELB health check's id is negative, its
   * target's and its number's among that target's checks (so a check that costs no event
   * needs no draw from the run's counter).
   */
  readonly id: number;
  /** The workload route it belongs to (`''` for health checks). */
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** The Host header; undefined when the route sets none. */
  readonly host?: string;
  /** When the client sent it (ms of simulated time). */
  readonly sentAt: number;
  /** ELB health checks are served like any request but kept out of request metrics (ecs-facts L-007). */
  readonly healthCheck?: boolean;
}

/**
 * What a server does with a request, as the load balancer sees it on the connection:
 * a response with a status code, or the connection reset (task stopped, container
 * exited), or refused (nothing listening on that address).
 */
export type ServerOutcome = { readonly kind: 'response'; readonly status: number } | { readonly kind: 'reset' } | { readonly kind: 'refused' };

/**
 * A server behind an address (a task's container port). `serve` calls `done` exactly once,
 * never synchronously: the server owns its queueing and service time. A caller that gives
 * up (timeout) just ignores the late call; the server keeps working, as a real one does.
 */
export interface HttpServer {
  /**
   * `place` (optional): the place in the event order of the answer's event when the
   * request is served at once (a health check's, see `QuietHealthChecker`), as
   * `Simulation.atReserved` takes it; a server that ignores it must not be given one.
   */
  serve(request: HttpRequest, done: (outcome: ServerOutcome) => void, place?: number): void;
  /**
   * Optional (health checks that cost no event): whether a health check sent now, on
   * `path`, would certainly be served at once and answered before `answerWithinMs` with a
   * status `accepts` passes, and nothing of it could be seen but the load it adds. The
   * checker then serves it with its answer's place (`serve`'s `place`), or hands the
   * server its checks from now on (`startQuietHealthChecks`).
   */
  canQuickHealthCheck?(path: string, answerWithinMs: number, accepts: (status: number) => boolean): boolean;
  /**
   * Takes over a checker's checks, starting with one now (after `canQuickHealthCheck` said
   * yes, in the same instant): each costs no event while the server stays untouched.
   * @returns the start of the first check the server cannot vouch for (its answer may
   * change then: +Infinity for never): the checker wakes before it; or undefined when
   * the server declines (another checker's checks are quiet on it).
   */
  startQuietHealthChecks?(checker: QuietHealthChecker): number | undefined;
  /** Accounts for the quiet checks up to the event running now and hands the checks back (`QuietHealthChecker.wake`). */
  wakeQuietHealthChecks?(): void;
  /** Accounts for the quiet checks up to the event running now and drops them, with no wake (the checker stops checking). */
  releaseQuietHealthChecks?(): void;
  /** The network no longer sends to this server at an address it listened on. */
  unlistened?(): void;
}

/**
 * A checker whose checks a server accounts for without events ("quiet" checks): one
 * every `intervalMs` from the first, each taking a worker for the server's fixed health
 * service time and answered with a passing status, as served checks are. The server
 * settles them when anything next touches it: a read of its load or counters accounts
 * for the checks that started (and the answers that came) before the event running now,
 * in the places their events would have had; a request, a close or a shutdown also wakes
 * the checker (its next check is an event again). A check still in service at a touch
 * goes on as a request (`goesReal`), its answer and its checker's timeout in the event
 * queue where they would have been.
 */
export interface QuietHealthChecker {
  /** The health-check path (a wrong one answers 404). */
  readonly path: string;
  readonly intervalMs: number;
  /** The place in the event order of the check starting at `atMs`. */
  startPlace(atMs: number): number;
  /** The place in the event order of the answer of the check started at `atMs`. */
  answerPlace(atMs: number): number;
  /** `count` more checks started (counted for their request ids). */
  started(count: number): void;
  /** `count` more checks were answered, each with a pass. */
  passed(count: number): void;
  /** The check started at `atMs` goes on as a request: the checker schedules its timeout and next check, and gives the request and its answer callback. */
  goesReal(atMs: number): { readonly request: HttpRequest; readonly done: (outcome: ServerOutcome) => void };
  /** The checker's checks are events again, the next one at `nextAtMs`. */
  wake(nextAtMs: number): void;
}

/** What the client finally got back, and from whom (ecs-facts L-033 to L-036). */
export interface HttpResponse {
  readonly status: number;
  /** `elb` for 5XX the load balancer generated (502, 503, 504), `target` for the target's own codes, `client` when the client gave up first. */
  readonly source: 'elb' | 'target' | 'client';
  /** The target group that handled it, if any. */
  readonly targetGroupArn?: string;
  /** `ip:port` of the target that served it, if any. */
  readonly target?: string;
}

/** Where a workload sends requests: a load balancer's listener. */
export interface HttpEndpoint {
  send(request: HttpRequest, respond: (response: HttpResponse) => void): void;
}

/**
 * The VPC as far as requests care: which server listens at `ip:port`. ECS puts a task's
 * container port here when the container starts and takes it away when it stops; load
 * balancers connect by the address they registered, as ELB does.
 */
export class Network {
  private readonly servers = new Map<string, HttpServer>();
  /** Bumped on every listen and close, so a caller may cache what `connect` gave until it moves. */
  version = 0;

  listen(address: string, server: HttpServer): void {
    const before = this.servers.get(address);
    this.servers.set(address, server);
    this.version += 1;
    if (before !== undefined && before !== server) before.unlistened?.();
  }

  close(address: string): void {
    const server = this.servers.get(address);
    this.servers.delete(address);
    this.version += 1;
    server?.unlistened?.();
  }

  connect(address: string): HttpServer | undefined {
    return this.servers.get(address);
  }
}

const requestIds = new WeakMap<object, { last: number }>();

/**
 * The request-id counter of a run, shared by every workload of that run so ids are
 * unique and in creation order, as `HttpRequest.id` promises (health checks have ids of
 * their own). Keyed by the
 * run's simulation object, so two runs in one process never share a counter. A hot
 * caller keeps the object and takes `++counter.last` (no lookup per request).
 */
export function requestIdCounter(run: object): { last: number } {
  let counter = requestIds.get(run);
  if (counter === undefined) {
    counter = { last: 0 };
    requestIds.set(run, counter);
  }
  return counter;
}

/** The next request id of a run (1, 2, 3, ...): see `requestIdCounter`. */
export function nextRequestId(run: object): number {
  return ++requestIdCounter(run).last;
}
