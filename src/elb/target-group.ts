import { InputError } from '../issues/index.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation, Timer } from '../engine/simulation.js';
import type { HttpRequest, HttpResponse, HttpServer, Network, QuietHealthChecker, ServerOutcome } from '../traffic/http.js';
import type { ResponseSource } from '../traffic/stats.js';
import { NEW_TARGET_HEALTHY_AFTER } from './defaults.js';
import {
  afterCheck,
  DESCRIPTIONS,
  DRAINING,
  FAILED,
  INITIAL_CHECKING,
  NOT_REGISTERED,
  PASS,
  REGISTERING,
  responseCodeMismatch,
  sameHealth,
  TIMED_OUT,
  type CheckResult,
  type TargetHealth,
  type TargetHealthReason,
  type TargetHealthState,
  type Thresholds,
} from './health.js';
import { routingAlgorithm, TargetSelector, type Routable, type RoutingAlgorithm } from './routing.js';
import type { TargetGroupSettings } from './schema.js';
import type { RequestSink } from './stats.js';

/**
 * A target group as an actor on the simulation clock: RegisterTargets /
 * DeregisterTargets with the API's semantics, health checks through the Network, the
 * target health state machine with ELB's states and reason codes (ecs-facts L-005, L-012
 * to L-016), draining (L-019 to L-022), slow start (L-023, L-024), and the pools of
 * routable targets its load balancer picks from (L-028 to L-031).
 *
 * Health checks (L-005): each target is checked every HealthCheckIntervalSeconds, the
 * next check scheduled when one starts, so a slow answer never shifts the schedule, and
 * each result holds until the next. A target's first check comes after the registration
 * delay plus a phase drawn from `elb/<name>/healthcheck`, so targets registered together
 * do not all check at the same instant.
 *
 * What a check sees, and the reason it gives (L-013 to L-015):
 * - an HTTP(S) check is an `HttpRequest` with `healthCheck: true`, GET on HealthCheckPath,
 *   Host `<ip>:<health-check port>` (L-007). A status in the Matcher passes; another fails
 *   with `Target.ResponseCodeMismatch` ("Health checks failed with these codes: [502]");
 *   no answer within HealthCheckTimeoutSeconds fails with `Target.Timeout` (an answer that
 *   comes later is ignored); a reset connection fails with `Target.FailedHealthChecks`.
 * - a TCP check passes when the connection opens: a server listens at the address.
 * - nothing listening at the address: the connection is refused, which ELB reports as
 *   the generic `Target.FailedHealthChecks` ("Health checks failed"): it is neither a
 *   wrong code nor a timeout. With the model option `unreachableTargets: timeout` the
 *   address is a black hole instead (the ENI is gone) and the check times out.
 * - on an NLB every failure reads `Target.FailedHealthChecks` (L-014).
 *
 * Targets that cannot receive traffic are `unused` with `Target.NotInUse` and are not
 * checked: a target group no listener forwards to, or a target in a zone the load
 * balancer does not have (L-013).
 */

/** RegisterTargets' `TargetDescription`. `Port` defaults to the target group's port. */
export interface TargetDescription {
  readonly Id: string;
  readonly Port?: number;
  readonly AvailabilityZone?: string;
}

/** A target as DescribeTargetHealth shows it. */
export interface TargetView {
  readonly Id: string;
  readonly Port: number;
  readonly AvailabilityZone: string;
}

/** One `TargetHealthDescriptions` entry. */
export interface TargetHealthDescription {
  readonly Target: TargetView;
  readonly HealthCheckPort: string;
  readonly TargetHealth: TargetHealth;
}

/** A health change of one target, at time `t` (ms). */
export interface HealthHistoryEntry {
  readonly t: number;
  readonly State: TargetHealthState;
  readonly Reason?: TargetHealthReason;
  readonly Description?: string;
}

export interface TargetHealthChangeEvent {
  readonly t: number;
  readonly targetGroupArn: string;
  readonly targetGroupName: string;
  readonly target: TargetView;
  readonly previous: TargetHealth;
  readonly current: TargetHealth;
}

/** Sent when the deregistration delay has run out and the target is gone (`unused`): ECS waits for this to stop the task. */
export interface TargetDeregisteredEvent {
  readonly t: number;
  readonly targetGroupArn: string;
  readonly targetGroupName: string;
  readonly target: TargetView;
}

/** `HealthyHostCount` and `UnHealthyHostCount` from time `t` on. */
export interface HostCountSample {
  readonly t: number;
  readonly HealthyHostCount: number;
  readonly UnHealthyHostCount: number;
}

/** Where an instance target's private IP (and any target's zone) comes from: ECS knows its instances and task ENIs. */
export type TargetResolver = (targetId: string, targetType: 'instance' | 'ip') => { readonly ip: string; readonly availabilityZone?: string } | undefined;

/** The error codes the ELB API answers bad requests with. */
export type ElbErrorCode = 'ValidationError' | 'InvalidTarget' | 'TargetGroupNotFound' | 'LoadBalancerNotFound' | 'ListenerNotFound' | 'RuleNotFound';

/** A request ELB refuses, as the one error class for bad input; the message leads with ELB's error code. */
export function elbApiError(code: ElbErrorCode, message: string): InputError {
  return new InputError(`${code}: ${message}`);
}

