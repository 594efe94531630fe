import type { CapacityProviderStrategyItem, CreateServiceAction, DeploymentCircuitBreaker } from '../config.js';
import type { PlacementConstraint, PlacementStrategy } from '../placement/framework.js';
import type { TaskDefinition } from '../task-definition/types.js';
import type { TaskRecord } from '../task/task-record.js';
import { pickDeploymentOptions, type DeploymentOptions, type LifecycleStage } from './deployment-strategy.js';
import type { TaskSetResult } from './codedeploy.js';

/**
 * A service as the control plane keeps it, with the fields of the API's `Service`
 * (ecs-facts S-125) that the model uses, and its event log in ECS's wording.
 */
export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';

export interface ServiceEvent {
  /** A UUID, as ECS gives (ecs-facts S-058). */
  readonly id: string;
  readonly createdAt: number;
  readonly message: string;
}

export interface Deployment {
  /** `ecs-svc/` and 19 digits (ecs-facts S-025, S-126). */
  readonly id: string;
  /** PRIMARY = newest; ACTIVE = older, tasks still being replaced; INACTIVE = fully replaced (ecs-facts S-075). */
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  readonly taskDefinition: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  failedTasks: number;
  readonly createdAt: number;
  updatedAt: number;
  /** ecs-facts S-076, S-077. */
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
  /** Started by UpdateService, so its completion is announced (ecs-facts S-063). */
  readonly fromUpdate: boolean;
  /** ECS-native blue/green, linear and canary only: the stage it is in, as ServiceDeployment shows it (ecs-facts S-081, S-104). */
  lifecycleStage?: LifecycleStage;
  /** Blue/green family only: production traffic % per deployment id (the hook payload's productionTrafficWeights, S-106). */
  productionTrafficWeights?: Readonly<Record<string, number>>;
  /** Blue/green family only: test traffic % per deployment id (S-106). */
  testTrafficWeights?: Readonly<Record<string, number>>;
}

/** What CreateService takes and the model uses, with the task definition resolved. */
export interface ServiceSpec extends Omit<CreateServiceAction, 'taskDefinition' | 'ignoredFields'> {
  readonly taskDefinition: TaskDefinition;
}

/** `describe-services` for one service (ecs-facts S-125), plus what a run can tell. */
export interface ServiceResult {
  readonly serviceArn: string;
  readonly serviceName: string;
  readonly status: ServiceStatus;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly launchType: string;
  /** Present when the service runs by capacity provider strategy (ecs-facts A-028). */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  readonly schedulingStrategy: string;
  readonly taskDefinition: string;
  readonly deploymentConfiguration: { readonly minimumHealthyPercent: number; readonly maximumPercent: number; readonly deploymentCircuitBreaker?: DeploymentCircuitBreaker } & DeploymentOptions;
  readonly placementConstraints: readonly PlacementConstraint[];
  readonly placementStrategy: readonly PlacementStrategy[];
  readonly healthCheckGracePeriodSeconds: number;
  /** ecs-facts S-025: DISABLED when the service never had a value. */
  readonly availabilityZoneRebalancing: 'ENABLED' | 'DISABLED';
  readonly createdAt: number;
  readonly deployments: readonly Omit<Deployment, 'fromUpdate'>[];
  /** Newest first, at most 100, as DescribeServices returns them (ecs-facts S-058). */
  readonly events: readonly ServiceEvent[];
  readonly eventCount: number;
  /** When the service last reached a steady state, if it did. */
  readonly steadyStateAt?: number;
  /** As CreateService gave it (absent: ECS, ecs-facts S-050). */
  readonly deploymentController?: { readonly type: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL' };
  /** CODE_DEPLOY services: their task sets instead of deployments (ecs-facts S-090, S-097). */
  readonly taskSets?: readonly TaskSetResult[];
}

/** ecs-facts S-045: with neither a load balancer nor a container check, a task counts as healthy 40 s after RUNNING. */
export const HEALTHY_WITHOUT_CHECKS_MS = 40_000;

export class Service {
  status: ServiceStatus = 'ACTIVE';
  desiredCount: number;
  readonly events: ServiceEvent[] = [];
  readonly deployments: Deployment[] = [];
  /** Tasks of this service, by ARN, that have not yet STOPPED. */
  readonly liveTasks = new Set<string>();
  /**
   * The same tasks' records (a record is made once and changed in place): the scheduler
   * reads its own tasks at every reconciliation without a lookup in the cluster's map of
   * every task ever run. Kept by `addLive` and `removeLive` only.
   */
  readonly liveRecords = new Map<string, TaskRecord>();
  /** Consecutive tasks that stopped without ever reaching RUNNING (the throttle's count). */
  consecutiveStartFailures = 0;
  /** No new tasks are launched before this time (the throttle). */
  throttledUntilMs = 0;
  /** Whether the last reconciliation left the service in a steady state. */
  steady = false;
  /** Whether the "unable to stop or start tasks" event was written for the current block. */
  blockedNoticed = false;
  lastSteadyEventMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly serviceArn: string,
    /** Replaced as a whole by UpdateService (task definition, deployment configuration). */
    public spec: ServiceSpec,
    readonly createdAt: number,
  ) {
    this.desiredCount = spec.desiredCount;
  }

