import type { RandomStream } from '../engine/random.js';
import type { Simulation, Timer } from '../engine/simulation.js';
import type { HttpEndpoint, HttpRequest, HttpResponse, Network, ServerOutcome } from '../traffic/http.js';
import { listenerArn, listenerRuleArn } from './arn.js';
import { CONNECT_TIMEOUT_MS, STATUS_BAD_GATEWAY, STATUS_CONNECTION_RESET, STATUS_GATEWAY_TIMEOUT, STATUS_NO_TARGETS } from './defaults.js';
import { RuleTable } from './routing.js';
import type { ActionSettings, ListenerProtocol, LoadBalancerSettings, WeightedTargetGroup } from './schema.js';
import type { ElbStatsRecorder, RequestSink } from './stats.js';
import { elbApiError, type Target, type TargetGroup, type TargetGroupOwner } from './target-group.js';

/**
 * An Application or Network Load Balancer: listeners (each an `HttpEndpoint` a workload
 * sends to), rules, and the requests in flight to targets.
 *
 * A request's way through an ALB:
 * 1. It arrives at the node of a zone the client picked, uniformly over the enabled zones
 *    (stream `elb/<name>/nodes`): one node per zone, as DNS hands out one address per zone.
 *    The node is drawn only when it matters: for a target group with cross-zone off.
 * 2. The listener's rules pick an action, lowest priority first, default last (L-038).
 * 3. A forward to several target groups picks one by weight (L-040, stream `elb/<name>/forward`).
 * 4. The target group picks a target (round robin, least outstanding requests, weighted
 *    random; cross-zone; fail-open). None → **503** (L-033).
 * 5. Nothing listening at the target → **502** (refused, L-034); or, with
 *    `unreachableTargets: timeout`, **504** after the 10 s connect timeout (L-035).
 * 6. The target's answer goes back as it is (`source: target`); a reset connection →
 *    **502** (L-034); no answer within `idle_timeout.timeout_seconds` → **504** (L-035);
 *    still in flight when its target's deregistration delay ends → **502** (L-021).
 *
 * An NLB works on connections (L-032): no rules and no HTTP status of its own. The node
 * is picked among zones with a healthy target when cross-zone is off (L-030); the target
 * by flow hash (uniform). Where an ALB would answer 502/503/504, the NLB's client sees the
 * connection reset: status 0 (see STATUS_CONNECTION_RESET), `source: elb` when the NLB
 * reset it, `target` when the target did. A target turning unhealthy has its connections
 * reset (L-011); at the end of draining they are kept unless
 * `deregistration_delay.connection_termination.enabled` (L-022). A request silent for the
 * 350 s TCP idle timeout is reset (L-037).
 *
 * A client that gives up (460, L-036) is the workload's to record: the HttpEndpoint has no
 * cancel, so the load balancer finishes the request as it would have and its statistics
 * show the outcome it produced.
 *
 * Timeouts without a timer per request: every request through a load balancer has the
 * same idle timeout, so deadlines (arrival + timeout) are in arrival order. Requests in
 * flight sit in a doubly linked list in that order (O(1) to add and to unlink when
 * answered), and one timer per load balancer is armed for the head's deadline. When it
 * fires, expired heads get their 504 at exactly their deadline, and the timer is armed
 * again for the new head. Answered requests are unlinked at once (no garbage kept for
 * the length of the timeout), and since the head is usually a request sent moments ago,
 * the timer fires about once per timeout period, not once per request.
 */

/** One request in flight to a target: a node of the load balancer's list, in arrival order. */
class Exchange {
  prev: Exchange | undefined = undefined;
  next: Exchange | undefined = undefined;
  done = false;
  constructor(
    readonly request: HttpRequest,
    readonly respond: (response: HttpResponse) => void,
    readonly sink: RequestSink,
    readonly target: Target,
    readonly deadline: number,
  ) {}
}

/** An answer the load balancer gives itself, delivered through the queue (never synchronously). */
class Reply {
  constructor(
    readonly lb: LoadBalancer,
    readonly request: HttpRequest,
    readonly respond: (response: HttpResponse) => void,
    readonly response: HttpResponse,
    readonly sink: RequestSink,
    readonly target: Target | undefined,
  ) {}

