import type { z } from 'zod';
import type { RandomStream } from '../../engine/random.js';
import type { ContainerInstance, Reservation } from '../capacity/container-instance.js';
import type { TaskNeeds } from './resources.js';

/**
 * Task placement in the shape of the Kubernetes scheduler framework, combined as ECS
 * combines it (ecs-facts S-001, S-002, S-006): filters drop instances that cannot or may
 * not take the task (resources first, then constraints); strategies then rank the
 * survivors, each only breaking the ties of the one before; the last tie goes to a named
 * random stream. Filters and strategies are plug-ins registered by name.
 */

/** `PlacementConstraint` in the API's shape (ecs-facts S-016, S-017). */
export interface PlacementConstraint {
  readonly type: string;
  readonly expression?: string;
}

/** `PlacementStrategy` in the API's shape (ecs-facts S-003). */
export interface PlacementStrategy {
  readonly type: string;
  readonly field?: string;
}

/** What is being placed: one task. */
export interface PlacementRequest {
  readonly needs: TaskNeeds;
  /** The task group (`service:<name>` or `family:<family>`, ecs-facts S-019). */
  readonly group: string;
  readonly constraints: readonly PlacementConstraint[];
  readonly strategy: readonly PlacementStrategy[];
}

/** An instance as placement sees it: the instance plus derived counts. */
export interface Candidate {
  readonly instance: ContainerInstance;
  /** Tasks of the request's group on this instance (not yet stopping). */
  readonly tasksInGroup: number;
  readonly reservation: Reservation;
}

export interface PlacementContext {
  /** All instances the decision may use (a plug-in that reads this cannot be `stateOnly`). */
  readonly instances: readonly ContainerInstance[];
  /**
   * Tasks of `group` per value of `attribute` (`''` when an instance lacks it), over the
   * ACTIVE and DRAINING instances (ecs-facts S-014). Indexed: costs the number of distinct
   * instance states, not the number of instances.
   */
  countByAttribute(group: string, attribute: string): ReadonlyMap<string, number>;
  /** The group of each task holding resources, by task ARN. */
  groupOf(taskArn: string): string | undefined;
  /** The tie-breaking stream of this decision (`placement/<group>`). */
  readonly rng: RandomStream;
}

/** A filter's verdict: undefined to pass, else why not. */
export interface Rejection {
  /** RunTask's failure reason code (ecs-facts T-075): RESOURCE:CPU, ATTRIBUTE, ... */
  readonly reason: string;
  /** For people: what exactly did not fit. */
  readonly detail: string;
}

/**
 * `stateOnly: true` promises that a verdict or rank depends only on what
 * `ContainerInstance.stateKey()` covers (status, agent, resources, ports, attributes,
 * task groups) and on `countByAttribute`: never on which instance it is (ARN, instance
 * id, registration time), on `ctx.instances`, nor on random draws. Placement then decides
 * once per set of identical instances instead of once per instance. Plug-ins without it
 * are always asked about every instance.
 */
export interface FilterPlugin {
  readonly name: string;
  readonly stateOnly?: boolean;
  /**
   * With `stateOnly`: also promises that of the instance's task groups the verdict or rank
   * reads only the tasks of the request's own group (`Candidate.tasksInGroup`, or the
   * instance's reservations of `request.group`) and the number of tasks it runs. Placement
   * then tells instances apart by shape and that one count, not by every group they hold.
   */
  readonly ownGroupOnly?: boolean;
  filter(ctx: PlacementContext, request: PlacementRequest, instance: ContainerInstance): Rejection | undefined;
}

export interface StrategyPlugin {
  readonly name: string;
  /** See FilterPlugin.stateOnly. */
  readonly stateOnly?: boolean;
  /** See FilterPlugin.ownGroupOnly. */
  readonly ownGroupOnly?: boolean;
  /** One finite rank per candidate; lower is better; only the order matters. */
  rank(ctx: PlacementContext, request: PlacementRequest, candidates: readonly Candidate[]): readonly number[];
  /**
   * Scale-in (ecs-facts S-010 to S-013): the service's first strategy also chooses which
   * task stops. One finite key per task, compared element by element; lower stops first.
   * Asked once per task, in order. A strategy without it stops tasks as the default does:
   * from the AZ with the most of the service's tasks, then the instance with the most.
   */
  scaleIn?(ctx: ScaleInContext, task: ScaleInTask): readonly number[];
}

/** A service task that scale-in may stop. */
export interface ScaleInTask {
  readonly taskArn: string;
  readonly availabilityZone: string;
  readonly containerInstanceArn?: string;
  /** The task's CPU units and MiB, as describe-tasks spells them. */
  readonly cpu: string;
  readonly memory: string;
}

/** What a strategy knows when it ranks tasks for scale-in. */
export interface ScaleInContext {
  /** The candidates' count per AZ and per container instance ARN (`''` for none). */
  readonly tasksPerAz: ReadonlyMap<string, number>;
  readonly tasksPerInstance: ReadonlyMap<string, number>;
  /** The task's container instance, if it runs on one. */
  instanceOf(task: ScaleInTask): ContainerInstance | undefined;
  /** The scheduler's stream: a random key draws here, between the tie draws. */
  readonly rng: RandomStream;
}

/** A plug-in factory and the zod schema of its arguments (checked when built). */
export interface PluginFactory<P, A> {
  readonly args: z.ZodType<A>;
  create(args: A): P;
}

export type PlacementStatus = 'Success' | 'Unplaceable' | 'Error';

/** One instance's part in a decision: rejected by a filter, or ranked. */
export interface CandidateExplanation {
  readonly containerInstanceArn: string;
  readonly ec2InstanceId: string;
  readonly rejectedBy?: string;
  readonly reason?: string;
  readonly detail?: string;
  /** Per strategy, in order, when it passed every filter. */
  readonly ranks?: readonly number[];
}

export interface PlacementDecision {
  readonly status: PlacementStatus;
  readonly chosen?: Candidate;
  /** The failure reason per rejected instance, as RunTask returns them. */
  readonly failures: readonly { readonly arn: string; readonly reason: string }[];
  /** The instance that passed the most filters, with what stopped it (for ECS's message). */
  readonly closest?: { readonly instance: ContainerInstance; readonly rejection: Rejection };
  /** Per instance, when explanations were asked for. */
  readonly explanation?: readonly CandidateExplanation[];
  /** The filters in the order they ran, `status` first, when explanations were asked for. */
  readonly filters?: readonly string[];
  /** The strategy names, in the order their ranks appear. */
  readonly strategies: readonly string[];
}
