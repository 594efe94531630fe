import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import { writeFiles } from '../model/support.js';

/**
 * ecs-facts T-109: RunTask with no placement strategy places tasks "randomly across your
 * cluster" (S-008 marks the default unverified; ecs-sim follows the RunTask API text).
 * Random is neither binpack (all on one instance) nor spread (an even split): over seeds,
 * tasks reach every instance of a uniform cluster, in uneven splits.
 */
const yaml = (seed: number) => `
name: runtask default placement
seed: ${seed}
until: 6m
ecs:
  instances:
    - { name: pool, count: 4, instanceType: c5.large, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: job
        containerDefinitions: [{ name: app, image: "job:1", cpu: 64, memoryReservation: 64 }]
timeline:
  # At 5m every instance has registered (boot p99 2 min plus registration).
  - { at: 5m, runTask: { taskDefinition: job, count: 8, label: jobs } }
`;

const dir = writeFiles(Object.fromEntries(Array.from({ length: 25 }, (_, seed) => [`s${seed}.yaml`, yaml(seed)])));
const run = (seed: number, explainPlacement = false) => runScenario(loadScenarioFile(join(dir, `s${seed}.yaml`)), { explainPlacement }).result;

describe('RunTask with no placement strategy (T-109)', () => {
  it('places at random: every instance gets tasks over seeds, in splits that are neither packed nor even', () => {
    const firstOn = new Set<string>();
    const splits: string[] = [];
    for (let seed = 0; seed < 25; seed += 1) {
      const refs = (run(seed).ecs?.tasksByLabel['jobs'] ?? []).map((t) => t.instanceRef ?? 'none');
      expect(refs).toHaveLength(8);
      firstOn.add(refs[0] ?? 'none');
      splits.push(['pool/0', 'pool/1', 'pool/2', 'pool/3'].map((ref) => refs.filter((r) => r === ref).length).join('-'));
    }
    expect([...firstOn].sort()).toEqual(['pool/0', 'pool/1', 'pool/2', 'pool/3']);
    // binpack would give 8-0-0-0 (in some order) every time; spread 2-2-2-2 every time.
    expect(splits.some((s) => s !== '2-2-2-2' && !s.split('-').includes('8'))).toBe(true);
    expect(new Set(splits).size).toBeGreaterThan(10);
  });

  it('records the strategy it used as random', () => {
    const placements = run(0, true).ecs?.placements ?? [];
    expect(placements).toHaveLength(8);
    expect(placements.every((p) => p.strategies.length === 1 && p.strategies[0] === 'random')).toBe(true);
  });
});
