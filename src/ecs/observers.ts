import type { ContainerInstance } from './capacity/container-instance.js';
import type { Deployment, Service, ServiceEvent } from './service/service.js';
import type { TaskRecord } from './task/task-record.js';
import type { LifecycleStage } from './service/deployment-strategy.js';
import type { ForwardWeight } from './service/load-balancers.js';

/**
 * Read-only observers of the ECS model: what EventBridge would be told, and what the
 * deployment history records. Observers are called synchronously, after the model has
 * changed, and must not change the model or draw random numbers (so attaching one
 * never moves a decision or the log hash).
 */
export type DeploymentChange = 'started' | 'completed' | 'failed' | 'inactive';

export interface EcsObserver {
  /** A task's lastStatus, desiredStatus, health or containers changed (each `version` bump, ecs-facts T-022). */
  taskChanged?(record: TaskRecord): void;
  /** A container instance's status or agent connection changed. */
  instanceChanged?(instance: ContainerInstance): void;
  /** The scheduler wrote a service event (DescribeServices `events[]`). */
  serviceEvent?(service: Service, event: ServiceEvent): void;
  /** A deployment started, completed, failed or became INACTIVE; `rollbackTo` names the deployment a rollback returns to. */
  deploymentChanged?(service: Service, deployment: Deployment, change: DeploymentChange, detail?: { readonly rollbackTo?: string; readonly reason?: string }): void;
  /** The scheduler first counted a service task as healthy (ecs-facts S-045, L-046). */
  taskHealthy?(service: Service, record: TaskRecord): void;
  /** A blue/green-family deployment entered a lifecycle stage (ecs-facts S-104). */
  deploymentLifecycle?(service: Service, deployment: Deployment, stage: LifecycleStage): void;
  /** ECS changed a listener rule's forward weights for a deployment (ecs-facts S-104, L-040). */
  trafficShifted?(service: Service, deployment: Deployment, weights: readonly ForwardWeight[]): void;
  /** The scheduler recounted a service's tasks (at every reconciliation; the counts may be unchanged). */
  serviceRecounted?(service: Service, counts: ServiceCounts): void;
}

/** A service's task counts as the scheduler last took them. */
export interface ServiceCounts {
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  /** Healthy in ecs-facts S-045's sense (L-046 with a load balancer). */
  readonly healthyCount: number;
}

/** The observers attached to one model; calls each in the order attached. */
export class EcsObservers implements Required<EcsObserver> {
  private readonly list: EcsObserver[] = [];

  get any(): boolean {
    return this.list.length > 0;
  }

  add(observer: EcsObserver): void {
    this.list.push(observer);
  }

  taskChanged(record: TaskRecord): void {
    for (const o of this.list) o.taskChanged?.(record);
  }

  instanceChanged(instance: ContainerInstance): void {
    for (const o of this.list) o.instanceChanged?.(instance);
  }

  serviceEvent(service: Service, event: ServiceEvent): void {
    for (const o of this.list) o.serviceEvent?.(service, event);
  }

  deploymentChanged(service: Service, deployment: Deployment, change: DeploymentChange, detail?: { readonly rollbackTo?: string; readonly reason?: string }): void {
    for (const o of this.list) o.deploymentChanged?.(service, deployment, change, detail);
  }

  taskHealthy(service: Service, record: TaskRecord): void {
    for (const o of this.list) o.taskHealthy?.(service, record);
  }

  deploymentLifecycle(service: Service, deployment: Deployment, stage: LifecycleStage): void {
    for (const o of this.list) o.deploymentLifecycle?.(service, deployment, stage);
  }

  trafficShifted(service: Service, deployment: Deployment, weights: readonly ForwardWeight[]): void {
    for (const o of this.list) o.trafficShifted?.(service, deployment, weights);
  }

  serviceRecounted(service: Service, counts: ServiceCounts): void {
    for (const o of this.list) o.serviceRecounted?.(service, counts);
  }
}
