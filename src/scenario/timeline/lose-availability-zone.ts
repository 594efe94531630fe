import type { TimelineAction } from '../../ecs/config.js';
import { az } from '../schema/ecs.js';
import type { EcsVerb } from './verb.js';

/** An Availability Zone fails: its instances are terminated and Fargate's tasks there stop. */
export const loseAvailabilityZone: EcsVerb<string, Extract<TimelineAction, { kind: 'loseAvailabilityZone' }>> = {
  name: 'loseAvailabilityZone',
  model: 'ecs',
  schema: az,
  toAction: (availabilityZone, ctx) => ({ kind: 'loseAvailabilityZone', atMs: ctx.atMs, availabilityZone }),
  apply(model, action) {
    const cp = model.controlPlane;
    const lost = [...model.instancesByRef.values()].filter((i) => i.availabilityZone === action.availabilityZone);
    for (const i of lost) cp.terminateInstance(i);
    // Not an ECS text: ECS documents no message for a lost AZ (see the issue note).
    cp.fargate?.loseAvailabilityZone(action.availabilityZone, 'InfrastructureHealth', `Availability Zone ${action.availabilityZone} is unavailable (ecs-sim fault)`);
    return `${action.availabilityZone} lost: ${lost.length} instances terminated`;
  },
};
