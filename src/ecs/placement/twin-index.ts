import type { RandomStream } from '../../engine/random.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { PlacementContext } from './framework.js';

/**
 * The placement index: a cluster's instances filed by `stateKey()`, so that a decision
 * asks its filters and strategies once per distinct state ("twins") instead of once per
 * instance. A homogeneous cluster of 20,000 instances filling with one service has a few
 * dozen states; a cluster where every instance holds a different mix of services has as
 * many states as instances, and costs what a full scan costs.
 *
 * Why twins and not per-resource trees (free CPU, free memory, per attribute): plug-ins
 * rank by anything they like, and a strategy's rank is only defined relative to the other
 * candidates. Grouping identical instances is exact for every `stateOnly` plug-in, keeps
 * the decision the full scan would make (a property test compares them), and needs no
 * knowledge of what each plug-in looks at.
 *
 * Instances report their own changes (`ContainerInstance.watch`); the index re-files
 * changed instances lazily, at the next decision.
 */
export class PlacementIndex {
  private readonly twins = new Map<string, TwinSet>();
  private readonly filed = new Map<ContainerInstance, TwinSet>();
  private readonly ordinals = new Map<ContainerInstance, number>();
  private readonly dirty = new Set<ContainerInstance>();
  private known = 0;
  private readonly markDirty = (instance: ContainerInstance): void => {
    this.dirty.add(instance);
  };

  /** `instances` is the cluster's own list, in registration order; it may only grow. */
  constructor(private readonly instances: readonly ContainerInstance[]) {}

  /** The twin sets of the current state (a decision must not change instances while it iterates them). */
  sets(): IterableIterator<TwinSet> {
    this.refresh();
    return this.twins.values();
  }

  /** The instance at `ordinal` (its position in the cluster's list). */
  instanceAt(ordinal: number): ContainerInstance {
    return this.instances[ordinal] as ContainerInstance;
  }

  /** How many distinct states the cluster's instances are in now. */
  get size(): number {
    this.refresh();
    return this.twins.size;
  }

  /**
   * A decision's context over the instances of one launch type. `ctx.instances` is built
   * only if a plug-in asks for it.
   */
  context(launchType: string, groupOf: (taskArn: string) => string | undefined, rng: RandomStream): PlacementContext {
    let pool: readonly ContainerInstance[] | undefined;
    const all = this.instances;
    return {
      get instances() {
        pool ??= all.filter((i) => i.launchType === launchType);
        return pool;
      },
      countByAttribute: (group, attribute) => {
        const perValue = new Map<string, number>();
        for (const set of this.sets()) {
          if (set.launchType !== launchType || (set.status !== 'ACTIVE' && set.status !== 'DRAINING')) continue;
          const value = this.instanceAt(set.first).attributes[attribute] ?? '';
          perValue.set(value, (perValue.get(value) ?? 0) + set.size * (set.groups.get(group) ?? 0));
        }
        return perValue;
      },
      groupOf,
      rng,
    };
  }

  /**
   * The `k`-th smallest ordinal (0-based) over the union of `sets`: the `k`-th of the tied
   * instances in cluster order, as the full scan would list them.
   */
  kthOrdinal(sets: readonly TwinSet[], k: number): number {
    if (sets.length === 1) return (sets[0] as TwinSet).ordinals[k] as number;
    // Binary search on the ordinal: the smallest x with at least k + 1 members <= x.
    let lo = 0;
    let hi = this.instances.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let count = 0;
      for (const s of sets) count += upperBound(s.ordinals, mid);
      if (count > k) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private refresh(): void {
    const all = this.instances;
    while (this.known < all.length) {
      const instance = all[this.known] as ContainerInstance;
      this.ordinals.set(instance, this.known);
      instance.watch(this.markDirty);
      this.dirty.add(instance);
      this.known += 1;
    }
    if (this.dirty.size === 0) return;
    for (const instance of this.dirty) this.refile(instance);
    this.dirty.clear();
  }

  private refile(instance: ContainerInstance): void {
    const key = instance.stateKey();
    const before = this.filed.get(instance);
    if (before?.key === key) return;
    const ordinal = this.ordinals.get(instance) as number;
    if (before !== undefined) {
      removeSorted(before.ordinals, ordinal);
      if (before.ordinals.length === 0) this.twins.delete(before.key);
    }
    let set = this.twins.get(key);
    if (set === undefined) {
      const groups = new Map<string, number>();
      for (const r of instance.reservations.values()) groups.set(r.group, (groups.get(r.group) ?? 0) + 1);
      set = new TwinSet(key, instance.launchType, instance.status, groups);
      this.twins.set(key, set);
    }
    insertSorted(set.ordinals, ordinal);
    this.filed.set(instance, set);
  }
}

/** Instances in one state: their ordinals, ascending, and what the state holds. */
export class TwinSet {
  readonly ordinals: number[] = [];

  constructor(
    readonly key: string,
    readonly launchType: string,
    readonly status: string,
    /** Tasks per group on each member. */
    readonly groups: ReadonlyMap<string, number>,
  ) {}

  get size(): number {
    return this.ordinals.length;
  }

  /** The member first in cluster order: the one the set's questions are asked of. */
  get first(): number {
    return this.ordinals[0] as number;
  }
}

/** How many of the ascending `xs` are <= x. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(xs: number[], x: number): void {
  const at = upperBound(xs, x);
  if (at === xs.length) xs.push(x);
  else xs.splice(at, 0, x);
}

function removeSorted(xs: number[], x: number): void {
  const at = upperBound(xs, x) - 1;
  if (at >= 0 && xs[at] === x) xs.splice(at, 1);
}
