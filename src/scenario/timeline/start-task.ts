import { z } from 'zod';
import type { RunTaskOutcome } from '../../ecs/control-plane.js';
import type { StartTaskAction } from '../../ecs/start-task.js';
import { instanceRef, refName } from '../schema/ecs.js';
import { awsInput } from '../zod-issues.js';
import { checkInstance, checkTaskDefinition } from './checks.js';
import { LAUNCH_MEMBERS_NOT_MODELLED } from './run-task.js';
import type { EcsVerb } from './verb.js';

/**
 * StartTask (ecs-facts T-117): a task of a task definition on each container instance
 * named (`<group>/<index>`), with ECS's field names. `waitForRegistration` is ecs-sim's
 * own: each instance gets its task at the moment it has registered (no earlier than
 * `at`), as `ecs-sim import` starts the tasks that were running on the imported instances.
 */
const schema = z.strictObject({
  taskDefinition: z.string().min(1),
  // ecs-facts T-117: up to 10 container instances.
  containerInstances: z.array(instanceRef).min(1).max(10),
  group: z.string().min(1).max(255).optional(),
  startedBy: z.string().regex(/^[A-Za-z0-9\-/_]{1,128}$/, { error: 'expected up to 128 letters, digits, "-", "/" and "_" (ecs-facts T-107)' }).optional(),
  label: refName.optional(),
  waitForRegistration: z.boolean().optional(),
  // The rest of StartTask's request (ecs-facts T-117) is accepted, so a pasted
  // `start-task --cli-input-json` loads, and listed in `ignoredFields` (not in START_TASK_MODELLED).
  cluster: z.string().optional(),
  ...LAUNCH_MEMBERS_NOT_MODELLED,
});

/** The StartTask fields the model acts on (`label` and `waitForRegistration` are the scenario's own); the others are accepted and listed as ignored. */
export const START_TASK_MODELLED = ['taskDefinition', 'containerInstances', 'group', 'startedBy', 'label', 'waitForRegistration'];

export interface StartTaskTimelineAction {
  readonly kind: 'startTask';
  readonly atMs: number;
  /** `containerInstances` holds the scenario's instance references; the call is made with their ARNs. */
  readonly startTask: StartTaskAction & { readonly label: string };
  readonly waitForRegistration: boolean;
}

declare module '../../ecs/config.js' {
  interface TimelineActions {
    startTask: StartTaskTimelineAction;
  }
}

/** "2 of 3 tasks started (label); failures: RESOURCE:MEMORY (pool/1)" */
export function startTaskText(r: RunTaskOutcome, asked: number): string {
  const failures = r.failures.map((f) => f.reason).join(', ');
  return r.exception ?? `${r.tasks.length} of ${asked} tasks started (${r.label})${failures === '' ? '' : `; failures: ${failures}`}`;
}

export const startTask: EcsVerb<z.output<typeof schema>, StartTaskTimelineAction> = {
  name: 'startTask',
  model: 'ecs',
  // Its unknown fields get the AWS CLI's text (ecs-facts S-127).
  schema: awsInput(schema),
  toAction(input, ctx) {
    checkTaskDefinition(ctx, input.taskDefinition, ['taskDefinition']);
    const known = ctx.taskDefinitions.find(input.taskDefinition);
    if (known !== undefined && !known.compatibilities.includes('EC2') && !known.compatibilities.includes('EXTERNAL')) {
      ctx.problem(['taskDefinition'], 'StartTask starts tasks on container instances: the task definition must be compatible with EC2 or EXTERNAL (for Fargate use runTask)');
    }
    input.containerInstances.forEach((ref, k) => checkInstance({ ...ctx, problem: (field, message) => ctx.problem(['containerInstances', k, ...field], message) }, ref));
    ctx.soFar.startTasks = (ctx.soFar.startTasks ?? 0) + 1;
    const label = input.label ?? `startTask-${ctx.soFar.startTasks}`;
    // A label names one call's tasks; StartTask calls waiting for their instances may share one (one call per instance).
    if (ctx.soFar.labels.has(label) && !(input.waitForRegistration === true && ctx.soFar.waitingLabels?.has(label) === true)) ctx.problem(['label'], `label "${label}" is used by an earlier runTask or startTask`);
    ctx.soFar.labels.add(label);
    if (input.waitForRegistration === true) (ctx.soFar.waitingLabels ??= new Set()).add(label);
    return {
      kind: 'startTask',
      atMs: ctx.atMs,
      startTask: {
        taskDefinition: input.taskDefinition,
        containerInstances: input.containerInstances,
        ...(input.group === undefined ? {} : { group: input.group }),
        ...(input.startedBy === undefined ? {} : { startedBy: input.startedBy }),
        label,
      },
      waitForRegistration: input.waitForRegistration === true,
    };
  },
  apply(model, action) {
    const cp = model.controlPlane;
    const refs = action.startTask.containerInstances;
    // An instance not launched yet is named as given: StartTask finds no such instance (MISSING).
    const arnOf = (ref: string): string => model.instancesByRef.get(ref)?.containerInstanceArn ?? ref;
    if (!action.waitForRegistration) return startTaskText(cp.startTask({ ...action.startTask, containerInstances: refs.map(arnOf) }), refs.length);
    for (const ref of refs) {
      const one = { ...action.startTask, containerInstances: [arnOf(ref)] };
      if (!model.instancesByRef.has(ref)) cp.startTask(one);
      else cp.whenRegistered(arnOf(ref), () => cp.startTask(one));
    }
    return `StartTask ${action.startTask.taskDefinition} on ${refs.join(', ')} as ${refs.length === 1 ? 'it registers' : 'each registers'} (${action.startTask.label})`;
  },
};
