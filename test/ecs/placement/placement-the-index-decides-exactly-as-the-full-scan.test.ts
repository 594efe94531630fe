import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import type { PlacementConstraint, PlacementStrategy } from '../../../src/ecs/placement/framework.js';
import { place, scanContext } from '../../../src/ecs/placement/place.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import type { TaskNeeds } from '../../../src/ecs/placement/resources.js';
import { PlacementIndex } from '../../../src/ecs/placement/twin-index.js';
import { RandomStream } from '../../../src/engine/index.js';
import { AZ_A, AZ_B, AZ_C, containerInstance, request } from './placement-fixtures.js';

/**
 * The placement index asks each distinct instance state once instead of each instance.
 * It must never change a decision: for any cluster and any history of placements,
 * releases, drains and disconnects, the indexed decision picks the same instance and
 * draws the same random numbers as asking every instance.
 */

const STRATEGIES: readonly (readonly PlacementStrategy[])[] = [
  [],
  [{ type: 'binpack', field: 'memory' }],
  [{ type: 'binpack', field: 'cpu' }],
  [{ type: 'spread', field: 'instanceId' }],
  [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }],
  [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
  [{ type: 'spread', field: 'attribute:rack' }, { type: 'binpack', field: 'cpu' }, { type: 'spread', field: 'host' }],
  [{ type: 'mostGroups' }, { type: 'spread', field: 'instanceId' }],
];

const CONSTRAINTS: readonly (readonly PlacementConstraint[])[] = [
  [],
  [{ type: 'distinctInstance' }],
  [{ type: 'memberOf', expression: 'attribute:rack != r1' }],
  [{ type: 'memberOf', expression: 'not(task:group == service:b)' }],
  [{ type: 'memberOf', expression: 'runningTasksCount < 3' }],
  // A user's plug-ins: one reading every group (the full twin sets), one only the request's own (the slices).
  [{ type: 'fewerThanTwoGroups' }],
  [{ type: 'atMostTwoOfMine' }, { type: 'distinctInstance' }],
];

/** Registered as a user would, with the promises the index relies on. */
function registryWithUserPlugins(): PlacementRegistry {
  const registry = PlacementRegistry.withBuiltins();
  const groupsOn = (i: ContainerInstance): Set<string> => new Set([...i.reservations.values()].map((r) => r.group));
  registry.registerConstraint('fewerThanTwoGroups', {
    args: z.undefined(),
    create: () => ({ name: 'fewerThanTwoGroups', stateOnly: true, filter: (_ctx, _req, i) => (groupsOn(i).size < 2 ? undefined : { reason: 'ATTRIBUTE', detail: 'two groups' }) }),
  });
  registry.registerConstraint('atMostTwoOfMine', {
    args: z.undefined(),
    create: () => ({
      name: 'atMostTwoOfMine',
      stateOnly: true,
      ownGroupOnly: true,
      filter: (_ctx, req, i) => ([...i.reservations.values()].filter((r) => r.group === req.group).length <= 2 ? undefined : { reason: 'ATTRIBUTE', detail: 'three of mine' }),
    }),
  });
  registry.registerStrategy('mostGroups', {
    args: z.undefined(),
    create: () => ({ name: 'mostGroups', stateOnly: true, rank: (_ctx, _req, candidates) => candidates.map((c) => -groupsOn(c.instance).size) }),
  });
  return registry;
}

const GROUPS = ['service:a', 'service:b', 'family:batch', 'service:c', 'service:d'];
const SHAPES = [
  { cpu: 256, memory: 512 },
  { cpu: 512, memory: 256 },
  { cpu: 1024, memory: 1024 },
  { cpu: 128, memory: 128, staticPorts: ['tcp/80'] },
  { cpu: 128, memory: 128, dynamicPorts: ['tcp' as const] },
  { cpu: 128, memory: 128, staticPorts: ['tcp/49153'] },
  { cpu: 64, memory: 64, staticPorts: ['udp/5000'], dynamicPorts: ['tcp' as const, 'udp' as const] },
  { cpu: 256, memory: 256, eni: 1 },
];

type Op =
  | { kind: 'place'; shape: number; group: number; strategy: number; constraints: number }
  | { kind: 'release'; pick: number }
  | { kind: 'status'; instance: number; status: 'ACTIVE' | 'DRAINING' | 'INACTIVE' }
  | { kind: 'agent'; instance: number; connected: boolean }
  | { kind: 'join' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('place' as const), shape: fc.nat(SHAPES.length - 1), group: fc.nat(GROUPS.length - 1), strategy: fc.nat(STRATEGIES.length - 1), constraints: fc.nat(CONSTRAINTS.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), instance: fc.nat(), status: fc.constantFrom('ACTIVE' as const, 'DRAINING' as const, 'INACTIVE' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('agent' as const), instance: fc.nat(), connected: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const) }) },
);

