import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseCapacityProvider } from '../../../src/ecs/capacity/capacity-providers.js';
import type { CapacityProviderStrategyItem } from '../../../src/ecs/config.js';

// ecs-facts A-028: base first (on the one provider that has it), then the weights'
// proportions; weights 1 and 4 put 1 task on A for every 4 on B; weight 0 gets no tasks.
function place(strategy: readonly CapacityProviderStrategyItem[], n: number): string[] {
  const running = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const p = chooseCapacityProvider(strategy, running);
    if (p === undefined) break;
    out.push(p);
    running.set(p, (running.get(p) ?? 0) + 1);
  }
  return out;
}

const count = (list: readonly string[], name: string): number => list.filter((x) => x === name).length;

describe('capacity provider choice by base and weight (A-028)', () => {
  it('with base 1 on A and weights 1:4, 11 tasks give A 1 + 2 and B 8', () => {
    const strategy = [
      { capacityProvider: 'A', base: 1, weight: 1 },
      { capacityProvider: 'B', base: 0, weight: 4 },
    ];
    const placed = place(strategy, 11);
    expect(placed[0]).toBe('A');
    expect({ A: count(placed, 'A'), B: count(placed, 'B') }).toEqual({ A: 3, B: 8 });
    // After the base, every run of 5 tasks holds 1 on A and 4 on B.
    const rest = placed.slice(1);
    expect(count(rest.slice(0, 5), 'A')).toBe(1);
    expect(count(rest.slice(5, 10), 'A')).toBe(1);
  });

  it('gives a provider with weight 0 nothing beyond its base', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', base: 2, weight: 0 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 1 },
    ];
    const placed = place(strategy, 20);
    expect(count(placed, 'FARGATE')).toBe(2);
    expect(count(placed, 'FARGATE_SPOT')).toBe(18);
    expect(place([{ capacityProvider: 'X', base: 0, weight: 0 }], 3)).toEqual([]);
  });

  it('refills the base first when a base task is gone', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', base: 2, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 },
    ];
    expect(chooseCapacityProvider(strategy, new Map([['FARGATE', 1], ['FARGATE_SPOT', 9]]))).toBe('FARGATE');
    // Beyond the base, FARGATE has 1 and FARGATE_SPOT 2: Spot is the one below its 3-in-4 share.
    expect(chooseCapacityProvider(strategy, new Map([['FARGATE', 3], ['FARGATE_SPOT', 2]]))).toBe('FARGATE_SPOT');
    expect(chooseCapacityProvider(strategy, new Map([['FARGATE', 2], ['FARGATE_SPOT', 3]]))).toBe('FARGATE');
  });

  it('keeps every weighted provider within one task of its share beyond the base', () => {
    const item = fc.record({ weight: fc.integer({ min: 0, max: 20 }), base: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 120 }), (items, baseAt, n) => {
        const strategy = items.map((x, i) => ({ capacityProvider: `p${i}`, weight: x.weight, base: i === baseAt % items.length ? x.base : 0 }));
        const totalWeight = strategy.reduce((s, x) => s + x.weight, 0);
        const placed = place(strategy, n);
        if (totalWeight === 0) {
          const based = strategy.find((x) => x.base > 0);
          expect(placed.length).toBe(Math.min(n, based?.base ?? 0));
          return;
        }
        expect(placed.length).toBe(n);
        const based = strategy.find((x) => x.base > 0);
        const baseTasks = Math.min(n, based?.base ?? 0);
        const beyond = n - baseTasks;
        for (const x of strategy) {
          const own = count(placed, x.capacityProvider) - (x === based ? baseTasks : 0);
          const share = (beyond * x.weight) / totalWeight;
          expect(Math.abs(own - share)).toBeLessThan(1);
        }
      }),
    );
  });
});
