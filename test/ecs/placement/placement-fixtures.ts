import { ContainerInstance, type ContainerInstanceStatus, type Resources } from '../../../src/ecs/capacity/container-instance.js';
import type { PlacementConstraint, PlacementContext, PlacementDecision, PlacementRequest, PlacementStrategy } from '../../../src/ecs/placement/framework.js';
import { place, scanContext } from '../../../src/ecs/placement/place.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import type { TaskNeeds } from '../../../src/ecs/placement/resources.js';
import { RandomStream } from '../../../src/engine/index.js';

/**
 * Placement-level helpers for the `placement-*` specs: container instances built directly
 * (ACTIVE with a connected agent unless told otherwise), tasks already holding resources
 * on them, and one decision through the built-in registry. No simulation runs, so every
 * spec sees exactly the state it set up.
 */

export const AZ_A = 'us-east-1a';
export const AZ_B = 'us-east-1b';
export const AZ_C = 'us-east-1c';

/** A task already on an instance: what it holds and its group (ecs-facts S-019). */
export interface HeldTask {
  readonly group: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly eni?: number;
  readonly ports?: readonly string[];
}

export interface InstanceShape {
  /** Registered CPU units, memory MiB and task ENIs; c5.large-like by default. */
  readonly registered?: Partial<Resources>;
  readonly az?: string;
  readonly status?: ContainerInstanceStatus;
  readonly agentConnected?: boolean;
  /** Extra attributes; `ecs.availability-zone` and `ecs.instance-type` are always set. */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly tasks?: readonly HeldTask[];
}

/** The 32-hex-digit id placement messages show for instance `n` (ecs-facts S-030). */
export function instanceId(n: number): string {
  return `c0ffee${String(n).padStart(26, '0')}`;
}

export function instanceArn(n: number): string {
  return `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${instanceId(n)}`;
}

let heldTasks = 0;

/** Container instance `n` (`i-<n>`), ACTIVE and connected unless `shape` says otherwise. */
export function containerInstance(n: number, shape: InstanceShape = {}): ContainerInstance {
  const registered: Resources = { cpu: 2048, memory: 3700, eni: 2, ...shape.registered };
  const az = shape.az ?? AZ_A;
  const instance = new ContainerInstance(instanceArn(n), `i-${n}`, 'c5.large', az, 'EC2', registered, [22, 2375, 2376, 51678, 51679], {
    'ecs.availability-zone': az,
    'ecs.instance-type': 'c5.large',
    ...shape.attributes,
  });
  instance.status = shape.status ?? 'ACTIVE';
  instance.agentConnected = shape.agentConnected ?? true;
  for (const t of shape.tasks ?? []) hold(instance, t);
  return instance;
}

/** Puts a task of `task.group` on `instance`, as if placed earlier; returns its ARN. */
export function hold(instance: ContainerInstance, task: HeldTask): string {
  heldTasks += 1;
  const taskArn = `arn:aws:ecs:us-east-1:123456789012:task/default/held${heldTasks}`;
  instance.reserve(taskArn, { cpu: task.cpu ?? 0, memory: task.memory ?? 0, eni: task.eni ?? 0, ports: task.ports ?? [], group: task.group }, 0);
  return taskArn;
}

export function needs(overrides: Partial<TaskNeeds> = {}): TaskNeeds {
  return { cpu: 256, memory: 512, eni: 0, staticPorts: [], dynamicPorts: [], ...overrides };
}

export function request(overrides: { needs?: Partial<TaskNeeds>; group?: string; strategy?: readonly PlacementStrategy[]; constraints?: readonly PlacementConstraint[] } = {}): PlacementRequest {
  return { needs: needs(overrides.needs), group: overrides.group ?? 'family:web', constraints: overrides.constraints ?? [], strategy: overrides.strategy ?? [] };
}

/** A decision's context; the tie-breaking stream is `placement/<group>` of `seed`, as the control plane builds it. */
export function context(instances: readonly ContainerInstance[], group = 'family:web', seed: string | number = 1, rng: RandomStream = new RandomStream(seed, `placement/${group}`)): PlacementContext {
  const groupOf = (arn: string): string | undefined => {
    for (const i of instances) {
      const r = i.reservations.get(arn);
      if (r !== undefined) return r.group;
    }
    return undefined;
  };
  return scanContext(instances, groupOf, rng);
}

/** One decision with ECS's built-in plug-ins. */
export function decideOn(instances: readonly ContainerInstance[], req: PlacementRequest = request(), seed: string | number = 1, explain = false): PlacementDecision {
  return place(PlacementRegistry.withBuiltins(), context(instances, req.group, seed), req, explain);
}

/** The chosen instance's EC2 id, or the status when nothing was chosen. */
export function chosenId(decision: PlacementDecision): string {
  return decision.chosen?.instance.ec2InstanceId ?? decision.status;
}

export const BINPACK_MEMORY: PlacementStrategy = { type: 'binpack', field: 'memory' };
export const BINPACK_CPU: PlacementStrategy = { type: 'binpack', field: 'cpu' };
export const SPREAD_INSTANCE: PlacementStrategy = { type: 'spread', field: 'instanceId' };
export const SPREAD_HOST: PlacementStrategy = { type: 'spread', field: 'host' };
export const SPREAD_AZ: PlacementStrategy = { type: 'spread', field: 'attribute:ecs.availability-zone' };
export const RANDOM: PlacementStrategy = { type: 'random' };
