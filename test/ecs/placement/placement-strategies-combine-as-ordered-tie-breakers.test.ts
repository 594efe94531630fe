import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import type { PlacementRequest, PlacementStrategy } from '../../../src/ecs/placement/framework.js';
import { AZ_A, AZ_B, AZ_C, BINPACK_CPU, BINPACK_MEMORY, chosenId, containerInstance, decideOn, request, SPREAD_AZ, SPREAD_HOST, SPREAD_INSTANCE } from './placement-fixtures.js';

/**
 * ecs-facts S-006: strategies apply in array order, e.g. [spread AZ, binpack memory] —
 * spread over AZs, then binpack within the AZ. STYLE §5: each strategy only breaks the ties
 * of the ones before it (no weighted sums). So the chosen instance is the lexicographic
 * minimum of the rank vectors, and a later strategy never overrides an earlier one's
 * strict preference.
 */

const SPREAD_RACK: PlacementStrategy = { type: 'spread', field: 'attribute:rack' };

/** The oracle rank of one strategy for one candidate (lower is better), from S-003, S-004, S-014. */
function oracleRank(strategy: PlacementStrategy, instance: ContainerInstance, all: readonly ContainerInstance[], req: PlacementRequest): number {
  const inGroup = (i: ContainerInstance) => [...i.reservations.values()].filter((r) => r.group === req.group).length;
  if (strategy.type === 'binpack') {
    const field = strategy.field as 'cpu' | 'memory';
    return instance.remaining[field] - req.needs[field];
  }
  if (strategy.field === 'instanceId' || strategy.field === 'host') return inGroup(instance);
  const attribute = (strategy.field ?? '').slice('attribute:'.length);
  const value = instance.attributes[attribute] ?? '';
  return all.filter((i) => (i.status === 'ACTIVE' || i.status === 'DRAINING') && (i.attributes[attribute] ?? '') === value).reduce((n, i) => n + inGroup(i), 0);
}

/** a <lex b: -1, 0 or 1. */
function lex(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k += 1) {
    const d = (a[k] as number) - (b[k] as number);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

const instanceArb = fc.record({
  az: fc.constantFrom(AZ_A, AZ_B, AZ_C),
  rack: fc.constantFrom('r1', 'r2'),
  cpu: fc.constantFrom(1024, 2048),
  memory: fc.constantFrom(2048, 4096),
  // Coarse sizes so that ranks tie often and later strategies get their turn.
  tasks: fc.array(fc.record({ group: fc.constantFrom('family:web', 'family:db'), cpu: fc.constantFrom(0, 256, 512), memory: fc.constantFrom(0, 512, 1024) }), { maxLength: 4 }),
});
const strategyArb = fc.constantFrom(BINPACK_CPU, BINPACK_MEMORY, SPREAD_INSTANCE, SPREAD_HOST, SPREAD_AZ, SPREAD_RACK);

describe('strategies in order (ecs-facts S-006)', () => {
  it('choose the lexicographic minimum of the rank vectors; a later strategy never overrides an earlier strict preference', () => {
    let decisive = 0;
    fc.assert(
      fc.property(fc.array(instanceArb, { minLength: 1, maxLength: 10 }), fc.array(strategyArb, { minLength: 1, maxLength: 5 }), fc.nat(), (shapes, strategy, seed) => {
        const instances = shapes.map((s, n) => {
          const instance = containerInstance(n, { az: s.az, attributes: { rack: s.rack }, registered: { cpu: s.cpu, memory: s.memory } });
          s.tasks.forEach((t, k) => {
            if (t.cpu <= instance.remaining.cpu && t.memory <= instance.remaining.memory) instance.reserve(`held-${n}-${k}`, { ...t, eni: 0, ports: [] }, 0);
          });
          return instance;
        });
        const req = request({ needs: { cpu: 256, memory: 512 }, strategy });
        const candidates = instances.filter((i) => i.remaining.cpu >= 256 && i.remaining.memory >= 512);
        const vector = (i: ContainerInstance) => strategy.map((s) => oracleRank(s, i, instances, req));

        const decision = decideOn(instances, req, seed, true);
        if (candidates.length === 0) {
          expect(decision.status).toBe('Unplaceable');
          return;
        }
        const chosen = decision.chosen?.instance;
        expect(chosen).toBeDefined();
        if (chosen === undefined) return;
        const best = vector(chosen);
        // Lexicographically minimal.
        for (const c of candidates) expect(lex(best, vector(c)), `${chosen.ec2InstanceId} ${JSON.stringify(best)} vs ${c.ec2InstanceId} ${JSON.stringify(vector(c))}`).toBeLessThanOrEqual(0);
        // Strategy k decides only among the candidates strategies 0..k-1 left tied.
        strategy.forEach((_, k) => {
          const tied = candidates.filter((c) => lex(vector(c).slice(0, k), best.slice(0, k)) === 0);
          expect(best[k]).toBe(Math.min(...tied.map((c) => vector(c)[k] as number)));
          if (k > 0 && new Set(tied.map((c) => vector(c)[k])).size > 1) decisive += 1;
        });
        // The explanation reports the same ranks, strategy by strategy, in the task's order.
        for (const row of decision.explanation ?? []) {
          if (row.ranks === undefined) continue;
          const instance = instances.find((i) => i.containerInstanceArn === row.containerInstanceArn);
          if (instance !== undefined) expect(row.ranks).toEqual(vector(instance));
        }
        expect(decision.strategies).toEqual(strategy.map((s) => `${s.type}(${s.field ?? ''})`));
      }),
      { numRuns: 300, seed: 6_006 },
    );
    // The property is not vacuous: later strategies often had ties of the earlier ones to break.
    expect(decisive).toBeGreaterThan(50);
  });

  it('[spread AZ, binpack memory]: the emptiest AZ first, then the fullest instance in it (S-006 example)', () => {
    const instances = [
      // AZ a holds one web task; its instance i-0 is also the fullest in the cluster.
      containerInstance(0, { az: AZ_A, tasks: [{ group: 'family:web', memory: 3_000 }] }),
      containerInstance(1, { az: AZ_B, tasks: [{ group: 'family:db', memory: 1_000 }] }),
      containerInstance(2, { az: AZ_B, tasks: [{ group: 'family:db', memory: 2_000 }] }),
      containerInstance(3, { az: AZ_B }),
    ];
    expect(chosenId(decideOn(instances, request({ strategy: [SPREAD_AZ, BINPACK_MEMORY] })))).toBe('i-2');
    // The other order lets binpack decide first: i-0, the fullest.
    expect(chosenId(decideOn(instances, request({ strategy: [BINPACK_MEMORY, SPREAD_AZ] })))).toBe('i-0');
  });

  it('[spread AZ, spread instanceId] fills AZs evenly and instances evenly inside each (S-006 example)', () => {
    const instances = [0, 1, 2, 3, 4, 5].map((n) => containerInstance(n, { az: [AZ_A, AZ_B][n % 2] as string }));
    for (let k = 0; k < 12; k += 1) {
      const chosen = decideOn(instances, request({ strategy: [SPREAD_AZ, SPREAD_INSTANCE] }), k).chosen;
      if (chosen === undefined) throw new Error('not placed');
      chosen.instance.reserve(`t${k}`, chosen.reservation, k);
    }
    expect(instances.map((i) => i.reservations.size)).toEqual([2, 2, 2, 2, 2, 2]);
  });
});
