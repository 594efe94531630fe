import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { refName } from '../schema/ecs.js';
import { checkLabel } from './labels.js';
import type { EcsVerb } from './verb.js';

/** StopTask for every task of a runTask label or a service. */
const schema = z.strictObject({ label: refName, reason: z.string().max(1024).optional() });

export const stopTask: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'stopTask' }>> = {
  name: 'stopTask',
  model: 'ecs',
  schema,
  toAction(input, ctx) {
    checkLabel(ctx, input.label);
    return { kind: 'stopTask', atMs: ctx.atMs, label: input.label, ...(input.reason === undefined ? {} : { reason: input.reason }) };
  },
  apply(model, action) {
    const cp = model.controlPlane;
    const stopped = (cp.tasksByLabel.get(action.label) ?? []).filter((t) => cp.stopTask(t.taskArn, action.reason));
    return `${stopped.length} tasks of ${action.label} asked to stop`;
  },
};
