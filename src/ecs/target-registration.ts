import type { Simulation } from '../engine/simulation.js';
import type { ContainerEndpoint } from './network/bindings.js';
import { TaskTargets, type LoadBalancingLink, type ServiceLoadBalancer, type TaskTarget } from './service/load-balancers.js';
import { serviceMessages, type Service } from './service/service.js';
import { canMove, type TaskStatus } from './task/lifecycle.js';
import type { TaskRecord } from './task/task-record.js';

/**
 * Registering service tasks with their load balancers' target groups (ecs-facts L-042 to
 * L-049, T-004, A-033): ACTIVATING while registering, DEACTIVATING while deregistering
 * before a stop the scheduler asked for, and an interrupted FARGATE_SPOT task's targets
 * held until it is STOPPED.
 */

/**
 * From the containers running to RUNNING for a task behind a load balancer: the
 * RegisterTargets calls. No figure published; an assumption (one API round trip or two).
 */
export const TARGET_REGISTRATION_MS = 1_000;

/** What target registration asks of the control plane. */
export interface TargetRegistrationHost {
  /** The task's load balancers, with the target group its deployment uses (the scheduler says, ecs-facts S-101). */
  loadBalancersOf(record: TaskRecord): readonly ServiceLoadBalancer[];
  endpointsOf(taskArn: string): readonly ContainerEndpoint[];
  /** A service event about the task's service (target registration, draining). */
  serviceEvent(record: TaskRecord, message: (service: Service) => string): void;
  /** A target's health changed. */
  targetHealthChanged(taskArn: string): void;
  move(record: TaskRecord, status: TaskStatus, atMs?: number): void;
  bump(record: TaskRecord): void;
  sendStop(record: TaskRecord): void;
}

export class TargetRegistration {
  /** Load-balancer targets of service tasks, once Elastic Load Balancing is connected. */
  private targets: TaskTargets | undefined;
  /** Tasks in ACTIVATING: registered with their target groups, not yet RUNNING. */
  private readonly activating = new Set<string>();
  /** Interrupted FARGATE_SPOT tasks whose targets stay registered until STOPPED (ecs-facts A-033). */
  private readonly spotTargetsHeld = new Set<string>();

  constructor(
    private readonly sim: Simulation,
    private readonly host: TargetRegistrationHost,
  ) {}

  /** Connects ECS to Elastic Load Balancing: ECS registers service tasks as targets and watches their health. */
  connect(link: LoadBalancingLink): void {
    this.targets = new TaskTargets(link, (taskArn) => this.host.targetHealthChanged(taskArn));
  }

  targetsOf(taskArn: string): readonly TaskTarget[] {
    return this.targets?.of(taskArn) ?? [];
  }

  isActivating(taskArn: string): boolean {
    return this.activating.has(taskArn);
  }

  /** ecs-facts A-033: the interrupted FARGATE_SPOT task's targets stay registered until it is STOPPED. */
  holdSpotTargets(taskArn: string): void {
    this.spotTargetsHeld.add(taskArn);
  }

  /** The task moved to `status`: a stopping task leaves its target groups (unless Spot holds them). */
  moved(record: TaskRecord, status: TaskStatus, stopping: boolean): void {
    const held = this.spotTargetsHeld.has(record.taskArn) && status !== 'STOPPED';
    if (stopping && status !== 'DEACTIVATING' && !held) this.deactivate(record, false);
    if (status === 'STOPPED') this.spotTargetsHeld.delete(record.taskArn);
  }

  /**
   * ecs-facts T-004, L-043: a service task behind a load balancer is registered with its
   * target groups in ACTIVATING, and RUNNING once registration is done.
   * @returns whether the task went to ACTIVATING (false: it has no targets).
   */
  activate(record: TaskRecord, atMs: number): boolean {
    const lbs = this.host.loadBalancersOf(record);
    if (this.targets === undefined || lbs.length === 0 || record.desiredStatus !== 'RUNNING') return false;
    const targets = this.targets.targetsOf(lbs, this.host.endpointsOf(record.taskArn), record.ec2InstanceId);
    if (targets.length === 0) return false;
    this.host.move(record, 'ACTIVATING', atMs);
    this.activating.add(record.taskArn);
    this.sim.schedule(TARGET_REGISTRATION_MS, () => {
      if (!this.activating.delete(record.taskArn) || record.lastStatus !== 'ACTIVATING' || record.desiredStatus !== 'RUNNING') return;
      this.targets?.register(record.taskArn, targets);
      for (const [arn, count] of countBy(targets.map((t) => t.targetGroupArn))) this.host.serviceEvent(record, (s) => serviceMessages.registeredTargets(s.serviceName, count, arn));
      this.host.move(record, 'RUNNING');
      this.host.bump(record);
    });
    return true;
  }

  /**
   * ecs-facts L-043, L-049, T-004: a task the scheduler stops is deregistered first
   * (DEACTIVATING) and stopped only when the deregistration delay has run out. A task
   * that stopped by itself is deregistered without waiting.
   * @returns whether the stop waits for the deregistration.
   */
  deactivate(record: TaskRecord, wait: boolean): boolean {
    this.activating.delete(record.taskArn);
    if (this.targets === undefined) return false;
    const targets = this.targets.deregister(record.taskArn, () => {
      if (wait && record.lastStatus !== 'STOPPED') this.host.sendStop(record);
    });
    if (targets.length === 0) return false;
    // The task set is the task's own deployment (L-048). ecs-facts L-049: the events follow the scheduler's "has stopped" (observed about 10 s
    // later; here at the same instant, after it). The deregistration itself starts at once.
    this.sim.schedule(0, () => {
      for (const [arn, count] of countBy(targets.map((t) => t.targetGroupArn))) this.host.serviceEvent(record, (s) => serviceMessages.deregisteredTargets(s.serviceName, count, arn));
      this.host.serviceEvent(record, (s) => serviceMessages.drainingConnections(s.serviceName, record.startedBy ?? s.primary?.id ?? 'ecs-svc/0', 1));
    });
    if (wait && canMove(record.lastStatus, 'DEACTIVATING')) this.host.move(record, 'DEACTIVATING');
    return wait;
  }
}

function countBy(keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}
