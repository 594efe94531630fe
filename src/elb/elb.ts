import type { Simulation } from '../engine/simulation.js';
import type { HttpEndpoint, Network } from '../traffic/http.js';
import { listenerArn, listenerRuleArn, loadBalancerArn, targetGroupArn } from './arn.js';
import { ALB_REGISTRATION_DELAY_MS, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, NLB_REGISTRATION_DELAY_MS } from './defaults.js';
import { LoadBalancer } from './load-balancer.js';
import { targetGroupNameFromArn, type ElbSection, type ListenerProtocol } from './schema.js';
import { ElbStats, type ElbRequestSummary, type ElbStatsRecorder, type TargetRequestSummary } from './stats.js';
import {
  elbApiError,
  TargetGroup,
  type HealthHistoryEntry,
  type HostCountSample,
  type TargetDeregisteredEvent,
  type TargetDescription,
  type TargetHealthChangeEvent,
  type TargetHealthDescription,
  type TargetResolver,
  type TargetView,
} from './target-group.js';

/**
 * Elastic Load Balancing for one run: the target groups and load balancers of a parsed
 * `elb` section, on one Network, behind the API verbs ECS uses (RegisterTargets,
 * DeregisterTargets, DescribeTargetHealth) and the endpoints traffic is sent to.
 */
export interface ElasticLoadBalancingOptions {
  /** For ARNs; default "us-east-1". */
  readonly region?: string;
  /** For ARNs; default "123456789012". */
  readonly accountId?: string;
  /** Where instance targets' private IPs (and targets' zones) come from. */
  readonly resolveTarget?: TargetResolver;
  /** Where per-request results go; default an `ElbStats`, which `result()` summarises. */
  readonly stats?: ElbStatsRecorder;
  /** Health checks that cannot change a healthy target cost no event (`elided`, default), or each is a request with its events (`per-check`): same results. */
  readonly healthCheckEvents?: 'elided' | 'per-check';
}

/** DescribeTargetGroups' `TargetGroup`, as the API returns it. */
export interface TargetGroupDescription {
  readonly TargetGroupArn: string;
  readonly TargetGroupName: string;
  readonly Protocol: string;
  readonly Port: number;
  readonly HealthCheckProtocol: string;
  readonly HealthCheckPort: string;
  readonly HealthCheckEnabled: true;
  readonly HealthCheckIntervalSeconds: number;
  readonly HealthCheckTimeoutSeconds: number;
  readonly HealthyThresholdCount: number;
  readonly UnhealthyThresholdCount: number;
  readonly HealthCheckPath?: string;
  readonly Matcher?: { readonly HttpCode: string };
  readonly LoadBalancerArns: readonly string[];
  readonly TargetType: 'instance' | 'ip';
}

export interface TargetGroupResult {
  readonly TargetGroup: TargetGroupDescription;
  /** Every attribute with its effective value (DescribeTargetGroupAttributes). */
  readonly Attributes: readonly { readonly Key: string; readonly Value: string }[];
  /** Absent when a custom stats recorder collected the requests. */
  readonly requests?: ElbRequestSummary;
  /** Every target ever registered, with its health history (reason codes as ELB gives them). */
  readonly targets: readonly { readonly Target: TargetView; readonly history: readonly HealthHistoryEntry[]; readonly requests?: TargetRequestSummary }[];
  /** HealthyHostCount / UnHealthyHostCount over time: one sample per change. */
  readonly hostCounts: readonly HostCountSample[];
  /** DescribeTargetHealth at the end of the run. */
  readonly TargetHealthDescriptions: readonly TargetHealthDescription[];
  /** DescribeTargetHealth at each time the scenario asked for (`elb.describeTargetHealthAt`). */
  readonly describeTargetHealth: readonly { readonly at: number; readonly TargetHealthDescriptions: readonly TargetHealthDescription[] }[];
}