/** What the target group needs of the load balancer it serves. */
export interface TargetGroupOwner {
  readonly name: string;
  /** The enabled zones: one load balancer node each. */
  readonly availabilityZones: readonly string[];
  /** The load balancer's cross-zone setting (an ALB's is always on, L-028). */
  readonly crossZone: boolean;
  /** The deregistration delay ran out for this target. */
  targetRemoved(target: Target): void;
  /** NLB: the target turned unhealthy outside fail-open; its connections are reset (L-011). */
  targetUnhealthy(target: Target): void;
}

export interface TargetGroupOptions {
  readonly arn: string;
  readonly network: Network;
  readonly resolveTarget?: TargetResolver | undefined;
  /** Time from RegisterTargets until checks start (`initial` / `Elb.RegistrationInProgress`). */
  readonly registrationDelayMs: number;
  readonly newTargetHealthyAfter?: 'HealthyThresholdCount' | 'one' | undefined;
  readonly unreachableTargets?: 'refused' | 'timeout' | undefined;
  /** The first check's phase is drawn from [0, this) ms (default: one interval). */
  readonly firstCheckJitterMs?: number | undefined;
  /** Per-target request counters, by target key. */
  readonly targetSink?: ((targetKey: string) => RequestSink) | undefined;
  /**
   * `elided` (default): a healthy target's checks that cannot change anything cost no
   * event while nothing touches its server (see `QuietChecker`); `per-check`: every check
   * is a request with its events. Both give the same histories, metrics, loads and trace.
   */
  readonly healthCheckEvents?: 'elided' | 'per-check' | undefined;
}

const NO_SINK: RequestSink = { record: () => undefined };
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** One registered target. The load balancer reads and writes its routing fields directly (hot path). */
export class Target implements Routable {
  /** `Id:Port`, the target's identity in its group. */
  readonly key: string;
  readonly view: TargetView;
  /** Names the actor if one of its callbacks throws. */
  readonly name: string;
  /** `ip:port` where requests go, or undefined when the IP is unknown. */
  readonly address: string | undefined;
  /** `ip:port` where health checks go. */
  readonly healthCheckAddress: string | undefined;
  readonly healthCheckPort: number;
  /** Index of the target's zone among the load balancer's, or -1. */
  zone = -1;
  health: TargetHealth = NOT_REGISTERED;
  passes = 0;
  fails = 0;
  outstanding = 0;
  slowStartFrom = 0;
  slowStartUntil = 0;
  /** L-024: registered in one call into an empty group, so its first healthy turn skips slow start. */
  noSlowStart = false;
  /** The pending registration, check, wake or drain timer. */
  timer: Timer | undefined = undefined;
  checkTimeout: Timer | undefined = undefined;
  checkInFlight = false;
  checkSeq = 0;
  /** @internal The target's key in the run (creation order): orders its checks' events at an instant, and names its checks' request ids. */
  readonly orderKey: number;
  /** @internal Checks started so far (numbers the checks' request ids). */
  checksStarted = 0;
  /** @internal The server whose quiet checks these are (`QuietChecker`), while they are. */
  quietServer: HttpServer | undefined = undefined;
  /** @internal This target's quiet checker, made once. */
  quietChecker: QuietChecker | undefined = undefined;
  /** @internal The server at `healthCheckAddress`, valid while the network's version is `checkServerVersion`. */
  checkServer: HttpServer | undefined = undefined;
  checkServerVersion = -1;
  /** @internal The load balancer's cache of the server at `address`, valid while the network's version is `serverVersion`. */
  server: HttpServer | undefined = undefined;
  serverVersion = -1;
  readonly stats: RequestSink;
  private readonly responses = new Map<number, HttpResponse>();

  constructor(
    readonly group: TargetGroup,
    readonly Id: string,
    readonly Port: number,
    readonly AvailabilityZone: string,
    readonly ip: string | undefined,
    readonly history: HealthHistoryEntry[],
    stats: RequestSink,
  ) {
    this.key = `${Id}:${Port}`;
    this.orderKey = nextTargetKey(group.simulation);
    this.view = { Id, Port, AvailabilityZone };
    this.name = `elb/${group.name}/${this.key}`;
    this.address = ip === undefined ? undefined : `${ip}:${Port}`;
    const hcPort = group.settings.HealthCheckPort;
    this.healthCheckPort = hcPort === 'traffic-port' ? Port : Number(hcPort);
    this.healthCheckAddress = ip === undefined ? undefined : `${ip}:${this.healthCheckPort}`;
    this.stats = stats;
  }

  /** The response object for a status from a source, made once per (status, source): no allocation per request. */
  response(status: number, source: ResponseSource): HttpResponse {
    const code = status * 4 + (source === 'elb' ? 0 : source === 'target' ? 1 : 2);
    let r = this.responses.get(code);
    if (r === undefined) {
      r = this.address === undefined ? { status, source, targetGroupArn: this.group.arn } : { status, source, targetGroupArn: this.group.arn, target: this.address };
      this.responses.set(code, r);
    }
    return r;
  }
}

const keysByRun = new WeakMap<object, { last: number }>();
/** Targets of a run up to this many: their checks' places at an instant take two keys each below 2^19 (Simulation.placeAtInstantStart). */
const MAX_TARGETS = 2 ** 18;

/** The run's next target key (0, 1, 2, ... in creation order: the same in both health-check modes, targets come and go alike). */
function nextTargetKey(sim: Simulation): number {
  let counter = keysByRun.get(sim);
  if (counter === undefined) {
    counter = { last: -1 };
    keysByRun.set(sim, counter);
  }
  counter.last += 1;
  if (counter.last >= MAX_TARGETS) throw elbApiError('ValidationError', `a run registers at most ${MAX_TARGETS} targets (each RegisterTargets of a target not registered makes one)`);
  return counter.last;
}

