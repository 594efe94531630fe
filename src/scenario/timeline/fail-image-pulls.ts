import { z } from 'zod';
import type { TimelineAction } from '../../ecs/config.js';
import { duration } from '../schema/values.js';
import type { EcsVerb } from './verb.js';

/** Image pulls (of one image, or all) fail for a while: a registry outage or a bad tag. */
const schema = z.strictObject({ for: duration, image: z.string().min(1).optional() });

export const failImagePulls: EcsVerb<z.output<typeof schema>, Extract<TimelineAction, { kind: 'failImagePulls' }>> = {
  name: 'failImagePulls',
  model: 'ecs',
  schema,
  toAction: (input, ctx) => ({ kind: 'failImagePulls', atMs: ctx.atMs, forMs: input.for, ...(input.image === undefined ? {} : { image: input.image }) }),
  apply(model, action) {
    const until = model.failImagePulls(action.forMs, action.image);
    return `image pulls${action.image === undefined ? '' : ` of ${action.image}`} fail until ${until} ms`;
  },
};
