import type { Simulation } from '../engine/simulation.js';
import type { Probe } from '../engine/probe.js';
import type { ContainerInstance } from './capacity/container-instance.js';
import { taskNeeds } from './placement/resources.js';
import type { TaskDefinition } from './task-definition/types.js';
import type { LaunchOptions } from './types.js';
import type { TaskStateReport } from './runtime/task-runner.js';
import { TASK_STATUS_ORDER, type TaskStatus } from './task/lifecycle.js';
import { taskId, type TaskRecord } from './task/task-record.js';
import { reportStep, statusPatch, type ReportStep } from './task/transitions.js';

/**
 * The control plane's task store: every task it launched, as the hosts' reports left it,
 * with the counts per status and the task state change events. State changes are pure
 * steps (task/transitions.ts); the store applies them, keeps its indexes, records each
 * change (version, history, event, trace) and tells `hooks` so the control plane can do
 * the effects (target registration, reservations, the service scheduler).
 */

/** A state change as the control plane records it: a task's or a container instance's (src/result describes both). */
export type EcsEvent =
  | ({ readonly t: number; readonly type: 'TaskStateChange' } & Pick<TaskRecord, 'taskArn' | 'lastStatus' | 'desiredStatus' | 'healthStatus' | 'version' | 'stopCode' | 'stoppedReason'>)
  | ({ readonly t: number; readonly type: 'ContainerInstanceStateChange' } & Pick<ContainerInstance, 'containerInstanceArn' | 'ec2InstanceId' | 'status' | 'agentConnected'>);

/** What the control plane does when a task moves or changes. */
export interface TaskStoreHooks {
  /** After the task moved to `status` (its fields already patched). */
  moved(record: TaskRecord, status: TaskStatus): void;
  /** After a change was recorded (observers, the service scheduler). */
  changed(record: TaskRecord): void;
}

export class TaskStore {
  readonly tasks = new Map<string, TaskRecord>();
  readonly tasksByLabel = new Map<string, TaskRecord[]>();
  readonly events: EcsEvent[] = [];
  /** Tasks launched by a capacity provider strategy that are not yet STOPPED, by task group (so a strategy launch counts its group's tasks, not every task). */
  private readonly liveByGroup = new Map<string, Set<string>>();
  private readonly traceTasks: boolean;
  hooks: TaskStoreHooks = { moved: () => undefined, changed: () => undefined };

  constructor(private readonly sim: Simulation) {
    this.traceTasks = sim.trace.wants('taskStateChange');
    // Every state's probe exists from the start, so expectations can name any of them.
    for (const status of TASK_STATUS_ORDER) this.countProbe(status);
  }

  /** A new task: indexed, counted in its status. */
  add(record: TaskRecord): void {
    this.tasks.set(record.taskArn, record);
    if (record.capacityProviderName !== undefined) {
      let live = this.liveByGroup.get(record.group);
      if (live === undefined) this.liveByGroup.set(record.group, (live = new Set()));
      live.add(record.taskArn);
    }
    this.countProbe(record.lastStatus).add(1);
    const labelled = this.tasksByLabel.get(record.label) ?? [];
    labelled.push(record);
    this.tasksByLabel.set(record.label, labelled);
  }

  /** Moves the record to `status`; `now` is when it happened (the host's report time). */
  move(record: TaskRecord, status: TaskStatus, now: number = this.sim.now): void {
    this.countProbe(record.lastStatus).add(-1);
    this.countProbe(status).add(1);
    Object.assign(record, statusPatch(record, status, now));
    if (status === 'STOPPED') this.liveByGroup.get(record.group)?.delete(record.taskArn);
    this.hooks.moved(record, status);
  }

  /**
   * Applies a host's report (task/transitions.ts `reportStep`): the move first, through
   * `moveToRunning` for RUNNING (target registration may come between), then the fields.
   */
  applyReport(report: TaskStateReport, activating: (taskArn: string) => boolean, moveToRunning: (record: TaskRecord, atMs: number) => void): void {
    const record = this.tasks.get(report.taskArn);
    if (record === undefined || record.lastStatus === 'STOPPED') return;
    const step: ReportStep = reportStep(record, report, activating(record.taskArn));
    if (step.move === 'RUNNING') moveToRunning(record, report.atMs);
    else if (step.move !== undefined) this.move(record, step.move, report.atMs);
    Object.assign(record, step.patch);
    if (step.changed) this.bump(record);
  }

