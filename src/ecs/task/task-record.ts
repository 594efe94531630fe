import type { NetworkBinding } from '../network/bindings.js';
import type { ContainerStatus, DesiredStatus, HealthStatus, LaunchType, StopCode, TaskStatus } from './lifecycle.js';

/**
 * A task as the control plane knows it: the fields of the ECS API's `Task`, with every
 * timestamp in ms of simulated time, plus its full state history. This is what
 * `describe-tasks` would say, as of the last report that reached the control plane.
 */
export interface ContainerRecord {
  readonly name: string;
  readonly image: string;
  lastStatus: ContainerStatus;
  exitCode?: number;
  reason?: string;
  healthStatus: HealthStatus;
  /** Host ports of bridge and host mode tasks (describe-tasks `networkBindings`). */
  networkBindings?: NetworkBinding[];
}

/** describe-tasks `attachments`: the task ENI of an awsvpc task (ecs-facts T-024). */
export interface Attachment {
  readonly id: string;
  readonly type: 'ElasticNetworkInterface';
  status: 'PRECREATED' | 'ATTACHED' | 'DELETED';
  readonly details: readonly { readonly name: string; readonly value: string }[];
}

export interface TaskStateChange {
  readonly t: number;
  readonly lastStatus: TaskStatus;
  readonly desiredStatus: DesiredStatus;
}

export interface TaskRecord {
  readonly taskArn: string;
  readonly taskDefinitionArn: string;
  readonly clusterArn: string;
  readonly launchType: LaunchType;
  readonly group: string;
  readonly startedBy?: string;
  /** Task-level CPU units and memory MiB as ECS reports them (strings, ecs-facts T-053). */
  readonly cpu: string;
  readonly memory: string;
  readonly availabilityZone: string;
  readonly containerInstanceArn?: string;
  readonly ec2InstanceId?: string;
  /** The capacity provider that runs the task (describe-tasks `capacityProviderName`), when launched by a strategy. */
  readonly capacityProviderName?: string;
  /** The scenario label of the RunTask that made it. */
  readonly label: string;
  lastStatus: TaskStatus;
  desiredStatus: DesiredStatus;
  healthStatus: HealthStatus;
  connectivity?: 'CONNECTED' | 'DISCONNECTED';
  stopCode?: StopCode;
  stoppedReason?: string;
  createdAt: number;
  connectivityAt?: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  executionStoppedAt?: number;
  stoppedAt?: number;
  /** Incremented on every change that emits an event (ecs-facts T-022). */
  version: number;
  containers: ContainerRecord[];
  attachments?: Attachment[];
  readonly history: TaskStateChange[];
}

/** Spans that users ask about, derived from the timestamps (absent until known). */
export interface TaskDurations {
  /** createdAt → startedAt. */
  readonly startupMs?: number;
  /** pullStartedAt → pullStoppedAt. */
  readonly pullMs?: number;
  /** stoppingAt → stoppedAt. */
  readonly stoppingMs?: number;
  /** startedAt → stoppingAt (or stoppedAt). */
  readonly runningMs?: number;
}

export function taskDurations(t: TaskRecord): TaskDurations {
  const span = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : b - a);
  const out: Record<string, number> = {};
  const put = (k: keyof TaskDurations, v: number | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  put('startupMs', span(t.createdAt, t.startedAt));
  put('pullMs', span(t.pullStartedAt, t.pullStoppedAt));
  put('stoppingMs', span(t.stoppingAt, t.stoppedAt));
  put('runningMs', span(t.startedAt, t.stoppingAt ?? t.stoppedAt));
  return out;
}

/** The task id: the last part of the ARN. */
export function taskId(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}
