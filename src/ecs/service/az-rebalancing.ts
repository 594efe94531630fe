import type { PlacementConstraint, PlacementStrategy } from '../placement/framework.js';
import type { StopCode } from '../task/lifecycle.js';

/**
 * Availability Zone rebalancing (ecs-facts S-025 to S-028): which services ECS rebalances,
 * when a service counts as AZ balanced, and ECS's event texts. The scheduler
 * (az-rebalancer.ts) runs the operation; this file holds the pure rules, so the scenario
 * loader can apply the same compatibility rule for CreateService's default.
 *
 * Sources (DG = https://docs.aws.amazon.com/AmazonECS/latest/developerguide/):
 * - DG service-rebalancing.html: ECS starts watching a service once it reaches a steady
 *   state; on an imbalance it says so, starts tasks in the AZs with the fewest tasks, and
 *   stops tasks in the AZs with the most, waiting for the new tasks to be RUNNING and
 *   HEALTHY first. Balanced: desired ÷ AZs each, the remainder one per AZ. Supported:
 *   REPLICA services whose first strategy is AZ spread or that give no strategy (since
 *   2025-09-05 ECS enables it for every such service). Not supported: DAEMON, EXTERNAL,
 *   `maximumPercent` 100, a Classic Load Balancer, `attribute:ecs.availability-zone` in a
 *   placement constraint. For EC2, ECS rebalances over existing container instances only.
 * - DG track-service-rebalancing.html, service-rebalancing-event-messages-list.html: the
 *   event texts, and the stoppedReason "Availability-zone rebalancing initiated by
 *   (deployment ecs-svc/...)".
 * - API reference, CreateService/UpdateService `availabilityZoneRebalancing`: omitted on
 *   create means ENABLED ("if the service is compatible", per the provider docs that
 *   mirror it, and S-026); omitted on update keeps the value; never set counts as DISABLED.
 */

export type AvailabilityZoneRebalancing = 'ENABLED' | 'DISABLED';

/**
 * How many tasks one step starts. Assumption: AWS gives no batch size; the simulator
 * starts as many as maximumPercent leaves room for (as a rolling deployment does). One
 * captured move started a single task, which a value of 1 here would reproduce.
 */
export const AZ_REBALANCING_MAX_STARTS_PER_STEP = Number.POSITIVE_INFINITY;

/** Assumption: the docs give a rebalancing stop's stoppedReason but not its stopCode (S-053 lists the codes). */
export const AZ_REBALANCING_STOP_CODE: StopCode = 'ServiceSchedulerInitiated';

/** What the compatibility rule reads of a service. */
export interface RebalancingShape {
  readonly schedulingStrategy: 'REPLICA' | 'DAEMON';
  readonly launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  readonly maximumPercent: number;
  readonly placementStrategy: readonly PlacementStrategy[];
  readonly placementConstraints: readonly PlacementConstraint[];
}

const AZ_ATTRIBUTE = 'attribute:ecs.availability-zone';
const AZ_IN_EXPRESSION = /attribute:\s*ecs\.availability-zone\b/;

/**
 * Why ECS would not rebalance this service (DG service-rebalancing.html, "Considerations"),
 * or undefined when it would. `taskDefinitionConstraints` are the task definition's own
 * memberOf constraints, which bind as the service's do.
 *
 * Assumption: a maximumPercent below 100 is refused like 100 (the docs name only 100): in
 * both the scheduler has no room to start a task before it stops one.
 */
export function rebalancingUnsupportedBecause(service: RebalancingShape, taskDefinitionConstraints: readonly PlacementConstraint[] = []): string | undefined {
  if (service.schedulingStrategy !== 'REPLICA') return 'the DAEMON scheduling strategy';
  if (service.launchType === 'EXTERNAL') return 'the EXTERNAL launch type';
  if (service.maximumPercent <= 100) return `a maximumPercent of ${service.maximumPercent}`;
  const first = service.placementStrategy[0];
  if (first !== undefined && !(first.type === 'spread' && first.field === AZ_ATTRIBUTE)) return `a first placement strategy other than spread on ${AZ_ATTRIBUTE}`;
  if ([...service.placementConstraints, ...taskDefinitionConstraints].some((c) => c.expression !== undefined && AZ_IN_EXPRESSION.test(c.expression))) return `${AZ_ATTRIBUTE} in a placement constraint`;
  return undefined;
}