/**
 * Key offsets of a check's events placed at its instant's start: the next check; the
 * timeout and the answer. Two are enough: a target's timeout and answer never come at the
 * same time (answer < timeout < interval), nor does either with its next check.
 */
const NEXT = 0;
const TIMEOUT = 1;
const ANSWER = 1;

/** A health check's request id: negative, unique in the run (its target's key and its number among the target's checks). */
function healthCheckId(t: Target): number {
  return -(t.orderKey + 1 + (t.checksStarted - 1) * MAX_TARGETS);
}

function registrationDone(this: void, t: Target): void {
  t.group.registrationDone(t);
}
function runCheck(this: void, t: Target): void {
  t.group.runCheck(t);
}
function checkTimedOut(this: void, t: Target): void {
  t.group.checkTimedOut(t);
}
function drainEnded(this: void, t: Target): void {
  t.group.drainEnded(t);
}
function quietWake(this: void, t: Target): void {
  t.group.quietWake(t);
}

/** The health history and request counters of one target key, kept across re-registrations. */
interface TargetRecord {
  readonly view: TargetView;
  readonly history: HealthHistoryEntry[];
  readonly stats: RequestSink;
}

export class TargetGroup {
  readonly name: string;
  readonly arn: string;
  readonly settings: TargetGroupSettings;
  readonly type: 'application' | 'network';
  /** Registered targets (draining ones included), in registration order. */
  private readonly targets = new Map<string, Target>();
  private readonly records = new Map<string, TargetRecord>();
  private owner: TargetGroupOwner | undefined;
  private crossZone = true;
  private selector: TargetSelector<Target>;
  private readonly sim: Simulation;
  private readonly network: Network;
  /** @internal The group's simulation (its targets take their order keys from it). */
  get simulation(): Simulation {
    return this.sim;
  }
  private readonly resolveTarget: TargetResolver | undefined;
  private readonly registrationDelayMs: number;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly jitterMs: number;
  private readonly thresholds: Thresholds;
  private readonly unreachableTimesOut: boolean;
  private readonly accepted = new Uint8Array(600);
  private readonly healthRng: RandomStream;
  private readonly routingRng: RandomStream;
  private readonly routing: RoutingAlgorithm;
  private readonly slowStartRng: RandomStream;
  private readonly targetSink: (key: string) => RequestSink;
  private readonly traceHealth: boolean;
  private readonly changeListeners: ((event: TargetHealthChangeEvent) => void)[] = [];
  private readonly deregisteredListeners: ((event: TargetDeregisteredEvent) => void)[] = [];

  private healthy = 0;
  private unhealthy = 0;
  private healthyByZone = new Int32Array(1);
  /** Whether the pools hold unhealthy targets because too few are healthy (L-029, L-031). */
  private failingOpen = false;
  /** What the selector routes to now: one shared pool, or one per load balancer zone (read by the fluid mode, elb/fluid.ts). */
  private routablePools: readonly (readonly Target[])[] = [];
  private routableShared = true;
  // HealthyHostCount / UnHealthyHostCount as a step function: a sample per change.
  private readonly seriesT: number[] = [];
  private readonly seriesHealthy: number[] = [];
  private readonly seriesUnhealthy: number[] = [];
  private readonly elide: boolean;
  /** The Matcher as a predicate, for quick checks. */
  private readonly accepts = (status: number): boolean => status >= 0 && status < 600 && this.accepted[status] === 1;

  constructor(sim: Simulation, settings: TargetGroupSettings, options: TargetGroupOptions) {
    this.sim = sim;
    this.name = settings.Name;
    this.arn = options.arn;
    this.settings = settings;
    this.type = settings.loadBalancerType;
    this.network = options.network;
    this.resolveTarget = options.resolveTarget;
    this.registrationDelayMs = options.registrationDelayMs;
    this.intervalMs = settings.HealthCheckIntervalSeconds * 1000;
    this.timeoutMs = settings.HealthCheckTimeoutSeconds * 1000;
    this.jitterMs = options.firstCheckJitterMs ?? this.intervalMs;
    const newTarget = options.newTargetHealthyAfter ?? NEW_TARGET_HEALTHY_AFTER;
    this.thresholds = { healthy: settings.HealthyThresholdCount, unhealthy: settings.UnhealthyThresholdCount, initial: newTarget === 'one' ? 1 : settings.HealthyThresholdCount };
    this.unreachableTimesOut = options.unreachableTargets === 'timeout';
    this.elide = options.healthCheckEvents !== 'per-check';
    // Quiet checks are placed by the starts of the instants of their last two checks.
    if (this.elide) sim.keepInstants(2 * this.intervalMs + this.timeoutMs + 1);
    for (const [lo, hi] of settings.matcherCodes) this.accepted.fill(1, lo, hi + 1);
    this.healthRng = sim.rng(`elb/${this.name}/healthcheck`);
    this.routingRng = sim.rng(`elb/${this.name}/${this.type === 'network' ? 'flow' : 'routing'}`);
    this.slowStartRng = sim.rng(`elb/${this.name}/slow-start`);
    this.targetSink = options.targetSink ?? (() => NO_SINK);
    this.traceHealth = sim.trace.wants('targetHealth');
    // The one place the algorithm is chosen: the group's attribute, or the NLB's flow hash (L-025, L-032).
    this.routing = routingAlgorithm(this.type === 'network' ? 'flow_hash' : settings.algorithm);
    this.selector = new TargetSelector<Target>(this.routing, 1, this.routingRng, this.slowStartRng);
    this.sample();
  }

