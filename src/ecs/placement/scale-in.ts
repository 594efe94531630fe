import type { RandomStream } from '../../engine/random.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import { scaleInByAz } from './builtins.js';
import type { PlacementStrategy, ScaleInContext, ScaleInTask, StrategyPlugin } from './framework.js';

/**
 * Which tasks go first on scale-in (ecs-facts S-010 to S-013): tasks not yet RUNNING,
 * then as the service's first placement strategy ranks them (its plug-in's `scaleIn`,
 * so a user's registered strategy applies here too), then a random tie-break. Without a
 * strategy, or with one that has no `scaleIn`, the AZ with the most tasks goes first,
 * then the instance with the most.
 */
export interface ScaleInCandidate extends ScaleInTask {
  readonly lastStatus: string;
}

export function scaleInOrder<T extends ScaleInCandidate>(
  tasks: readonly T[],
  strategies: readonly PlacementStrategy[],
  strategyPlugin: (strategy: PlacementStrategy) => StrategyPlugin,
  instanceOf: (containerInstanceArn: string | undefined) => ContainerInstance | undefined,
  rng: RandomStream,
): T[] {
  const tasksPerAz = new Map<string, number>();
  const tasksPerInstance = new Map<string, number>();
  for (const t of tasks) {
    tasksPerAz.set(t.availabilityZone, (tasksPerAz.get(t.availabilityZone) ?? 0) + 1);
    if (t.containerInstanceArn !== undefined) tasksPerInstance.set(t.containerInstanceArn, (tasksPerInstance.get(t.containerInstanceArn) ?? 0) + 1);
  }
  const first = strategies[0];
  const plugin = first === undefined ? undefined : strategyPlugin(first);
  const ctx: ScaleInContext = { tasksPerAz, tasksPerInstance, instanceOf: (t) => instanceOf(t.containerInstanceArn), rng };
  const rank = plugin?.scaleIn?.bind(plugin) ?? scaleInByAz;
  // Per task, its key and then its tie draw, in that order (a random key draws in between).
  const keyed = tasks.map((t) => {
    const k = [t.lastStatus === 'RUNNING' ? 1 : 0, ...rank(ctx, t)];
    return { t, k, tie: rng.next() };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.max(a.k.length, b.k.length); i += 1) {
      const d = (a.k[i] ?? 0) - (b.k[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.tie - b.tie;
  });
  return keyed.map((x) => x.t);
}

/** Scale-in to `keep` tasks (ecs-facts S-010, S-011): one at a time, re-ranking after each, so the spread stays even. */
export function scaleInTo<T>(tasks: readonly T[], keep: number, order: (tasks: readonly T[]) => readonly T[]): T[] {
  const remaining = [...tasks];
  const chosen: T[] = [];
  while (remaining.length > keep) {
    const next = order(remaining)[0] as T;
    chosen.push(next);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return chosen;
}