export interface LoadBalancerResult {
  readonly LoadBalancerName: string;
  readonly LoadBalancerArn: string;
  readonly Type: 'application' | 'network';
  readonly Scheme: 'internet-facing' | 'internal';
  readonly AvailabilityZones: readonly string[];
  readonly Listeners: readonly { readonly ListenerArn: string; readonly Port: number; readonly Protocol: ListenerProtocol }[];
  /** Every request the load balancer answered (absent with a custom stats recorder). */
  readonly requests?: ElbRequestSummary;
  /** Requests still in flight to targets when the result was taken. */
  readonly inFlight: number;
}

/** The ELB part of a run's result: JSON-serialisable. */
export interface ElbResult {
  readonly loadBalancers: readonly LoadBalancerResult[];
  readonly targetGroups: readonly TargetGroupResult[];
}

export class ElasticLoadBalancing {
  readonly network: Network;
  readonly stats: ElbStatsRecorder;
  readonly region: string;
  readonly accountId: string;
  private readonly sim: Simulation;
  private readonly groups = new Map<string, TargetGroup>();
  private readonly groupsByArn = new Map<string, TargetGroup>();
  private readonly balancers = new Map<string, LoadBalancer>();

  /**
   * Builds every target group, then every load balancer with its listeners and rules.
   * @throws InputError when a listener names a target group the section lacks (the
   * section schema reports that first, with the field path).
   */
  constructor(sim: Simulation, network: Network, section: ElbSection, options: ElasticLoadBalancingOptions = {}) {
    this.sim = sim;
    this.network = network;
    this.stats = options.stats ?? new ElbStats();
    this.region = options.region ?? DEFAULT_REGION;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    const model = section.model;
    const stats = this.stats;
    for (const settings of section.targetGroups) {
      const arn = targetGroupArn(this.region, this.accountId, settings.Name);
      const delay = settings.loadBalancerType === 'application' ? (model.registrationDelay?.application ?? ALB_REGISTRATION_DELAY_MS) : (model.registrationDelay?.network ?? NLB_REGISTRATION_DELAY_MS);
      const group = new TargetGroup(sim, settings, {
        arn,
        network,
        resolveTarget: options.resolveTarget,
        registrationDelayMs: delay,
        newTargetHealthyAfter: model.newTargetHealthyAfter,
        unreachableTargets: model.unreachableTargets,
        firstCheckJitterMs: model.firstCheckJitter,
        targetSink: (key) => stats.target(arn, key),
        healthCheckEvents: options.healthCheckEvents ?? model.healthCheckEvents,
      });
      this.groups.set(settings.Name, group);
      this.groupsByArn.set(arn, group);
    }
    for (const settings of section.loadBalancers) {
      const lb = new LoadBalancer(sim, settings, {
        arn: loadBalancerArn(this.region, this.accountId, settings.Type, settings.Name),
        network,
        stats,
        unreachableTargets: model.unreachableTargets,
        targetGroup: (ref) => this.requireGroup(ref),
      });
      this.balancers.set(settings.Name, lb);
    }
  }

  /** A target group by name, by its ARN, or by a pasted ARN whose name part is the group's. */
  targetGroupByNameOrArn(ref: string): TargetGroup | undefined {
    const byArn = this.groupsByArn.get(ref);
    if (byArn !== undefined) return byArn;
    // resolveTargetGroupName's rule, without a set of every name per call.
    const byName = this.groups.get(ref);
    if (byName !== undefined) return byName;
    const fromArn = targetGroupNameFromArn(ref);
    return fromArn === undefined ? undefined : this.groups.get(fromArn);
  }

  loadBalancer(name: string): LoadBalancer | undefined {
    return this.balancers.get(name);
  }

  targetGroupList(): TargetGroup[] {
    return [...this.groups.values()];
  }

  loadBalancerList(): LoadBalancer[] {
    return [...this.balancers.values()];
  }