  /**
   * Connects the group to the load balancer that forwards to it; targets already
   * registered start their checks. A group serves one load balancer (L-041).
   * @throws InputError when it already serves another.
   */
  attach(owner: TargetGroupOwner): void {
    if (this.owner === owner) return;
    if (this.owner !== undefined) throw elbApiError('ValidationError', `target group ${this.name} is already associated with load balancer ${this.owner.name}`);
    this.owner = owner;
    const setting = this.settings.crossZone;
    this.crossZone = setting === 'use_load_balancer_configuration' ? owner.crossZone : setting === 'true';
    const zones = owner.availabilityZones.length;
    this.selector = new TargetSelector<Target>(this.routing, zones, this.routingRng, this.slowStartRng);
    this.healthyByZone = new Int32Array(zones);
    for (const t of this.targets.values()) {
      t.zone = owner.availabilityZones.indexOf(t.AvailabilityZone);
      if (t.health.State === 'unused') this.begin(t);
    }
    this.refreshRouting();
  }

  get loadBalancerName(): string | undefined {
    return this.owner?.name;
  }

  /** Whether requests cross zones: the group's `load_balancing.cross_zone.enabled`, else the load balancer's (L-028). */
  get crossZoneEnabled(): boolean {
    return this.crossZone;
  }

  /** Whether the pools hold unhealthy targets because too few are healthy (fail-open, L-029, L-031). */
  get isFailingOpen(): boolean {
    return this.failingOpen;
  }

  /** Registered targets now, draining ones included. */
  get registeredCount(): number {
    return this.targets.size;
  }

  get healthyHostCount(): number {
    return this.healthy;
  }

  get unhealthyHostCount(): number {
    return this.unhealthy;
  }

  /** Healthy targets in a load balancer zone (an NLB node leaves DNS without one, L-030). */
  healthyInZone(zone: number): number {
    return this.healthyByZone[zone] ?? 0;
  }

  /**
   * The targets requests may go to now (the same pools `pick` draws from): `shared` with
   * cross-zone on (one pool), else one pool per load balancer zone (L-028, L-033).
   */
  routable(): { readonly shared: boolean; readonly pools: readonly (readonly Target[])[] } {
    return { shared: this.routableShared, pools: this.routablePools };
  }

  /** The target for a request at the node of `zone`, or undefined when none may take it. */
  pick(zone: number): Target | undefined {
    return this.selector.pick(zone, this.sim.now);
  }

  /** The registered target with this key (`Id:Port`). */
  target(key: string): Target | undefined {
    return this.targets.get(key);
  }

  // --- RegisterTargets / DeregisterTargets ---

  /**
   * RegisterTargets. Registering a registered target does nothing; registering a draining
   * one takes it back (it starts over as `initial`).
   * @throws InputError (ValidationError) for a bad Id or port, or a zone that cannot be told; nothing is registered then.
   */
  registerTargets(targets: readonly TargetDescription[]): void {
    const checked = targets.map((d) => this.checkTarget(d));
    const intoEmpty = this.targets.size === 0;
    for (const c of checked) {
      const existing = this.targets.get(`${c.Id}:${c.Port}`);
      if (existing !== undefined) {
        if (existing.health.State !== 'draining') continue;
        this.stopTimers(existing);
        existing.passes = 0;
        existing.fails = 0;
        existing.noSlowStart = false;
        this.begin(existing);
        continue;
      }
      const key = `${c.Id}:${c.Port}`;
      let record = this.records.get(key);
      if (record === undefined) {
        record = { view: { Id: c.Id, Port: c.Port, AvailabilityZone: c.AvailabilityZone }, history: [], stats: this.targetSink(key) };
        this.records.set(key, record);
      }
      const t = new Target(this, c.Id, c.Port, c.AvailabilityZone, c.ip, record.history, record.stats);
      t.noSlowStart = intoEmpty;
      t.zone = this.owner === undefined ? -1 : this.owner.availabilityZones.indexOf(c.AvailabilityZone);
      this.targets.set(key, t);
      if (this.sim.trace.wants('targetRegistered')) this.sim.trace.emit(`elb/${this.name}`, 'targetRegistered', { target: key });
      this.begin(t);
    }
  }

  /**
   * DeregisterTargets: each target drains for `deregistration_delay.timeout_seconds`
   * (L-019, L-020), taking no new requests, then is removed (`unused`,
   * `Target.NotRegistered`) and `onDeregistered` listeners hear of it. Deregistering a
   * target that is not registered, or already draining, does nothing.
   * @throws InputError (ValidationError) for a bad Id or port.
   */
  deregisterTargets(targets: readonly TargetDescription[]): void {
    for (const d of targets) {
      const port = this.checkPort(d);
      const t = this.targets.get(`${d.Id}:${port}`);
      if (t === undefined || t.health.State === 'draining') continue;
      this.stopTimers(t);
      this.setHealth(t, DRAINING);
      t.timer = this.sim.schedule(this.settings.deregistrationDelayMs, drainEnded, t);
    }
  }

  // --- DescribeTargetHealth ---