  get name(): string {
    return `elb/${this.lb.name}`;
  }
}

interface ForwardGroup {
  readonly group: TargetGroup;
  readonly weight: number;
  readonly sink: RequestSink;
  /** What a request gets when the group has no target to take it. */
  readonly noTarget: HttpResponse;
}

/** A listener action, compiled once; a forward's weights change in place (ModifyRule, L-040). */
class Action {
  constructor(
    /** The fixed response, or undefined for a forward. */
    readonly fixed: HttpResponse | undefined,
    public groups: readonly ForwardGroup[],
    private cumulative: Float64Array,
  ) {}

  /** New forward groups and weights: rules keep pointing at this action, so routing caches stay valid. */
  replace(groups: readonly ForwardGroup[]): void {
    let total = 0;
    this.groups = groups;
    this.cumulative = Float64Array.from(groups, (g) => (total += g.weight));
  }

  /** L-040: a target group in proportion to the weights; undefined when all weights are 0. */
  choose(rng: RandomStream): ForwardGroup | undefined {
    const groups = this.groups;
    if (groups.length === 1) return (groups[0] as ForwardGroup).weight > 0 ? groups[0] : undefined;
    const c = this.cumulative;
    const total = c[c.length - 1] as number;
    if (!(total > 0)) return undefined;
    const u = rng.next() * total;
    let i = 0;
    while (u >= (c[i] as number)) i += 1;
    return groups[i];
  }
}

function deliverReply(this: void, r: Reply): void {
  r.lb.deliverReply(r);
}

function sweep(this: void, lb: LoadBalancer): void {
  lb.sweepIdle();
}

/** A listener: the `HttpEndpoint` traffic is sent to. */
export class Listener implements HttpEndpoint {
  readonly ListenerArn: string;
  /** @internal For an NLB listener whose target group keeps cross-zone off: the group whose healthy zones decide DNS (L-030). */
  readonly dnsGroup: TargetGroup | undefined;

  constructor(
    readonly loadBalancer: LoadBalancer,
    readonly Port: number,
    readonly Protocol: ListenerProtocol,
    /** @internal */
    readonly rules: RuleTable<Action>,
  ) {
    this.ListenerArn = listenerArn(loadBalancer.arn, Port);
    const only = rules.defaultAction.groups[0]?.group;
    this.dnsGroup = loadBalancer.type === 'network' && only !== undefined && !only.crossZoneEnabled ? only : undefined;
  }

  send(request: HttpRequest, respond: (response: HttpResponse) => void): void {
    this.loadBalancer.dispatch(this, request, respond);
  }
}

export interface LoadBalancerOptions {
  readonly arn: string;
  readonly network: Network;
  readonly stats: ElbStatsRecorder;
  /** Resolves a target group reference (a name or an ARN) from the listener actions. */
  readonly targetGroup: (ref: string) => TargetGroup;
  readonly unreachableTargets?: 'refused' | 'timeout' | undefined;
}

export class LoadBalancer implements TargetGroupOwner {
  readonly name: string;
  readonly arn: string;
  readonly type: 'application' | 'network';
  readonly settings: LoadBalancerSettings;
  readonly availabilityZones: readonly string[];
  readonly crossZone: boolean;
  readonly idleTimeoutMs: number;
  private readonly listeners = new Map<number, Listener>();
  /** Forward actions by rule ARN (the default rule's too) and by listener ARN (its default action). */
  private readonly actionsByArn = new Map<string, Action>();
  private readonly options: LoadBalancerOptions;
  private readonly targetGroups = new Set<TargetGroup>();
  private readonly sim: Simulation;
  private readonly network: Network;
  private readonly nodeRng: RandomStream;
  private readonly forwardRng: RandomStream;
  private readonly ownSink: RequestSink;
  private readonly unreachableTimesOut: boolean;
  private readonly isAlb: boolean;
  private readonly zones: number;
  // Requests in flight to targets, in arrival (= deadline) order.
  private head: Exchange | undefined = undefined;
  private tail: Exchange | undefined = undefined;
  private sweepTimer: Timer | undefined = undefined;
  /** Requests in flight to targets now. */
  inFlight = 0;

