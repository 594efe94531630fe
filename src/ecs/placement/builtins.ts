import { z } from 'zod';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { FilterPlugin, PluginFactory, ScaleInContext, ScaleInTask, StrategyPlugin } from './framework.js';
import { memberOf } from './query-language.js';

/**
 * The built-in filters and strategies, named as ECS names them (ecs-facts S-003, S-016,
 * S-017). Resource filters always run, in S-001's order; constraint filters run for the
 * constraints a task has; strategies rank in the order the task lists them.
 */

const pass = undefined;

/** ecs-facts T-074: only instances with a connected agent accept placements. */
export const agentFilter: FilterPlugin = {
  name: 'agent',
  stateOnly: true,
  ownGroupOnly: true,
  filter: (_ctx, _request, instance) => (instance.agentConnected ? pass : { reason: 'AGENT', detail: 'the agent is disconnected' }),
};

export const cpuFilter: FilterPlugin = {
  name: 'cpu',
  stateOnly: true,
  ownGroupOnly: true,
  filter: (_ctx, request, instance) =>
    request.needs.cpu <= instance.remaining.cpu ? pass : { reason: 'RESOURCE:CPU', detail: `needs ${request.needs.cpu} CPU units, ${instance.remaining.cpu} of ${instance.registered.cpu} free` },
};

/** Memory as ECS accounts it: memoryReservation where set, else the hard limit (ecs-facts T-057). */
export const memoryFilter: FilterPlugin = {
  name: 'memory',
  stateOnly: true,
  ownGroupOnly: true,
  filter: (_ctx, request, instance) =>
    request.needs.memory <= instance.remaining.memory ? pass : { reason: 'RESOURCE:MEMORY', detail: `needs ${request.needs.memory} MiB, ${instance.remaining.memory} of ${instance.registered.memory} free` },
};

/** Static host ports (ecs-facts S-032: a fixed host port allows one task per instance). */
export const portsFilter: FilterPlugin = {
  name: 'ports',
  stateOnly: true,
  ownGroupOnly: true,
  filter: (_ctx, request, instance) => {
    const taken = request.needs.staticPorts.filter((p) => instance.usedPorts.has(p));
    return taken.length === 0 ? pass : { reason: 'RESOURCE:PORTS', detail: `host port ${taken.join(', ')} in use` };
  },
};

/** ENI slots for awsvpc tasks (ecs-facts T-081). */
export const eniFilter: FilterPlugin = {
  name: 'eni',
  stateOnly: true,
  ownGroupOnly: true,
  filter: (_ctx, request, instance) =>
    request.needs.eni <= instance.remaining.eni ? pass : { reason: 'RESOURCE:ENI', detail: `needs a task ENI, ${instance.remaining.eni} of ${instance.registered.eni} free` },
};

/** GPUs a task's containers ask for with resourceRequirements, one task per GPU (ecs-facts T-116). */
export const gpuFilter: FilterPlugin = {
  name: 'gpu',
  stateOnly: true,
  ownGroupOnly: true,
  filter: (_ctx, request, instance) => {
    const needs = request.needs.gpu ?? 0;
    const free = instance.remaining.gpu ?? 0;
    return needs <= free ? pass : { reason: 'RESOURCE:GPU', detail: `needs ${needs} GPU${needs === 1 ? '' : 's'}, ${free} of ${instance.registered.gpu ?? 0} free` };
  },
};

/** Resource filters, in the order ECS checks them (ecs-facts S-001). */
export const RESOURCE_FILTERS: readonly FilterPlugin[] = [agentFilter, cpuFilter, memoryFilter, portsFilter, eniFilter, gpuFilter];

function groupsOn(instance: ContainerInstance): Set<string> {
  const groups = new Set<string>();
  for (const r of instance.reservations.values()) groups.add(r.group);
  return groups;
}

/** ecs-facts S-016: every task of the group on a different instance. */
export const distinctInstance: PluginFactory<FilterPlugin, undefined> = {
  args: z.undefined({ error: 'distinctInstance takes no expression (ecs-facts S-005, S-016)' }),
  create: () => ({
    name: 'distinctInstance',
    stateOnly: true,
    ownGroupOnly: true,
    filter: (_ctx, request, instance) =>
      groupsOn(instance).has(request.group) ? { reason: 'ATTRIBUTE', detail: `already runs a task of ${request.group} (distinctInstance)` } : pass,
  }),
};

