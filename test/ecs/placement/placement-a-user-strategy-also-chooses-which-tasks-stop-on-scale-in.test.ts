import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StrategyPlugin } from '../../../src/ecs/placement/framework.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import { writeFiles } from '../model/support.js';

/**
 * STYLE §5, ecs-facts S-010 to S-013: a strategy also chooses which tasks stop on scale-in.
 * A user's `evenThenDearFirst` places like spread(instanceId) and, on scale-in, stops the
 * tasks on the dearest instances first (by a custom `price` attribute, S-020). The same
 * strategy without `scaleIn` falls back to ECS's default (S-010: the most crowded AZ first).
 */
function strategy(withScaleIn: boolean): StrategyPlugin {
  return {
    name: 'evenThenDearFirst',
    rank: (_ctx, _request, candidates) => candidates.map((c) => c.tasksInGroup),
    ...(withScaleIn ? { scaleIn: (ctx, task) => [-Number(ctx.instanceOf(task)?.attributes['price'] ?? 0)] } : {}),
  };
}

function registry(withScaleIn: boolean): PlacementRegistry {
  const r = PlacementRegistry.withBuiltins();
  r.registerStrategy('evenThenDearFirst', { args: z.undefined(), create: () => strategy(withScaleIn) });
  return r;
}

const SCENARIO = `
name: dear first on scale-in
seed: 5
until: 15m
ecs:
  instances:
    - { name: dear, count: 1, instanceType: m5.large, availabilityZones: [us-east-1a], attributes: { price: "0.096" } }
    - { name: cheap, count: 1, instanceType: m5.large, availabilityZones: [us-east-1b], attributes: { price: "0.035" } }
    - { name: mid, count: 1, instanceType: m5.large, availabilityZones: [us-east-1c], attributes: { price: "0.050" } }
  taskDefinitions:
    - definition:
        family: worker
        containerDefinitions: [{ name: app, image: "worker:1", cpu: 256, memoryReservation: 256 }]
timeline:
  # At 5m every instance has registered (boot p99 2 min plus registration).
  - at: 5m
    createService:
      serviceName: worker
      taskDefinition: worker
      desiredCount: 6
      availabilityZoneRebalancing: DISABLED
      placementStrategy: [{ type: evenThenDearFirst }]
  - { at: 10m, updateService: { service: worker, desiredCount: 2 } }
`;

function runningPerInstance(withScaleIn: boolean): Record<string, number> {
  const dir = writeFiles({ 'scenario.yaml': SCENARIO });
  const { result } = runScenario(loadScenarioFile(join(dir, 'scenario.yaml')), { placementRegistry: registry(withScaleIn) });
  expect(result.ecs?.invariantViolations).toEqual([]);
  const tasks = result.ecs?.tasksByLabel['worker'] ?? [];
  // Placement spread them evenly first: 2 per instance.
  expect(tasks).toHaveLength(6);
  const out: Record<string, number> = { dear: 0, cheap: 0, mid: 0 };
  for (const t of tasks) if (t.lastStatus === 'RUNNING') { const name = (t.instanceRef ?? '').split('/')[0] as string; out[name] = (out[name] ?? 0) + 1; }
  return out;
}

describe('a user placement strategy at scale-in', () => {
  it('with scaleIn, stops the tasks on the dearest instances first: 2/2/2 scaled to 2 keeps the cheap ones', () => {
    expect(runningPerInstance(true)).toEqual({ dear: 0, cheap: 2, mid: 0 });
  });

  it('without scaleIn, stops as ECS does by default: from the most crowded AZ, one at a time (2/2/2 to 2 leaves 1/1/0 in some order)', () => {
    const left = runningPerInstance(false);
    expect(Object.values(left).sort()).toEqual([0, 1, 1]);
  });
});
