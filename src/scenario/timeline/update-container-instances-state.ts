import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { instanceRef } from '../schema/ecs.js';
import { checkInstance } from './checks.js';
import type { EcsVerb } from './verb.js';

/**
 * UpdateContainerInstancesState (ecs-facts T-079): ACTIVE or DRAINING. `waitForRegistration`
 * is ecs-sim's own: the state is set the moment the instance has registered (no earlier
 * than `at`), as an import reproduces an instance that was DRAINING.
 */
const schema = z.strictObject({ instance: instanceRef, status: z.enum(['ACTIVE', 'DRAINING']), waitForRegistration: z.boolean().optional() });

export const updateContainerInstancesState: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'updateContainerInstancesState' }>> = {
  name: 'updateContainerInstancesState',
  model: 'ecs',
  schema,
  toAction(input, ctx) {
    checkInstance(ctx, input.instance);
    return { kind: 'updateContainerInstancesState', atMs: ctx.atMs, instance: input.instance, status: input.status, ...(input.waitForRegistration === true ? { waitForRegistration: true } : {}) };
  },
  apply(model, action) {
    const instance = model.instancesByRef.get(action.instance);
    if (instance === undefined) return `no instance ${action.instance}`;
    if (action.waitForRegistration === true) {
      model.controlPlane.whenRegistered(instance.containerInstanceArn, () => model.controlPlane.setInstanceState(instance, action.status));
      return `${action.instance} set to ${action.status} as it registers`;
    }
    return model.controlPlane.setInstanceState(instance, action.status);
  },
};