/**
 * CreateService's default (S-025, S-026): ENABLED for a compatible service, DISABLED for
 * one ECS cannot rebalance (e.g. binpack first). AWS's API reference says "ENABLED"
 * without the condition; ECS's notice and the provider docs add "if compatible".
 */
export function defaultAvailabilityZoneRebalancing(service: RebalancingShape, taskDefinitionConstraints: readonly PlacementConstraint[] = []): AvailabilityZoneRebalancing {
  return rebalancingUnsupportedBecause(service, taskDefinitionConstraints) === undefined ? 'ENABLED' : 'DISABLED';
}

/** Tasks per AZ, in the order ECS lists them (see `azOrder`). */
export type AzCounts = ReadonlyArray<readonly [az: string, tasks: number]>;

/**
 * The order AZs are named in: ECS's events list them in a fixed order that is neither by
 * count nor by name (one capture reads "3 tasks in eu-central-1a, 1 tasks in
 * eu-central-1c, 1 tasks in eu-central-1b", then "2 ... 1a, 2 ... 1c, 1 ... 1b"), most
 * likely the service's subnet order. Assumption: with no subnets in the model, by name,
 * compared by code unit (never locale).
 */
export function azOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Balanced: the AZs that can take tasks differ by at most one task (DG
 * service-rebalancing.html: desired ÷ AZs each, the remainder spread one per AZ).
 */
export function isAzBalanced(counts: AzCounts): boolean {
  if (counts.length === 0) return true;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [, n] of counts) {
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  return max - min <= 1;
}

/**
 * ECS's rebalancing texts in the API's form (ecs-facts S-028; the docs print
 * "service (name) ..." as for every event, the API "(service name) ...", S-060). The
 * counts are joined as one capture shows ("N tasks in AZ, N tasks in AZ, N tasks in AZ"),
 * and several tasks are listed as in S-061.
 */
export const rebalancingMessages = {
  /** SERVICE_REBALANCING_STARTED. */
  started: (service: string, counts: AzCounts): string => `(service ${service}) is not AZ balanced with ${listCounts(counts)}. AZ Rebalancing in progress.`,
  /** SERVICE_REBALANCING_COMPLETED. */
  completed: (service: string, counts: AzCounts): string => `(service ${service}) is AZ balanced with ${listCounts(counts)}.`,
  /** TASKS_STARTED, one event per AZ. */
  tasksStarted: (service: string, az: string, taskIds: readonly string[]): string => `(service ${service}) has started ${taskIds.length} tasks in ${az} to AZ Rebalance: ${listTasks(taskIds)}.`,
  /** TASKS_STOPPED, one event per AZ (its API form is not captured; built like TASKS_STARTED's). */
  tasksStopped: (service: string, az: string, taskIds: readonly string[]): string => `(service ${service}) has stopped ${taskIds.length} running tasks in ${az} due to AZ rebalancing: ${listTasks(taskIds)}.`,
  /** SERVICE_TASK_PLACEMENT_FAILURE during rebalancing, EC2. */
  unableToPlace: (service: string, az: string): string => `(service ${service}) is unable to place a task in ${az} because no container instance met all of its requirements.`,
  /** SERVICE_REBALANCING_STOPPED: something else (a new desired count, a lost task, a drain) took over. */
  stopped: (service: string): string => `(service ${service}) stopped AZ Rebalancing.`,
  /** The stoppedReason of a task stopped by rebalancing (DG track-service-rebalancing.html). */
  stopReason: (deploymentId: string): string => `Availability-zone rebalancing initiated by (deployment ${deploymentId})`,
};

function listCounts(counts: AzCounts): string {
  return counts.map(([az, n]) => `${n} tasks in ${az}`).join(', ');
}

function listTasks(taskIds: readonly string[]): string {
  return taskIds.map((id) => `(task ${id})`).join(' ');
}