  constructor(sim: Simulation, settings: LoadBalancerSettings, options: LoadBalancerOptions) {
    this.sim = sim;
    this.settings = settings;
    this.name = settings.Name;
    this.arn = options.arn;
    this.type = settings.Type;
    this.isAlb = settings.Type === 'application';
    this.availabilityZones = settings.AvailabilityZones;
    this.zones = settings.AvailabilityZones.length;
    this.crossZone = settings.crossZone;
    this.idleTimeoutMs = settings.idleTimeoutMs;
    this.network = options.network;
    this.nodeRng = sim.rng(`elb/${this.name}/nodes`);
    this.forwardRng = sim.rng(`elb/${this.name}/forward`);
    this.ownSink = options.stats.loadBalancer(this.name);
    this.unreachableTimesOut = options.unreachableTargets === 'timeout';
    this.options = options;
    for (const l of settings.Listeners) {
      const compile = (a: ActionSettings): Action => this.compile(a, options);
      const lArn = listenerArn(this.arn, l.Port);
      const defaultAction = compile(l.DefaultAction);
      this.actionsByArn.set(lArn, defaultAction);
      this.actionsByArn.set(listenerRuleArn(lArn, 'default'), defaultAction);
      const rules = new RuleTable<Action>(
        l.Rules.map((r) => {
          const action = compile(r.Action);
          this.actionsByArn.set(listenerRuleArn(lArn, r.Priority), action);
          return {
            priority: r.Priority,
            ...pick(r.Conditions, 'path-pattern', 'pathPatterns'),
            ...pick(r.Conditions, 'host-header', 'hostHeaders'),
            action,
          };
        }),
        defaultAction,
      );
      this.listeners.set(l.Port, new Listener(this, l.Port, l.Protocol, rules));
    }
  }

  /** Whether a rule ARN (or a listener ARN, for its default action) belongs to this load balancer. */
  hasRule(ruleOrListenerArn: string): boolean {
    return this.actionsByArn.has(ruleOrListenerArn);
  }

  /** A forward action's target groups and weights now (DescribeRules' ForwardConfig); undefined for an unknown ARN or a fixed response. */
  forwardOf(ruleOrListenerArn: string): { readonly TargetGroupArn: string; readonly Weight: number }[] | undefined {
    const action = this.actionsByArn.get(ruleOrListenerArn);
    if (action === undefined || action.fixed !== undefined) return undefined;
    return action.groups.map((g) => ({ TargetGroupArn: g.group.arn, Weight: g.weight }));
  }

  /**
   * ModifyRule (ModifyListener for a listener's default action) with a new forward
   * `ForwardConfig.TargetGroups` (L-040): requests are split by the new weights from now on.
   * @throws InputError RuleNotFound for an unknown rule, ValidationError for a fixed-response rule.
   */
  setForwardWeights(ruleOrListenerArn: string, targetGroups: readonly WeightedTargetGroup[]): void {
    const action = this.actionsByArn.get(ruleOrListenerArn);
    if (action === undefined) throw elbApiError('RuleNotFound', `One or more rules not found: ${ruleOrListenerArn}`);
    if (action.fixed !== undefined) throw elbApiError('ValidationError', `rule ${ruleOrListenerArn} has a fixed-response action, not a forward`);
    action.replace(this.compile({ Type: 'forward', ForwardConfig: { TargetGroups: targetGroups } }, this.options).groups);
  }

  /** The listener on a port. */
  listener(port: number): Listener | undefined {
    return this.listeners.get(port);
  }

  listenerList(): Listener[] {
    return [...this.listeners.values()];
  }

  /** The target groups its listeners forward to. */
  groups(): TargetGroup[] {
    return [...this.targetGroups];
  }

  private compile(a: ActionSettings, options: LoadBalancerOptions): Action {
    if (a.Type === 'fixed-response') return new Action({ status: Number(a.FixedResponseConfig.StatusCode), source: 'elb' }, [], new Float64Array(0));
    let total = 0;
    const groups = a.ForwardConfig.TargetGroups.map((g): ForwardGroup => {
      const group = options.targetGroup(g.TargetGroupArn);
      if (!this.targetGroups.has(group)) {
        group.attach(this);
        this.targetGroups.add(group);
      }
      return {
        group,
        weight: g.Weight,
        sink: options.stats.targetGroup(this.name, group.arn),
        noTarget: this.isAlb ? { status: STATUS_NO_TARGETS, source: 'elb', targetGroupArn: group.arn } : { status: STATUS_CONNECTION_RESET, source: 'elb', targetGroupArn: group.arn },
      };
    });
    return new Action(undefined, groups, Float64Array.from(groups, (g) => (total += g.weight)));
  }