/** Instance `n` of a cluster: one of a few sizes, AZs and racks, so twins are common. */
function member(n: number, size: number): ContainerInstance {
  const azs = [AZ_A, AZ_B, AZ_C];
  return containerInstance(n, { az: azs[n % 3] as string, registered: size === 0 ? {} : { cpu: 4096, memory: 7400, eni: 3 }, attributes: { rack: `r${n % 2}` } });
}

describe('the placement index', () => {
  it('chooses the instance the full scan chooses, decision after decision', () => {
    const registry = registryWithUserPlugins();
    fc.assert(
      fc.property(fc.array(fc.nat(1), { minLength: 1, maxLength: 24 }), fc.array(op, { maxLength: 120 }), fc.integer(), (sizes, ops, seed) => {
        const indexed: ContainerInstance[] = sizes.map((s, n) => member(n, s));
        const scanned: ContainerInstance[] = sizes.map((s, n) => member(n, s));
        const index = new PlacementIndex(indexed);
        const streams = { indexed: new Map<string, RandomStream>(), scanned: new Map<string, RandomStream>() };
        const stream = (side: 'indexed' | 'scanned', group: string): RandomStream => {
          let s = streams[side].get(group);
          if (s === undefined) streams[side].set(group, (s = new RandomStream(seed, `placement/${group}`)));
          return s;
        };
        const held: { instance: number; taskArn: string }[] = [];
        let tasks = 0;
        for (const o of ops) {
          if (o.kind === 'join') {
            const n = indexed.length;
            const size = n % 2;
            indexed.push(member(n, size));
            scanned.push(member(n, size));
          } else if (o.kind === 'status' || o.kind === 'agent') {
            const n = o.instance % indexed.length;
            for (const list of [indexed, scanned]) {
              const i = list[n] as ContainerInstance;
              if (o.kind === 'status') i.status = o.status;
              else i.agentConnected = o.connected;
            }
          } else if (o.kind === 'release') {
            if (held.length === 0) continue;
            const [h] = held.splice(o.pick % held.length, 1);
            if (h === undefined) continue;
            (indexed[h.instance] as ContainerInstance).release(h.taskArn, 0);
            (scanned[h.instance] as ContainerInstance).release(h.taskArn, 0);
          } else {
            const group = GROUPS[o.group] as string;
            const req = request({ needs: SHAPES[o.shape] as Partial<TaskNeeds>, group, strategy: STRATEGIES[o.strategy] as readonly PlacementStrategy[], constraints: CONSTRAINTS[o.constraints] as readonly PlacementConstraint[] });
            const viaIndex = place(registry, index.context('EC2', () => undefined, stream('indexed', group)), req, false, { index, launchType: 'EC2' });
            const viaScan = place(registry, scanContext(scanned, () => undefined, stream('scanned', group)), req);
            expect(viaIndex.status).toBe(viaScan.status);
            const chosen = viaIndex.chosen === undefined ? -1 : indexed.indexOf(viaIndex.chosen.instance);
            expect(chosen).toBe(viaScan.chosen === undefined ? -1 : scanned.indexOf(viaScan.chosen.instance));
            if (viaIndex.chosen === undefined || viaScan.chosen === undefined) continue;
            expect(viaIndex.chosen.reservation).toEqual(viaScan.chosen.reservation);
            expect(viaIndex.chosen.tasksInGroup).toBe(viaScan.chosen.tasksInGroup);
            const taskArn = `task-${(tasks += 1)}`;
            viaIndex.chosen.instance.reserve(taskArn, viaIndex.chosen.reservation, 0);
            viaScan.chosen.instance.reserve(taskArn, viaScan.chosen.reservation, 0);
            held.push({ instance: chosen, taskArn });
          }
        }
        // Both sides drew the same numbers from every stream.
        for (const [group, s] of streams.indexed) expect(s.next()).toBe(stream('scanned', group).next());
      }),
      { numRuns: 300 },
    );
  });

  it('asks a homogeneous cluster once per distinct state, not once per instance', () => {
    const instances = Array.from({ length: 3000 }, (_, n) => member(n, 0));
    const index = new PlacementIndex(instances);
    expect(index.size).toBe(3 * 2); // 3 AZs x 2 racks, all empty
    const registry = PlacementRegistry.withBuiltins();
    const rng = new RandomStream(1, 'placement/service:a');
    let asked = 0;
    registry.registerConstraint('counting', {
      args: z.undefined(),
      create: () => ({ name: 'counting', stateOnly: true, filter: () => ((asked += 1), undefined) }),
    });
    const req = request({ group: 'service:a', strategy: [{ type: 'binpack', field: 'memory' }], constraints: [{ type: 'counting' }] });
    for (let k = 0; k < 100; k += 1) {
      const d = place(registry, index.context('EC2', () => undefined, rng), req, false, { index, launchType: 'EC2' });
      d.chosen?.instance.reserve(`t${k}`, d.chosen.reservation, 0);
    }
    // 100 decisions over 3,000 instances: a scan would ask 300,000 times.
    expect(asked).toBeLessThan(100 * 40);
  });
});