  /** Records a change: version, history, event and trace. */
  bump(record: TaskRecord): void {
    record.version += 1;
    const last = record.history[record.history.length - 1];
    if (last === undefined || last.lastStatus !== record.lastStatus || last.desiredStatus !== record.desiredStatus) {
      record.history.push({ t: this.sim.now, lastStatus: record.lastStatus, desiredStatus: record.desiredStatus });
    }
    this.emitTaskChange(record);
    this.hooks.changed(record);
  }

  /** The task state change event (and trace) for the record as it is now. */
  emitTaskChange(record: TaskRecord): void {
    const event: EcsEvent = {
      t: this.sim.now,
      type: 'TaskStateChange',
      taskArn: record.taskArn,
      lastStatus: record.lastStatus,
      desiredStatus: record.desiredStatus,
      healthStatus: record.healthStatus,
      version: record.version,
      ...(record.stopCode === undefined ? {} : { stopCode: record.stopCode }),
      ...(record.stoppedReason === undefined ? {} : { stoppedReason: record.stoppedReason }),
    };
    this.events.push(event);
    if (this.traceTasks) {
      this.sim.trace.emit('ecs', 'taskStateChange', {
        task: taskId(record.taskArn),
        label: record.label,
        lastStatus: record.lastStatus,
        desiredStatus: record.desiredStatus,
        healthStatus: record.healthStatus,
        containers: record.containers.map((c) => `${c.name}:${c.lastStatus}${c.exitCode === undefined ? '' : `(${c.exitCode})`}:${c.healthStatus}`).join(' '),
        ...(record.stopCode === undefined ? {} : { stopCode: record.stopCode, stoppedReason: record.stoppedReason }),
      });
    }
  }

  /** The container instance state change event (and trace). */
  emitInstanceChange(instance: ContainerInstance): void {
    this.events.push({ t: this.sim.now, type: 'ContainerInstanceStateChange', containerInstanceArn: instance.containerInstanceArn, ec2InstanceId: instance.ec2InstanceId, status: instance.status, agentConnected: instance.agentConnected });
    this.sim.trace.emit('ecs', 'containerInstanceStateChange', { instance: instance.ec2InstanceId, status: instance.status, agentConnected: instance.agentConnected });
  }

  /** The group's tasks launched by a capacity provider strategy and not yet STOPPED. */
  *liveTasksOf(group: string): Iterable<TaskRecord> {
    for (const arn of this.liveByGroup.get(group) ?? []) {
      const record = this.tasks.get(arn);
      if (record !== undefined) yield record;
    }
  }

  /** How many tasks are in `status` now (`ecs.tasks.<lastStatus>`, kept by the state changes, not counted by a scan). */
  taskCount(status: TaskStatus): number {
    return this.countProbe(status).value;
  }

  private countProbe(status: TaskStatus): Probe {
    return this.sim.probe(`ecs.tasks.${status}`);
  }
}

/** What a new task is made of. */
export interface NewTask {
  readonly taskArn: string;
  readonly clusterArn: string;
  readonly def: TaskDefinition;
  readonly options: LaunchOptions;
  readonly az: string;
  readonly initial: TaskStatus;
  readonly instance: ContainerInstance | undefined;
  readonly now: number;
}

/** A new task as describe-tasks shows it at creation (ecs-facts T-025, T-107), desired RUNNING, its containers PENDING. */
export function newTaskRecord({ taskArn, clusterArn, def, options, az, initial, instance, now }: NewTask): TaskRecord {
    const label = options.label;
    const needs = taskNeeds(def);
    const record: TaskRecord = {
      taskArn,
      taskDefinitionArn: def.taskDefinitionArn,
      clusterArn,
      launchType: options.launchType,
      ...(options.capacityProviderName === undefined ? {} : { capacityProviderName: options.capacityProviderName }),
      // ecs-facts T-025, T-107: standalone tasks default to family:<family>; service tasks are service:<name>.
      group: options.group,
      ...(options.startedBy === undefined ? {} : { startedBy: options.startedBy }),
      cpu: String(needs.cpu),
      memory: String(needs.memory),
      availabilityZone: az,
      ...(instance === undefined ? {} : { containerInstanceArn: instance.containerInstanceArn, ec2InstanceId: instance.ec2InstanceId }),
      label,
      lastStatus: initial,
      desiredStatus: 'RUNNING',
      healthStatus: 'UNKNOWN',
      ...(def.networkMode === 'awsvpc' ? {} : { connectivity: 'CONNECTED' as const }),
      createdAt: now,
      version: 1,
      containers: def.containerDefinitions.map((c) => ({ name: c.name, image: c.image, lastStatus: 'PENDING', healthStatus: 'UNKNOWN' })),
      history: [{ t: now, lastStatus: initial, desiredStatus: 'RUNNING' }],
    };
    return record;
}
