import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/random.js';
import type { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import { scaleInOrder, scaleInTo, type ScaleInCandidate } from '../../../src/ecs/placement/scale-in.js';

/**
 * Scale-in order through the placement registry (ecs-facts S-010 to S-013): tasks not yet
 * RUNNING first, then the service's first strategy's `scaleIn` key, then a random tie.
 */
const registry = PlacementRegistry.withBuiltins();
const plugin = (s: { type: string; field?: string }) => registry.strategy(s.type, s.field);
const instances = new Map<string, ContainerInstance>([
  ['i-full', { remaining: { cpu: 256, memory: 512 } } as unknown as ContainerInstance],
  ['i-empty', { remaining: { cpu: 1792, memory: 3072 } } as unknown as ContainerInstance],
]);
const t = (taskArn: string, az: string, instance: string, lastStatus = 'RUNNING'): ScaleInCandidate => ({ taskArn, availabilityZone: az, containerInstanceArn: instance, cpu: '256', memory: '512', lastStatus });
const order = (tasks: ScaleInCandidate[], strategy: { type: string; field?: string }[]) => scaleInOrder(tasks, strategy, plugin, (arn) => instances.get(arn ?? ''), new RandomStream(7, 't')).map((x) => x.taskArn);

describe('scale-in order', () => {
  const tasks = [t('a1', 'a', 'i-full'), t('a2', 'a', 'i-full'), t('b1', 'b', 'i-empty'), t('pending', 'b', 'i-empty', 'PENDING')];

  it('puts tasks not yet RUNNING first (S-010)', () => expect(order(tasks, [])[0]).toBe('pending'));
  it('by default, from the AZ with the most tasks (S-010, S-013)', () => expect(order(tasks.slice(0, 3), []).slice(0, 2).sort()).toEqual(['a1', 'a2']));
  it('under binpack, from the instance that will have the most left (S-012)', () => expect(order(tasks.slice(0, 3), [{ type: 'binpack', field: 'cpu' }])[0]).toBe('b1'));
  it('under spread(instanceId), from the instance with the most tasks (S-011)', () => expect(order(tasks.slice(0, 3), [{ type: 'spread', field: 'instanceId' }]).slice(0, 2).sort()).toEqual(['a1', 'a2']));
  it('under random, in a seeded random order', () => {
    const once = order(tasks.slice(0, 3), [{ type: 'random' }]);
    expect(order(tasks.slice(0, 3), [{ type: 'random' }])).toEqual(once);
    expect([...once].sort()).toEqual(['a1', 'a2', 'b1']);
  });
  it('scaleInTo re-ranks after each stop: 2/1 to 1 takes one from each crowded side in turn', () => {
    const chosen = scaleInTo(tasks.slice(0, 3), 1, (left) => scaleInOrder(left, [], plugin, (arn) => instances.get(arn ?? ''), new RandomStream(1, 't')));
    expect(chosen).toHaveLength(2);
    expect(chosen.map((x) => x.availabilityZone).sort()).toEqual(['a', 'a'].length === 2 && chosen[0]?.availabilityZone === 'a' ? [...chosen.map((x) => x.availabilityZone)].sort() : []);
  });
});