  /**
   * A listener rule's ARN from a reference: a rule ARN, a listener ARN (its default action;
   * what ECS takes as an NLB's "rule", ecs-facts S-101), or in scenarios
   * `<load balancer>:<port>` (the default action) and `<load balancer>:<port>:<priority>`.
   * Undefined when nothing matches.
   */
  listenerRule(ref: string): { readonly arn: string; readonly loadBalancer: LoadBalancer } | undefined {
    for (const lb of this.balancers.values()) if (lb.hasRule(ref)) return { arn: ref, loadBalancer: lb };
    const m = /^([A-Za-z0-9-]+):(\d+)(?::(\d+|default))?$/.exec(ref);
    const lb = m === null ? undefined : this.balancers.get(m[1] as string);
    if (m === null || lb === undefined || lb.listener(Number(m[2])) === undefined) return undefined;
    const lArn = listenerArn(lb.arn, Number(m[2]));
    const arn = m[3] === undefined ? lArn : listenerRuleArn(lArn, m[3] === 'default' ? 'default' : Number(m[3]));
    return lb.hasRule(arn) ? { arn, loadBalancer: lb } : undefined;
  }

  /**
   * ModifyRule / ModifyListener with a forward to `TargetGroups` (names or ARNs) and their
   * weights (ecs-facts L-040): the rule's requests split by the new weights from now on.
   * @throws InputError for an unknown rule or target group.
   */
  modifyForward(ruleRef: string, targetGroups: readonly { readonly TargetGroupArn: string; readonly Weight: number }[]): void {
    const rule = this.listenerRule(ruleRef);
    if (rule === undefined) throw elbApiError('RuleNotFound', `One or more rules not found: "${ruleRef}"`);
    const groups = targetGroups.map((g) => ({ TargetGroupArn: this.requireGroup(g.TargetGroupArn).arn, Weight: g.Weight }));
    rule.loadBalancer.setForwardWeights(rule.arn, groups);
    this.sim.trace.emit('elb', 'modifyRule', { rule: rule.arn, weights: groups.map((g) => `${g.TargetGroupArn}=${g.Weight}`).join(',') });
  }

  /**
   * RegisterTargets.
   * @throws InputError TargetGroupNotFound, or ValidationError / InvalidTarget for a bad target.
   */
  registerTargets(targetGroupArnOrName: string, targets: readonly TargetDescription[]): void {
    this.requireGroup(targetGroupArnOrName).registerTargets(targets);
  }

  /**
   * DeregisterTargets: the targets drain, then `onTargetDeregistered` fires.
   * @throws InputError TargetGroupNotFound, or ValidationError for a bad port.
   */
  deregisterTargets(targetGroupArnOrName: string, targets: readonly TargetDescription[]): void {
    this.requireGroup(targetGroupArnOrName).deregisterTargets(targets);
  }

  /**
   * DescribeTargetHealth, now or (with `at`) as it was at a past time.
   * @throws InputError TargetGroupNotFound.
   */
  describeTargetHealth(targetGroupArnOrName: string, targets?: readonly TargetDescription[], at?: number): { readonly TargetHealthDescriptions: TargetHealthDescription[] } {
    return { TargetHealthDescriptions: this.requireGroup(targetGroupArnOrName).describeTargetHealth(targets, at) };
  }

  /** Every target health change in every group. @returns what unsubscribes. */
  onTargetHealthChange(listener: (event: TargetHealthChangeEvent) => void): () => void {
    const offs = [...this.groups.values()].map((g) => g.onChange(listener));
    return () => offs.forEach((off) => off());
  }

  /** Every target that finished draining, in every group. @returns what unsubscribes. */
  onTargetDeregistered(listener: (event: TargetDeregisteredEvent) => void): () => void {
    const offs = [...this.groups.values()].map((g) => g.onDeregistered(listener));
    return () => offs.forEach((off) => off());
  }

