import type { CapacityProviderStrategyItem, TaskBehaviour } from './config.js';
import type { ContainerInstance } from './capacity/container-instance.js';
import type { CandidateExplanation, PlacementConstraint, PlacementDecision, PlacementStrategy } from './placement/framework.js';
import type { TaskDefinition } from './task-definition/types.js';

/**
 * What the control plane and the service scheduler say to each other about launching a
 * task: plain types in a leaf module, so the scheduler (which the control plane owns)
 * never imports the control plane.
 */

export interface RunTaskFailure {
  readonly arn?: string;
  readonly reason: string;
  readonly detail?: string;
}

export interface Registered {
  readonly definition: TaskDefinition;
  readonly behaviour: TaskBehaviour;
}

/** How one task is launched: by RunTask or by a service. */
export interface LaunchOptions {
  readonly launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  readonly group: string;
  readonly label: string;
  readonly startedBy?: string;
  readonly constraints: readonly PlacementConstraint[];
  readonly strategy: readonly PlacementStrategy[];
  /** Restrict placement to these instances (a DAEMON service places on one at a time). */
  readonly instances?: readonly ContainerInstance[];
  /** ecs-facts A-028, S-123: the provider is chosen per task by base and weight (instead of launchType). */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  /** Set by `launch` once the strategy chose the provider (describe-tasks `capacityProviderName`). */
  readonly capacityProviderName?: string;
  /** Set by `launch`: the caller did not restrict the instances, so the task may wait in PROVISIONING (ecs-facts A-027). */
  readonly mayProvision?: boolean;
}

/** What a launch gives: the new task, or why none could start (with the placement decision, if one was made). */
export type LaunchResult = { readonly taskArn: string } | { readonly failures: readonly RunTaskFailure[]; readonly decision?: PlacementDecision };

/** ecs-facts T-112: `{ tasks, failures }`, or an exception for a cluster with no instances. */
export interface RunTaskOutcome {
  readonly t: number;
  readonly label: string;
  readonly tasks: readonly string[];
  readonly failures: readonly RunTaskFailure[];
  readonly exception?: string;
}

/** One placement decision, kept for `explain` (every instance) or when it failed (the summary). */
export interface PlacementRecord {
  readonly t: number;
  readonly label: string;
  readonly group: string;
  readonly status: PlacementDecision['status'];
  readonly taskArn?: string;
  readonly chosen?: string;
  readonly strategies: readonly string[];
  /** Per instance, when explanations were asked for. */
  readonly candidates?: readonly CandidateExplanation[];
  /** What stopped the closest instance, when nothing fitted. */
  readonly closest?: { readonly containerInstanceArn: string; readonly reason: string; readonly detail: string };
}