  /**
   * DescribeTargetHealth's `TargetHealthDescriptions`: every registered target (draining
   * ones included) in registration order, or the targets asked for; one that is not
   * registered shows `unused` / `Target.NotRegistered`. With `at`, health as it was at
   * that time (after everything that happened at that instant), from the histories.
   */
  describeTargetHealth(targets?: readonly TargetDescription[], at?: number): TargetHealthDescription[] {
    if (at !== undefined && at !== this.sim.now) return this.describeAt(at, targets);
    if (targets === undefined) return [...this.targets.values()].map((t) => this.describe(t.view, t.healthCheckPort, t.health));
    return targets.map((d) => {
      const port = this.checkPort(d);
      const t = this.targets.get(`${d.Id}:${port}`);
      if (t !== undefined) return this.describe(t.view, t.healthCheckPort, t.health);
      const record = this.records.get(`${d.Id}:${port}`);
      return this.describe(record?.view ?? { Id: d.Id, Port: port, AvailabilityZone: d.AvailabilityZone ?? '' }, this.healthCheckPortFor(port), NOT_REGISTERED);
    });
  }

  private describeAt(at: number, targets?: readonly TargetDescription[]): TargetHealthDescription[] {
    const healthAt = (history: readonly HealthHistoryEntry[]): TargetHealth | undefined => {
      let last: HealthHistoryEntry | undefined;
      for (const e of history) {
        if (e.t > at) break;
        last = e;
      }
      if (last === undefined) return undefined;
      return { State: last.State, ...(last.Reason === undefined ? {} : { Reason: last.Reason }), ...(last.Description === undefined ? {} : { Description: last.Description }) };
    };
    if (targets === undefined) {
      const out: TargetHealthDescription[] = [];
      for (const r of this.records.values()) {
        const h = healthAt(r.history);
        if (h !== undefined && !(h.State === 'unused' && h.Reason === 'Target.NotRegistered')) out.push(this.describe(r.view, this.healthCheckPortFor(r.view.Port), h));
      }
      return out;
    }
    return targets.map((d) => {
      const port = this.checkPort(d);
      const r = this.records.get(`${d.Id}:${port}`);
      const h = r === undefined ? undefined : healthAt(r.history);
      return this.describe(r?.view ?? { Id: d.Id, Port: port, AvailabilityZone: d.AvailabilityZone ?? '' }, this.healthCheckPortFor(port), h ?? NOT_REGISTERED);
    });
  }

  private describe(view: TargetView, hcPort: number, health: TargetHealth): TargetHealthDescription {
    return { Target: view, HealthCheckPort: String(hcPort), TargetHealth: health };
  }

  private healthCheckPortFor(port: number): number {
    const p = this.settings.HealthCheckPort;
    return p === 'traffic-port' ? port : Number(p);
  }

  /** Every target key ever registered, with its health history (time-ordered). */
  histories(): { readonly target: TargetView; readonly history: readonly HealthHistoryEntry[] }[] {
    return [...this.records.values()].map((r) => ({ target: r.view, history: r.history }));
  }

  /** HealthyHostCount / UnHealthyHostCount as a step function: one sample per change. */
  hostCounts(): HostCountSample[] {
    return this.seriesT.map((t, i) => ({ t, HealthyHostCount: this.seriesHealthy[i] as number, UnHealthyHostCount: this.seriesUnhealthy[i] as number }));
  }

  /** HealthyHostCount / UnHealthyHostCount at time `t` (after everything at that instant). */
  hostCountsAt(t: number): HostCountSample {
    let lo = 0;
    let hi = this.seriesT.length - 1;
    // The publisher asks for now, at or after the newest sample: no search then.
    if (hi > 0 && (this.seriesT[hi] as number) <= t) lo = hi;
    // The last sample at or before t (the first sample is at the group's creation).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.seriesT[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return { t, HealthyHostCount: this.seriesHealthy[lo] ?? 0, UnHealthyHostCount: this.seriesUnhealthy[lo] ?? 0 };
  }

  // --- Listeners ---

  /** Calls `listener` on every health change of a target. @returns what unsubscribes it. */
  onChange(listener: (event: TargetHealthChangeEvent) => void): () => void {
    this.changeListeners.push(listener);
    return () => remove(this.changeListeners, listener);
  }

  /** Calls `listener` when a deregistered target has finished draining. @returns what unsubscribes it. */
  onDeregistered(listener: (event: TargetDeregisteredEvent) => void): () => void {
    this.deregisteredListeners.push(listener);
    return () => remove(this.deregisteredListeners, listener);
  }

  // --- The actor's steps (called from timer callbacks) ---

  /** @internal Registration complete: initial health checks start. */
  registrationDone(t: Target): void {
    t.timer = undefined;
    this.setHealth(t, INITIAL_CHECKING);
    const phase = this.jitterMs > 0 ? Math.floor(this.healthRng.next() * this.jitterMs) : 0;
    t.timer = this.sim.schedule(phase, runCheck, t);
  }

