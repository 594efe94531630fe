import type { ContainerEndpoint } from '../network/bindings.js';

/** A service's `loadBalancers` entry in the API's shape (ecs-facts L-042: at most 5). */
export interface ServiceLoadBalancer {
  /** An ARN, or in scenarios the target group's name. */
  readonly targetGroupArn: string;
  readonly containerName: string;
  readonly containerPort: number;
  readonly loadBalancerName?: string;
  /** ECS-native blue/green wiring (ecs-facts S-101). */
  readonly advancedConfiguration?: AdvancedConfiguration;
}

/**
 * `loadBalancers[].advancedConfiguration` (ecs-facts S-101): the alternate target group and
 * the listener rules ECS moves traffic on. For an NLB the "rule" is the listener's ARN. In
 * scenarios a rule may also be named `<load balancer>:<port>` (the listener's default
 * action) or `<load balancer>:<port>:<priority>`, and the target group by its name.
 */
export interface AdvancedConfiguration {
  readonly alternateTargetGroupArn: string;
  readonly productionListenerRule: string;
  readonly testListenerRule?: string;
  readonly roleArn: string;
}

/** One target group of a forward action and its weight (ELB's ModifyRule `ForwardConfig.TargetGroups`, L-040). */
export interface ForwardWeight {
  readonly targetGroupArn: string;
  readonly weight: number;
}

/** A target as RegisterTargets takes it. */
export interface TargetRef {
  readonly Id: string;
  readonly Port: number;
}

export interface TargetHealthNotice {
  readonly targetGroupArn: string;
  readonly target: TargetRef;
  readonly state: string;
  readonly reason?: string;
  readonly description?: string;
}

/**
 * What ECS needs of Elastic Load Balancing: the service-linked role's calls (ecs-facts
 * L-042) and the health the scheduler watches. The ELB model implements it; ECS does not
 * know how load balancers work.
 */
export interface LoadBalancingLink {
  /** The target group's ARN and target type, by ARN or name; undefined when there is none. */
  targetGroup(arnOrName: string): { readonly arn: string; readonly targetType: 'ip' | 'instance' } | undefined;
  registerTargets(targetGroupArn: string, targets: readonly TargetRef[]): void;
  deregisterTargets(targetGroupArn: string, targets: readonly TargetRef[]): void;
  onTargetHealthChange(listener: (notice: TargetHealthNotice) => void): void;
  /** The deregistration delay ran out: the target is gone. */
  onTargetDeregistered(listener: (targetGroupArn: string, target: TargetRef) => void): void;
  /** The rule's (or listener's) ARN for a rule reference; undefined when there is none. */
  listenerRule?(ref: string): string | undefined;
  /** ModifyRule (or ModifyListener for a listener's default action): forward to these groups with these weights (L-040). */
  setForwardWeights?(ruleRef: string, weights: readonly ForwardWeight[]): void;
}

export interface TaskTarget extends TargetRef {
  readonly targetGroupArn: string;
  readonly containerPort: number;
  /** Latest health ELB reported, `initial` until it says otherwise. */
  state: string;
  reason?: string;
  description?: string;
}

/**
 * The targets ECS registered for each service task: which target is which task, their
 * latest health, and who waits for a deregistration to finish.
 */
export class TaskTargets {
  private readonly byTask = new Map<string, TaskTarget[]>();
  /** `byTask` less the tasks whose targets are deregistering: what `of` answers, in one lookup. */
  private readonly active = new Map<string, TaskTarget[]>();
  private readonly byTarget = new Map<string, string>();
  private readonly draining = new Map<string, { remaining: number; readonly done: () => void }>();

  constructor(
    readonly link: LoadBalancingLink,
    onHealth: (taskArn: string, target: TaskTarget) => void,
  ) {
    link.onTargetHealthChange((n) => {
      const taskArn = this.byTarget.get(key(n.targetGroupArn, n.target));
      const target = taskArn === undefined ? undefined : this.byTask.get(taskArn)?.find((t) => t.targetGroupArn === n.targetGroupArn && t.Id === n.target.Id && t.Port === n.target.Port);
      if (taskArn === undefined || target === undefined) return;
      target.state = n.state;
      if (n.reason === undefined) delete target.reason;
      else target.reason = n.reason;
      if (n.description === undefined) delete target.description;
      else target.description = n.description;
      onHealth(taskArn, target);
    });
    link.onTargetDeregistered((arn, target) => {
      const k = key(arn, target);
      const taskArn = this.byTarget.get(k);
      if (taskArn === undefined) return;
      this.byTarget.delete(k);
      const wait = this.draining.get(taskArn);
      if (wait === undefined) return;
      wait.remaining -= 1;
      if (wait.remaining === 0) {
        this.draining.delete(taskArn);
        this.byTask.delete(taskArn);
        wait.done();
      }
    });
  }

  /**
   * The targets of a task: for `ip` target groups the task's ENI address and container
   * port (awsvpc, ecs-facts L-042), for `instance` ones the EC2 instance and host port.
   */
  targetsOf(loadBalancers: readonly ServiceLoadBalancer[], endpoints: readonly ContainerEndpoint[], ec2InstanceId: string | undefined): TaskTarget[] {
    const out: TaskTarget[] = [];
    for (const lb of loadBalancers) {
      const group = this.link.targetGroup(lb.targetGroupArn);
      const endpoint = endpoints.find((e) => e.containerName === lb.containerName && e.containerPort === lb.containerPort);
      if (group === undefined || endpoint === undefined) continue;
      const colon = endpoint.address.lastIndexOf(':');
      const ip = endpoint.address.slice(0, colon);
      const port = Number(endpoint.address.slice(colon + 1));
      const Id = group.targetType === 'ip' ? ip : (ec2InstanceId ?? ip);
      out.push({ targetGroupArn: group.arn, Id, Port: port, containerPort: lb.containerPort, state: 'initial' });
    }
    return out;
  }

  register(taskArn: string, targets: readonly TaskTarget[]): void {
    if (targets.length === 0) return;
    const own = [...targets];
    this.byTask.set(taskArn, own);
    if (!this.draining.has(taskArn)) this.active.set(taskArn, own);
    for (const t of targets) {
      this.byTarget.set(key(t.targetGroupArn, t), taskArn);
      this.link.registerTargets(t.targetGroupArn, [{ Id: t.Id, Port: t.Port }]);
    }
  }

  /** The task's targets, empty when it has none (or they are already deregistering). */
  of(taskArn: string): readonly TaskTarget[] {
    return this.active.get(taskArn) ?? NO_TARGETS;
  }

  /**
   * Deregisters the task's targets; `done` runs once the deregistration delay of every one
   * has run out. Returns the targets, empty (and `done` not called) when it had none.
   */
  deregister(taskArn: string, done: () => void): readonly TaskTarget[] {
    const targets = this.of(taskArn);
    if (targets.length === 0) return [];
    this.draining.set(taskArn, { remaining: targets.length, done });
    this.active.delete(taskArn);
    for (const t of targets) this.link.deregisterTargets(t.targetGroupArn, [{ Id: t.Id, Port: t.Port }]);
    return targets;
  }
}

/** The answer for a task without targets: one shared empty list, not a new one per question (the scheduler asks per task per reconciliation). */
const NO_TARGETS: readonly TaskTarget[] = Object.freeze([]);

function key(targetGroupArn: string, target: TargetRef): string {
  return `${targetGroupArn} ${target.Id}:${target.Port}`;
}
