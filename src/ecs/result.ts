import type { ContainerInstance, ResourceSample, Resources } from './capacity/container-instance.js';
import type { ControlPlane, EcsEvent, PlacementRecord, RunTaskOutcome } from './control-plane.js';
import type { ServiceResult } from './service/service.js';
import type { CodeDeployDeployment } from './service/codedeploy.js';
import { TASK_STATUS_ORDER } from './task/lifecycle.js';
import { taskDurations, type TaskDurations, type TaskRecord } from './task/task-record.js';

/**
 * The ECS part of a run result: every task with its full state history, every container
 * instance with its resources over time, the ECS events, and what each timeline action
 * did. JSON-serialisable and deterministic.
 */
export type TaskResult = TaskRecord & {
  readonly durations: TaskDurations;
  /** The scenario's name for the task's instance (`pool/1`), for EC2 and EXTERNAL tasks. */
  readonly instanceRef?: string;
};

export interface ContainerInstanceResult {
  readonly ref: string;
  readonly containerInstanceArn: string;
  readonly ec2InstanceId: string;
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly status: string;
  readonly agentConnected: boolean;
  readonly registeredAt?: number;
  /** EC2's launch and termination times (the billed lifetime; no termination = running at the end). */
  readonly launchedAt?: number;
  readonly terminatedAt?: number;
  /** EC2's InstanceLifecycle: `spot`, or absent for On-Demand. */
  readonly instanceLifecycle?: 'spot';
  readonly registeredResources: Resources;
  readonly remainingResources: Resources;
  readonly runningTasksCount: number;
  readonly pendingTasksCount: number;
  readonly attributes: Readonly<Record<string, string>>;
  /** Remaining resources after each change. */
  readonly history: readonly ResourceSample[];
}

/** `describe-services` as it answered at one moment of the run (ecs-facts S-125; events as S-058). */
export interface DescribeServicesSnapshot {
  /** Simulated ms: after everything that happened at that instant. */
  readonly at: number;
  /** The services that existed then, by name, as in `EcsResult.services`. */
  readonly services: Readonly<Record<string, ServiceResult>>;
}

export interface EcsResult {
  readonly clusterArn: string;
  /** Counts by lastStatus over all tasks, every state listed: `{ PROVISIONING: 0, ..., RUNNING: 3, ..., STOPPED: 1 }`. */
  readonly taskCounts: Readonly<Record<string, number>>;
  /** Tasks by the label of the RunTask that made them, in creation order. */
  readonly tasksByLabel: Readonly<Record<string, readonly TaskResult[]>>;
  readonly containerInstances: readonly ContainerInstanceResult[];
  /** `describe-services` at the end of the run, by service name. */
  readonly services: Readonly<Record<string, ServiceResult>>;
  /** `describe-services` at each time the scenario asked for (`ecs.describeServicesAt`), in time order. */
  readonly describeServices: readonly DescribeServicesSnapshot[];
  readonly runTask: readonly RunTaskOutcome[];
  /** StartTask's calls (ecs-facts T-117), in call order; absent when there were none. */
  readonly startTask?: readonly RunTaskOutcome[];
  /** Failed placements, and every placement when explanations were asked for. */
  readonly placements: readonly PlacementRecord[];
  readonly actions: readonly { readonly t: number; readonly action: string; readonly outcome: string }[];
  /** Registry pulls made, how many found the image cached (skipped or manifest-only), and their total time. */
  readonly images: { readonly pulls: number; readonly cacheHits: number; readonly totalPullMs: number };
  readonly events: readonly EcsEvent[];
  readonly invariantViolations: readonly string[];
  /** CodeDeploy deployments of CODE_DEPLOY services (GetDeployment's deploymentInfo, plus the traffic shifts), in creation order; absent when there were none. */
  readonly codeDeployDeployments?: readonly CodeDeployDeployment[];
}

/** What the result is read from: the model's final state (EcsModel has it; named here so that this file never imports the model). */
export interface EcsResultSource {
  readonly controlPlane: ControlPlane;
  readonly instancesByRef: ReadonlyMap<string, ContainerInstance>;
  readonly serviceSnapshots: readonly DescribeServicesSnapshot[];
  readonly actionLog: readonly { readonly t: number; readonly action: string; readonly outcome: string }[];
  readonly pullLog: { readonly pulls: number; readonly cacheHits: number; readonly totalPullMs: number };
  readonly violations: readonly string[];
}

