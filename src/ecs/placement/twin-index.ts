import type { RandomStream } from '../../engine/random.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { PlacementContext } from './framework.js';

/**
 * The placement index: a cluster's instances filed so that a decision asks its filters
 * and strategies once per distinct state ("twins") instead of once per instance.
 *
 * Two filings, because what makes instances distinct is mostly which services they run:
 * - by `shapeKey()` (status, agent, resources, ports, attributes, task count, but not the
 *   task groups), plus, per task group, which instances hold how many of its tasks. A
 *   decision for group g splits each shape by the number of g's tasks on its members: a
 *   few hundred holders of g at most, however many other services share the instances.
 *   This serves plug-ins that read no task group but the request's own (`ownGroupOnly`).
 * - by the full `stateKey()` (with every group), for `stateOnly` plug-ins that may read
 *   any group (e.g. memberOf with `task:group`). Built at its first use, then kept.
 *
 * Why not per-resource trees (free CPU, free memory, per attribute): plug-ins rank by
 * anything they like, and a strategy's rank is only defined relative to the other
 * candidates. Grouping identical instances is exact for every `stateOnly` plug-in, keeps
 * the decision the full scan would make (a property test compares them), and needs no
 * knowledge of what each plug-in looks at. With built-in strategies a cluster's shapes
 * are few (AZ x attribute sets x fill levels), so the shapes are the distinct candidates.
 *
 * Instances report their own changes (`ContainerInstance.watch`); the index re-files
 * changed instances lazily, at the next decision.
 */
export class PlacementIndex {
  private readonly shapes = new Map<string, TwinSet>();
  private readonly filedShape = new Map<ContainerInstance, TwinSet>();
  /** Per instance, its tasks per group as last filed. */
  private readonly filedGroups = new Map<ContainerInstance, ReadonlyMap<string, number>>();
  /** Per group and shape, the instances holding the group's tasks, by how many (kept up to date, not recomputed per decision). */
  private readonly holders = new Map<string, Map<TwinSet, Holders>>();
  private full: FullTwins | undefined;
  private readonly ordinals = new Map<ContainerInstance, number>();
  private readonly dirty = new Set<ContainerInstance>();
  private known = 0;
  private readonly markDirty = (instance: ContainerInstance): void => {
    this.dirty.add(instance);
  };

  /** `instances` is the cluster's own list, in registration order; it may only grow. */
  constructor(private readonly instances: readonly ContainerInstance[]) {}

  /** The twin sets by full state (a decision must not change instances while it iterates them). */
  sets(): IterableIterator<TwinSet> {
    this.refresh();
    if (this.full === undefined) {
      this.full = new FullTwins();
      for (const [instance, ordinal] of this.ordinals) this.full.refile(instance, ordinal);
    }
    return this.full.values();
  }

  /**
   * The instances split by shape and by how many tasks of `group` they hold: slices, each
   * of members that look alike to a plug-in reading no other group. Ordered by shape.
   */
  slices(group: string): Slice[] {
    this.refresh();
    const perShape = this.holders.get(group);
    const out: Slice[] = [];
    for (const shape of this.shapes.values()) {
      const held = perShape?.get(shape);
      if (held === undefined) {
        out.push(new Slice(shape, 0, undefined, EMPTY));
        continue;
      }
      if (held.all.length < shape.size) out.push(new Slice(shape, 0, undefined, held.all));
      // Usually one count per shape: no list to copy and sort then.
      if (held.byCount.size === 1) for (const [count, members] of held.byCount) out.push(new Slice(shape, count, members, EMPTY));
      else for (const count of [...held.byCount.keys()].sort(ascending)) out.push(new Slice(shape, count, held.byCount.get(count), EMPTY));
    }
    return out;
  }

  /** The instance at `ordinal` (its position in the cluster's list). */
  instanceAt(ordinal: number): ContainerInstance {
    return this.instances[ordinal] as ContainerInstance;
  }