  /**
   * @internal One health check; the next comes an interval later (L-005). The events a
   * check schedules (the next check, its timeout, its answer when served at once) take
   * their places as if scheduled at the start of the check's instant, in the order of the
   * targets' keys: a place quiet checks can be given later, with no event at that instant
   * (`QuietChecker`), and the same in both modes.
   */
  runCheck(t: Target): void {
    const sim = this.sim;
    const now = sim.now;
    t.checkSeq += 1;
    t.checksStarted += 1;
    const network = this.network;
    let server = t.checkServer;
    if (t.checkServerVersion !== network.version) {
      const address = t.healthCheckAddress;
      server = address === undefined ? undefined : network.connect(address);
      t.checkServer = server;
      t.checkServerVersion = network.version;
    }
    const path = this.settings.HealthCheckPath ?? '/';
    // A healthy target's check that its server will certainly pass changes nothing but the
    // server's load: its timeout and answer take their places at the instant's start, and
    // (elided) the server takes this and the next checks with no event while untouched.
    const quick = server !== undefined && this.settings.HealthCheckProtocol !== 'TCP' && t.health.State === 'healthy' && server.canQuickHealthCheck?.(path, this.timeoutMs, this.accepts) === true;
    if (quick && server !== undefined && this.elide && server.startQuietHealthChecks !== undefined) {
      const checker = t.quietChecker ?? (t.quietChecker = new QuietChecker(this, t, path, this.intervalMs));
      const until = server.startQuietHealthChecks(checker);
      if (until !== undefined) {
        t.quietServer = server;
        t.checkInFlight = false;
        // Before the first check the server cannot vouch for, the checks are events again.
        t.timer = until === Number.POSITIVE_INFINITY ? undefined : sim.atReserved(until, sim.placeFirst(t.orderKey), quietWake, t);
        return;
      }
    }
    const base = sim.seqAtInstant(now);
    const key = t.orderKey * 2;
    const fired = t.timer;
    const nextPlace = sim.placeAtInstantStart(base, key + NEXT);
    t.timer = fired !== undefined && fired.t === now && fired.seq === sim.seqNow ? sim.rearmAt(fired, now + this.intervalMs, runCheck, t, nextPlace) : sim.atReserved(now + this.intervalMs, nextPlace, runCheck, t);
    if (server === undefined) {
      if (this.unreachableTimesOut) {
        t.checkInFlight = true;
        t.checkTimeout = sim.schedule(this.timeoutMs, checkTimedOut, t);
      } else {
        this.applyCheck(t, FAILED);
      }
      return;
    }
    if (this.settings.HealthCheckProtocol === 'TCP') {
      this.applyCheck(t, PASS);
      return;
    }
    const seq = t.checkSeq;
    t.checkInFlight = true;
    if (quick) {
      t.checkTimeout = sim.atReserved(now + this.timeoutMs, sim.placeAtInstantStart(base, key + TIMEOUT), checkTimedOut, t);
      server.serve(this.checkRequest(t, now), (outcome) => this.checkAnswered(t, seq, outcome), sim.placeAtInstantStart(base, key + ANSWER));
      return;
    }
    t.checkTimeout = sim.schedule(this.timeoutMs, checkTimedOut, t);
    server.serve(this.checkRequest(t, now), (outcome) => this.checkAnswered(t, seq, outcome));
  }

  /** A health-check request sent at `sentAt`: GET on HealthCheckPath, Host the target's IP and health-check port (L-007). */
  private checkRequest(t: Target, sentAt: number): HttpRequest {
    return { id: healthCheckId(t), route: '', method: 'GET', path: this.settings.HealthCheckPath ?? '/', host: `${t.ip as string}:${t.healthCheckPort}`, sentAt, healthCheck: true };
  }

  /** @internal No answer within HealthCheckTimeoutSeconds. */
  checkTimedOut(t: Target): void {
    t.checkTimeout = undefined;
    if (!t.checkInFlight) return;
    t.checkInFlight = false;
    this.applyCheck(t, TIMED_OUT);
  }

  /** @internal The place of an event of the check of `t` started at `atMs` (`key` NEXT, TIMEOUT or ANSWER), as `runCheck` gives it. */
  checkPlace(t: Target, atMs: number, key: number): number {
    return this.sim.placeAtInstantStart(this.sim.seqAtInstant(atMs), t.orderKey * 2 + key);
  }

  /** @internal Quiet checks passed (a healthy target stays healthy: afterCheck's first arrow). */
  quietPassed(t: Target, count: number): void {
    t.passes += count;
    t.fails = 0;
  }

  /** @internal A quiet check in service goes on as a request: its timeout and the next check are events, in the places they would have had. */
  quietGoesReal(t: Target, atMs: number): { readonly request: HttpRequest; readonly done: (outcome: ServerOutcome) => void } {
    const sim = this.sim;
    t.quietServer = undefined;
    sim.cancel(t.timer);
    t.checkSeq += 1;
    const seq = t.checkSeq;
    t.checkInFlight = true;
    t.checkTimeout = sim.atReserved(atMs + this.timeoutMs, this.checkPlace(t, atMs, TIMEOUT), checkTimedOut, t);
    t.timer = sim.atReserved(atMs + this.intervalMs, this.checkPlace(t, atMs, NEXT), runCheck, t);
    return { request: this.checkRequest(t, atMs), done: (outcome) => this.checkAnswered(t, seq, outcome) };
  }

  /** @internal The server hands the checks back: the next one (at `nextAtMs`) is an event, in its place. */
  quietWoken(t: Target, nextAtMs: number): void {
    const sim = this.sim;
    t.quietServer = undefined;
    sim.cancel(t.timer);
    t.timer = sim.atReserved(nextAtMs, this.checkPlace(t, nextAtMs - this.intervalMs, NEXT), runCheck, t);
  }

  /** @internal Before a check the server cannot vouch for: the checks are events again. */
  quietWake(t: Target): void {
    t.timer = undefined;
    t.quietServer?.wakeQuietHealthChecks?.();
  }

