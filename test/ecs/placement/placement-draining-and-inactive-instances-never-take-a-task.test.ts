import { describe, expect, it } from 'vitest';
import { BINPACK_MEMORY, chosenId, containerInstance, decideOn, request, SPREAD_INSTANCE, RANDOM } from './placement-fixtures.js';

/**
 * ecs-facts T-079, S-036: nothing is placed on a DRAINING instance; an INACTIVE
 * (deregistered) one is gone for ECS (T-073). Only ACTIVE instances take tasks, however
 * much a strategy would like the others.
 */
describe('instances that are not ACTIVE', () => {
  for (const status of ['DRAINING', 'INACTIVE', 'REGISTERING', 'DEREGISTERING'] as const) {
    it(`a ${status} instance is never chosen, even as every strategy's favourite`, () => {
      // i-0 has the least memory left (binpack's pick) and no task of the group (spread's pick).
      const other = containerInstance(0, { status, registered: { memory: 1_000 } });
      const busy = containerInstance(1, { tasks: [{ group: 'family:web' }, { group: 'family:web' }] });
      for (const strategy of [[BINPACK_MEMORY], [SPREAD_INSTANCE], [RANDOM], []]) {
        for (let seed = 0; seed < 20; seed += 1) {
          expect(chosenId(decideOn([other, busy], request({ strategy }), seed))).toBe('i-1');
        }
      }
    });
  }

  it('a cluster of DRAINING and INACTIVE instances places nothing, and lists no failure for them', () => {
    // ecs-sim skips instances that are not ACTIVE before any filter: they get no T-075
    // failure entry (T-075 has no code for DRAINING) and cannot be the closest match.
    const decision = decideOn([containerInstance(0, { status: 'DRAINING' }), containerInstance(1, { status: 'INACTIVE' })], request({ strategy: [BINPACK_MEMORY] }));
    expect(decision.status).toBe('Unplaceable');
    expect(decision.failures).toEqual([]);
    expect(decision.closest).toBeUndefined();
  });

  it('explain says why a DRAINING instance was passed over', () => {
    const decision = decideOn([containerInstance(0, { status: 'DRAINING' }), containerInstance(1)], request(), 1, true);
    expect(decision.explanation?.[0]).toMatchObject({ ec2InstanceId: 'i-0', rejectedBy: 'status', reason: 'DRAINING' });
  });
});
