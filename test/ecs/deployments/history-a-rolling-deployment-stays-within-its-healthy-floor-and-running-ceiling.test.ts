import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundled, runWithHistory } from './history-run.js';

/** ecs-facts S-067, S-068, L-046: floor = ceil(4 × 100%) = 4, ceiling = floor(4 × 200%) = 8. */
describe('deployment history: the bounds a rolling deployment ran within', () => {
  const scenario = loadBundled('13-rolling-deployment.yaml');

  it('records the floor and ceiling it was allowed, and the extremes it reached', () => {
    const update = runWithHistory(scenario).records[1]!;
    expect(update).toMatchObject({ minimumHealthyPercent: 100, maximumPercent: 200, desiredCount: 4, healthyFloor: 4, runningCeiling: 8 });
    // With 100%/200% ECS starts all 4 replacements before stopping any (S-068) and keeps 4 healthy.
    expect(update.minHealthyCount).toBe(4);
    expect(update.maxRunningCount).toBe(8);
    expect(update).toMatchObject({ tasksStarted: 4, tasksStopped: 4 });
  });

  it('never goes below the floor nor above the ceiling, whatever the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const update = runWithHistory(scenario, seed).records[1]!;
        expect(update.minHealthyCount).toBeGreaterThanOrEqual(update.healthyFloor);
        expect(update.maxRunningCount).toBeLessThanOrEqual(update.runningCeiling);
      }),
      { numRuns: 6, seed: 7 },
    );
  });
});
