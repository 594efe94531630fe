import type { ContainerInstance } from './capacity/container-instance.js';
import type { ControlPlane } from './control-plane.js';
import type { Service } from './service/service.js';
import { canMove, TASK_STATUS_ORDER, type TaskStatus } from './task/lifecycle.js';
import { taskId, type TaskRecord } from './task/task-record.js';
import { maxTotal } from './service/rolling.js';

/**
 * Invariants of the ECS model, as plain checks over the control plane's state (at `nowMs`). They hold
 * after every event; a violation is a model bug, recorded in the result (tests assert
 * none). Each message names what broke.
 */
export function checkInvariants(cp: ControlPlane, nowMs?: number): string[] {
  const out: string[] = [];
  // Built once per check, so that a check costs O(tasks + instances) after every event.
  const holders = new Map<string, string>();
  const byArn = new Map(cp.instances.map((i) => [i.containerInstanceArn, i]));
  for (const instance of cp.instances) {
    let cpu = 0;
    let memory = 0;
    let eni = 0;
    const ports = new Set<string>();
    for (const [taskArn, r] of instance.reservations) {
      cpu += r.cpu;
      memory += r.memory;
      eni += r.eni;
      for (const p of r.ports) {
        if (ports.has(p)) out.push(`port ${p} on ${instance.ec2InstanceId} is held by two tasks`);
        ports.add(p);
      }
      const other = holders.get(taskArn);
      if (other !== undefined) out.push(`task ${taskId(taskArn)} holds resources on both ${other} and ${instance.ec2InstanceId}`);
      holders.set(taskArn, instance.ec2InstanceId);
    }
    // No instance's resources over-committed.
    if (cpu > instance.registered.cpu) out.push(`${instance.ec2InstanceId} over-committed: ${cpu} CPU units reserved of ${instance.registered.cpu}`);
    if (memory > instance.registered.memory) out.push(`${instance.ec2InstanceId} over-committed: ${memory} MiB reserved of ${instance.registered.memory}`);
    if (eni > instance.registered.eni) out.push(`${instance.ec2InstanceId} over-committed: ${eni} task ENIs of ${instance.registered.eni}`);
    if (instance.remaining.cpu !== instance.registered.cpu - cpu || instance.remaining.memory !== instance.registered.memory - memory || instance.remaining.eni !== instance.registered.eni - eni) {
      out.push(`${instance.ec2InstanceId} remaining resources disagree with its reservations`);
    }
  }
  for (const task of cp.tasks.values()) {
    // A STOPPED task found sound at this version changes no more: only what others hold of it is looked at.
    if (task.lastStatus === 'STOPPED' && settled.get(task) === task.version) {
      if (holders.has(task.taskArn) || cp.targetsOf(task.taskArn).length > 0) out.push(...stoppedTaskProblems(task, holders), ...targetProblems(task, cp));
      continue;
    }
    const before = out.length;
    out.push(...taskProblems(task, holders, byArn), ...timestampProblems(task), ...targetProblems(task, cp));
    if (task.lastStatus === 'STOPPED' && out.length === before) settled.set(task, task.version);
  }
  for (const service of cp.scheduler.services.values()) out.push(...serviceProblems(service, cp, nowMs));
  return out;
}

const rank = (status: TaskStatus): number => TASK_STATUS_ORDER.indexOf(status);

/** STOPPED tasks already checked, by the version they were checked at (a per-event check stays linear in the live tasks). */
const settled = new WeakMap<TaskRecord, number>();

/**
 * ecs-facts T-001, S-052: a task's lastStatus only moves forward along the lifecycle and
 * its desiredStatus never returns from STOPPED; a STOPPED task has its stop fields and
 * holds nothing; a live task is on an instance ECS still has and, until it starts to stop,
 * holds resources there (S-055 frees them from stopping on).
 */
function taskProblems(task: TaskRecord, holders: ReadonlyMap<string, string>, byArn: ReadonlyMap<string, ContainerInstance>): string[] {
  const out: string[] = [];
  const id = (): string => taskId(task.taskArn);
  for (let i = 1; i < task.history.length; i += 1) {
    const a = task.history[i - 1];
    const b = task.history[i];
    if (a !== undefined && b !== undefined && a.lastStatus !== b.lastStatus && !canMove(a.lastStatus, b.lastStatus)) {
      out.push(`task ${id()} moved back from ${a.lastStatus} to ${b.lastStatus}`);
    }
    if (a?.desiredStatus === 'STOPPED' && b?.desiredStatus === 'RUNNING') out.push(`task ${id()} desiredStatus went from STOPPED back to RUNNING`);
  }
  if (!TASK_STATUS_ORDER.includes(task.lastStatus)) out.push(`task ${id()} has an unknown lastStatus ${String(task.lastStatus)}`);
  if (task.lastStatus === 'STOPPED') return [...out, ...stoppedTaskProblems(task, holders)];
  if (task.containerInstanceArn === undefined) return out;
  const instance = byArn.get(task.containerInstanceArn);
  if (instance === undefined) return out;
  // Nothing lost across faults: a live task is on an instance that still exists for ECS.
  if (instance.status === 'INACTIVE') out.push(`task ${id()} is ${task.lastStatus} on deregistered ${instance.ec2InstanceId}`);
  else if (rank(task.lastStatus) <= rank('RUNNING') && task.desiredStatus === 'RUNNING' && !instance.reservations.has(task.taskArn)) {
    out.push(`task ${id()} is ${task.lastStatus} on ${instance.ec2InstanceId} but holds no resources there`);
  }
  return out;
}

