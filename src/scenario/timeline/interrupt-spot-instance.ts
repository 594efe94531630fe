import type { TimelineAction } from '../../ecs/config.js';
import { interruptSpotInstance as interrupt } from '../../ecs/capacity/spot-interruptions.js';
import { instanceRef } from '../schema/ecs.js';
import { checkInstance } from './checks.js';
import type { EcsVerb } from './verb.js';

/** EC2's two-minute Spot interruption notice for a Spot instance (ecs-facts A-034). */
export const interruptSpotInstance: EcsVerb<string, Extract<TimelineAction, { kind: 'interruptSpotInstance' }>> = {
  name: 'interruptSpotInstance',
  model: 'ecs',
  schema: instanceRef,
  toAction(instance, ctx) {
    checkInstance(ctx, instance);
    return { kind: 'interruptSpotInstance', atMs: ctx.atMs, instance };
  },
  apply(model, action) {
    const instance = model.instancesByRef.get(action.instance);
    return instance === undefined ? `no instance ${action.instance}` : interrupt(model.sim, model.controlPlane, instance, model.agentOf(instance.containerInstanceArn));
  },
};
