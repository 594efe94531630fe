import { z } from 'zod';
import type { EcsModel } from '../../ecs/model.js';
import { instanceRef } from '../schema/ecs.js';
import { checkInstance } from './checks.js';
import type { EcsVerb } from './verb.js';

/**
 * A fault of one instance, named `<group>/<index>` (terminate-instance.ts,
 * disconnect-agent.ts, reconnect-agent.ts): the reference check and the outcome they share.
 */
type Kind = 'terminateInstance' | 'disconnectAgent' | 'reconnectAgent';
export interface InstanceAction<K extends Kind> {
  readonly kind: K;
  readonly atMs: number;
  readonly instance: string;
  /** ecs-sim's own: act the moment the instance has registered (no earlier than `at`), as an import reproduces an instance's state. */
  readonly waitForRegistration?: boolean;
}

/** `pool/0`, or `{ instance: pool/0, waitForRegistration: true }`. */
const faultInput = z.union([instanceRef, z.strictObject({ instance: instanceRef, waitForRegistration: z.boolean().optional() })]);

export function instanceFault<K extends Kind>(kind: K, act: (model: EcsModel, instance: NonNullable<ReturnType<EcsModel['instancesByRef']['get']>>) => void): EcsVerb<z.output<typeof faultInput>, InstanceAction<K>> {
  return {
    name: kind,
    model: 'ecs',
    schema: faultInput,
    toAction(input, ctx) {
      const instance = typeof input === 'string' ? input : input.instance;
      checkInstance(ctx, instance);
      return { kind, atMs: ctx.atMs, instance, ...(typeof input !== 'string' && input.waitForRegistration === true ? { waitForRegistration: true } : {}) };
    },
    apply(model, action) {
      const instance = model.instancesByRef.get(action.instance);
      if (instance === undefined) return `no instance ${action.instance} (instances: ${[...model.instancesByRef.keys()].join(', ') || 'none launched yet'})`;
      if (action.waitForRegistration === true) {
        model.controlPlane.whenRegistered(instance.containerInstanceArn, () => act(model, instance));
        return `${action.kind} ${action.instance} (${instance.ec2InstanceId}) as it registers`;
      }
      act(model, instance);
      return `${action.kind} ${action.instance} (${instance.ec2InstanceId})`;
    },
  };
}
