import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import { place } from '../../../src/ecs/placement/place.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import { PlacementIndex } from '../../../src/ecs/placement/twin-index.js';
import { RandomStream } from '../../../src/engine/index.js';
import { AZ_A, AZ_B, AZ_C, containerInstance, request } from './placement-fixtures.js';

/**
 * With plug-ins that read no task group but the request's own, the index files instances
 * by shape (everything but the groups) and, per group, which instances hold its tasks. A
 * decision for group g then sees each shape split by how many of g's tasks its members
 * hold: as many slices as shapes and counts, however many other services share the
 * instances. The slices must hold exactly the instances a listing of every instance
 * would put together, in cluster order.
 */

const GROUPS = ['service:a', 'service:b', 'service:c', 'family:batch'];

function member(n: number): ContainerInstance {
  const azs = [AZ_A, AZ_B, AZ_C];
  return containerInstance(n, { az: azs[n % 3] as string, registered: { cpu: 4096, memory: 8192, eni: 3 } });
}

type Op = { kind: 'reserve'; instance: number; group: number; cpu: number } | { kind: 'release'; pick: number } | { kind: 'status'; instance: number; status: 'ACTIVE' | 'DRAINING' } | { kind: 'join' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('reserve' as const), instance: fc.nat(), group: fc.nat(GROUPS.length - 1), cpu: fc.constantFrom(128, 256) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), instance: fc.nat(), status: fc.constantFrom('ACTIVE' as const, 'DRAINING' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const) }) },
);

describe('the placement index, by shape and tasks of the group', () => {
  it('puts together exactly the instances of one shape holding the same number of the group, in cluster order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(op, { maxLength: 150 }), (size, ops) => {
        const instances = Array.from({ length: size }, (_, n) => member(n));
        const index = new PlacementIndex(instances);
        const held: { instance: number; taskArn: string }[] = [];
        let tasks = 0;
        const check = (): void => {
          for (const group of GROUPS) {
            // What listing every instance gives: ordinals by shape and count of the group.
            const expected = new Map<string, number[]>();
            instances.forEach((i, n) => {
              const count = [...i.reservations.values()].filter((r) => r.group === group).length;
              const key = `${i.shapeKey()}#${count}`;
              expected.set(key, [...(expected.get(key) ?? []), n]);
            });
            const slices = index.slices(group);
            expect(slices.length).toBe(expected.size);
            for (const slice of slices) {
              const members = Array.from({ length: slice.size }, (_, k) => slice.kth(k));
              expect(members).toEqual(expected.get(`${slice.shape.key}#${slice.count}`));
              expect(slice.first).toBe(members[0]);
              for (let x = -1; x <= instances.length; x += 1) expect(slice.countAtMost(x)).toBe(members.filter((m) => m <= x).length);
            }
            // Any union of slices: the k-th in cluster order.
            const union = slices.filter((_, i) => i % 2 === 0);
            const all = union.flatMap((s) => Array.from({ length: s.size }, (_, k) => s.kth(k))).sort((a, b) => a - b);
            all.forEach((ordinal, k) => expect(index.kthOrdinal(union, k)).toBe(ordinal));
          }
        };
        for (const o of ops) {
          if (o.kind === 'join') instances.push(member(instances.length));
          else if (o.kind === 'status') (instances[o.instance % instances.length] as ContainerInstance).status = o.status;
          else if (o.kind === 'release') {
            const [h] = held.splice(o.pick % Math.max(1, held.length), 1);
            if (h !== undefined) (instances[h.instance] as ContainerInstance).release(h.taskArn, 0);
          } else {
            const n = o.instance % instances.length;
            const taskArn = `task-${(tasks += 1)}`;
            (instances[n] as ContainerInstance).reserve(taskArn, { cpu: o.cpu, memory: 256, eni: 0, ports: [], group: GROUPS[o.group] as string }, 0);
            held.push({ instance: n, taskArn });
          }
          if (tasks % 7 === 0) check();
        }
        check();
      }),
      { numRuns: 200 },
    );
  });

  it('asks a cluster where every instance runs a different service once per shape and count, not once per instance', () => {
    const instances = Array.from({ length: 3000 }, (_, n) => member(n));
    // Each instance runs one task of a service of its own: 3,000 distinct states by group.
    instances.forEach((i, n) => i.reserve(`other-${n}`, { cpu: 256, memory: 512, eni: 0, ports: [], group: `service:other-${n}` }, 0));
    const index = new PlacementIndex(instances);
    expect(index.size).toBe(3); // one shape per AZ
    const registry = PlacementRegistry.withBuiltins();
    let asked = 0;
    registry.registerConstraint('counting', {
      args: z.undefined(),
      create: () => ({ name: 'counting', stateOnly: true, ownGroupOnly: true, filter: () => ((asked += 1), undefined) }),
    });
    const rng = new RandomStream(1, 'placement/service:a');
    const req = request({ group: 'service:a', strategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }], constraints: [{ type: 'counting' }] });
    const perAz = new Map<string, number>();
    for (let k = 0; k < 300; k += 1) {
      const d = place(registry, index.context('EC2', () => undefined, rng), req, false, { index, launchType: 'EC2' });
      const chosen = d.chosen;
      if (chosen === undefined) throw new Error(`no placement: ${d.status}`);
      chosen.instance.reserve(`t${k}`, chosen.reservation, 0);
      perAz.set(chosen.instance.availabilityZone, (perAz.get(chosen.instance.availabilityZone) ?? 0) + 1);
    }
    // Spread by AZ, then one task per instance: 100 in each AZ.
    expect([...perAz.values()]).toEqual([100, 100, 100]);
    // 300 decisions over 3,000 instances: a scan (or the full twin sets) would ask 900,000 times.
    expect(asked).toBeLessThan(300 * 10);
    expect([...index.sets()].length).toBe(3000);
  });
});
