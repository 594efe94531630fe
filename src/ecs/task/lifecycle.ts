/**
 * The task lifecycle as ECS reports it (ecs-facts T-001, S-052): a task's `lastStatus`
 * only ever moves forward along PROVISIONING → PENDING → ACTIVATING → RUNNING →
 * DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED, though it may skip states
 * (a bridge-mode EC2 task has no PROVISIONING, T-008; a task stopped while PENDING goes
 * straight to STOPPING or STOPPED). These functions are pure: table tests cover every
 * arrow without a simulation.
 */
export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';

/** ecs-facts T-010: ECS never sets desiredStatus to PENDING. */
export type DesiredStatus = 'RUNNING' | 'STOPPED';

/** ecs-facts T-012 (with InfrastructureHealth from newer SDKs). */
export type StopCode = 'TaskFailedToStart' | 'EssentialContainerExited' | 'UserInitiated' | 'ServiceSchedulerInitiated' | 'SpotInterruption' | 'TerminationNotice' | 'InfrastructureHealth';

/** ecs-facts T-026: the API reports containers as PENDING, RUNNING or STOPPED. */
export type ContainerStatus = 'PENDING' | 'RUNNING' | 'STOPPED';

/** ecs-facts T-041. */
export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

export type LaunchType = 'EC2' | 'FARGATE' | 'EXTERNAL';

export const TASK_STATUS_ORDER: readonly TaskStatus[] = ['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED'];

const RANK: Readonly<Record<TaskStatus, number>> = Object.fromEntries(TASK_STATUS_ORDER.map((s, i) => [s, i])) as Record<TaskStatus, number>;

/** Whether `lastStatus` may move from `from` to `to`: forward only, never back, never in place. */
export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return RANK[to] > RANK[from];
}

/** Whether the task has started to stop (desired or actual). */
export function isStopping(status: TaskStatus): boolean {
  return RANK[status] >= RANK.DEACTIVATING;
}

export function isFinal(status: TaskStatus): boolean {
  return status === 'STOPPED';
}

/**
 * The task's health from its essential containers (ecs-facts T-042, S-046): UNHEALTHY if
 * any is unhealthy, UNKNOWN if any is still unknown (or none has a check), else HEALTHY.
 */
export function taskHealth(essential: readonly { readonly hasHealthCheck: boolean; readonly healthStatus: HealthStatus }[]): HealthStatus {
  const checked = essential.filter((c) => c.hasHealthCheck);
  if (checked.length === 0) return 'UNKNOWN';
  if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  if (checked.some((c) => c.healthStatus === 'UNKNOWN')) return 'UNKNOWN';
  return 'HEALTHY';
}
