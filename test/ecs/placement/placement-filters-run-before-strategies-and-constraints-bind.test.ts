import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import type { PlacementConstraint, PlacementRequest, PlacementStrategy, StrategyPlugin } from '../../../src/ecs/placement/framework.js';
import { place } from '../../../src/ecs/placement/place.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import { AZ_A, AZ_B, BINPACK_CPU, BINPACK_MEMORY, chosenId, containerInstance, context, decideOn, request, SPREAD_AZ, SPREAD_INSTANCE, RANDOM } from './placement-fixtures.js';

/**
 * ecs-facts S-001: ECS first keeps the instances that meet the task's CPU, memory and port
 * needs, then those that satisfy the constraints, and only then applies the strategies.
 * S-002: strategies are best effort, constraints bind. So no strategy can ever choose an
 * instance a filter rejected, however much it would prefer it.
 */

const TIER_FAST: PlacementConstraint = { type: 'memberOf', expression: 'attribute:tier == fast' };
const DISTINCT: PlacementConstraint = { type: 'distinctInstance' };

/** A registry with the built-ins plus `spy`, a strategy that records what it was asked to rank and ranks all alike. */
function spyRegistry(): { registry: PlacementRegistry; seen: string[][] } {
  const seen: string[][] = [];
  const registry = PlacementRegistry.withBuiltins();
  const spy: StrategyPlugin = {
    name: 'spy',
    rank: (_ctx, _request, candidates) => {
      seen.push(candidates.map((c) => c.instance.ec2InstanceId));
      return candidates.map(() => 0);
    },
  };
  registry.registerStrategy('spy', { args: z.undefined(), create: () => spy });
  return { registry, seen };
}

/** The oracle: the reason code of the first filter (S-001 order, then constraints) the instance fails, or undefined. */
function expectedRejection(instance: ContainerInstance, req: PlacementRequest): string | undefined {
  if (!instance.agentConnected) return 'AGENT'; // ecs-facts T-074
  if (req.needs.cpu > instance.remaining.cpu) return 'RESOURCE:CPU';
  if (req.needs.memory > instance.remaining.memory) return 'RESOURCE:MEMORY';
  if (req.needs.staticPorts.some((p) => instance.usedPorts.has(p))) return 'RESOURCE:PORTS';
  if (req.needs.eni > instance.remaining.eni) return 'RESOURCE:ENI';
  for (const c of req.constraints) {
    if (c.type === 'memberOf' && instance.attributes['tier'] !== 'fast') return 'ATTRIBUTE';
    if (c.type === 'distinctInstance' && [...instance.reservations.values()].some((r) => r.group === req.group)) return 'ATTRIBUTE';
  }
  return undefined;
}

const heldTaskArb = fc.record({ group: fc.constantFrom('family:web', 'family:db'), cpu: fc.constantFrom(0, 256, 1024), memory: fc.integer({ min: 0, max: 2_000 }), eni: fc.constantFrom(0, 1), port: fc.constantFrom(undefined, 'tcp/80', 'tcp/8080') });

const instanceArb = fc.record({
  status: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'DRAINING', 'INACTIVE') as fc.Arbitrary<'ACTIVE' | 'DRAINING' | 'INACTIVE'>,
  agentConnected: fc.constantFrom(true, true, true, false),
  cpu: fc.constantFrom(1024, 2048, 4096),
  memory: fc.integer({ min: 1_000, max: 8_000 }),
  eni: fc.integer({ min: 0, max: 3 }),
  az: fc.constantFrom(AZ_A, AZ_B),
  tier: fc.constantFrom(undefined, 'fast', 'slow'),
  tasks: fc.array(heldTaskArb, { maxLength: 3 }),
});

const strategyArb: fc.Arbitrary<PlacementStrategy> = fc.constantFrom(BINPACK_MEMORY, BINPACK_CPU, SPREAD_INSTANCE, SPREAD_AZ, RANDOM);

const caseArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  instances: fc.array(instanceArb, { minLength: 1, maxLength: 8 }),
  cpu: fc.constantFrom(0, 128, 512, 1024, 2048),
  memory: fc.integer({ min: 64, max: 4_000 }),
  eni: fc.constantFrom(0, 1),
  // tcp/22 is an agent-reserved port (ecs-facts T-071): never free.
  staticPorts: fc.constantFrom([], [], ['tcp/80'], ['tcp/8080'], ['tcp/80', 'tcp/8080'], ['tcp/22']),
  constraints: fc.constantFrom([], [], [TIER_FAST], [DISTINCT], [TIER_FAST, DISTINCT]),
  strategy: fc.array(strategyArb, { maxLength: 3 }),
});

describe('placement filters (ecs-facts S-001, S-002)', () => {
  it('hand strategies only the instances every filter passed, and choose one of them or none', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const instances = c.instances.map((s, n) => {
          const instance = containerInstance(n, { registered: { cpu: s.cpu, memory: s.memory, eni: s.eni }, az: s.az, status: s.status, agentConnected: s.agentConnected, attributes: s.tier === undefined ? {} : { tier: s.tier } });
          for (const t of s.tasks) {
            const ports = t.port === undefined || instance.usedPorts.has(t.port) ? [] : [t.port];
            // Only tasks that fit: the setup itself never over-commits.
            if (t.cpu <= instance.remaining.cpu && t.memory <= instance.remaining.memory && t.eni <= instance.remaining.eni) {
              instance.reserve(`held-${n}-${instance.reservations.size}`, { cpu: t.cpu, memory: t.memory, eni: t.eni, ports, group: t.group }, 0);
            }
          }
          return instance;
        });
        const req = request({ needs: { cpu: c.cpu, memory: c.memory, eni: c.eni, staticPorts: c.staticPorts }, constraints: c.constraints, strategy: [...c.strategy, { type: 'spy' }] });
        const active = instances.filter((i) => i.status === 'ACTIVE');
        const survivors = active.filter((i) => expectedRejection(i, req) === undefined).map((i) => i.ec2InstanceId);

        const { registry, seen } = spyRegistry();
        const decision = place(registry, context(instances, req.group, c.seed), req);

        expect(decision.failures).toEqual(active.filter((i) => expectedRejection(i, req) !== undefined).map((i) => ({ arn: i.containerInstanceArn, reason: expectedRejection(i, req) })));
        if (survivors.length === 0) {
          expect(decision.status).toBe('Unplaceable');
          expect(decision.chosen).toBeUndefined();
          expect(seen).toEqual([]); // strategies never ran
        } else {
          expect(decision.status).toBe('Success');
          expect(seen).toEqual([survivors]);
          expect(survivors).toContain(chosenId(decision));
        }
      }),
      { numRuns: 400, seed: 20_010 },
    );
  });

  it('binpack never takes the instance with the least memory when that memory is too little', () => {
    // i-0 would be binpack's favourite (rank 100 - 512 < 0) if filters did not run first.
    const tight = containerInstance(0, { registered: { memory: 100 } });
    const roomy = containerInstance(1, { registered: { memory: 4_000 } });
    const decision = decideOn([tight, roomy], request({ needs: { memory: 512 }, strategy: [BINPACK_MEMORY] }));
    expect(chosenId(decision)).toBe('i-1');
    expect(decision.failures).toEqual([{ arn: tight.containerInstanceArn, reason: 'RESOURCE:MEMORY' }]);
  });

  it('a memberOf constraint binds even when the only instances it allows are full (S-002)', () => {
    const fastFull = containerInstance(0, { attributes: { tier: 'fast' }, registered: { cpu: 128 } });
    const slowEmpty = containerInstance(1, { attributes: { tier: 'slow' } });
    const decision = decideOn([fastFull, slowEmpty], request({ constraints: [TIER_FAST], strategy: [SPREAD_INSTANCE] }));
    expect(decision.status).toBe('Unplaceable');
    expect(decision.failures.map((f) => f.reason)).toEqual(['RESOURCE:CPU', 'ATTRIBUTE']);
  });
});
