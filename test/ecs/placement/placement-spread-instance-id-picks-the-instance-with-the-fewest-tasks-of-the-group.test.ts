import { describe, expect, it } from 'vitest';
import { chosenId, containerInstance, decideOn, request, SPREAD_HOST, SPREAD_INSTANCE } from './placement-fixtures.js';

/**
 * ecs-facts S-003: spread on `instanceId` (or `host`, the same) balances tasks across
 * instances; S-014: it balances a service's tasks per service and standalone tasks per
 * task group, so only the task's own group counts.
 */
describe('spread(instanceId)', () => {
  const cluster = () => [
    containerInstance(0, { tasks: [{ group: 'family:web' }, { group: 'family:web' }] }),
    // Four tasks, but of other groups: for family:web it is the emptiest.
    containerInstance(1, { tasks: [{ group: 'family:db' }, { group: 'family:db' }, { group: 'family:batch' }, { group: 'service:api' }] }),
    containerInstance(2, { tasks: [{ group: 'family:web' }] }),
  ];

  it("picks the instance with the fewest tasks of the task's group, ignoring other groups", () => {
    for (let seed = 0; seed < 10; seed += 1) expect(chosenId(decideOn(cluster(), request({ strategy: [SPREAD_INSTANCE] }), seed))).toBe('i-1');
  });

  it('host is the same as instanceId (S-003)', () => {
    expect(chosenId(decideOn(cluster(), request({ strategy: [SPREAD_HOST] })))).toBe('i-1');
  });

  it('for another group the same cluster looks different', () => {
    // family:db has 2 on i-1 and none on i-0 or i-2: one of those two.
    for (let seed = 0; seed < 10; seed += 1) expect(['i-0', 'i-2']).toContain(chosenId(decideOn(cluster(), request({ group: 'family:db', strategy: [SPREAD_INSTANCE] }), seed)));
  });

  it('n tasks placed one after another on n empty instances land one per instance', () => {
    const instances = [0, 1, 2, 3, 4].map((n) => containerInstance(n));
    for (let k = 0; k < 5; k += 1) {
      const chosen = decideOn(instances, request({ strategy: [SPREAD_INSTANCE] }), k).chosen;
      if (chosen === undefined) throw new Error('not placed');
      chosen.instance.reserve(`t${k}`, chosen.reservation, k);
    }
    expect(instances.map((i) => i.reservations.size)).toEqual([1, 1, 1, 1, 1]);
  });
});
