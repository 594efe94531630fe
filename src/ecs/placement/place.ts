import type { RandomStream } from '../../engine/random.js';
import type { ContainerInstance, Reservation } from '../capacity/container-instance.js';
import { RESOURCE_FILTERS } from './builtins.js';
import type { Candidate, CandidateExplanation, FilterPlugin, PlacementContext, PlacementDecision, PlacementRequest, Rejection, StrategyPlugin } from './framework.js';
import type { PlacementRegistry } from './registry.js';
import { hasDynamicPortsFor, reservationOn } from './resources.js';
import type { Members, PlacementIndex } from './twin-index.js';

/**
 * One placement decision: filter, then rank with the strategies in order, each breaking
 * only the ties of the one before (ecs-facts S-001, S-006), the last tie going to the
 * decision's random stream. The framework, not the plug-ins, owns the order and checks
 * each plug-in's output.
 */
export function place(registry: PlacementRegistry, ctx: PlacementContext, request: PlacementRequest, explain = false, indexed?: IndexedPool): PlacementDecision {
  const constraintFilters = request.constraints.map((c) => registry.constraint(c.type, c.expression));
  const strategies = request.strategy.map((s) => registry.strategy(s.type, s.field));
  const filters = [...RESOURCE_FILTERS, ...constraintFilters];
  if (indexed !== undefined && !explain && !wantsDynamicRangePort(request) && filters.every((f) => f.stateOnly === true) && strategies.every((s) => s.stateOnly === true)) {
    // Failures (and the closest match) are told per instance, so they come from the scan.
    const ownGroupOnly = filters.every((f) => f.ownGroupOnly === true) && strategies.every((s) => s.ownGroupOnly === true);
    const decision = decideOnTwins(indexed, ctx, request, filters, strategies, ownGroupOnly);
    if (decision !== undefined) return decision;
  }
  return decide(ctx, request, filters, strategies, explain);
}

/** A fixed host port inside the dynamic range: twins may differ in exactly which of those are taken. */
function wantsDynamicRangePort(request: PlacementRequest): boolean {
  return request.needs.staticPorts.some((p) => Number(p.slice(p.indexOf('/') + 1)) >= 49153);
}

/** The instances of one launch type in a cluster's placement index. */
export interface IndexedPool {
  readonly index: PlacementIndex;
  readonly launchType: string;
}

/** A decision's context over a plain list of instances (no index). */
export function scanContext(instances: readonly ContainerInstance[], groupOf: (taskArn: string) => string | undefined, rng: RandomStream): PlacementContext {
  return {
    instances,
    countByAttribute: (group, attribute) => {
      const perValue = new Map<string, number>();
      for (const instance of instances) {
        if (instance.status !== 'ACTIVE' && instance.status !== 'DRAINING') continue;
        const value = instance.attributes[attribute] ?? '';
        let n = perValue.get(value) ?? 0;
        for (const r of instance.reservations.values()) if (r.group === group) n += 1;
        perValue.set(value, n);
      }
      return perValue;
    },
    groupOf,
    rng,
  };
}

/**
 * `decide` over twin sets: the same candidates, ranks, ties and random draw as the full
 * scan, asked once per distinct instance state. With plug-ins that read only the
 * request's own group, the states are the index's slices (shape x tasks of the group),
 * else its full twin sets. Undefined when nothing fits.
 */