  addLive(record: TaskRecord): void {
    this.liveTasks.add(record.taskArn);
    this.liveRecords.set(record.taskArn, record);
  }

  /** @returns whether the task was live. */
  removeLive(taskArn: string): boolean {
    this.liveRecords.delete(taskArn);
    return this.liveTasks.delete(taskArn);
  }

  get serviceName(): string {
    return this.spec.serviceName;
  }

  /** The task group of the service's tasks (ecs-facts S-019, T-025). */
  get group(): string {
    return `service:${this.spec.serviceName}`;
  }

  get primary(): Deployment | undefined {
    return this.deployments.find((d) => d.status === 'PRIMARY');
  }

  /** With `taskSets` (CODE_DEPLOY services) the task sets are listed instead of deployments (ecs-facts S-090). */
  result(counts: { runningCount: number; pendingCount: number }, taskSets?: readonly TaskSetResult[]): ServiceResult {
    const spec = this.spec;
    return {
      serviceArn: this.serviceArn,
      serviceName: spec.serviceName,
      status: this.status,
      desiredCount: spec.schedulingStrategy === 'DAEMON' ? (this.primary?.desiredCount ?? 0) : this.desiredCount,
      runningCount: counts.runningCount,
      pendingCount: counts.pendingCount,
      launchType: spec.launchType,
      ...(spec.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: spec.capacityProviderStrategy }),
      schedulingStrategy: spec.schedulingStrategy,
      taskDefinition: spec.taskDefinition.taskDefinitionArn,
      deploymentConfiguration: {
        minimumHealthyPercent: spec.minimumHealthyPercent,
        maximumPercent: spec.maximumPercent,
        ...(spec.deploymentCircuitBreaker === undefined ? {} : { deploymentCircuitBreaker: spec.deploymentCircuitBreaker }),
        // ecs-facts S-121: alarms, strategy and the blue/green fields, when given.
        ...pickDeploymentOptions(spec),
      },
      placementConstraints: spec.placementConstraints,
      placementStrategy: spec.placementStrategy,
      healthCheckGracePeriodSeconds: spec.healthCheckGracePeriodMs / 1000,
      availabilityZoneRebalancing: spec.availabilityZoneRebalancing ?? 'DISABLED',
      createdAt: this.createdAt,
      // ecs-facts S-075: INACTIVE deployments are no longer listed; EF-004: PRIMARY first, then the ACTIVE ones newest first.
      deployments: taskSets !== undefined ? [] : listedDeployments(this.deployments),
      ...(spec.deploymentController === undefined ? {} : { deploymentController: spec.deploymentController }),
      ...(taskSets === undefined ? {} : { taskSets }),
      events: [...this.events].reverse().slice(0, 100),
      eventCount: this.events.length,
      ...(this.lastSteadyEventMs === Number.NEGATIVE_INFINITY ? {} : { steadyStateAt: this.lastSteadyEventMs }),
    };
  }
}