/** ecs-facts S-017: the instance must satisfy a cluster query language expression. */
export const memberOfConstraint: PluginFactory<FilterPlugin, string> = {
  args: z
    .string({ error: 'memberOf needs an expression (ecs-facts S-017)' })
    .min(1, { error: 'memberOf needs an expression (ecs-facts S-017)' })
    .max(2000, { error: 'a memberOf expression is at most 2000 characters (ecs-facts S-005)' }),
  create: (expression) => {
    const matches = memberOf(expression);
    return {
      name: 'memberOf',
      // Instance identity and registration time tell twins apart; a name that merely
      // contains these words only costs the indexed path, never correctness.
      stateOnly: !/ec2InstanceId|registeredAt/.test(expression),
      // Without task:group it reads no group, only runningTasksCount (which shapes tell).
      ownGroupOnly: !/task:group/.test(expression),
      filter: (_ctx, _request, instance) => {
        const target = {
          attributes: instance.attributes,
          ec2InstanceId: instance.ec2InstanceId,
          agentConnected: instance.agentConnected,
          agentVersion: instance.agentVersion,
          registeredAtMs: instance.registeredAtMs ?? 0,
          runningTasksCount: instance.reservations.size,
          taskGroups: groupsOn(instance),
        };
        return matches(target) ? pass : { reason: 'ATTRIBUTE', detail: `does not satisfy memberOf(${expression})` };
      },
    };
  },
};

/** ecs-facts S-004: the least remaining amount of the field that still fits goes first. */
export const binpack: PluginFactory<StrategyPlugin, 'cpu' | 'memory'> = {
  args: z.enum(['cpu', 'memory'], { error: 'binpack takes field cpu or memory (ecs-facts S-003)' }),
  create: (field) => ({
    name: `binpack(${field})`,
    stateOnly: true,
    ownGroupOnly: true,
    rank: (_ctx, request, candidates) => candidates.map((c) => c.instance.remaining[field] - request.needs[field]),
    // S-012: the task on the instance that will have the most of the field left after the stop goes first.
    scaleIn: (ctx, task) => {
      const instance = ctx.instanceOf(task);
      return [-(instance === undefined ? 0 : instance.remaining[field] + Number(task[field]))];
    },
  }),
};

/** S-010, S-013 and the default: from the AZ with the most of the service's tasks, then the instance with the most. */
export function scaleInByAz(ctx: ScaleInContext, task: ScaleInTask): readonly number[] {
  return [-(ctx.tasksPerAz.get(task.availabilityZone) ?? 0), -(ctx.tasksPerInstance.get(task.containerInstanceArn ?? '') ?? 0)];
}

/**
 * ecs-facts S-003, S-014: the fewest tasks of the group on the candidate (instanceId,
 * host) or in its value of the attribute across the cluster.
 */
export const spread: PluginFactory<StrategyPlugin, string> = {
  args: z
    .string({ error: 'spread takes field instanceId, host or attribute:<name> (ecs-facts S-003)' })
    .refine((f) => f === 'instanceId' || f === 'host' || /^attribute:.+/.test(f), { error: 'spread takes field instanceId, host or attribute:<name> (ecs-facts S-003)' }),
  create: (field) => {
    if (field === 'instanceId' || field === 'host') {
      return {
        name: `spread(${field})`,
        stateOnly: true,
        ownGroupOnly: true,
        rank: (_ctx, _request, candidates) => candidates.map((c) => c.tasksInGroup),
        // S-011: from the instance with the most of the service's tasks.
        scaleIn: (ctx, task) => [-(ctx.tasksPerInstance.get(task.containerInstanceArn ?? '') ?? 0)],
      };
    }
    const attribute = field.slice('attribute:'.length);
    return {
      name: `spread(${field})`,
      stateOnly: true,
      ownGroupOnly: true,
      rank: (ctx, request, candidates) => {
        const perValue = ctx.countByAttribute(request.group, attribute);
        return candidates.map((c) => perValue.get(c.instance.attributes[attribute] ?? '') ?? 0);
      },
      // S-010, S-013: an attribute spread stops tasks by AZ, then instance, whatever its attribute.
      scaleIn: scaleInByAz,
    };
  },
};

/** ecs-facts S-003: random takes no field. */
export const random: PluginFactory<StrategyPlugin, undefined> = {
  args: z.undefined({ error: 'random takes no field (ecs-facts S-003)' }),
  create: () => ({
    name: 'random',
    rank: (ctx, _request, candidates) => candidates.map(() => ctx.rng.next()),
    // Scale-in at random too: one draw per task.
    scaleIn: (ctx) => [-ctx.rng.next()],
  }),
};
