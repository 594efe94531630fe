import { InputError } from '../issues/index.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation, Timer } from '../engine/simulation.js';
import { requestIdCounter, type HttpRequest, type HttpResponse, type HttpServer, type Network, type QuickHealthCheck, type ServerOutcome } from '../traffic/http.js';
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
   * `elided` (default): a healthy target's check that cannot change anything costs no
   * event (see `QuickCheck`); `per-check`: every check is a request with its events, as
   * the model first ran them. Both give the same histories, metrics, loads and trace.
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
  /** The pending registration, check or drain timer. */
  timer: Timer | undefined = undefined;
  checkTimeout: Timer | undefined = undefined;
  checkInFlight = false;
  checkSeq = 0;
  /** @internal The server holding this target's quick check, if one may be unsettled. */
  quickServer: HttpServer | undefined = undefined;
  /** @internal This target's quick check, reused: at most one is unsettled at a time. */
  quickCheck: QuickCheck | undefined = undefined;
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
  /** The run's request-id counter (shared with every workload), kept: no lookup per check. */
  private readonly requestIds: { last: number };
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
    this.requestIds = requestIdCounter(sim);
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

  /** @internal One health check; the next is scheduled first (L-005). */
  runCheck(t: Target): void {
    this.settleQuick(t);
    // The timer firing now is re-armed for the next check (same time and seq as a new one, no allocation).
    const sim = this.sim;
    const fired = t.timer;
    t.timer = fired !== undefined && fired.t === sim.now && fired.seq === sim.seqNow ? sim.rearmAt(fired, sim.now + this.intervalMs, runCheck, t) : sim.schedule(this.intervalMs, runCheck, t);
    t.checkSeq += 1;
    const network = this.network;
    let server = t.checkServer;
    if (t.checkServerVersion !== network.version) {
      const address = t.healthCheckAddress;
      server = address === undefined ? undefined : network.connect(address);
      t.checkServer = server;
      t.checkServerVersion = network.version;
    }
    if (server === undefined) {
      if (this.unreachableTimesOut) {
        t.checkInFlight = true;
        t.checkTimeout = this.sim.schedule(this.timeoutMs, checkTimedOut, t);
      } else {
        this.applyCheck(t, FAILED);
      }
      return;
    }
    if (this.settings.HealthCheckProtocol === 'TCP') {
      this.applyCheck(t, PASS);
      return;
    }
    const path = this.settings.HealthCheckPath ?? '/';
    // A healthy target's check that its server will certainly pass changes nothing but the
    // server's load: it is accounted for with no event (QuickCheck), its timeout's and its
    // completion's places in the order reserved in case something needs them.
    if (this.elide && t.health.State === 'healthy' && server.canQuickHealthCheck?.(path, this.timeoutMs, this.accepts) === true) {
      t.checkInFlight = true;
      const timeoutSeq = this.sim.reserveSeq();
      const check = t.quickCheck ?? (t.quickCheck = new QuickCheck(this, t));
      check.reset(t.checkSeq, ++this.requestIds.last, path, this.sim.now, timeoutSeq);
      (server.startQuickHealthCheck as (c: QuickHealthCheck) => void)(check);
      t.quickServer = server;
      return;
    }
    t.checkInFlight = true;
    t.checkTimeout = this.sim.schedule(this.timeoutMs, checkTimedOut, t);
    const seq = t.checkSeq;
    const request: HttpRequest = {
      id: ++this.requestIds.last,
      route: '',
      method: 'GET',
      path: this.settings.HealthCheckPath ?? '/',
      // L-007: Host is the target's private IP and the health-check port.
      host: `${t.ip as string}:${t.healthCheckPort}`,
      sentAt: this.sim.now,
      healthCheck: true,
    };
    server.serve(request, (outcome) => this.checkAnswered(t, seq, outcome));
  }

  /** @internal No answer within HealthCheckTimeoutSeconds. */
  checkTimedOut(t: Target): void {
    t.checkTimeout = undefined;
    if (!t.checkInFlight) return;
    t.checkInFlight = false;
    this.applyCheck(t, TIMED_OUT);
  }

  /** @internal A quick check's answer (a pass: the server only takes checks it will pass). */
  quickAnswered(c: QuickCheck, status: number): void {
    const t = c.target;
    if (t.checkSeq !== c.checkSeq || !t.checkInFlight) return;
    t.checkInFlight = false;
    this.applyCheck(t, this.accepts(status) ? PASS : { pass: false, reason: 'Target.ResponseCodeMismatch', description: responseCodeMismatch(status) });
  }

  /** @internal A quick check goes on as a request: its timeout is scheduled where it would have been. */
  quickGoesReal(c: QuickCheck): { readonly request: HttpRequest; readonly done: (outcome: ServerOutcome) => void } {
    const t = c.target;
    const seq = c.checkSeq;
    if (t.checkSeq === seq && t.checkInFlight) t.checkTimeout = this.sim.atReserved(c.sentAt + this.timeoutMs, c.timeoutSeq, checkTimedOut, t);
    const request: HttpRequest = { id: c.id, route: '', method: 'GET', path: c.path, host: `${t.ip as string}:${t.healthCheckPort}`, sentAt: c.sentAt, healthCheck: true };
    return { request, done: (outcome) => this.checkAnswered(t, seq, outcome) };
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

  /** The previous check's answer is recorded before the target's run of results moves again. */
  private settleQuick(t: Target): void {
    const server = t.quickServer;
    if (server === undefined) return;
    t.quickServer = undefined;
    server.settleQuickHealthChecks?.();
  }

  private stopTimers(t: Target): void {
    this.settleQuick(t);
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
 * A health check its server accounts for without events (`HttpServer.startQuickHealthCheck`).
 * Only a healthy target's checks go this way, and only when the server says the check will
 * pass: a pass leaves a healthy target healthy, so the answer can be recorded whenever the
 * server next settles it, and nothing outside sees a difference.
 */
class QuickCheck implements QuickHealthCheck {
  checkSeq = 0;
  id = 0;
  path = '/';
  sentAt = 0;
  timeoutSeq = 0;

  constructor(
    readonly group: TargetGroup,
    readonly target: Target,
  ) {}

  /** One object per target, reused: the previous check is always settled before the next starts (`settleQuick`). */
  reset(checkSeq: number, id: number, path: string, sentAt: number, timeoutSeq: number): void {
    this.checkSeq = checkSeq;
    this.id = id;
    this.path = path;
    this.sentAt = sentAt;
    this.timeoutSeq = timeoutSeq;
  }

  answered(_answeredAt: number, status: number): void {
    this.group.quickAnswered(this, status);
  }

  goesReal(): { readonly request: HttpRequest; readonly done: (outcome: ServerOutcome) => void } {
    return this.group.quickGoesReal(this);
  }
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