  /**
   * @internal The fluid mode's view of a listener's routing (elb/fluid.ts): for a request's
   * path and host, the matching rule's fixed response, or its forward's target groups and
   * weights now (L-038, L-040); undefined for a port with no listener.
   */
  fluidRoute(port: number, path: string, host: string | undefined): { readonly fixed: HttpResponse } | { readonly groups: readonly { readonly group: TargetGroup; readonly weight: number }[] } | undefined {
    const rules = this.listeners.get(port)?.rules;
    if (rules === undefined) return undefined;
    const action = rules.hasRules ? rules.match(path, host).action : rules.defaultAction;
    return action.fixed !== undefined ? { fixed: action.fixed } : { groups: action.groups };
  }

  /** @internal A request arrives at a listener. */
  dispatch(listener: Listener, request: HttpRequest, respond: (response: HttpResponse) => void): void {
    const rules = listener.rules;
    const action = rules.hasRules ? rules.match(request.path, request.host).action : rules.defaultAction;
    if (action.fixed !== undefined) {
      this.reply(0, request, respond, action.fixed, this.ownSink, undefined);
      return;
    }
    const forward = action.choose(this.forwardRng);
    if (forward === undefined) {
      this.reply(0, request, respond, this.isAlb ? NO_TARGET_GROUP : NLB_RESET, this.ownSink, undefined);
      return;
    }
    // The node only matters when the group keeps requests in their zone: with cross-zone on
    // every node routes over the same pool, so no node is drawn (one draw less per request).
    const group = forward.group;
    const target = group.pick(this.zones === 1 || group.crossZoneEnabled ? 0 : this.pickNode(listener));
    if (target === undefined) {
      this.reply(0, request, respond, forward.noTarget, forward.sink, undefined);
      return;
    }
    // The server at the target's address, looked up again only when some address opened or closed since.
    const network = this.network;
    let server = target.server;
    if (target.serverVersion !== network.version) {
      const address = target.address;
      server = address === undefined ? undefined : network.connect(address);
      target.server = server;
      target.serverVersion = network.version;
    }
    if (server === undefined) {
      if (this.unreachableTimesOut) this.reply(CONNECT_TIMEOUT_MS, request, respond, target.response(this.isAlb ? STATUS_GATEWAY_TIMEOUT : STATUS_CONNECTION_RESET, 'elb'), forward.sink, target);
      else this.reply(0, request, respond, this.isAlb ? target.response(STATUS_BAD_GATEWAY, 'elb') : target.response(STATUS_CONNECTION_RESET, 'target'), forward.sink, target);
      return;
    }
    const ex = new Exchange(request, respond, forward.sink, target, this.sim.now + this.idleTimeoutMs);
    target.outstanding += 1;
    this.link(ex);
    server.serve(request, (outcome) => this.answered(ex, outcome));
  }

  /** The node a request arrives at: uniform over the zones; an NLB's zones without a healthy target are out of DNS (L-030). */
  private pickNode(listener: Listener): number {
    const dns = listener.dnsGroup;
    if (dns !== undefined) {
      let up = 0;
      for (let z = 0; z < this.zones; z += 1) if (dns.healthyInZone(z) > 0) up += 1;
      if (up > 0 && up < this.zones) {
        let k = this.nodeRng.int(up);
        for (let z = 0; z < this.zones; z += 1) {
          if (dns.healthyInZone(z) > 0 && k-- === 0) return z;
        }
      }
    }
    return this.nodeRng.int(this.zones);
  }

  private answered(ex: Exchange, outcome: ServerOutcome): void {
    // Already answered by the load balancer (504 at the idle timeout, 502 at the end of draining): the late answer is dropped.
    if (ex.done) return;
    this.unlink(ex);
    const target = ex.target;
    let response: HttpResponse;
    if (outcome.kind === 'response') response = target.response(outcome.status, 'target');
    else if (this.isAlb) response = target.response(STATUS_BAD_GATEWAY, 'elb'); // L-034: RST or refused while outstanding
    else response = target.response(STATUS_CONNECTION_RESET, 'target');
    this.finish(ex, response);
  }

