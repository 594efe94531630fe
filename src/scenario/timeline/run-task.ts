import { z } from 'zod';
import type { RunTaskAction, TimelineAction } from '../../ecs/config.js';
import { capacityProviderStrategySchema } from '../../ecs/capacity/capacity-providers.js';
import type { PlacementConstraint, PlacementStrategy } from '../../ecs/placement/framework.js';
import { definedOnly } from '../defined-only.js';
import { placementConstraintSchema, placementStrategySchema, refName } from '../schema/ecs.js';
import { checkPlacement, checkPlacementSupported, checkStrategyInput, checkTaskDefinition, launch } from './checks.js';
import { awsInput } from '../zod-issues.js';
import type { EcsVerb } from './verb.js';

/**
 * The request members RunTask and StartTask share that the model does not act on (ecs-facts
 * PS-007, T-117): accepted so a pasted `--cli-input-json` loads, and listed in `ignoredFields`.
 */
export const LAUNCH_MEMBERS_NOT_MODELLED = {
  networkConfiguration: z.unknown().optional(),
  overrides: z.unknown().optional(),
  tags: z.unknown().optional(),
  enableECSManagedTags: z.boolean().optional(),
  propagateTags: z.enum(['TASK_DEFINITION', 'SERVICE', 'NONE']).optional(),
  referenceId: z.string().optional(),
  enableExecuteCommand: z.boolean().optional(),
  volumeConfigurations: z.unknown().optional(),
};

/**
 * RunTask (ecs-facts T-106 to T-110): `count` tasks of a task definition, labelled for later
 * entries and expectations. Every field of the API is accepted (ecs-facts PS-007), so a pasted
 * `run-task --cli-input-json` loads; those not in RUN_TASK_MODELLED are listed in the result's
 * `ignoredFields` and the summary.
 */
const schema = z.strictObject({
  cluster: z.string().optional(),
  taskDefinition: z.string().min(1),
  // ecs-facts T-106: at most 10 tasks per RunTask call.
  count: z.number().int().min(1).max(10).optional(),
  launchType: z.enum(['EC2', 'FARGATE', 'EXTERNAL']).optional(),
  group: z.string().min(1).max(255).optional(),
  startedBy: z.string().regex(/^[A-Za-z0-9\-/_]{1,128}$/, { error: 'expected up to 128 letters, digits, "-", "/" and "_" (ecs-facts T-107)' }).optional(),
  label: refName.optional(),
  // ecs-facts T-108: at most 10 constraints (with the task definition's) and 5 strategy rules.
  placementConstraints: z.array(placementConstraintSchema).max(10).optional(),
  placementStrategy: z.array(placementStrategySchema).max(5).optional(),
  capacityProviderStrategy: capacityProviderStrategySchema.optional(),
  ...LAUNCH_MEMBERS_NOT_MODELLED,
  platformVersion: z.string().optional(),
  clientToken: z.string().max(64).optional(),
});

/** The RunTask fields the model acts on (`label` is the scenario's own); the others are accepted and listed as ignored. */
export const RUN_TASK_MODELLED = ['cluster', 'taskDefinition', 'count', 'launchType', 'group', 'startedBy', 'label', 'placementConstraints', 'placementStrategy', 'capacityProviderStrategy'];

type Action = Extract<TimelineAction, { kind: 'runTask' }>;

export const runTask: EcsVerb<z.output<typeof schema>, Action> = {
  name: 'runTask',
  model: 'ecs',
  // Its unknown fields get the AWS CLI's text (ecs-facts S-127).
  schema: awsInput(schema),
  toAction(r, ctx) {
    checkStrategyInput(ctx, r);
    ctx.soFar.runTasks += 1;
    const action: RunTaskAction = {
      taskDefinition: r.taskDefinition,
      count: r.count ?? 1,
      // ecs-facts T-110: with neither launchType nor a capacity provider strategy, EC2.
      ...launch(r, ctx.defaultStrategy),
      ...(r.group === undefined ? {} : { group: r.group }),
      ...(r.startedBy === undefined ? {} : { startedBy: r.startedBy }),
      ...(r.label === undefined ? {} : { label: r.label }),
      ...(r.placementConstraints === undefined ? {} : { placementConstraints: r.placementConstraints.map((c) => definedOnly(c) as PlacementConstraint) }),
      ...(r.placementStrategy === undefined ? {} : { placementStrategy: r.placementStrategy.map((s) => definedOnly(s) as PlacementStrategy) }),
    };
    const known = ctx.taskDefinitions.find(action.taskDefinition);
    checkTaskDefinition(ctx, action.taskDefinition, ['taskDefinition']);
    if (action.launchType === 'FARGATE' && !ctx.hasFargate && action.capacityProviderStrategy === undefined) ctx.problem(['launchType'], 'FARGATE needs an ecs.fargate section');
    // ecs-facts S-015, T-088: Fargate takes no placement strategies or constraints, the task definition's included.
    checkPlacementSupported(ctx, action, known?.placementConstraints.length ?? 0);
    (action.placementConstraints ?? []).forEach((c, k) => checkPlacement(ctx, () => ctx.placement.constraint(c.type, c.expression), ['placementConstraints', k], 'expression'));
    (action.placementStrategy ?? []).forEach((s, k) => checkPlacement(ctx, () => ctx.placement.strategy(s.type, s.field), ['placementStrategy', k], 'field'));
    known?.placementConstraints.forEach((c) => checkPlacement(ctx, () => ctx.placement.constraint(c.type, c.expression), ['taskDefinition'], 'expression'));
    if ((known?.placementConstraints.length ?? 0) + (action.placementConstraints ?? []).length > 10) {
      ctx.problem(['placementConstraints'], "at most 10 placement constraints per task, counting the task definition's (ecs-facts T-108)");
    }
    if (action.launchType !== 'FARGATE' && !ctx.hasInstances) ctx.problem(['launchType'], `${action.launchType} needs instances (ecs.instances); for Fargate set launchType: FARGATE`);
    const label = action.label ?? `runTask-${ctx.soFar.runTasks}`;
    if (ctx.soFar.labels.has(label)) ctx.problem(['label'], `label "${label}" is used by an earlier runTask`);
    ctx.soFar.labels.add(label);
    return { kind: 'runTask', atMs: ctx.atMs, runTask: { ...action, label } };
  },
  apply(model, action) {
    const r = model.controlPlane.runTask(action.runTask);
    const failures = r.failures.map((f) => f.reason).join(', ');
    return r.exception ?? `${r.tasks.length} of ${action.runTask.count} tasks placed (${r.label})${failures === '' ? '' : `; failures: ${failures}`}`;
  },
};
