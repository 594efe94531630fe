import type { TaskStateReport } from '../runtime/task-runner.js';
import { canMove, isStopping, type TaskStatus } from './lifecycle.js';
import type { ContainerRecord, TaskRecord } from './task-record.js';

/**
 * The task store's state changes as pure steps (STYLE §4): what a move to a status does
 * to a task's fields, and what a host's report changes. The control plane applies the
 * returned patch and does the effects (probes, target registration, reservations, the
 * task state change event), so every arrow is table-tested with no simulation.
 */

/** The fields a step may change. */
export type TaskPatch = Partial<
  Pick<
    TaskRecord,
    | 'lastStatus'
    | 'desiredStatus'
    | 'healthStatus'
    | 'connectivity'
    | 'connectivityAt'
    | 'startedAt'
    | 'stoppingAt'
    | 'stoppedAt'
    | 'executionStoppedAt'
    | 'pullStartedAt'
    | 'pullStoppedAt'
    | 'stopCode'
    | 'stoppedReason'
    | 'containers'
  >
>;

/**
 * Moving to `status` at `atMs` (ecs-facts T-001, S-052): PENDING connects the task
 * (T-024), RUNNING starts it, a stopping status makes it desired STOPPED from then on
 * (S-055: its resources count as free), and STOPPED ends it and its containers.
 */
export function statusPatch(task: Readonly<TaskRecord>, status: TaskStatus, atMs: number): TaskPatch {
  const patch: TaskPatch = { lastStatus: status };
  if (status === 'PENDING' && task.connectivity === undefined) {
    patch.connectivity = 'CONNECTED';
    patch.connectivityAt = atMs;
  }
  if (status === 'RUNNING') patch.startedAt = atMs;
  if (isStopping(status)) {
    patch.desiredStatus = 'STOPPED';
    patch.stoppingAt = task.stoppingAt ?? atMs;
  }
  if (status === 'STOPPED') {
    // T-022: stopped comes after stopping. A host may report a stop that happened before the
    // control plane asked for one (a failed pull reported after the scheduler's StopTask):
    // the control plane records STOPPED when it learns of it, not before its own stoppingAt.
    patch.stoppedAt = task.stoppingAt !== undefined && task.stoppingAt > atMs ? task.stoppingAt : atMs;
    patch.executionStoppedAt = task.executionStoppedAt ?? atMs;
    patch.containers = task.containers.map((c) => (c.lastStatus === 'STOPPED' ? c : { ...c, lastStatus: 'STOPPED' }));
  }
  return patch;
}

/** One host report's effect on a task. */
export interface ReportStep {
  /**
   * The status the report moves the task to, applied first (with `statusPatch` and its
   * effects). RUNNING goes through ACTIVATING when the task has targets to register
   * (ecs-facts T-004, L-043): the control plane decides, since it knows the targets.
   */
  readonly move?: TaskStatus;
  /** The fields the report changes, applied after the move. */
  readonly patch: TaskPatch;
  /** Whether this is a change ECS records (version, history, task state change event, T-022). */
  readonly changed: boolean;
}

/**
 * What a host's report changes (ecs-facts T-001, T-022): the status moves forward only
 * (never back, never in place; a report of RUNNING while the task is being registered
 * with its target groups waits for the registration), health and containers as
 * reported, the pull and execution times once, and a stop the host made by itself (an
 * essential exit, a start failure) with its code and reason. A stop the control plane
 * asked for already carries its own code and reason, which the report does not replace.
 * @param activating whether the task's target registration is under way.
 */
export function reportStep(task: Readonly<TaskRecord>, report: TaskStateReport, activating: boolean): ReportStep {
  const forward = report.lastStatus !== task.lastStatus && canMove(task.lastStatus, report.lastStatus);
  const move = forward && !(report.lastStatus === 'RUNNING' && activating) ? report.lastStatus : undefined;
  // What the move leaves for the report to compare with.
  const moved: Readonly<TaskRecord> = move === undefined || move === 'RUNNING' ? task : { ...task, ...statusPatch(task, move, report.atMs) };
  const patch: TaskPatch = {};
  let changed = move !== undefined;
  if (report.healthStatus !== moved.healthStatus) {
    patch.healthStatus = report.healthStatus;
    changed = true;
  }
  const containers = report.containers.map((c) => {
    const out: ContainerRecord = { name: c.name, image: c.image, lastStatus: c.lastStatus, healthStatus: c.healthStatus };
    const bindings = moved.containers.find((r) => r.name === c.name)?.networkBindings;
    if (bindings !== undefined) out.networkBindings = bindings;
    if (c.exitCode !== undefined) out.exitCode = c.exitCode;
    if (c.reason !== undefined) out.reason = c.reason;
    return out;
  });
  if (!sameContainers(containers, moved.containers)) {
    patch.containers = containers;
    changed = true;
  }
  if (report.pullStartedAtMs !== undefined && moved.pullStartedAt === undefined) patch.pullStartedAt = report.pullStartedAtMs;
  if (report.pullStoppedAtMs !== undefined && moved.pullStoppedAt === undefined) patch.pullStoppedAt = report.pullStoppedAtMs;
  if (report.executionStoppedAtMs !== undefined && moved.executionStoppedAt === undefined) patch.executionStoppedAt = report.executionStoppedAtMs;
  if (report.stopCode !== undefined && moved.stopCode === undefined) {
    patch.desiredStatus = 'STOPPED';
    patch.stopCode = report.stopCode;
    if (report.stoppedReason !== undefined) patch.stoppedReason = report.stoppedReason;
    patch.stoppingAt = moved.stoppingAt ?? report.atMs;
    changed = true;
  }
  return { ...(move === undefined ? {} : { move }), patch, changed };
}

/** Containers as describe-tasks shows them, compared field by field (the bindings are the task's own, compared by identity). */
export function sameContainers(a: readonly ContainerRecord[], b: readonly ContainerRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as ContainerRecord;
    const y = b[i] as ContainerRecord;
    if (x.name !== y.name || x.image !== y.image || x.lastStatus !== y.lastStatus || x.healthStatus !== y.healthStatus || x.exitCode !== y.exitCode || x.reason !== y.reason) return false;
    if (x.networkBindings !== y.networkBindings && JSON.stringify(x.networkBindings) !== JSON.stringify(y.networkBindings)) return false;
  }
  return true;
}