/** Every task ends in exactly one final state: STOPPED has its stop fields, and holds no resources. */
function stoppedTaskProblems(task: TaskRecord, holders: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const id = taskId(task.taskArn);
  if (task.desiredStatus !== 'STOPPED') out.push(`task ${id} is STOPPED but desires RUNNING`);
  if (task.stoppedAt === undefined || task.stopCode === undefined) out.push(`task ${id} is STOPPED without stoppedAt or stopCode`);
  if (holders.has(task.taskArn)) out.push(`task ${id} is STOPPED but still holds resources`);
  return out;
}

/**
 * ecs-facts T-022: a task's timestamps follow its lifecycle: nothing before createdAt or
 * after stoppedAt, the pull starts before it stops, the containers start after the pull,
 * stopping comes before stopped; state changes are recorded in time order. (A stop asked
 * for while the image is still pulling sets stoppingAt before the pull ends: the pull is
 * not cancelled, so stoppingAt is not ordered against the pull or the start.)
 */
export function timestampProblems(task: TaskRecord): string[] {
  const out: string[] = [];
  const id = taskId(task.taskArn);
  const before = (a: string, ta: number | undefined, b: string, tb: number | undefined): void => {
    if (ta !== undefined && tb !== undefined && tb < ta) out.push(`task ${id} ${b} ${tb} is before ${a} ${ta}`);
  };
  const times: readonly [string, number | undefined][] = [
    ['pullStartedAt', task.pullStartedAt],
    ['pullStoppedAt', task.pullStoppedAt],
    ['startedAt', task.startedAt],
    ['stoppingAt', task.stoppingAt],
  ];
  for (const [name, t] of times) {
    before('createdAt', task.createdAt, name, t);
    before(name, t, 'stoppedAt', task.stoppedAt);
  }
  before('pullStartedAt', task.pullStartedAt, 'pullStoppedAt', task.pullStoppedAt);
  before('pullStoppedAt', task.pullStoppedAt, 'startedAt', task.startedAt);
  for (let i = 1; i < task.history.length; i += 1) {
    const a = task.history[i - 1];
    const b = task.history[i];
    if (a !== undefined && b !== undefined && b.t < a.t) out.push(`task ${id} history goes back in time (${a.t} then ${b.t})`);
  }
  return out;
}

/**
 * ecs-facts L-043, T-004, A-033: ECS registers a task's targets in ACTIVATING and
 * deregisters them when it starts to stop (DEACTIVATING, or at once when it stops by
 * itself); an interrupted FARGATE_SPOT task keeps them until STOPPED. So a target that is
 * registered (not draining) belongs to a task between ACTIVATING and DEPROVISIONING.
 */
export function targetProblems(task: TaskRecord, cp: ControlPlane): string[] {
  const targets = cp.targetsOf(task.taskArn);
  if (targets.length === 0) return [];
  const r = rank(task.lastStatus);
  if (r >= rank('ACTIVATING') && r < rank('STOPPED')) return [];
  return [`task ${taskId(task.taskArn)} is ${task.lastStatus} with ${targets.length} registered target(s) (${targets.map((t) => `${t.Id}:${t.Port}`).join(', ')})`];
}

/**
 * A service's deployments (ecs-facts S-075): an ACTIVE service of the ECS controller has
 * exactly one PRIMARY deployment. Its tasks (ecs-facts S-067): when the scheduler starts a
 * task of a rolling deployment, RUNNING and PENDING tasks stay within the ceiling,
 * floor(desiredCount × maximumPercent / 100) (at least desiredCount).
 */
export function serviceProblems(service: Service, cp: ControlPlane, nowMs: number | undefined): string[] {
  const out: string[] = [];
  const name = service.serviceName;
  const ecsController = service.spec.deploymentController === undefined || service.spec.deploymentController.type === 'ECS';
  if (!ecsController) return out;
  const primaries = service.deployments.filter((d) => d.status === 'PRIMARY').length;
  if (service.status === 'ACTIVE' && primaries !== 1) out.push(`service ${name} is ACTIVE with ${primaries} PRIMARY deployments`);
  if (service.spec.schedulingStrategy !== 'REPLICA' || (service.spec.strategy ?? 'ROLLING') !== 'ROLLING') return out;
  let live = 0;
  let startedNow = false;
  for (const arn of service.liveTasks) {
    const task = cp.tasks.get(arn);
    if (task === undefined || task.desiredStatus !== 'RUNNING' || rank(task.lastStatus) > rank('RUNNING')) continue;
    live += 1;
    if (task.createdAt === nowMs) startedNow = true;
  }
  const ceiling = Math.max(service.desiredCount, maxTotal({ desired: service.desiredCount, maximumPercent: service.spec.maximumPercent }));
  if (startedNow && live > ceiling) out.push(`service ${name} started a task beyond its ceiling: ${live} RUNNING or PENDING of at most ${ceiling} (desiredCount ${service.desiredCount}, maximumPercent ${service.spec.maximumPercent})`);
  return out;
}