function decideOnTwins(indexed: IndexedPool, ctx: PlacementContext, request: PlacementRequest, filters: readonly FilterPlugin[], strategies: readonly StrategyPlugin[], ownGroupOnly: boolean): PlacementDecision | undefined {
  const { index, launchType } = indexed;
  const candidates: Candidate[] = [];
  const sets: Members[] = [];
  const consider = (set: Members, status: string, setLaunchType: string, tasksInGroup: number): void => {
    // ecs-facts S-036, T-079: nothing is placed on a DRAINING or INACTIVE instance.
    if (setLaunchType !== launchType || status !== 'ACTIVE') return;
    const instance = index.instanceAt(set.first);
    if (filters.some((f) => f.filter(ctx, request, instance) !== undefined)) return;
    if (!hasDynamicPortsFor(instance, request.needs)) return;
    candidates.push(candidate(instance, tasksInGroup, request));
    sets.push(set);
  };
  if (ownGroupOnly) for (const slice of index.slices(request.group)) consider(slice, slice.shape.status, slice.shape.launchType, slice.count);
  else for (const set of index.sets()) consider(set, set.status, set.launchType, set.groups.get(request.group) ?? 0);
  if (candidates.length === 0) return undefined;
  const strategyNames = strategies.map((s) => s.name);
  const ranks = rankAll(candidates, ctx, request, strategies);
  if (typeof ranks === 'string') return { status: 'Error', failures: [{ arn: '', reason: ranks }], strategies: strategyNames };
  const winners = lexicographicMinimum(ranks, candidates.length);
  const tied = winners.map((i) => sets[i] as Members);
  let total = 0;
  for (const s of tied) total += s.size;
  const k = total === 1 ? 0 : Math.floor(ctx.rng.next() * total);
  const instance = index.instanceAt(index.kthOrdinal(tied, k));
  // Tied members may hold different numbers of the group's tasks (when no strategy reads them): the winner's own, as the scan tells it.
  return { status: 'Success', chosen: candidate(instance, tasksOfGroup(instance, request.group), request), failures: [], strategies: strategyNames };
}

function tasksOfGroup(instance: ContainerInstance, group: string): number {
  let n = 0;
  for (const r of instance.reservations.values()) if (r.group === group) n += 1;
  return n;
}

/** A candidate whose reservation (dynamic ports assigned) is made when first asked for: usually only the winner's. */
function candidate(instance: ContainerInstance, tasksInGroup: number, request: PlacementRequest): Candidate {
  return new LazyCandidate(instance, tasksInGroup, request);
}

/** A class, not an object literal with a getter: one small object per candidate, no closure. */
class LazyCandidate implements Candidate {
  private made: Reservation | undefined;

  constructor(
    readonly instance: ContainerInstance,
    readonly tasksInGroup: number,
    private readonly request: PlacementRequest,
  ) {}

  get reservation(): Reservation {
    // The caller checked hasDynamicPortsFor, so ports are there.
    this.made ??= reservationOn(this.instance, this.request.needs, this.request.group) as Reservation;
    return this.made;
  }
}

/** Each strategy's ranks, or why they are unusable. */
function rankAll(candidates: readonly Candidate[], ctx: PlacementContext, request: PlacementRequest, strategies: readonly StrategyPlugin[]): (readonly number[])[] | string {
  const ranks: (readonly number[])[] = [];
  for (const strategy of strategies) {
    const r = strategy.rank(ctx, request, candidates);
    if (r.length !== candidates.length || r.some((x) => !Number.isFinite(x))) {
      return `strategy ${strategy.name} returned ${r.length} ranks for ${candidates.length} candidates, or a non-finite rank`;
    }
    ranks.push(r);
  }
  return ranks;
}

/**
 * The candidates with the lexicographically smallest ranks, in candidate order. One
 * linear pass: a sort cost several times more per instance (bench/macro/placement.mjs).
 */
function lexicographicMinimum(ranks: readonly (readonly number[])[], count: number): number[] {
  const compare = (a: number, b: number): number => {
    for (const r of ranks) {
      const d = (r[a] as number) - (r[b] as number);
      if (d !== 0) return d;
    }
    return 0;
  };
  let tied = [0];
  for (let i = 1; i < count; i += 1) {
    const d = compare(i, tied[0] as number);
    if (d < 0) tied = [i];
    else if (d === 0) tied.push(i);
  }
  return tied;
}

