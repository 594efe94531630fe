import type { RandomStream } from '../../engine/random.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { TaskDefinition } from '../task-definition/types.js';
import type { TaskRecord } from '../task/task-record.js';
import { serviceMessages, type Deployment, type Service } from './service.js';

/**
 * Read-only views of a service's tasks, and new deployments: small pure functions the
 * scheduler, its planners and the blue/green engine share.
 */

/** The service's tasks meant to run: desiredStatus RUNNING and not yet STOPPED. */
export function wantedTasks(service: Service): TaskRecord[] {
  const wanted: TaskRecord[] = [];
  for (const t of service.liveRecords.values()) if (t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED') wanted.push(t);
  return wanted;
}

/** How many of the service's tasks are meant to run (`wantedTasks(service).length`, without the list). */
export function wantedCount(service: Service): number {
  let n = 0;
  for (const t of service.liveRecords.values()) if (t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED') n += 1;
  return n;
}

export interface TaskCounts {
  readonly runningCount: number;
  readonly pendingCount: number;
  /** Tasks meant to run (desiredStatus RUNNING, not STOPPED). */
  readonly wanted: number;
}

/**
 * Counts as ECS reports them (ecs-facts S-038): tasks whose lastStatus is RUNNING, and
 * those still on their way to it; of one deployment when `deploymentId` is given. One
 * definition for describe-services, the deployment and the probe.
 */
export function taskCounts(service: Service, deploymentId?: string): TaskCounts {
  let runningCount = 0;
  let pendingCount = 0;
  let wanted = 0;
  for (const t of service.liveRecords.values()) {
    if (deploymentId !== undefined && t.startedBy !== deploymentId) continue;
    if (t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED') wanted += 1;
    if (t.lastStatus === 'RUNNING') runningCount += 1;
    else if (t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING') pendingCount += 1;
  }
  return { runningCount, pendingCount, wanted };
}

/** The DRAINING instances, by ARN: one pass over the instances, not one per task. */
export function drainingInstanceArns(instances: readonly ContainerInstance[]): Set<string> {
  const arns = new Set<string>();
  for (const i of instances) if (i.status === 'DRAINING') arns.add(i.containerInstanceArn);
  return arns;
}

/** The service a task belongs to, by its group (`service:<name>`, ecs-facts S-019). */
export function serviceOf(services: ReadonlyMap<string, Service>, record: TaskRecord): Service | undefined {
  return record.group.startsWith('service:') ? services.get(record.group.slice('service:'.length)) : undefined;
}

/** `ecs-svc/` and 19 digits (ecs-facts S-025, S-126). */
export function deploymentId(ids: RandomStream): string {
  let digits = String(1 + Math.floor(ids.next() * 9));
  while (digits.length < 19) digits += String(Math.floor(ids.next() * 10));
  return `ecs-svc/${digits}`;
}

/** A new PRIMARY deployment, IN_PROGRESS (ecs-facts S-126, S-073). */
export function newDeployment(id: string, definition: TaskDefinition, desiredCount: number, fromUpdate: boolean, now: number): Deployment {
  return {
    id,
    status: 'PRIMARY',
    taskDefinition: definition.taskDefinitionArn,
    desiredCount,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    createdAt: now,
    updatedAt: now,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: serviceMessages.rolloutInProgress(id),
    fromUpdate,
  };
}
