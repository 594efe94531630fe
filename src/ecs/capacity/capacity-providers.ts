import { z } from 'zod';
import type { CapacityProviderStrategyItem } from '../config.js';
import type { ContainerInstance } from './container-instance.js';
import type { CapacityProviderDefinition } from './types.js';

export type { CapacityProviderDefinition };

/**
 * Capacity providers and strategies (ecs-facts A-028, A-029, S-119, S-123): which
 * provider runs each new task, by `base` first and then the weights' proportions.
 */

/** The predefined Fargate providers (ecs-facts A-029). */
export const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;
export type FargateProviderName = (typeof FARGATE_PROVIDERS)[number];

/**
 * ecs-facts S-119: at most 20 providers in one strategy, as the current CreateService and
 * RunTask references say ("A capacity provider strategy can contain a maximum of 20
 * capacity providers"); A-028's 6 is the older limit of the CapacityProviderStrategyItem page.
 */
export const MAX_STRATEGY_ITEMS = 20;

export function isFargateProvider(name: string): name is FargateProviderName {
  return name === 'FARGATE' || name === 'FARGATE_SPOT';
}

/** `CapacityProviderStrategyItem` as the API spells it; weight and base default to 0 (ecs-facts A-028). */
export const capacityProviderStrategyItemSchema = z.strictObject({
  capacityProvider: z.string().min(1).max(255),
  weight: z.number().int().min(0).max(1000, { error: 'weight must be an integer from 0 to 1000 (ecs-facts A-028)' }).optional(),
  base: z.number().int().min(0).max(100_000, { error: 'base must be an integer from 0 to 100000 (ecs-facts A-028)' }).optional(),
});

/**
 * A whole strategy, with the API's rules that span items (ecs-facts ): at
 * most 6 items, each provider once, a base on at most one item, at least one weight
 * above 0, and Fargate and Auto Scaling group providers never mixed.
 */
export const capacityProviderStrategySchema = z
  .array(capacityProviderStrategyItemSchema)
  .min(1, { error: 'a capacity provider strategy needs at least one provider' })
  .max(MAX_STRATEGY_ITEMS, { error: `a capacity provider strategy has at most ${MAX_STRATEGY_ITEMS} providers (ecs-facts S-119)` })
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.capacityProvider)) ctx.addIssue({ code: 'custom', path: [i, 'capacityProvider'], message: `capacity provider "${item.capacityProvider}" is listed twice` });
      seen.add(item.capacityProvider);
    });
    const withBase = items.map((item, i) => ({ item, i })).filter(({ item }) => (item.base ?? 0) > 0);
    for (const { i } of withBase.slice(1)) ctx.addIssue({ code: 'custom', path: [i, 'base'], message: 'only one capacity provider in a strategy can have a base (ecs-facts A-028)' });
    if (!items.some((item) => (item.weight ?? 0) > 0)) ctx.addIssue({ code: 'custom', path: [], message: 'at least one capacity provider must have a weight greater than 0 (ecs-facts A-028; the API default weight is 0)' });
    const fargate = items.filter((item) => isFargateProvider(item.capacityProvider)).length;
    if (fargate > 0 && fargate < items.length) {
      ctx.addIssue({ code: 'custom', path: [], message: 'a strategy cannot mix FARGATE/FARGATE_SPOT with Auto Scaling group capacity providers (ecs-facts A-029)' });
    }
  });

export type CapacityProviderStrategyInput = z.output<typeof capacityProviderStrategySchema>;

/** The API's defaults applied (weight 0, base 0). */
export function strategyWithDefaults(input: CapacityProviderStrategyInput): CapacityProviderStrategyItem[] {
  return input.map((item) => ({ capacityProvider: item.capacityProvider, weight: item.weight ?? 0, base: item.base ?? 0 }));
}

/** The launch type a strategy's tasks run with: FARGATE for the Fargate providers, else EC2 (ecs-facts A-029). */
export function strategyLaunchType(strategy: readonly CapacityProviderStrategyItem[]): 'FARGATE' | 'EC2' {
  return strategy.every((item) => isFargateProvider(item.capacityProvider)) ? 'FARGATE' : 'EC2';
}

/**
 * Which provider gets the next task (ecs-facts A-028). `running` is how many of the task
 * group's live tasks each provider already runs. The provider with a base gets tasks
 * until it runs `base` of them; after that, each task goes to the weighted provider
 * furthest below its share of the tasks beyond the base once this one is placed (the
 * largest (n + 1) × weight / Σweights − its own tasks beyond base), ties to the provider
 * listed first. AWS does not publish the rule; this one keeps every provider within one
 * task of its exact share, and weights 1 and 4 give 4 tasks to the second provider for
 * each one on the first. Providers with weight 0 get no tasks beyond their base.
 * @returns the provider's name, or undefined when no provider has weight (or base) left.
 */