  /** How many distinct shapes (states but for the task groups) the cluster's instances are in now. */
  get size(): number {
    this.refresh();
    return this.shapes.size;
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
      countByAttribute: (group, attribute) => this.countByAttribute(launchType, group, attribute),
      groupOf,
      rng,
    };
  }

  /** Every value of the shapes (with 0), then the group's tasks per shape: shapes and counts, not instances. */
  private countByAttribute(launchType: string, group: string, attribute: string): Map<string, number> {
    this.refresh();
    const perValue = new Map<string, number>();
    const counts = (status: string): boolean => status === 'ACTIVE' || status === 'DRAINING';
    for (const shape of this.shapes.values()) {
      if (shape.launchType !== launchType || !counts(shape.status)) continue;
      perValue.set(this.instanceAt(shape.first).attributes[attribute] ?? '', 0);
    }
    for (const [shape, held] of this.holders.get(group) ?? []) {
      if (shape.launchType !== launchType || !counts(shape.status)) continue;
      const value = this.instanceAt(shape.first).attributes[attribute] ?? '';
      let tasks = 0;
      for (const [count, members] of held.byCount) tasks += count * members.length;
      perValue.set(value, (perValue.get(value) as number) + tasks);
    }
    return perValue;
  }

  /**
   * The `k`-th smallest ordinal (0-based) over the union of `sets`: the `k`-th of the tied
   * instances in cluster order, as the full scan would list them.
   */
  kthOrdinal(sets: readonly Members[], k: number): number {
    if (sets.length === 1) return (sets[0] as Members).kth(k);
    // Binary search on the ordinal: the smallest x with at least k + 1 members <= x.
    let lo = 0;
    let hi = this.instances.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let count = 0;
      for (const s of sets) count += s.countAtMost(mid);
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
    for (const instance of this.dirty) {
      const ordinal = this.ordinals.get(instance) as number;
      this.refile(instance, ordinal);
      this.full?.refile(instance, ordinal);
    }
    this.dirty.clear();
  }

  private refile(instance: ContainerInstance, ordinal: number): void {
    const key = instance.shapeKey();
    const before = this.filedShape.get(instance);
    const groups = groupsOf(instance);
    const old = this.filedGroups.get(instance) ?? EMPTY_GROUPS;
    if (before?.key === key && sameCounts(old, groups)) return;
    if (before !== undefined) for (const [group, n] of old) this.unhold(group, before, n, ordinal);
    let shape = before;
    if (shape === undefined || shape.key !== key) {
      if (before !== undefined) {
        removeSorted(before.ordinals, ordinal);
        if (before.ordinals.length === 0) this.shapes.delete(before.key);
      }
      shape = this.shapes.get(key);
      if (shape === undefined) {
        shape = new TwinSet(key, instance.launchType, instance.status, EMPTY_GROUPS);
        this.shapes.set(key, shape);
      }
      insertSorted(shape.ordinals, ordinal);
      this.filedShape.set(instance, shape);
    }
    for (const [group, n] of groups) this.hold(group, shape, n, ordinal);
    this.filedGroups.set(instance, groups);
  }

  private hold(group: string, shape: TwinSet, count: number, ordinal: number): void {
    let perShape = this.holders.get(group);
    if (perShape === undefined) this.holders.set(group, (perShape = new Map()));
    let held = perShape.get(shape);
    if (held === undefined) perShape.set(shape, (held = { all: [], byCount: new Map() }));
    insertSorted(held.all, ordinal);
    let members = held.byCount.get(count);
    if (members === undefined) held.byCount.set(count, (members = []));
    insertSorted(members, ordinal);
  }

  private unhold(group: string, shape: TwinSet, count: number, ordinal: number): void {
    const perShape = this.holders.get(group);
    const held = perShape?.get(shape);
    if (perShape === undefined || held === undefined) return;
    removeSorted(held.all, ordinal);
    const members = held.byCount.get(count);
    if (members !== undefined) {
      removeSorted(members, ordinal);
      if (members.length === 0) held.byCount.delete(count);
    }
    if (held.all.length === 0) perShape.delete(shape);
    if (perShape.size === 0) this.holders.delete(group);
  }
}