  private checkAnswered(t: Target, seq: number, outcome: ServerOutcome): void {
    // A late answer (after the timeout) or one to a check of an earlier registration is ignored.
    if (t.checkSeq !== seq || !t.checkInFlight) return;
    t.checkInFlight = false;
    this.sim.cancel(t.checkTimeout);
    t.checkTimeout = undefined;
    if (outcome.kind !== 'response') {
      this.applyCheck(t, FAILED);
      return;
    }
    const status = outcome.status;
    this.applyCheck(t, status >= 0 && status < 600 && this.accepted[status] === 1 ? PASS : { pass: false, reason: 'Target.ResponseCodeMismatch', description: responseCodeMismatch(status) });
  }

  /** @internal The deregistration delay ran out: in-flight requests are dealt with by the load balancer, then the target is gone. */
  drainEnded(t: Target): void {
    t.timer = undefined;
    this.owner?.targetRemoved(t);
    this.targets.delete(t.key);
    this.setHealth(t, NOT_REGISTERED);
    if (this.sim.trace.wants('targetDeregistered')) this.sim.trace.emit(`elb/${this.name}`, 'targetDeregistered', { target: t.key });
    if (this.deregisteredListeners.length > 0) {
      const event: TargetDeregisteredEvent = { t: this.sim.now, targetGroupArn: this.arn, targetGroupName: this.name, target: t.view };
      for (const l of [...this.deregisteredListeners]) l(event);
    }
  }

  // --- Internals ---

  private applyCheck(t: Target, check: CheckResult): void {
    // L-014: an NLB gives one unhealthy reason only.
    // A healthy target passing stays healthy (afterCheck's first arrow): the common case, with no objects made.
    if (check.pass && t.health.State === 'healthy') {
      t.passes += 1;
      t.fails = 0;
      return;
    }
    const result = !check.pass && this.type === 'network' ? FAILED : check;
    const next = afterCheck({ health: t.health, passes: t.passes, fails: t.fails }, result, this.thresholds);
    t.passes = next.passes;
    t.fails = next.fails;
    this.setHealth(t, next.health);
  }

  /** Starts (or restarts) a registration: `initial` while registering, or `unused` when the target cannot get traffic. */
  private begin(t: Target): void {
    if (this.owner === undefined) {
      this.setHealth(t, { State: 'unused', Reason: 'Target.NotInUse', Description: DESCRIPTIONS.notInUseNoLoadBalancer });
      return;
    }
    if (t.zone < 0) {
      this.setHealth(t, { State: 'unused', Reason: 'Target.NotInUse', Description: DESCRIPTIONS.notInUseZone });
      return;
    }
    this.setHealth(t, REGISTERING);
    t.timer = this.sim.schedule(this.registrationDelayMs, registrationDone, t);
  }

  /** The quiet checks are accounted for up to now and stop (the target's checks stop or start over). */
  private releaseQuiet(t: Target): void {
    const server = t.quietServer;
    if (server === undefined) return;
    server.releaseQuietHealthChecks?.();
    t.quietServer = undefined;
  }

  private stopTimers(t: Target): void {
    this.releaseQuiet(t);
    this.sim.cancel(t.timer);
    this.sim.cancel(t.checkTimeout);
    t.timer = undefined;
    t.checkTimeout = undefined;
    t.checkInFlight = false;
    t.checkSeq += 1;
  }

  private setHealth(t: Target, health: TargetHealth): void {
    const before = t.health;
    if (sameHealth(before, health)) return;
    t.health = health;
    const now = this.sim.now;
    t.history.push(
      health.Reason === undefined ? { t: now, State: health.State } : { t: now, State: health.State, Reason: health.Reason, ...(health.Description === undefined ? {} : { Description: health.Description }) },
    );
    if (before.State !== health.State) {
      const wasHealthy = before.State === 'healthy';
      const isHealthy = health.State === 'healthy';
      this.healthy += (isHealthy ? 1 : 0) - (wasHealthy ? 1 : 0);
      this.unhealthy += (health.State === 'unhealthy' ? 1 : 0) - (before.State === 'unhealthy' ? 1 : 0);
      if (isHealthy) this.maybeStartSlowStart(t, now);
      else if (wasHealthy) t.slowStartUntil = 0; // L-023: leaves slow start when unhealthy
      this.sample();
      this.refreshRouting();
      if (this.type === 'network' && health.State === 'unhealthy' && !this.failingOpen && this.settings.terminateConnectionsWhenUnhealthy) this.owner?.targetUnhealthy(t);
    }
    if (this.traceHealth) this.sim.trace.emit(`elb/${this.name}`, 'targetHealth', { target: t.key, state: health.State, reason: health.Reason });
    if (this.changeListeners.length > 0) {
      const event: TargetHealthChangeEvent = { t: now, targetGroupArn: this.arn, targetGroupName: this.name, target: t.view, previous: before, current: health };
      for (const l of [...this.changeListeners]) l(event);
    }
  }

  /**
   * L-023, L-024: a target turning healthy enters slow start when slow start is on, at
   * least one other healthy target is not in slow start, and it was not registered in
   * one call into an empty group (that exemption lasts for its first healthy turn).
   */
  private maybeStartSlowStart(t: Target, now: number): void {
    const exempt = t.noSlowStart;
    t.noSlowStart = false;
    if (this.settings.slowStartMs <= 0 || exempt) return;
    for (const u of this.targets.values()) {
      if (u !== t && u.health.State === 'healthy' && u.slowStartUntil <= now) {
        t.slowStartFrom = now;
        t.slowStartUntil = now + this.settings.slowStartMs;
        return;
      }
    }
  }

