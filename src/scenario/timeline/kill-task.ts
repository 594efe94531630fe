import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { refName } from '../schema/ecs.js';
import { checkLabel } from './labels.js';
import type { EcsVerb } from './verb.js';

/** Kills the essential container of every live task of a label or service (a crash, or the OOM killer). */
const schema = z.strictObject({ label: refName, exitCode: z.number().int().min(0).max(255).optional() });

export const killTask: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'killTask' }>> = {
  name: 'killTask',
  model: 'ecs',
  schema,
  toAction(input, ctx) {
    checkLabel(ctx, input.label);
    // ecs-facts T-037: 137 is what a SIGKILL (e.g. the OOM killer) leaves.
    return { kind: 'killTask', atMs: ctx.atMs, label: input.label, exitCode: input.exitCode ?? 137 };
  },
  apply(model, action) {
    const cp = model.controlPlane;
    let killed = 0;
    for (const t of cp.tasksByLabel.get(action.label) ?? []) {
      if (t.lastStatus === 'STOPPED') continue;
      const ok = t.launchType === 'FARGATE' ? cp.fargate?.killContainer(t.taskArn, action.exitCode) === true : model.agentOf(t.containerInstanceArn)?.runners.get(t.taskArn)?.killContainer(undefined, action.exitCode) === true;
      if (ok) killed += 1;
    }
    return `${killed} tasks of ${action.label} had their essential container killed (exit ${action.exitCode})`;
  },
};