/** The instances of one shape holding a group's tasks: all of them, and by how many they hold (ordinals ascending). */
interface Holders {
  readonly all: number[];
  readonly byCount: Map<number, number[]>;
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [group, n] of a) if (b.get(group) !== n) return false;
  return true;
}

/** The filing by full state key (every task group): the twins of `stateOnly` plug-ins that may read any group. */
class FullTwins {
  private readonly twins = new Map<string, TwinSet>();
  private readonly filed = new Map<ContainerInstance, TwinSet>();

  values(): IterableIterator<TwinSet> {
    return this.twins.values();
  }

  refile(instance: ContainerInstance, ordinal: number): void {
    const key = instance.stateKey();
    const before = this.filed.get(instance);
    if (before?.key === key) return;
    if (before !== undefined) {
      removeSorted(before.ordinals, ordinal);
      if (before.ordinals.length === 0) this.twins.delete(before.key);
    }
    let set = this.twins.get(key);
    if (set === undefined) {
      set = new TwinSet(key, instance.launchType, instance.status, groupsOf(instance));
      this.twins.set(key, set);
    }
    insertSorted(set.ordinals, ordinal);
    this.filed.set(instance, set);
  }
}

/** Instances, by ordinal, that a decision may tie on. */
export interface Members {
  readonly size: number;
  /** The member first in cluster order: the one the questions are asked of. */
  readonly first: number;
  /** The `k`-th member in cluster order. */
  kth(k: number): number;
  /** How many members have an ordinal <= x. */
  countAtMost(x: number): number;
}

/** Instances in one state: their ordinals, ascending, and what the state holds. */
export class TwinSet implements Members {
  readonly ordinals: number[] = [];

  constructor(
    readonly key: string,
    readonly launchType: string,
    readonly status: string,
    /** Tasks per group on each member (empty for a shape, which does not tell groups). */
    readonly groups: ReadonlyMap<string, number>,
  ) {}

  get size(): number {
    return this.ordinals.length;
  }

  get first(): number {
    return this.ordinals[0] as number;
  }

  kth(k: number): number {
    return this.ordinals[k] as number;
  }

  countAtMost(x: number): number {
    return upperBound(this.ordinals, x);
  }
}

/**
 * The members of one shape holding `count` tasks of a group: either listed (`count` > 0),
 * or the shape's members less the `excluded` holders (`count` 0).
 */
export class Slice implements Members {
  readonly size: number;
  readonly first: number;

  constructor(
    readonly shape: TwinSet,
    readonly count: number,
    private readonly listed: readonly number[] | undefined,
    private readonly excluded: readonly number[],
  ) {
    this.size = listed === undefined ? shape.size - excluded.length : listed.length;
    this.first = this.kth(0);
  }

  kth(k: number): number {
    if (this.listed !== undefined) return this.listed[k] as number;
    const all = this.shape.ordinals;
    if (this.excluded.length === 0) return all[k] as number;
    // The k-th of the shape not excluded: the first position i in the shape with more than
    // k members not excluded up to it (a binary search, however many are excluded).
    let lo = 0;
    let hi = all.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mid + 1 - upperBound(this.excluded, all[mid] as number) > k) hi = mid;
      else lo = mid + 1;
    }
    return all[lo] as number;
  }

  countAtMost(x: number): number {
    if (this.listed !== undefined) return upperBound(this.listed, x);
    return upperBound(this.shape.ordinals, x) - upperBound(this.excluded, x);
  }
}

const EMPTY: readonly number[] = [];
const EMPTY_GROUPS: ReadonlyMap<string, number> = new Map();
const ascending = (a: number, b: number): number => a - b;

function groupsOf(instance: ContainerInstance): Map<string, number> {
  const groups = new Map<string, number>();
  for (const r of instance.reservations.values()) groups.set(r.group, (groups.get(r.group) ?? 0) + 1);
  return groups;
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
