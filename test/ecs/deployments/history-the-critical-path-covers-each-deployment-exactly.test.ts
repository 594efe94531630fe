import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../../src/ecs/service/deployment-history.js';
import { DEPLOYMENT_PHASES } from '../../../src/ecs/service/deployment-history.js';
import { loadBundled, runWithHistory } from './history-run.js';

function expectExactCover(r: DeploymentRecord): void {
  const path = r.criticalPath;
  expect(path[0]?.startMs, `${r.id} starts at its start`).toBe(r.startMs);
  expect(path[path.length - 1]?.endMs, `${r.id} ends at its end`).toBe(r.endMs);
  for (let i = 0; i < path.length; i += 1) {
    expect(path[i]!.endMs).toBeGreaterThan(path[i]!.startMs);
    if (i > 0) expect(path[i]!.startMs).toBe(path[i - 1]!.endMs);
  }
  expect(path.reduce((n, s) => n + s.endMs - s.startMs, 0)).toBe(r.durationMs);
  expect(r.phases.map((p) => p.name)).toEqual([...DEPLOYMENT_PHASES]);
  expect(r.phases.reduce((n, p) => n + p.criticalPathMs, 0)).toBe(r.durationMs);
  // A phase summed over all tasks holds at least its part of the critical path.
  for (const p of r.phases) expect(p.totalMs).toBeGreaterThanOrEqual(p.criticalPathMs);
}

describe('deployment history: the critical path', () => {
  it.each(['13-rolling-deployment.yaml', '15-circuit-breaker-rollback.yaml', '11-alb-path-routing-and-draining.yaml', '12-deregistration-delay-300-vs-30.yaml'])(
    'of every deployment in %s is contiguous and sums to its duration exactly',
    (file) => {
      const { records } = runWithHistory(loadBundled(file));
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expectExactCover(r);
    },
  );

  it('covers the deployment exactly whatever the seed', () => {
    const scenario = loadBundled('13-rolling-deployment.yaml');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        for (const r of runWithHistory(scenario, seed).records) expectExactCover(r);
      }),
      { numRuns: 6, seed: 42 },
    );
  });
});