  private finish(ex: Exchange, response: HttpResponse): void {
    const latencyMs = this.sim.now - ex.request.sentAt;
    ex.sink.record(latencyMs, response.status, response.source);
    ex.target.stats.record(latencyMs, response.status, response.source);
    ex.respond(response);
  }

  private reply(delayMs: number, request: HttpRequest, respond: (response: HttpResponse) => void, response: HttpResponse, sink: RequestSink, target: Target | undefined): void {
    this.sim.schedule(delayMs, deliverReply, new Reply(this, request, respond, response, sink, target));
  }

  /** @internal */
  deliverReply(r: Reply): void {
    const latencyMs = this.sim.now - r.request.sentAt;
    r.sink.record(latencyMs, r.response.status, r.response.source);
    r.target?.stats.record(latencyMs, r.response.status, r.response.source);
    r.respond(r.response);
  }

  private link(ex: Exchange): void {
    const tail = this.tail;
    if (tail === undefined) this.head = ex;
    else {
      tail.next = ex;
      ex.prev = tail;
    }
    this.tail = ex;
    this.inFlight += 1;
    if (this.sweepTimer === undefined) this.sweepTimer = this.sim.at(ex.deadline, sweep, this);
  }

  /** Marks an exchange answered and takes it out of the list. */
  private unlink(ex: Exchange): void {
    ex.done = true;
    const { prev, next } = ex;
    if (prev === undefined) this.head = next;
    else prev.next = next;
    if (next === undefined) this.tail = prev;
    else next.prev = prev;
    ex.prev = undefined;
    ex.next = undefined;
    ex.target.outstanding -= 1;
    this.inFlight -= 1;
  }

  /** @internal The idle-timeout timer: expired heads time out, then the timer waits for the new head. */
  sweepIdle(): void {
    this.sweepTimer = undefined;
    const now = this.sim.now;
    let ex = this.head;
    while (ex !== undefined && ex.deadline <= now) {
      this.unlink(ex);
      // L-035: an ALB answers 504; an NLB's TCP idle timeout resets the connection (L-037).
      this.finish(ex, ex.target.response(this.isAlb ? STATUS_GATEWAY_TIMEOUT : STATUS_CONNECTION_RESET, 'elb'));
      ex = this.head;
    }
    if (ex !== undefined) this.sweepTimer = this.sim.at(ex.deadline, sweep, this);
  }

  /** Ends every request in flight to `target` with `response`. */
  private endInFlight(target: Target, response: HttpResponse): void {
    const ending: Exchange[] = [];
    for (let ex = this.head; ex !== undefined; ex = ex.next) if (ex.target === target) ending.push(ex);
    for (const ex of ending) this.unlink(ex);
    for (const ex of ending) this.finish(ex, response);
  }

  /** @internal TargetGroupOwner: the deregistration delay ended for `target`. */
  targetRemoved(target: Target): void {
    if (this.isAlb) this.endInFlight(target, target.response(STATUS_BAD_GATEWAY, 'elb')); // L-021
    else if (target.group.settings.terminateConnectionsOnDeregistration) this.endInFlight(target, target.response(STATUS_CONNECTION_RESET, 'elb')); // L-022
  }

  /** @internal TargetGroupOwner: an NLB target turned unhealthy outside fail-open (L-011). */
  targetUnhealthy(target: Target): void {
    if (!this.isAlb) this.endInFlight(target, target.response(STATUS_CONNECTION_RESET, 'elb'));
  }
}

const NO_TARGET_GROUP: HttpResponse = { status: STATUS_NO_TARGETS, source: 'elb' };
const NLB_RESET: HttpResponse = { status: STATUS_CONNECTION_RESET, source: 'elb' };

function pick<K extends string>(
  conditions: readonly { readonly Field: string; readonly Values: readonly string[] }[],
  field: string,
  key: K,
): { [P in K]?: readonly string[] } {
  const c = conditions.find((x) => x.Field === field);
  return (c === undefined ? {} : { [key]: c.Values }) as { [P in K]?: readonly string[] };
}
