import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import { containerInstance, decideOn, hold, request } from './placement-fixtures.js';

/**
 * ecs-facts S-029 to S-031: when nothing fits, ECS names "the closest matching
 * container-instance" and what it lacked. ecs-sim's closest match is the instance that
 * passed the most filters in S-001's order (agent, CPU, memory, ports, ENI, then the
 * constraints); among equals, the first in the cluster's order.
 */

/** Each way to fail, with how many filters an instance failing that way has passed. */
const KINDS = {
  agent: { passed: 0, reason: 'AGENT' },
  cpu: { passed: 1, reason: 'RESOURCE:CPU' },
  memory: { passed: 2, reason: 'RESOURCE:MEMORY' },
  ports: { passed: 3, reason: 'RESOURCE:PORTS' },
  eni: { passed: 4, reason: 'RESOURCE:ENI' },
  memberOf: { passed: 5, reason: 'ATTRIBUTE' },
  distinct: { passed: 6, reason: 'ATTRIBUTE' },
  dynamicPorts: { passed: 7, reason: 'RESOURCE:PORTS' },
} as const;
type Kind = keyof typeof KINDS;

const ALL_DYNAMIC = Array.from({ length: 65535 - 49153 + 1 }, (_, k) => `tcp/${49153 + k}`);

function failing(n: number, kind: Kind): ContainerInstance {
  switch (kind) {
    case 'agent':
      return containerInstance(n, { agentConnected: false, attributes: { tier: 'fast' } });
    case 'cpu':
      return containerInstance(n, { registered: { cpu: 128 }, attributes: { tier: 'fast' } });
    case 'memory':
      return containerInstance(n, { registered: { memory: 256 }, attributes: { tier: 'fast' } });
    case 'ports':
      return containerInstance(n, { tasks: [{ group: 'family:other', ports: ['tcp/80'] }], attributes: { tier: 'fast' } });
    case 'eni':
      return containerInstance(n, { registered: { eni: 0 }, attributes: { tier: 'fast' } });
    case 'memberOf':
      return containerInstance(n, { attributes: { tier: 'slow' } });
    case 'distinct':
      return containerInstance(n, { tasks: [{ group: 'family:web' }], attributes: { tier: 'fast' } });
    case 'dynamicPorts': {
      const instance = containerInstance(n, { attributes: { tier: 'fast' } });
      hold(instance, { group: 'family:other', ports: ALL_DYNAMIC });
      return instance;
    }
  }
}

const REQUEST = request({
  needs: { cpu: 256, memory: 512, eni: 1, staticPorts: ['tcp/80'], dynamicPorts: ['tcp'] },
  constraints: [{ type: 'memberOf', expression: 'attribute:tier == fast' }, { type: 'distinctInstance' }],
});

describe('the closest matching container instance', () => {
  it('is the one that passed the most filters, the first of equals, whatever the cluster order', () => {
    const kindArb = fc.constantFrom(...(Object.keys(KINDS) as Kind[]));
    fc.assert(
      fc.property(fc.array(kindArb, { minLength: 1, maxLength: 8 }), (kinds) => {
        const instances = kinds.map((k, n) => failing(n, k));
        const decision = decideOn(instances, REQUEST);
        expect(decision.status).toBe('Unplaceable');
        expect(decision.failures.map((f) => f.reason)).toEqual(kinds.map((k) => KINDS[k].reason));
        const best = Math.max(...kinds.map((k) => KINDS[k].passed));
        const expected = kinds.findIndex((k) => KINDS[k].passed === best);
        expect(decision.closest?.instance.ec2InstanceId).toBe(`i-${expected}`);
        expect(decision.closest?.rejection.reason).toBe(KINDS[kinds[expected] as Kind].reason);
      }),
      { numRuns: 150, seed: 29_031 },
    );
  });

  it('a memory shortfall is closer than a CPU one, which is closer than a disconnected agent', () => {
    const decision = decideOn([failing(0, 'agent'), failing(1, 'cpu'), failing(2, 'memory'), failing(3, 'cpu')], REQUEST);
    expect(decision.closest?.instance.ec2InstanceId).toBe('i-2');
    expect(decision.closest?.rejection).toMatchInlineSnapshot(`
      {
        "detail": "needs 512 MiB, 256 of 256 free",
        "reason": "RESOURCE:MEMORY",
      }
    `);
  });
});
