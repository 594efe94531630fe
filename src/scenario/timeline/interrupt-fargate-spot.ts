import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { interruptFargateSpot as interrupt } from '../../ecs/capacity/spot-interruptions.js';
import { az, serviceName } from '../schema/ecs.js';
import { checkService } from './checks.js';
import type { EcsVerb } from './verb.js';

/** Fargate reclaims running FARGATE_SPOT tasks with the two-minute warning (ecs-facts A-031): `count` (all when absent), chosen at random. */
const schema = z.strictObject({ count: z.number().int().min(1).optional(), service: serviceName.optional(), availabilityZone: az.optional() });

export const interruptFargateSpot: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'interruptFargateSpot' }>> = {
  name: 'interruptFargateSpot',
  model: 'ecs',
  schema,
  toAction(f, ctx) {
    if (f.service !== undefined) checkService(ctx, f.service, ['service']);
    if (!ctx.hasFargate) ctx.problem([], 'interruptFargateSpot needs an ecs.fargate section');
    return { kind: 'interruptFargateSpot', atMs: ctx.atMs, ...(f.count === undefined ? {} : { count: f.count }), ...(f.service === undefined ? {} : { service: f.service }), ...(f.availabilityZone === undefined ? {} : { availabilityZone: f.availabilityZone }) };
  },
  apply: (model, action) => interrupt(model.sim, model.controlPlane, action),
};