/**
 * The deployments DescribeServices lists (ecs-facts S-075, EF-004): not the INACTIVE ones;
 * the PRIMARY deployment (the most recent) first, then the ACTIVE ones, newest first. The
 * service keeps them in creation order, so newest first is that order reversed.
 */
export function listedDeployments(all: readonly Deployment[]): Omit<Deployment, 'fromUpdate'>[] {
  const listed: Omit<Deployment, 'fromUpdate'>[] = [];
  for (let i = all.length - 1; i >= 0; i -= 1) {
    const { fromUpdate: _fromUpdate, ...d } = all[i] as Deployment;
    if (d.status === 'PRIMARY') listed.unshift(d);
    else if (d.status !== 'INACTIVE') listed.push(d);
  }
  return listed;
}

/** ECS's service event texts (ecs-facts S-060, S-061, S-042). */
export const serviceMessages = {
  /** "tasks" stays plural and each task gets its own parentheses (ecs-facts S-061). */
  started: (service: string, taskIds: readonly string[]): string => `(service ${service}) has started ${taskIds.length} tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`,
  stopped: (service: string, taskIds: readonly string[]): string => `(service ${service}) has stopped ${taskIds.length} running tasks: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`,
  steadyState: (service: string): string => `(service ${service}) has reached a steady state.`,
  throttled: (service: string): string => `(service ${service}) is unable to consistently start tasks successfully.`,
  /** ecs-facts S-065. */
  blockedByDeploymentConfiguration: (service: string): string =>
    `(service ${service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
  /** ecs-facts L-048 (observed). */
  registeredTargets: (service: string, count: number, targetGroupArn: string): string => `(service ${service}) registered ${count} targets in (target-group ${targetGroupArn})`,
  deregisteredTargets: (service: string, count: number, targetGroupArn: string): string => `(service ${service}) deregistered ${count} targets in (target-group ${targetGroupArn})`,
  drainingConnections: (service: string, deploymentId: string, count: number): string => `(service ${service}, taskSet ${deploymentId}) has begun draining connections on ${count} tasks.`,
  /** ecs-facts L-048: the older observed form, which names the reason. */
  unhealthyTarget: (service: string, taskId: string, port: number, targetGroupArn: string, reason: string): string =>
    `(service ${service}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason ${reason}).`,
  /** ecs-facts T-017: a service task whose container health checks failed. */
  failedContainerHealthChecks: (service: string, taskId: string): string => `(service ${service}) (task ${taskId}) failed container health checks.`,
  /** ecs-facts T-017 (stopCode believed ServiceSchedulerInitiated). */
  containerHealthStopReason: (): string => 'Task failed container health checks',
  /** ecs-facts S-063. */
  deploymentCompleted: (service: string, deploymentId: string): string => `(service ${service}) (deployment ${deploymentId}) deployment completed.`,
  /** ecs-facts S-077. */
  rolloutInProgress: (deploymentId: string): string => `ECS deployment ${deploymentId} in progress.`,
  rolloutCompleted: (deploymentId: string): string => `ECS deployment ${deploymentId} completed.`,
  /** ecs-facts S-063: the breaker's events (the same texts whichever stage tripped it). */
  deploymentFailed: (service: string, deploymentId: string): string => `(service ${service}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (service: string, deploymentId: string): string => `(service ${service}) rolling back to deployment ${deploymentId}.`,
  /** ecs-facts S-077. */
  rolloutFailed: (): string => 'ECS deployment circuit breaker: tasks failed to start.',
  rolloutRollingBack: (deploymentId: string): string => `ECS deployment circuit breaker: rolling back to deploymentId ${deploymentId}.`,
  /** ecs-facts T-015. */
  scalingStopReason: (deploymentId: string): string => `Scaling activity initiated by (deployment ${deploymentId})`,
};
