import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BINPACK_CPU, BINPACK_MEMORY, chosenId, containerInstance, decideOn, request } from './placement-fixtures.js';

/**
 * ecs-facts S-004: binpack puts the task on the candidate with the least remaining amount
 * of the field's resource that still fits — "least remaining memory" for binpack(memory),
 * CPU units for binpack(cpu) (S-003).
 */
describe('binpack', () => {
  it('binpack(memory) picks the instance with the least memory left after placement', () => {
    const instances = [
      containerInstance(0, { tasks: [{ group: 'family:other', memory: 1_000 }] }), // 2700 left
      containerInstance(1, { tasks: [{ group: 'family:other', memory: 3_000 }] }), // 700 left: the pick
      containerInstance(2, { tasks: [{ group: 'family:other', memory: 3_500 }] }), // 200 left: too little
      containerInstance(3), // 3700 left
    ];
    const decision = decideOn(instances, request({ needs: { memory: 512 }, strategy: [BINPACK_MEMORY] }));
    expect(chosenId(decision)).toBe('i-1');
  });

  it('binpack(cpu) picks the instance with the fewest CPU units left, whatever the memory', () => {
    const instances = [
      containerInstance(0, { tasks: [{ group: 'family:other', cpu: 1_536, memory: 0 }] }), // 512 CPU, 3700 MiB left
      containerInstance(1, { tasks: [{ group: 'family:other', cpu: 512, memory: 3_000 }] }), // 1536 CPU, 700 MiB left
    ];
    expect(chosenId(decideOn(instances, request({ needs: { cpu: 256 }, strategy: [BINPACK_CPU] })))).toBe('i-0');
    // binpack(memory) on the same cluster chooses the other one: the field matters.
    expect(chosenId(decideOn(instances, request({ needs: { cpu: 256 }, strategy: [BINPACK_MEMORY] })))).toBe('i-1');
  });

  it('fills one instance before starting the next, for any sequence of task sizes', () => {
    fc.assert(
      fc.property(fc.constantFrom<'cpu' | 'memory'>('cpu', 'memory'), fc.array(fc.integer({ min: 1, max: 3_000 }), { minLength: 1, maxLength: 30 }), fc.nat(), (field, sizes, seed) => {
        const instances = [0, 1, 2, 3].map((n) => containerInstance(n, { registered: { cpu: 4_096, memory: 4_096 } }));
        sizes.forEach((size, k) => {
          const req = request({ needs: { cpu: field === 'cpu' ? size : 0, memory: field === 'memory' ? size : 0 }, strategy: [field === 'cpu' ? BINPACK_CPU : BINPACK_MEMORY] });
          const fits = instances.filter((i) => i.remaining[field] >= size);
          const decision = decideOn(instances, req, `${seed}-${k}`);
          if (fits.length === 0) {
            expect(decision.status).toBe('Unplaceable');
            return;
          }
          // S-004: the least remaining that still fits, i.e. least remaining after placement.
          const least = Math.min(...fits.map((i) => i.remaining[field] - size));
          const chosen = decision.chosen;
          expect(chosen).toBeDefined();
          if (chosen === undefined) return;
          expect(chosen.instance.remaining[field] - size).toBe(least);
          chosen.instance.reserve(`t${k}`, chosen.reservation, k);
        });
      }),
      { numRuns: 200, seed: 4_004 },
    );
  });
});
