/**
 * The rolling update planner (deployment controller ECS, strategy ROLLING; ecs-facts
 * S-034 to S-044, S-051, S-067, T-079, L-045): pure decisions over a view of a service's
 * tasks, each table-tested with no simulation. The scheduler's reconcile loop builds the
 * view, asks in three steps and applies each answer before the next question, in the
 * order ECS's events and stops have always come out (so every log stays byte-identical):
 *   1. `sortTasks`: which tasks stay and which are replaced;
 *   2. `planStarts`: how many tasks to start, or how far to scale in, or how long to wait;
 *   3. `planReplacementStops`: which replaced RUNNING tasks may stop now.
 */

/** What the planner knows of one task meant to run. */
export interface RollingTask {
  readonly running: boolean;
  /** On a DRAINING instance (ecs-facts T-079). */
  readonly onDraining: boolean;
  /** Failing its load balancer's or its containers' health checks, after the grace period (L-045, T-017). */
  readonly unhealthy: boolean;
  /** Started by an older deployment than the PRIMARY (S-067), which is not FAILED (S-076). */
  readonly outdated: boolean;
}

export interface SortedTasks<T> {
  /** Tasks to replace that are not yet RUNNING: they stop at once. */
  readonly replacePending: readonly T[];
  /** RUNNING tasks to replace: they stop within the deployment's bounds (planReplacementStops). */
  readonly replaceRunning: readonly T[];
  /** Tasks that stay. */
  readonly rest: readonly T[];
}

/**
 * ecs-facts T-079, S-051, S-067, L-045: a task on a DRAINING instance, an unhealthy one and
 * one of an older deployment are replaced (a DAEMON service keeps a task on a draining
 * instance: it replaces only unhealthy and outdated ones, and stops tasks off its instances).
 */
export function sortTasks<T>(tasks: readonly T[], view: (t: T) => RollingTask, daemon: boolean): SortedTasks<T> {
  // One pass, one view per task: the scheduler runs this at every reconciliation.
  const replacePending: T[] = [];
  const replaceRunning: T[] = [];
  const rest: T[] = [];
  for (const t of tasks) {
    const v = view(t);
    if (!((!daemon && v.onDraining) || v.unhealthy || v.outdated)) rest.push(t);
    else if (v.running) replaceRunning.push(t);
    else replacePending.push(t);
  }
  return { replacePending, replaceRunning, rest };
}

/** The counts and bounds one reconciliation works with. */
export interface RollingBounds {
  /** Tasks the service should run (a DAEMON service: one per eligible instance). */
  readonly desired: number;
  /** `desired` plus the unpaired replacements of an AZ rebalancing operation under way (S-027). */
  readonly keep: number;
  readonly maximumPercent: number;
  readonly minimumHealthyPercent: number;
  readonly daemon: boolean;
}

/** ecs-facts S-051: the ceiling rounds down, the floor up. */
export function maxTotal(b: Pick<RollingBounds, 'desired' | 'maximumPercent'>): number {
  return Math.floor((b.desired * b.maximumPercent) / 100);
}

export function minHealthy(b: Pick<RollingBounds, 'desired' | 'minimumHealthyPercent'>): number {
  return Math.ceil((b.desired * b.minimumHealthyPercent) / 100);
}

export type StartPlan =
  | { readonly kind: 'none' }
  /** Throttled (S-041): reconcile again in `ms`. */
  | { readonly kind: 'wait'; readonly ms: number }
  /** Start `count` tasks (a DAEMON service starts one on each uncovered eligible instance instead). */
  | { readonly kind: 'start'; readonly count: number }
  /** Stop tasks of `rest`, one at a time by the scale-in order, until `keep` are left (S-010, S-011). */
  | { readonly kind: 'scaleIn'; readonly keep: number };

/**
 * Starts or scale-in. Replacements start while the total stays within maximumPercent
 * (S-051, S-067); nothing starts for a FAILED deployment (S-076) or while throttled (S-041).
 */
export function planStarts(b: RollingBounds, s: { readonly rest: number; readonly replaceRunning: number; readonly failed: boolean; readonly throttledForMs: number }): StartPlan {
  if (s.rest < b.keep) {
    const room = s.replaceRunning === 0 ? b.keep - s.rest : Math.max(0, maxTotal(b) - s.rest - s.replaceRunning);
    const missing = Math.min(b.keep - s.rest, room);
    if (s.failed) return { kind: 'none' };
    if (s.throttledForMs > 0) return { kind: 'wait', ms: s.throttledForMs };
    return missing > 0 ? { kind: 'start', count: missing } : { kind: 'none' };
  }
  if (!b.daemon && s.rest > b.keep) return { kind: 'scaleIn', keep: b.keep };
  return { kind: 'none' };
}

export interface ReplacementStops<T> {
  /** Stop these now: unhealthy ones first, then healthy ones. */
  readonly stop: readonly T[];
  /** Some must wait (for a replacement to be healthy): look again then. */
  readonly lookAgain: boolean;
  /** Neither a start nor a stop is allowed (ECS says so, S-065). */
  readonly blocked: boolean;
}

/**
 * RUNNING tasks being replaced (ecs-facts T-079, S-051, L-045): stopping a task that is
 * not healthy costs no healthy task, so those go first, once a healthy task stands in
 * for each (or at once when no replacement can start); healthy ones only while the
 * healthy tasks stay at or above minimumHealthyPercent.
 * @param healthyCount healthy tasks among those that stay and those being replaced.
 */
export function planReplacementStops<T>(b: RollingBounds, rest: number, replacing: readonly { readonly task: T; readonly healthy: boolean }[], healthyCount: number): ReplacementStops<T> {
  const byHealth = [...replacing.filter((r) => !r.healthy), ...replacing.filter((r) => r.healthy)].map((r) => r.task);
  const unhealthyCount = replacing.filter((r) => !r.healthy).length;
  const ceiling = maxTotal(b);
  const replacementsBlocked = rest < b.keep && Math.max(0, ceiling - rest - replacing.length) === 0;
  const unhealthyStoppable = replacementsBlocked ? unhealthyCount : Math.min(unhealthyCount, Math.max(0, healthyCount - (b.desired - unhealthyCount)));
  const canStop = Math.min(replacing.length, unhealthyStoppable === unhealthyCount ? unhealthyCount + Math.max(0, healthyCount - minHealthy(b)) : unhealthyStoppable);
  return {
    stop: byHealth.slice(0, canStop),
    lookAgain: canStop < replacing.length,
    // Replacements are missing, none may start, and no old task may stop.
    blocked: canStop === 0 && rest < b.desired && rest + replacing.length >= ceiling,
  };
}
