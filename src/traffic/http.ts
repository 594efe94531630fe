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
  /** Unique within a run, in creation order. */
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
  serve(request: HttpRequest, done: (outcome: ServerOutcome) => void): void;
  /**
   * Optional (a health check that costs no event): whether a health check sent now, on
   * `path`, would certainly be answered before `answerWithinMs` with a status `accepts`
   * passes, and nothing of it could be seen before its answer but the load it adds. Then
   * the checker may call `startQuickHealthCheck` instead of `serve`.
   */
  canQuickHealthCheck?(path: string, answerWithinMs: number, accepts: (status: number) => boolean): boolean;
  /** Starts a quick health check (after `canQuickHealthCheck` said yes, in the same instant). */
  startQuickHealthCheck?(check: QuickHealthCheck): void;
  /** Settles a quick health check in progress now (its checker is about to act on its target). */
  settleQuickHealthChecks?(): void;
}

/**
 * A health check a server accounts for without events: it takes a worker for its fixed
 * service time as a served check does, and its completion is settled when anything next
 * touches the server (a request, a close, a read of its load or counters). If that touch
 * comes while the check is still in service, the check turns into an ordinary request,
 * with its completion and its checker's timeout put in the event queue at the places
 * (time and sequence number) they would have had, so nothing can tell the difference.
 */
export interface QuickHealthCheck {
  /** The health-check path (a wrong one answers 404). */
  readonly path: string;
  /** The check's answer came at `answeredAt` (now or earlier): the checker records it. */
  answered(answeredAt: number, status: number): void;
  /** The check goes on as a request: the checker schedules its timeout and gives the request and its answer callback. */
  goesReal(): { readonly request: HttpRequest; readonly done: (outcome: ServerOutcome) => void };
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
    this.servers.set(address, server);
    this.version += 1;
  }

  close(address: string): void {
    this.servers.delete(address);
    this.version += 1;
  }

  connect(address: string): HttpServer | undefined {
    return this.servers.get(address);
  }
}

const requestIds = new WeakMap<object, { last: number }>();

/**
 * The request-id counter of a run, shared by every workload and health checker of that
 * run so ids are unique and in creation order, as `HttpRequest.id` promises. Keyed by the
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
