import type { z } from 'zod';
import type { CloudWatch } from '../../cloudwatch/alarm.js';
import type { CapacityProviderStrategyItem, TimelineAction } from '../../ecs/config.js';
import type { EcsModel } from '../../ecs/model.js';
import type { PlacementRegistry } from '../../ecs/placement/registry.js';
import type { ServiceLoadBalancer } from '../../ecs/service/load-balancers.js';
import type { TaskDefinitionRegistry } from '../../ecs/task-definition/index.js';
import type { ElbSection } from '../../elb/schema.js';
import type { FieldPath } from '../../issues/index.js';
import type { CloudwatchSectionSpec } from '../schema/cloudwatch.js';
import type { EcsSpec } from '../schema/ecs.js';

/**
 * A timeline verb: one file holds its input schema (the timeline entry's field of that
 * name), its reference checks, which `assemble` runs in time order, and its action, what
 * it does to the model at its time through the model's public operations. The registry
 * (registry.ts) lists them; adding a verb is one new file, its line in the registry, and
 * its test.
 */
export type TimelineVerb = EcsVerb<unknown, TimelineAction> | CloudWatchVerb<unknown>;

/** A verb that acts on the ECS model. */
export interface EcsVerb<In, A extends { readonly kind: string; readonly atMs: number }> {
  readonly name: A['kind'];
  readonly model: 'ecs';
  /** The input, as the timeline entry's field `name` holds it. */
  readonly schema: z.ZodType<In>;
  /**
   * The model's action for the input (defaults applied), its references checked against
   * the scenario and what earlier entries made (problems go to `ctx.problem`); undefined
   * when there is nothing to schedule.
   */
  toAction(input: In, ctx: TimelineContext): A | undefined;
  /** When the action is scheduled, before the run (e.g. the probes it moves exist from the start). */
  prepare?(model: EcsModel, action: A): void;
  /** At its time, through the model's operations: the outcome, logged as the action's. */
  apply(model: EcsModel, action: A): string;
}

/** A verb that acts on CloudWatch (scheduled once CloudWatch exists). */
export interface CloudWatchVerb<In> {
  readonly name: string;
  readonly model: 'cloudwatch';
  readonly schema: z.ZodType<In>;
  /** Problems with the input's references, by path relative to the verb's field; run as the scenario is parsed. */
  check(input: In, spec: TimelineScenarioView): readonly { readonly path: FieldPath; readonly message: string }[];
  /** At its time `atMs` (the action's `at`). */
  apply(cw: CloudWatch, input: In, atMs: number): void;
}

/** The parts of the scenario the verbs' checks read. */
export interface TimelineScenarioView {
  readonly ecs?: EcsSpec | undefined;
  readonly elb?: ElbSection | undefined;
  readonly cloudwatch?: CloudwatchSectionSpec | undefined;
}

/** What a verb's checks see: the scenario, the cluster, and what the timeline made so far (in time order). */
export interface TimelineContext {
  /** The entry's time. */
  readonly atMs: number;
  /** Reports a problem at `field`, a path relative to the verb's field (`timeline[i].<verb>`). */
  problem(field: FieldPath, message: string): void;
  readonly spec: TimelineScenarioView;
  readonly taskDefinitions: TaskDefinitionRegistry;
  readonly placement: PlacementRegistry;
  /** Instance-group names with their instance counts. */
  readonly groups: ReadonlyMap<string, number>;
  readonly hasInstances: boolean;
  readonly hasFargate: boolean;
  /** The cluster's default capacity provider strategy, with defaults (ecs-facts S-119). */
  readonly defaultStrategy: readonly CapacityProviderStrategyItem[] | undefined;
  /** Declared capacity provider names (ecs-facts A-028). */
  readonly providerNames: ReadonlySet<string>;
  readonly soFar: TimelineSoFar;
}

/** What earlier entries made: later ones may name it. */
export interface TimelineSoFar {
  readonly labels: Set<string>;
  readonly services: Set<string>;
  /** Services with a load balancer's advancedConfiguration (blue/green traffic shifting). */
  readonly advanced: Set<string>;
  /** CODE_DEPLOY services (ecs-facts S-090). */
  readonly codeDeployServices: Map<string, { readonly loadBalancers?: readonly ServiceLoadBalancer[] | undefined }>;
  /** Each service's launch type and scheduling strategy, for UpdateService's placement checks (ecs-facts S-129, S-130). */
  readonly shapes: Map<string, { readonly launchType: string; readonly schedulingStrategy: 'REPLICA' | 'DAEMON' }>;
  runTasks: number;
  /** StartTask entries so far (their default labels). */
  startTasks?: number;
  /** Labels of StartTask entries that wait for their instances' registration: later such entries may share them. */
  waitingLabels?: Set<string>;
}