export function decide(ctx: PlacementContext, request: PlacementRequest, filters: readonly FilterPlugin[], strategies: readonly StrategyPlugin[], explain: boolean): PlacementDecision {
  const candidates: Candidate[] = [];
  const failures: { arn: string; reason: string }[] = [];
  const rows: CandidateExplanation[] = [];
  let closest: { instance: ContainerInstance; rejection: Rejection; passed: number } | undefined;
  const strategyNames = strategies.map((s) => s.name);

  for (const instance of ctx.instances) {
    // ecs-facts S-036, T-079: nothing is placed on a DRAINING or INACTIVE instance.
    if (instance.status !== 'ACTIVE') {
      if (explain) rows.push({ containerInstanceArn: instance.containerInstanceArn, ec2InstanceId: instance.ec2InstanceId, rejectedBy: 'status', reason: instance.status, detail: 'only ACTIVE instances take tasks' });
      continue;
    }
    let rejection: Rejection | undefined;
    let rejectedBy: string | undefined;
    let passed = 0;
    for (const filter of filters) {
      rejection = filter.filter(ctx, request, instance);
      if (rejection !== undefined) {
        rejectedBy = filter.name;
        break;
      }
      passed += 1;
    }
    if (rejection === undefined && !hasDynamicPortsFor(instance, request.needs)) {
      rejection = { reason: 'RESOURCE:PORTS', detail: 'no free dynamic host port (49153–65535)' };
      rejectedBy = 'ports';
    }
    if (rejection !== undefined) {
      const r = rejection as Rejection;
      failures.push({ arn: instance.containerInstanceArn, reason: r.reason });
      // The closest match passed the most filters; the first such instance wins ties.
      if (closest === undefined || passed > closest.passed) closest = { instance, rejection: r, passed };
      if (explain) rows.push({ containerInstanceArn: instance.containerInstanceArn, ec2InstanceId: instance.ec2InstanceId, rejectedBy: rejectedBy ?? '', reason: r.reason, detail: r.detail });
      continue;
    }
    let tasksInGroup = 0;
    for (const r of instance.reservations.values()) if (r.group === request.group) tasksInGroup += 1;
    candidates.push(candidate(instance, tasksInGroup, request));
  }

  if (candidates.length === 0) {
    return {
      status: 'Unplaceable',
      failures,
      ...(closest === undefined ? {} : { closest: { instance: closest.instance, rejection: closest.rejection } }),
      ...(explain ? { explanation: rows, filters: filterNames(filters) } : {}),
      strategies: strategyNames,
    };
  }

  const ranks = rankAll(candidates, ctx, request, strategies);
  if (typeof ranks === 'string') return { status: 'Error', failures: [{ arn: '', reason: ranks }], strategies: strategyNames };
  const tied = lexicographicMinimum(ranks, candidates.length);
  const first = tied[0] as number;
  // The last tie goes to the decision's stream (STYLE: placement/<group>).
  const winner = tied.length === 1 ? first : (tied[Math.floor(ctx.rng.next() * tied.length)] as number);
  const chosen = candidates[winner] as Candidate;
  if (explain) {
    candidates.forEach((c, i) => rows.push({ containerInstanceArn: c.instance.containerInstanceArn, ec2InstanceId: c.instance.ec2InstanceId, ranks: ranks.map((r) => r[i] as number) }));
  }
  return { status: 'Success', chosen, failures, ...(explain ? { explanation: rows, filters: filterNames(filters) } : {}), strategies: strategyNames };
}

/** The stages an instance passes, in order: its status, then each filter. */
function filterNames(filters: readonly FilterPlugin[]): string[] {
  return ['status', ...filters.map((f) => f.name)];
}

/**
 * ECS's service event when nothing fits (ecs-facts S-029 to S-031): the closest matching
 * instance and what it lacked.
 */
export function unableToPlaceMessage(serviceName: string, decision: PlacementDecision, instanceCount: number): string {
  const head = `(service ${serviceName}) was unable to place a task`;
  if (instanceCount === 0) return `${head}. Reason: No Container Instances were found in your cluster.`;
  const closest = decision.closest;
  const tail = ' For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';
  if (closest === undefined) return `${head} because no container instance met all of its requirements.${tail}`;
  const id = closest.instance.id;
  return `${head} because no container instance met all of its requirements. The closest matching (container-instance ${id}) ${closestText(closest.rejection)}${tail}`;
}

function closestText(rejection: Rejection): string {
  switch (rejection.reason) {
    case 'RESOURCE:CPU':
      return 'has insufficient CPU units available.'; // ecs-facts S-031
    case 'RESOURCE:MEMORY':
      return 'has insufficient memory available.'; // ecs-facts S-031
    case 'RESOURCE:PORTS':
      return 'is already using a port required by your task.'; // ecs-facts S-030
    case 'ATTRIBUTE':
      return 'is missing an attribute required by your task.'; // ecs-facts S-031
    case 'AGENT':
      return 'encountered error "AGENT".'; // ecs-facts S-029
    default:
      // ecs-sim wording: no ECS text found for this reason (e.g. RESOURCE:ENI).
      return `encountered error "${rejection.reason}".`;
  }
}