export function chooseCapacityProvider(strategy: readonly CapacityProviderStrategyItem[], running: ReadonlyMap<string, number>): string | undefined {
  for (const item of strategy) {
    if (item.base > 0 && (running.get(item.capacityProvider) ?? 0) < item.base) return item.capacityProvider;
  }
  const beyondBase = (item: CapacityProviderStrategyItem): number => Math.max(0, (running.get(item.capacityProvider) ?? 0) - item.base);
  let totalWeight = 0;
  let placed = 0;
  for (const item of strategy) {
    if (item.weight <= 0) continue;
    totalWeight += item.weight;
    placed += beyondBase(item);
  }
  let best: { readonly name: string; readonly deficit: number } | undefined;
  for (const item of strategy) {
    if (item.weight <= 0) continue;
    // (placed + 1) × weight / totalWeight − own, scaled by totalWeight to stay in integers.
    const deficit = (placed + 1) * item.weight - beyondBase(item) * totalWeight;
    if (best === undefined || deficit > best.deficit) best = { name: item.capacityProvider, deficit };
  }
  return best?.name;
}

/**
 * How many live tasks (wanted RUNNING, not yet STOPPED) of `group` each provider runs.
 */
export function liveTasksByProvider(
  tasks: Iterable<{ readonly group: string; readonly capacityProviderName?: string; readonly desiredStatus: string; readonly lastStatus: string }>,
  group: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tasks) {
    if (t.group !== group || t.capacityProviderName === undefined || t.desiredStatus !== 'RUNNING' || t.lastStatus === 'STOPPED') continue;
    out.set(t.capacityProviderName, (out.get(t.capacityProviderName) ?? 0) + 1);
  }
  return out;
}

/** Where a task of the chosen provider goes. */
export type ProviderTarget =
  | { readonly capacityProviderName: string; readonly launchType: 'FARGATE' }
  | { readonly capacityProviderName: string; readonly launchType: 'EC2'; readonly instances: readonly ContainerInstance[] };

/**
 * The cluster's capacity providers: the two Fargate ones, plus any the scenario declares
 * for an instance group. The model tells it which instances belong to which group.
 */
export class CapacityProviders {
  private readonly byName = new Map<string, CapacityProviderDefinition>();
  private readonly groupInstances = new Map<string, ContainerInstance[]>();

  define(definition: CapacityProviderDefinition): void {
    if (isFargateProvider(definition.name) || this.byName.has(definition.name)) throw new Error(`capacity provider "${definition.name}" is already defined`);
    this.byName.set(definition.name, definition);
  }

  /** An instance of `group` launched (in launch order, so the list order is deterministic). */
  instanceLaunched(group: string, instance: ContainerInstance): void {
    const list = this.groupInstances.get(group) ?? [];
    list.push(instance);
    this.groupInstances.set(group, list);
  }

  /** ecs-facts A-027: whether tasks of this provider wait in PROVISIONING (managed scaling on). */
  managesScaling(name: string): boolean {
    return this.byName.get(name)?.autoScalingGroupProvider?.managedScaling.status === 'ENABLED';
  }

  /** The instances of the provider's instance group, in launch order. */
  instancesOf(name: string): readonly ContainerInstance[] {
    const definition = this.byName.get(name);
    return definition === undefined ? [] : (this.groupInstances.get(definition.instanceGroup) ?? []);
  }

  get definitions(): readonly CapacityProviderDefinition[] {
    return [...this.byName.values()];
  }

  /**
   * The provider for the next task under `strategy`, and where it runs: for an instance
   * group provider, its instances (those of them in `within`, when given).
   * @returns undefined when no provider can take a task (or the name is unknown).
   */
  target(strategy: readonly CapacityProviderStrategyItem[], running: ReadonlyMap<string, number>, within?: readonly ContainerInstance[]): ProviderTarget | undefined {
    const name = chooseCapacityProvider(strategy, running);
    if (name === undefined) return undefined;
    if (isFargateProvider(name)) return { capacityProviderName: name, launchType: 'FARGATE' };
    const definition = this.byName.get(name);
    if (definition === undefined) return undefined;
    const own = this.groupInstances.get(definition.instanceGroup) ?? [];
    // A caller's own restriction (one AZ for rebalancing, one instance for a daemon) still holds.
    return { capacityProviderName: name, launchType: 'EC2', instances: within === undefined ? own : within.filter((i) => own.includes(i)) };
  }
}
