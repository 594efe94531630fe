import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { HOOK_STAGES, serviceName } from '../schema/ecs.js';
import { checkService } from './checks.js';
import type { EcsVerb } from './verb.js';

/** ContinueServiceDeployment (ecs-facts S-107): resumes a PAUSE hook, named by hookId or by the stage it waits in. */
const schema = z.strictObject({ service: serviceName, hookId: z.string().min(1).optional(), lifecycleStage: z.enum(HOOK_STAGES).optional(), action: z.enum(['CONTINUE', 'ROLLBACK']).optional() });

export const continueServiceDeployment: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'continueServiceDeployment' }>> = {
  name: 'continueServiceDeployment',
  model: 'ecs',
  schema,
  toAction(c, ctx) {
    checkService(ctx, c.service, ['service']);
    // ecs-facts S-107: action CONTINUE by default.
    return { kind: 'continueServiceDeployment', atMs: ctx.atMs, service: c.service, ...(c.hookId === undefined ? {} : { hookId: c.hookId }), ...(c.lifecycleStage === undefined ? {} : { lifecycleStage: c.lifecycleStage }), action: c.action ?? 'CONTINUE' };
  },
  apply(model, action) {
    const scheduler = model.controlPlane.scheduler;
    const service = scheduler.services.get(action.service);
    return service === undefined ? 'ServiceNotFoundException: Service not found.' : scheduler.blueGreen.continueDeployment(service, action);
  },
};
