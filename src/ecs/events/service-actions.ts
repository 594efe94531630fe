import type { PlacementDecision } from '../placement/framework.js';
import { unableToPlaceMessage } from '../placement/place.js';
import { rebalancingMessages } from '../service/az-rebalancing.js';
import { serviceMessages } from '../service/service.js';

/**
 * The ONE table from the service events the model writes (DescribeServices `events[]`, in
 * ECS's wording) to EventBridge `ECS Service Action` events (ecs-facts S-114, S-115).
 *
 * Each row names the builder whose text it recognises, the exact shape of that text as an
 * anchored pattern, and a `sample()` that calls the builder: the specification test checks
 * that every row's pattern matches its own builder's sample and no other row's, so a
 * change of wording in service.ts, az-rebalancing.ts or place.ts fails a test instead of
 * silently dropping events.
 *
 * Service events with no EventBridge service-action counterpart (not emitted as one):
 * - `blockedByDeploymentConfiguration`: S-115 lists no eventName for it.
 * - `registeredTargets`, `deregisteredTargets`, `drainingConnections`, `unhealthyTarget`,
 *   `failedContainerHealthChecks`: ELB and health texts; S-115 names none of them.
 * - `deploymentCompleted`, `deploymentFailed`, `rollingBack`: these are sent as
 *   `ECS Deployment State Change` events (S-116) from the deployment observer instead.
 * - `rebalancingMessages.stopped`: az-rebalancing.ts calls it SERVICE_REBALANCING_STOPPED,
 *   but S-115 does not list that name; assumption: not emitted until it is confirmed.
 */

export type ServiceActionEventType = 'INFO' | 'WARN' | 'ERROR';

export type ServiceActionEventName =
  | 'SERVICE_STEADY_STATE'
  | 'TASKS_STARTED'
  | 'TASKS_STOPPED'
  | 'SERVICE_TASK_PLACEMENT_FAILURE'
  | 'SERVICE_TASK_START_IMPAIRED'
  | 'SERVICE_REBALANCING_STARTED'
  | 'SERVICE_REBALANCING_COMPLETED';

export interface ServiceActionMapping {
  /** The builder whose text this row recognises (`serviceMessages.started`, …). */
  readonly builder: string;
  /** Absent: the text has no service-action counterpart and is not emitted. */
  readonly eventName?: ServiceActionEventName;
  readonly eventType?: ServiceActionEventType;
  /** The exact shape of the builder's text, anchored at both ends. */
  readonly pattern: RegExp;
  /** The builder called with sample arguments (for the table's own test). */
  readonly sample: () => string;
  /** The detail's `reason`, when the event documents one. */
  readonly reason?: (message: string) => string | undefined;
}

const SVC = String.raw`\(service [^)]+\)`;
const TASKS = String.raw`\(task [^)]+\)(?: \(task [^)]+\))*`;
const AZ = String.raw`[^ ]+`;
const TG = String.raw`\(target-group [^)]+\)`;
const DEP = String.raw`ecs-svc/\d+`;
const re = (body: string): RegExp => new RegExp(`^${body}$`);

/**
 * The detail `reason` of SERVICE_TASK_PLACEMENT_FAILURE (ecs-facts S-114). Assumption: the
 * documented sample gives a short code such as `RESOURCE:MEMORY`; the simulator derives it
 * from the closest instance's rejection in ECS's message, and otherwise gives none.
 */
export const PLACEMENT_FAILURE_REASONS: readonly (readonly [RegExp, string])[] = [
  [/has insufficient CPU units available\./, 'RESOURCE:CPU'],
  [/has insufficient memory available\./, 'RESOURCE:MEMORY'],
  [/is already using a port required by your task\./, 'RESOURCE:PORTS'],
  [/is missing an attribute required by your task\./, 'ATTRIBUTE'],
  [/encountered error "([A-Z_:]+)"\./, ''],
];

function placementReason(message: string): string | undefined {
  for (const [pattern, code] of PLACEMENT_FAILURE_REASONS) {
    const m = pattern.exec(message);
    if (m !== null) return code === '' ? m[1] : code;
  }
  return undefined;
}

const noDecision = { status: 'Unplaceable', failures: [], strategies: [] } as unknown as PlacementDecision;