  /** Appends a HealthyHostCount / UnHealthyHostCount sample (one per instant). */
  private sample(): void {
    const now = this.sim.now;
    const last = this.seriesT.length - 1;
    if (last >= 0 && this.seriesHealthy[last] === this.healthy && this.seriesUnhealthy[last] === this.unhealthy) return;
    if (last >= 0 && this.seriesT[last] === now) {
      this.seriesHealthy[last] = this.healthy;
      this.seriesUnhealthy[last] = this.unhealthy;
      // Back to what the previous sample says: this instant changed nothing.
      if (last > 0 && this.seriesHealthy[last - 1] === this.healthy && this.seriesUnhealthy[last - 1] === this.unhealthy) {
        this.seriesT.pop();
        this.seriesHealthy.pop();
        this.seriesUnhealthy.pop();
      }
      return;
    }
    this.seriesT.push(now);
    this.seriesHealthy.push(this.healthy);
    this.seriesUnhealthy.push(this.unhealthy);
  }

  /**
   * Rebuilds what the load balancer may route to (on registration and health changes
   * only, never per request):
   * - targets that are `initial` never get requests (L-017), nor draining ones (L-020);
   * - normally the healthy targets; below `minimum_healthy_targets.count` (default 1) or
   *   `.percentage` healthy, every registered target whose health is known, unhealthy
   *   ones included: fail-open (L-029, L-031);
   * - with cross-zone off, a node routes only to its own zone's targets (L-028, L-033).
   */
  private refreshRouting(): void {
    const owner = this.owner;
    if (owner === undefined) {
      this.selector.setPools([]);
      this.routablePools = [];
      this.routableShared = true;
      return;
    }
    const healthy: Target[] = [];
    const known: Target[] = [];
    let eligible = 0;
    this.healthyByZone.fill(0);
    for (const t of this.targets.values()) {
      const s = t.health.State;
      if (t.zone < 0 || s === 'draining' || s === 'unused') continue;
      eligible += 1;
      if (s === 'healthy') {
        healthy.push(t);
        known.push(t);
        this.healthyByZone[t.zone] = (this.healthyByZone[t.zone] as number) + 1;
      } else if (s === 'unhealthy') {
        known.push(t);
      }
    }
    const pct = this.settings.minimumHealthyTargetsPercentage;
    const below = healthy.length < this.settings.minimumHealthyTargetsCount || (pct !== undefined && healthy.length * 100 < pct * eligible);
    this.failingOpen = below && known.length > healthy.length;
    const chosen = below ? known : healthy;
    if (this.crossZone) {
      this.selector.setPools(chosen);
      this.routablePools = [chosen];
      this.routableShared = true;
    } else {
      const byZone = owner.availabilityZones.map((_, z) => chosen.filter((t) => t.zone === z));
      this.selector.setPools(undefined, byZone);
      this.routablePools = byZone;
      this.routableShared = false;
    }
  }

  private checkPort(d: TargetDescription): number {
    const port = d.Port ?? this.settings.Port;
    if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) throw elbApiError('ValidationError', `target ${d.Id}: Port must be from 1 to 65535, got ${port}`);
    return port;
  }

  private checkTarget(d: TargetDescription): { Id: string; Port: number; AvailabilityZone: string; ip: string | undefined } {
    if (typeof d.Id !== 'string' || d.Id === '') throw elbApiError('ValidationError', 'a target needs an Id');
    const port = this.checkPort(d);
    const type = this.settings.TargetType;
    if (type === 'ip' && !IPV4.test(d.Id)) throw elbApiError('InvalidTarget', `target group ${this.name} has target type ip: the Id must be an IPv4 address, got "${d.Id}"`);
    const resolved = this.resolveTarget?.(d.Id, type);
    const ip = type === 'ip' ? d.Id : resolved?.ip;
    const zone = d.AvailabilityZone ?? resolved?.availabilityZone;
    if (zone === undefined) throw elbApiError('ValidationError', `target ${d.Id}: AvailabilityZone is needed (no resolver tells this target's zone)`);
    return { Id: d.Id, Port: port, AvailabilityZone: zone, ip };
  }
}

/**
 * A target's checks while its server accounts for them without events (`HttpServer.
 * startQuietHealthChecks`): only a healthy target's, and only while the server says each
 * will pass. A pass leaves a healthy target healthy, so the answers can be recorded
 * whenever the server next settles them, and nothing outside sees a difference: each
 * check's events would have had the places `runCheck` gives (the next check's as
 * scheduled at the start of the previous check's instant, the answer's at its own).
 */
class QuietChecker implements QuietHealthChecker {
  constructor(
    readonly group: TargetGroup,
    readonly target: Target,
    readonly path: string,
    readonly intervalMs: number,
  ) {}

  startPlace(atMs: number): number {
    return this.group.checkPlace(this.target, atMs - this.intervalMs, NEXT);
  }

  answerPlace(atMs: number): number {
    return this.group.checkPlace(this.target, atMs, ANSWER);
  }

  started(count: number): void {
    this.target.checksStarted += count;
  }

  passed(count: number): void {
    this.group.quietPassed(this.target, count);
  }

  goesReal(atMs: number): { readonly request: HttpRequest; readonly done: (outcome: ServerOutcome) => void } {
    return this.group.quietGoesReal(this.target, atMs);
  }

  wake(nextAtMs: number): void {
    this.group.quietWoken(this.target, nextAtMs);
  }
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
