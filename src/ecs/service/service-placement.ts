import type { RandomStream } from '../../engine/random.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { PlacementDecision } from '../placement/framework.js';
import { scanContext, unableToPlaceMessage } from '../placement/place.js';
import type { PlacementRegistry } from '../placement/registry.js';
import { taskNeeds } from '../placement/resources.js';
import type { RunTaskFailure } from '../types.js';
import type { Service } from './service.js';

/**
 * What the service scheduler asks of placement beyond placing a task, as pure functions of
 * the cluster's instances: which instances a DAEMON service (or AZ rebalancing) may use,
 * and ECS's event when a service's task cannot be placed.
 */

/**
 * Whether `instance` satisfies the service's (and its task definition's) placement
 * constraints (ecs-facts S-034); distinctInstance is about other tasks, so it is left out.
 * `groupOf` gives a task's group; `rng` is the service group's placement stream.
 */
export function meetsServiceConstraints(
  registry: PlacementRegistry,
  instances: readonly ContainerInstance[],
  groupOf: (taskArn: string) => string | undefined,
  rng: RandomStream,
  instance: ContainerInstance,
  service: Service,
): boolean {
  const constraints = [...service.spec.taskDefinition.placementConstraints, ...service.spec.placementConstraints].filter((c) => c.type !== 'distinctInstance');
  const ctx = scanContext(instances, groupOf, rng);
  const request = { needs: taskNeeds(service.spec.taskDefinition), group: service.group, constraints, strategy: [] };
  return constraints.every((c) => registry.constraint(c.type, c.expression).filter(ctx, request, instance) === undefined);
}

/** ECS's event when a service's task cannot be placed (ecs-facts S-029 to S-031, S-065). */
export function unableToPlaceEvent(service: Service, decision: PlacementDecision | undefined, failures: readonly RunTaskFailure[], instances: readonly ContainerInstance[]): string {
  if (decision === undefined) return `(service ${service.serviceName}) was unable to place a task. Reason: ${failures[0]?.reason ?? 'Internal error.'}`;
  const count = instances.filter((i) => i.launchType === service.spec.launchType && i.status !== 'INACTIVE').length;
  return unableToPlaceMessage(service.serviceName, decision, count);
}
