import type { Simulation } from '../../engine/simulation.js';
import type { Registered } from '../types.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import type { TaskTarget } from './load-balancers.js';
import { HEALTHY_WITHOUT_CHECKS_MS, serviceMessages, type Service } from './service.js';

/**
 * A service task's health as the service scheduler judges it (ecs-facts S-045, L-044 to
 * L-048, T-017, T-042): healthy for the deployment bounds, an unhealthy load-balancer
 * target, failed container health checks, and ECS's event for each, once per task. The
 * scheduler and the blue/green engine both ask this one judge.
 */

/** What health reads of the control plane: the targets' latest health and the task definitions. */
export interface TaskHealthHost {
  targetsOf(taskArn: string): readonly TaskTarget[];
  resolve(reference: string): Registered | undefined;
}

export class TaskHealth {
  /** Tasks whose unhealthy target ECS has reported in an event. */
  private readonly announced = new Set<string>();
  /** Tasks whose failed container health checks ECS has reported in an event. */
  private readonly announcedContainer = new Set<string>();

  constructor(
    private readonly sim: Simulation,
    private readonly host: TaskHealthHost,
    private readonly event: (service: Service, message: string) => void,
  ) {}

  /**
   * The task's first target ELB reports unhealthy, once the grace period has passed
   * (ecs-facts L-044: ignored for healthCheckGracePeriodSeconds after RUNNING).
   */
  unhealthyTarget(t: TaskRecord, service: Service): TaskTarget | undefined {
    if ((service.spec.loadBalancers?.length ?? 0) === 0 || t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING' || t.startedAt === undefined) return undefined;
    if (this.sim.now < t.startedAt + service.spec.healthCheckGracePeriodMs) return undefined;
    // A loop, not find with a closure: asked for every task at every reconciliation.
    for (const target of this.host.targetsOf(t.taskArn)) if (target.state === 'unhealthy') return target;
    return undefined;
  }

  /** Whether an essential container of the task's definition has a health check (ecs-facts T-042). */
  containerChecked(t: TaskRecord, service: Service): boolean {
    const definition = this.host.resolve(t.taskDefinitionArn)?.definition ?? service.spec.taskDefinition;
    return definition.containerDefinitions.some((c) => c.essential && c.healthCheck !== undefined);
  }

  /**
   * The task's container health checks say UNHEALTHY (ecs-facts T-042: from its essential
   * containers), once the grace period has passed (L-044 covers container checks too).
   */
  failedContainerChecks(t: TaskRecord, service: Service): boolean {
    if (t.healthStatus !== 'UNHEALTHY' || t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING' || t.startedAt === undefined) return false;
    return this.sim.now >= t.startedAt + service.spec.healthCheckGracePeriodMs;
  }

  /** Failing either check (ecs-facts L-045, T-017): the task is replaced. */
  unhealthy(t: TaskRecord, service: Service): boolean {
    return this.unhealthyTarget(t, service) !== undefined || this.failedContainerChecks(t, service);
  }

  /**
   * Why the scheduler stops a task, and whether failed health checks are the cause (the
   * breaker counts those): ecs-facts T-016 for a failed ELB health check; T-017 for failed
   * container health checks (stopCode ServiceSchedulerInitiated, believed); else T-015,
   * "Scaling activity initiated by (deployment ...)", given as `scaling`.
   */
  stopReason(t: TaskRecord, service: Service, scaling: string): { readonly reason: string; readonly failedHealth: boolean } {
    const failed = this.unhealthyTarget(t, service);
    if (failed !== undefined) return { reason: `Task failed ELB health checks in (target-group ${failed.targetGroupArn})`, failedHealth: true };
    if (this.failedContainerChecks(t, service)) return { reason: serviceMessages.containerHealthStopReason(), failedHealth: true };
    return { reason: scaling, failedHealth: false };
  }

  /**
   * ECS's events for an unhealthy target (ecs-facts L-048) and failed container checks
   * (T-017), once per task each.
   * @returns whether the task is `unhealthy` (the same verdict, found on the way).
   */
  announceUnhealthy(service: Service, t: TaskRecord): boolean {
    const failedContainer = this.failedContainerChecks(t, service);
    if (failedContainer && !this.announcedContainer.has(t.taskArn)) {
      this.announcedContainer.add(t.taskArn);
      this.event(service, serviceMessages.failedContainerHealthChecks(service.serviceName, taskId(t.taskArn)));
    }
    const failed = this.unhealthyTarget(t, service);
    if (failed === undefined || this.announced.has(t.taskArn)) return failed !== undefined || failedContainer;
    this.announced.add(t.taskArn);
    this.event(service, serviceMessages.unhealthyTarget(service.serviceName, taskId(t.taskArn), failed.containerPort, failed.targetGroupArn, failed.description ?? 'Health checks failed'));
    return true;
  }

  /**
   * Healthy for the deployment bounds (ecs-facts S-045): with a container health check,
   * when the task is HEALTHY; without one, 40 s after it reached RUNNING.
   */
  healthy(t: TaskRecord, service: Service): boolean {
    if (t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING') return false;
    // ecs-facts L-046: behind a load balancer, healthy once every target group says so (and the container check, if any).
    // The definition is looked at only when the answer depends on it (a HEALTHY task passes either way).
    const lbs = service.spec.loadBalancers;
    if (lbs !== undefined && lbs.length > 0) {
      const targets = this.host.targetsOf(t.taskArn);
      if (targets.length === 0) return false;
      for (const target of targets) if (target.state !== 'healthy') return false;
      return t.healthStatus === 'HEALTHY' || !this.containerChecked(t, service);
    }
    if (this.containerChecked(t, service)) return t.healthStatus === 'HEALTHY';
    return t.startedAt !== undefined && this.sim.now - t.startedAt >= HEALTHY_WITHOUT_CHECKS_MS;
  }
}