export function buildEcsResult(model: EcsResultSource): EcsResult {
  const cp = model.controlPlane;
  // Every state is listed, zeros included, so result paths do not come and go.
  const taskCounts: Record<string, number> = Object.fromEntries(TASK_STATUS_ORDER.map((s) => [s, 0]));
  for (const t of cp.tasks.values()) taskCounts[t.lastStatus] = (taskCounts[t.lastStatus] ?? 0) + 1;
  const refOf = new Map([...model.instancesByRef].map(([ref, i]) => [i.containerInstanceArn, ref]));
  const tasksByLabel: Record<string, TaskResult[]> = {};
  for (const [label, tasks] of cp.tasksByLabel) {
    tasksByLabel[label] = tasks.map((t) => {
      const ref = t.containerInstanceArn === undefined ? undefined : refOf.get(t.containerInstanceArn);
      return { ...clonePlain(t), durations: taskDurations(t), ...(ref === undefined ? {} : { instanceRef: ref }) };
    });
  }
  const tasksOn = new Map<string, TaskRecord[]>();
  for (const t of cp.tasks.values()) {
    if (t.containerInstanceArn === undefined) continue;
    const list = tasksOn.get(t.containerInstanceArn);
    if (list === undefined) tasksOn.set(t.containerInstanceArn, [t]);
    else list.push(t);
  }
  const containerInstances = [...model.instancesByRef].map(([ref, i]): ContainerInstanceResult => {
    const tasks = tasksOn.get(i.containerInstanceArn) ?? [];
    return {
      ref,
      containerInstanceArn: i.containerInstanceArn,
      ec2InstanceId: i.ec2InstanceId,
      instanceType: i.instanceType,
      availabilityZone: i.availabilityZone,
      status: i.status,
      agentConnected: i.agentConnected,
      ...(i.registeredAtMs === undefined ? {} : { registeredAt: i.registeredAtMs }),
      ...(i.launchedAtMs === undefined ? {} : { launchedAt: i.launchedAtMs }),
      ...(i.terminatedAtMs === undefined ? {} : { terminatedAt: i.terminatedAtMs }),
      ...(i.instanceLifecycle === undefined ? {} : { instanceLifecycle: i.instanceLifecycle }),
      registeredResources: i.registered,
      remainingResources: i.remaining,
      // ecs-facts T-072: running counts desiredStatus RUNNING; pending counts PENDING.
      runningTasksCount: tasks.filter((t) => t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING').length,
      pendingTasksCount: tasks.filter((t) => t.lastStatus === 'PENDING').length,
      attributes: i.attributes,
      history: i.history,
    };
  });
  return {
    clusterArn: cp.clusterArn,
    taskCounts,
    tasksByLabel,
    containerInstances,
    services: describeServices(cp),
    describeServices: [...model.serviceSnapshots],
    runTask: cp.runTaskOutcomes,
    ...(cp.startTaskOutcomes.length === 0 ? {} : { startTask: cp.startTaskOutcomes }),
    placements: cp.placements,
    actions: model.actionLog,
    images: { ...model.pullLog },
    events: cp.events,
    invariantViolations: model.violations,
    ...(cp.scheduler.blueGreen.codeDeployDeployments.length === 0 ? {} : { codeDeployDeployments: structuredClone(cp.scheduler.blueGreen.codeDeployDeployments) }),
  };
}

/**
 * A deep copy of plain data (objects, arrays, primitives), as `structuredClone` makes it
 * of a task record: the same keys in the same order, `undefined` values kept. Several
 * times cheaper than structuredClone's serialise-and-read-back, once per task of the run.
 */
export function clonePlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clonePlain) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = clonePlain((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Every service as `describe-services` shows it now, by name. */
export function describeServices(cp: ControlPlane): Record<string, ServiceResult> {
  return Object.fromEntries([...cp.scheduler.services].map(([name, s]) => [name, s.result(cp.scheduler.counts(s), cp.scheduler.blueGreen.taskSetsOf(s))]));
}
