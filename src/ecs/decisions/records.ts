import type { CandidateExplanation, PlacementDecision } from '../placement/framework.js';
import { taskId } from '../task/task-record.js';

/**
 * The ECS control plane's decision records (docs/decisions.md): small pure functions that
 * turn a decision into the fields of one record, keys in a fixed order. The model calls
 * them only when `sim.decisions.on`, and writes through `sim.decisions` (one place).
 */

/**
 * At most this many instances are listed per placement record among the survivors (best
 * ranked first, the winner always) and as many among the rejected (in instance order);
 * the rest are counted in `omitted`. Per-filter counts are always complete, so a
 * 1,000-instance cluster still gives a bounded, comparable line.
 */
export const PLACEMENT_LIST_CAP = 10;

/** At most this many tasks are listed in a scale-in ordering; `candidates` counts them all. */
export const SCALE_IN_LIST_CAP = 10;

export interface PlacementMeta {
  readonly group: string;
  readonly label: string;
  readonly taskArn: string | undefined;
  /** The filters in the order they ran (`status` first). */
  readonly filters: readonly string[];
}

/** How far each survivor got: its ranks, and the strategy that ranked it behind the winner (or the random tie-break). */
export function placementFields(decision: PlacementDecision, meta: PlacementMeta): Record<string, unknown> {
  const rows = decision.explanation ?? [];
  const winner = decision.chosen?.instance.ec2InstanceId;
  const winnerRanks = rows.find((r) => r.ec2InstanceId === winner)?.ranks ?? [];
  const survivors = rows.filter((r) => r.rejectedBy === undefined);
  const rejected = rows.filter((r) => r.rejectedBy !== undefined);
  const byRank = [...survivors].sort((a, b) => (a.ec2InstanceId === winner ? -1 : b.ec2InstanceId === winner ? 1 : compareRanks(a.ranks ?? [], b.ranks ?? []) || compareText(a.ec2InstanceId, b.ec2InstanceId)));
  const left: { filter: string; left: number }[] = [];
  let remaining = rows.length;
  for (const f of stageNames(meta.filters, rejected)) {
    remaining -= rejected.filter((r) => r.rejectedBy === f).length;
    left.push({ filter: f, left: remaining });
  }
  return {
    group: meta.group,
    label: meta.label,
    task: meta.taskArn === undefined ? null : taskId(meta.taskArn),
    status: decision.status,
    strategies: decision.strategies,
    instances: rows.length,
    filters: left,
    winner: winner ?? null,
    survivors: byRank.slice(0, PLACEMENT_LIST_CAP).map((r) => ({ instance: r.ec2InstanceId, ranks: r.ranks ?? [], beatenBy: r.ec2InstanceId === winner ? null : beatenBy(r.ranks ?? [], winnerRanks, decision.strategies) })),
    rejected: rejected.slice(0, PLACEMENT_LIST_CAP).map((r) => ({ instance: r.ec2InstanceId, filter: r.rejectedBy, reason: r.reason ?? null })),
    omitted: { survivors: Math.max(0, survivors.length - PLACEMENT_LIST_CAP), rejected: Math.max(0, rejected.length - PLACEMENT_LIST_CAP) },
  };
}

/** The filters in order, then any rejecting name not among them (dynamic ports count under `ports`). */
function stageNames(filters: readonly string[], rejected: readonly CandidateExplanation[]): string[] {
  const names = [...new Set(filters)];
  for (const r of rejected) if (r.rejectedBy !== undefined && !names.includes(r.rejectedBy)) names.push(r.rejectedBy);
  return names;
}

/** The first strategy that ranked a survivor worse than the winner; a full tie lost the random draw. */
export function beatenBy(ranks: readonly number[], winner: readonly number[], strategies: readonly string[]): string {
  for (let i = 0; i < ranks.length; i += 1) if ((ranks[i] as number) > (winner[i] as number)) return strategies[i] ?? `strategy ${i}`;
  return 'random tie-break';
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Code-unit order: the same on every host (no locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One task in a scale-in ordering, as the ordering saw it. */
export interface ScaleInView {
  readonly taskArn: string;
  readonly lastStatus: string;
  readonly availabilityZone: string;
  readonly ec2InstanceId?: string | undefined;
}

/** Which task went first on scale-in, and the ordering that put it first (each round re-ranks, S-011). */
export function scaleInFields(service: string, keep: number, firstOrder: readonly ScaleInView[], chosen: readonly string[]): Record<string, unknown> {
  return {
    service,
    keep,
    candidates: firstOrder.length,
    chosen: chosen.map(taskId),
    order: firstOrder.slice(0, SCALE_IN_LIST_CAP).map((t) => ({ task: taskId(t.taskArn), lastStatus: t.lastStatus, availabilityZone: t.availabilityZone, instance: t.ec2InstanceId ?? null })),
  };
}