  /**
   * The endpoint a workload sends to: a load balancer's listener.
   * @throws InputError LoadBalancerNotFound or ListenerNotFound.
   */
  listenerEndpoint(loadBalancerName: string, port: number): HttpEndpoint {
    const lb = this.balancers.get(loadBalancerName);
    if (lb === undefined) throw elbApiError('LoadBalancerNotFound', `no load balancer named "${loadBalancerName}" (have: ${[...this.balancers.keys()].join(', ') || 'none'})`);
    const listener = lb.listener(port);
    if (listener === undefined) throw elbApiError('ListenerNotFound', `load balancer ${loadBalancerName} has no listener on port ${port} (has: ${lb.listenerList().map((l) => l.Port).join(', ') || 'none'})`);
    return listener;
  }

  /** DescribeTargetGroups' shape for one group. */
  describeTargetGroup(group: TargetGroup): TargetGroupDescription {
    const s = group.settings;
    const lb = group.loadBalancerName === undefined ? undefined : this.balancers.get(group.loadBalancerName);
    return {
      TargetGroupArn: group.arn,
      TargetGroupName: s.Name,
      Protocol: s.Protocol,
      Port: s.Port,
      HealthCheckProtocol: s.HealthCheckProtocol,
      HealthCheckPort: s.HealthCheckPort,
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: s.HealthCheckIntervalSeconds,
      HealthCheckTimeoutSeconds: s.HealthCheckTimeoutSeconds,
      HealthyThresholdCount: s.HealthyThresholdCount,
      UnhealthyThresholdCount: s.UnhealthyThresholdCount,
      ...(s.HealthCheckPath === undefined ? {} : { HealthCheckPath: s.HealthCheckPath }),
      ...(s.Matcher === undefined ? {} : { Matcher: s.Matcher }),
      LoadBalancerArns: lb === undefined ? [] : [lb.arn],
      TargetType: s.TargetType,
    };
  }

  /** The ELB result: per load balancer and target group, requests, health histories and host counts. */
  result(describeAt: readonly number[] = []): ElbResult {
    const stats = this.stats instanceof ElbStats ? this.stats : undefined;
    return {
      loadBalancers: [...this.balancers.values()].map((lb) => ({
        LoadBalancerName: lb.name,
        LoadBalancerArn: lb.arn,
        Type: lb.type,
        Scheme: lb.settings.Scheme,
        AvailabilityZones: lb.availabilityZones,
        Listeners: lb.listenerList().map((l) => ({ ListenerArn: l.ListenerArn, Port: l.Port, Protocol: l.Protocol })),
        ...(stats === undefined ? {} : { requests: stats.loadBalancerSummary(lb.name) }),
        inFlight: lb.inFlight,
      })),
      targetGroups: [...this.groups.values()].map((g) => ({
        TargetGroup: this.describeTargetGroup(g),
        Attributes: g.settings.Attributes,
        ...(stats === undefined ? {} : { requests: stats.targetGroupSummary(g.arn) }),
        targets: g.histories().map((h) => ({
          Target: h.target,
          history: h.history,
          ...(stats === undefined ? {} : { requests: stats.targetSummary(g.arn, `${h.target.Id}:${h.target.Port}`) }),
        })),
        hostCounts: g.hostCounts(),
        TargetHealthDescriptions: g.describeTargetHealth(),
        // DescribeTargetHealth as it answered at each requested time (from the histories).
        describeTargetHealth: describeAt.map((at) => ({ at, TargetHealthDescriptions: g.describeTargetHealth(undefined, at) })),
      })),
    };
  }

  private requireGroup(ref: string): TargetGroup {
    const group = this.targetGroupByNameOrArn(ref);
    if (group === undefined) {
      const name = targetGroupNameFromArn(ref) ?? ref;
      throw elbApiError('TargetGroupNotFound', `One or more target groups not found: "${name}" (have: ${[...this.groups.keys()].join(', ') || 'none'})`);
    }
    return group;
  }

  /** The simulated time now (ms), for callers that hold only the facade. */
  get now(): number {
    return this.sim.now;
  }
}