export const SERVICE_ACTION_MAPPINGS: readonly ServiceActionMapping[] = [
  // ecs-facts S-061: "has started N tasks: (task a) (task b)."
  { builder: 'serviceMessages.started', eventName: 'TASKS_STARTED', eventType: 'INFO', pattern: re(`${SVC} has started \\d+ tasks: ${TASKS}\\.`), sample: () => serviceMessages.started('web', ['a1', 'b2']) },
  { builder: 'serviceMessages.stopped', eventName: 'TASKS_STOPPED', eventType: 'INFO', pattern: re(`${SVC} has stopped \\d+ running tasks: ${TASKS}\\.`), sample: () => serviceMessages.stopped('web', ['a1']) },
  { builder: 'serviceMessages.steadyState', eventName: 'SERVICE_STEADY_STATE', eventType: 'INFO', pattern: re(`${SVC} has reached a steady state\\.`), sample: () => serviceMessages.steadyState('web') },
  // ecs-facts S-042, S-115: the throttle is SERVICE_TASK_START_IMPAIRED (WARN).
  { builder: 'serviceMessages.throttled', eventName: 'SERVICE_TASK_START_IMPAIRED', eventType: 'WARN', pattern: re(`${SVC} is unable to consistently start tasks successfully\\.`), sample: () => serviceMessages.throttled('web') },
  // ecs-facts S-029 to S-031, S-065: placement failures (place.ts and the control plane's fallback).
  {
    builder: 'unableToPlaceMessage',
    eventName: 'SERVICE_TASK_PLACEMENT_FAILURE',
    eventType: 'ERROR',
    pattern: re(`${SVC} was unable to place a task(?: because no container instance met all of its requirements\\.| ?\\. Reason: ).*`),
    sample: () => unableToPlaceMessage('web', noDecision, 0),
    reason: placementReason,
  },
  { builder: 'rebalancingMessages.unableToPlace', eventName: 'SERVICE_TASK_PLACEMENT_FAILURE', eventType: 'ERROR', pattern: re(`${SVC} is unable to place a task in ${AZ} because no container instance met all of its requirements\\.`), sample: () => rebalancingMessages.unableToPlace('web', 'us-east-1a') },
  { builder: 'rebalancingMessages.started', eventName: 'SERVICE_REBALANCING_STARTED', eventType: 'INFO', pattern: re(`${SVC} is not AZ balanced with .+\\. AZ Rebalancing in progress\\.`), sample: () => rebalancingMessages.started('web', [['us-east-1a', 2], ['us-east-1b', 0]]) },
  { builder: 'rebalancingMessages.completed', eventName: 'SERVICE_REBALANCING_COMPLETED', eventType: 'INFO', pattern: re(`${SVC} is AZ balanced with .+\\.`), sample: () => rebalancingMessages.completed('web', [['us-east-1a', 1], ['us-east-1b', 1]]) },
  { builder: 'rebalancingMessages.tasksStarted', eventName: 'TASKS_STARTED', eventType: 'INFO', pattern: re(`${SVC} has started \\d+ tasks in ${AZ} to AZ Rebalance: ${TASKS}\\.`), sample: () => rebalancingMessages.tasksStarted('web', 'us-east-1b', ['a1']) },
  { builder: 'rebalancingMessages.tasksStopped', eventName: 'TASKS_STOPPED', eventType: 'INFO', pattern: re(`${SVC} has stopped \\d+ running tasks in ${AZ} due to AZ rebalancing: ${TASKS}\\.`), sample: () => rebalancingMessages.tasksStopped('web', 'us-east-1a', ['a1']) },
  // Not emitted (see the list above).
  { builder: 'rebalancingMessages.stopped', pattern: re(`${SVC} stopped AZ Rebalancing\\.`), sample: () => rebalancingMessages.stopped('web') },
  { builder: 'serviceMessages.blockedByDeploymentConfiguration', pattern: re(`${SVC} was unable to stop or start tasks during a deployment because of the service deployment configuration\\. .*`), sample: () => serviceMessages.blockedByDeploymentConfiguration('web') },
  { builder: 'serviceMessages.registeredTargets', pattern: re(`${SVC} registered \\d+ targets in ${TG}`), sample: () => serviceMessages.registeredTargets('web', 1, 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/t/1') },
  { builder: 'serviceMessages.deregisteredTargets', pattern: re(`${SVC} deregistered \\d+ targets in ${TG}`), sample: () => serviceMessages.deregisteredTargets('web', 1, 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/t/1') },
  { builder: 'serviceMessages.drainingConnections', pattern: re(`\\(service [^,]+, taskSet ${DEP}\\) has begun draining connections on \\d+ tasks\\.`), sample: () => serviceMessages.drainingConnections('web', 'ecs-svc/1234567890123456789', 1) },
  { builder: 'serviceMessages.unhealthyTarget', pattern: re(`${SVC} \\(task [^)]+\\) \\(port \\d+\\) is unhealthy in ${TG} due to \\(reason .*\\)\\.`), sample: () => serviceMessages.unhealthyTarget('web', 'a1', 80, 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/t/1', 'Health checks failed') },
  { builder: 'serviceMessages.failedContainerHealthChecks', pattern: re(`${SVC} \\(task [^)]+\\) failed container health checks\\.`), sample: () => serviceMessages.failedContainerHealthChecks('web', 'a1') },
  { builder: 'serviceMessages.deploymentCompleted', pattern: re(`${SVC} \\(deployment ${DEP}\\) deployment completed\\.`), sample: () => serviceMessages.deploymentCompleted('web', 'ecs-svc/1234567890123456789') },
  { builder: 'serviceMessages.deploymentFailed', pattern: re(`${SVC} \\(deployment ${DEP}\\) deployment failed: .*\\.`), sample: () => serviceMessages.deploymentFailed('web', 'ecs-svc/1234567890123456789') },
  { builder: 'serviceMessages.rollingBack', pattern: re(`${SVC} rolling back to deployment ${DEP}\\.`), sample: () => serviceMessages.rollingBack('web', 'ecs-svc/1234567890123456789') },
];

/** The row whose pattern matches a service event's text, if any. */
export function serviceActionFor(message: string): ServiceActionMapping | undefined {
  for (const row of SERVICE_ACTION_MAPPINGS) if (row.pattern.test(message)) return row;
  return undefined;
}
