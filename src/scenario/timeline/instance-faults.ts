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
}

export function instanceFault<K extends Kind>(kind: K, act: (model: EcsModel, instance: NonNullable<ReturnType<EcsModel['instancesByRef']['get']>>) => void): EcsVerb<string, InstanceAction<K>> {
  return {
    name: kind,
    model: 'ecs',
    schema: instanceRef,
    toAction(instance, ctx) {
      checkInstance(ctx, instance);
      return { kind, atMs: ctx.atMs, instance };
    },
    apply(model, action) {
      const instance = model.instancesByRef.get(action.instance);
      if (instance === undefined) return `no instance ${action.instance} (instances: ${[...model.instancesByRef.keys()].join(', ') || 'none launched yet'})`;
      act(model, instance);
      return `${action.kind} ${action.instance} (${instance.ec2InstanceId})`;
    },
  };
}
