import { describe, expect, it } from 'vitest';
import { place } from '../../../src/ecs/placement/place.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import { RandomStream, RandomStreams } from '../../../src/engine/index.js';
import { runYaml } from '../model/support.js';
import { BINPACK_MEMORY, chosenId, containerInstance, context, decideOn, request, SPREAD_INSTANCE } from './placement-fixtures.js';

/**
 * STYLE §5: after the strategies, the last tie goes to a named stream, `placement/<group>`
 * (the control plane names it so). STYLE §8, stream independence: the same seed gives the
 * same choice, and draws on other streams — other groups' placements, task ids — never
 * change it.
 */
const tiedCluster = () => [0, 1, 2, 3, 4, 5].map((n) => containerInstance(n));

describe('the last tie', () => {
  it('goes to the same instance for the same seed', () => {
    for (let seed = 0; seed < 20; seed += 1) {
      expect(chosenId(decideOn(tiedCluster(), request({ strategy: [BINPACK_MEMORY] }), seed))).toBe(chosenId(decideOn(tiedCluster(), request({ strategy: [BINPACK_MEMORY] }), seed)));
    }
  });

  it('is drawn, not the first candidate: over seeds every tied instance is chosen', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 60; seed += 1) seen.add(chosenId(decideOn(tiedCluster(), request({ strategy: [SPREAD_INSTANCE] }), seed)));
    expect([...seen].sort()).toEqual(['i-0', 'i-1', 'i-2', 'i-3', 'i-4', 'i-5']);
  });

  it('is drawn from placement/<group> alone: draws on other streams, in any order, change nothing', () => {
    const registry = PlacementRegistry.withBuiltins();
    const req = request({ strategy: [BINPACK_MEMORY] });
    for (let seed = 0; seed < 20; seed += 1) {
      const alone = place(registry, context(tiedCluster(), req.group, seed, new RandomStream(seed, 'placement/family:web')), req);
      const streams = new RandomStreams(seed);
      for (const name of ['ecs/ids', 'placement/family:db', 'ecs/instance/pool/0']) for (let k = 0; k <= seed % 7; k += 1) streams.get(name).next();
      const busy = place(registry, context(tiedCluster(), req.group, seed, streams.get('placement/family:web')), req);
      expect(chosenId(busy)).toBe(chosenId(alone));
    }
  });

  it("in a run, another group's placements before ours leave our instances unchanged", () => {
    // spread on ecs.os-type ties every instance for every task (all linux), so each choice
    // is the tie-break alone; the other group's tiny tasks change no candidate.
    const yaml = (withOther: boolean, seed: number) => `
name: last tie
seed: ${seed}
until: 3m
ecs:
  instances:
    - name: pool
      count: 6
      instanceType: c5.large
      availabilityZones: [us-east-1a, us-east-1b, us-east-1c]
  taskDefinitions:
    - definition:
        family: web
        containerDefinitions: [{ name: app, image: "web:1", memoryReservation: 16 }]
    - definition:
        family: other
        containerDefinitions: [{ name: app, image: "other:1", memoryReservation: 16 }]
timeline:
${withOther ? '  - { at: 1m, runTask: { taskDefinition: other, count: 7, label: other, placementStrategy: [{ type: random }] } }\n' : ''}  - { at: 2m, runTask: { taskDefinition: web, count: 10, label: web, placementStrategy: [{ type: spread, field: "attribute:ecs.os-type" }] } }
`;
    const refs = (withOther: boolean, seed: number) => (runYaml(yaml(withOther, seed)).ecs?.tasksByLabel['web'] ?? []).map((t) => t.instanceRef);
    const alone = refs(false, 11);
    expect(alone).toHaveLength(10);
    expect(refs(false, 11)).toEqual(alone);
    expect(refs(true, 11)).toEqual(alone);
    // ...and it is the seed that decides: another seed gives another sequence.
    expect(refs(false, 12)).not.toEqual(alone);
  });
});
