import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { instanceRef } from '../schema/ecs.js';
import { checkInstance } from './checks.js';
import type { EcsVerb } from './verb.js';

/** UpdateContainerInstancesState (ecs-facts T-079): ACTIVE or DRAINING. */
const schema = z.strictObject({ instance: instanceRef, status: z.enum(['ACTIVE', 'DRAINING']) });

export const updateContainerInstancesState: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'updateContainerInstancesState' }>> = {
  name: 'updateContainerInstancesState',
  model: 'ecs',
  schema,
  toAction(input, ctx) {
    checkInstance(ctx, input.instance);
    return { kind: 'updateContainerInstancesState', atMs: ctx.atMs, instance: input.instance, status: input.status };
  },
  apply(model, action) {
    const instance = model.instancesByRef.get(action.instance);
    return instance === undefined ? `no instance ${action.instance}` : model.controlPlane.setInstanceState(instance, action.status);
  },
};
