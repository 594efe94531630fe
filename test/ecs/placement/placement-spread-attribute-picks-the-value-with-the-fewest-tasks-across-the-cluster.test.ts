import { describe, expect, it } from 'vitest';
import { AZ_A, AZ_B, AZ_C, chosenId, containerInstance, decideOn, request, SPREAD_AZ } from './placement-fixtures.js';

/**
 * ecs-facts S-003: spread on `attribute:ecs.availability-zone` (or any attribute) balances
 * the group's tasks across the attribute's values; S-014: counted per group; S-009 shows
 * the count is per AZ across the cluster (A=1, B=0, C=0 ⇒ B or C), so tasks on instances
 * that cannot take this task still count for their AZ.
 */
describe('spread(attribute:ecs.availability-zone)', () => {
  it('picks an instance in the AZ with the fewest tasks of the group, counting instances that are full', () => {
    const instances = [
      // AZ a: two web tasks on a full instance, and an empty instance.
      containerInstance(0, { az: AZ_A, registered: { cpu: 512 }, tasks: [{ group: 'family:web', cpu: 256 }, { group: 'family:web', cpu: 256 }] }),
      containerInstance(1, { az: AZ_A }),
      // AZ b: one web task.
      containerInstance(2, { az: AZ_B, tasks: [{ group: 'family:web' }] }),
    ];
    // Counting only candidates would see i-1 with 0 and pick it; AZ a holds 2, AZ b only 1.
    for (let seed = 0; seed < 10; seed += 1) expect(chosenId(decideOn(instances, request({ strategy: [SPREAD_AZ] }), seed))).toBe('i-2');
  });

  it("counts only the task's group (S-014)", () => {
    const instances = [containerInstance(0, { az: AZ_A, tasks: [{ group: 'family:db' }, { group: 'family:db' }, { group: 'family:db' }] }), containerInstance(1, { az: AZ_B, tasks: [{ group: 'family:web' }] })];
    expect(chosenId(decideOn(instances, request({ strategy: [SPREAD_AZ] })))).toBe('i-0');
  });

  it('the S-009 example: A=1, B=0, C=0 puts the next task in B or C, and both get chosen over seeds', () => {
    const cluster = () => [containerInstance(0, { az: AZ_A, tasks: [{ group: 'family:web' }] }), containerInstance(1, { az: AZ_B }), containerInstance(2, { az: AZ_C })];
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed += 1) seen.add(chosenId(decideOn(cluster(), request({ strategy: [SPREAD_AZ] }), seed)));
    expect([...seen].sort()).toEqual(['i-1', 'i-2']);
  });

  it('spreads over any attribute, e.g. a custom rack attribute', () => {
    const instances = [
      containerInstance(0, { attributes: { rack: 'r1' }, tasks: [{ group: 'family:web' }] }),
      containerInstance(1, { attributes: { rack: 'r1' } }),
      containerInstance(2, { attributes: { rack: 'r2' } }),
    ];
    expect(chosenId(decideOn(instances, request({ strategy: [{ type: 'spread', field: 'attribute:rack' }] })))).toBe('i-2');
  });

  it('nine tasks one after another on three AZs of unequal size end three per AZ', () => {
    const instances = [containerInstance(0, { az: AZ_A }), containerInstance(1, { az: AZ_B }), containerInstance(2, { az: AZ_B }), containerInstance(3, { az: AZ_C }), containerInstance(4, { az: AZ_C }), containerInstance(5, { az: AZ_C })];
    for (let k = 0; k < 9; k += 1) {
      const chosen = decideOn(instances, request({ strategy: [SPREAD_AZ] }), k).chosen;
      if (chosen === undefined) throw new Error('not placed');
      chosen.instance.reserve(`t${k}`, chosen.reservation, k);
    }
    const perAz = (az: string) => instances.filter((i) => i.availabilityZone === az).reduce((n, i) => n + i.reservations.size, 0);
    expect([perAz(AZ_A), perAz(AZ_B), perAz(AZ_C)]).toEqual([3, 3, 3]);
  });
});
