import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { serviceName } from '../schema/ecs.js';
import { checkService } from './checks.js';
import type { EcsVerb } from './verb.js';

/** DeleteService (ecs-facts S-040): a REPLICA service must be scaled to zero first, unless forced. */
const schema = z.strictObject({ service: serviceName, force: z.boolean().optional() });

export const deleteService: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'deleteService' }>> = {
  name: 'deleteService',
  model: 'ecs',
  schema,
  toAction(input, ctx) {
    checkService(ctx, input.service, ['service']);
    return { kind: 'deleteService', atMs: ctx.atMs, service: input.service, force: input.force ?? false };
  },
  apply(model, action) {
    const scheduler = model.controlPlane.scheduler;
    const service = scheduler.services.get(action.service);
    if (service === undefined || service.status === 'INACTIVE') return `ServiceNotFoundException: Service not found.`;
    // ecs-facts S-040: a REPLICA service must be scaled to zero first, unless forced.
    if (!action.force && service.spec.schedulingStrategy === 'REPLICA' && service.desiredCount > 0) return 'InvalidParameterException: The service cannot be stopped while it is scaled above 0.';
    scheduler.api.delete(service);
    return `service ${action.service} set to DRAINING`;
  },
};
