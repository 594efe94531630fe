import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StrategyPlugin } from '../../../src/ecs/placement/framework.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import { InputError } from '../../../src/issues/index.js';
import { writeFiles } from '../model/support.js';

/**
 * STYLE §5: a user registers a strategy by name with its own zod schema, and scenarios name
 * it like ECS's own (ecs-facts S-003 shape: `{type, field}`). `cheapestFirst` ranks by a
 * custom instance attribute (S-020: custom attributes), here `price`.
 */
const cheapestFirst = {
  args: z.string({ error: 'cheapestFirst takes field: the name of a numeric attribute' }).regex(/^[a-z]+$/, { error: 'cheapestFirst takes field: the name of a numeric attribute' }),
  create: (attribute: string): StrategyPlugin => ({
    name: `cheapestFirst(${attribute})`,
    rank: (_ctx, _request, candidates) => candidates.map((c) => Number(c.instance.attributes[attribute] ?? Number.MAX_SAFE_INTEGER)),
  }),
};

function registry(): PlacementRegistry {
  const r = PlacementRegistry.withBuiltins();
  r.registerStrategy('cheapestFirst', cheapestFirst);
  return r;
}

const scenario = (field: string) => `
name: cheapest first
seed: 3
until: 8m
ecs:
  instances:
    - { name: dear, count: 2, instanceType: m5.large, availabilityZones: [us-east-1a], attributes: { price: "0.096" } }
    - { name: cheap, count: 2, instanceType: m5.large, availabilityZones: [us-east-1b], attributes: { price: "0.035" } }
    - { name: mid, count: 2, instanceType: m5.large, availabilityZones: [us-east-1c], attributes: { price: "0.050" } }
  taskDefinitions:
    - definition:
        family: worker
        containerDefinitions: [{ name: app, image: "worker:1", cpu: 512, memoryReservation: 512 }]
timeline:
  # At 5m every instance has registered (boot p99 2 min plus registration).
  - at: 5m
    runTask:
      taskDefinition: worker
      count: 10
      label: batch
      placementStrategy: [{ type: cheapestFirst, field: ${field} }, { type: spread, field: instanceId }]
`;

function load(yaml: string) {
  const dir = writeFiles({ 'scenario.yaml': yaml });
  return { dir, scenario: loadScenarioFile(join(dir, 'scenario.yaml')) };
}

function refusedWith(yaml: string, placementRegistry?: PlacementRegistry): string {
  const { dir, scenario: s } = load(yaml);
  try {
    runScenario(s, placementRegistry === undefined ? {} : { placementRegistry });
  } catch (error) {
    if (error instanceof InputError) return error.message.split(dir).join('<dir>');
    throw error;
  }
  throw new Error('expected a InputError');
}

describe('a user placement strategy', () => {
  it('registered as cheapestFirst, places a scenario\'s tasks on the cheapest instances, then spreads them there', () => {
    const { result } = runScenario(load(scenario('price')).scenario, { placementRegistry: registry() });
    const refs = (result.ecs?.tasksByLabel['batch'] ?? []).map((t) => t.instanceRef);
    expect(refs).toHaveLength(10);
    // m5.large: 2048 CPU units, so 4 tasks of 512 per instance; the two cheap ones take 8, then mid.
    const count = (ref: string) => refs.filter((r) => r === ref).length;
    expect([count('cheap/0'), count('cheap/1'), count('mid/0') + count('mid/1'), count('dear/0') + count('dear/1')]).toEqual([4, 4, 2, 0]);
    expect(result.ecs?.invariantViolations).toEqual([]);
  });

  it('is unknown without the registry: the scenario is refused before running', () => {
    expect(refusedWith(scenario('price'))).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:21:35  timeline[0].runTask.placementStrategy[0].type: unknown placement strategy type "cheapestFirst"; known: binpack, random, spread"`);
  });

  it('checks its own field with its own schema, reported at the field', () => {
    expect(refusedWith(scenario('"Price per hour"'), registry())).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:21:57  timeline[0].runTask.placementStrategy[0].field: cheapestFirst takes field: the name of a numeric attribute"`);
  });
});
