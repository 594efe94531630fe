import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMetrics, deploymentOutcomes } from '../../src/experiment/metrics.js';
import { sweep } from '../../src/experiment/sweep.js';
import { simulate } from '../../src/scenario/simulate.js';
import { ROOT } from '../support.js';

const ROLLBACK = join(ROOT, 'scenarios', '15-circuit-breaker-rollback.yaml');

describe('deployment outcomes among the default metrics', () => {
  it('per service: the share of its deployments that COMPLETED and that were rolled back; the rollback deployment is not counted again', async () => {
    const result = await simulate(ROLLBACK);
    // The service's first deployment completes; the bad revision fails and is rolled back (ecs-facts S-087).
    expect(result.deployments?.map((d) => [d.outcome, d.rollbackTo !== undefined, d.rolledBackBy !== undefined])).toEqual([
      ['COMPLETED', false, false],
      ['FAILED', false, true],
      ['COMPLETED', true, false],
    ]);
    expect([...deploymentOutcomes(result.deployments ?? [])]).toEqual([['web', { started: 2, completed: 1, rolledBack: 1 }]]);
    const metrics = defaultMetrics(result);
    expect(metrics['deploymentsCompleted.web']).toBe(0.5);
    expect(metrics['deploymentsRolledBack.web']).toBe(0.5);
    expect(metrics['ecs.services.web.steadyStateAt']).toBe(result.ecs?.services['web']?.steadyStateAt);
    expect(metrics['deployments.1.durationMs']).toBe(result.deployments?.[1]?.durationMs);
  });

  it('a sweep without --metric reports them, with time to steady state and each deployment duration', async () => {
    const summary = await sweep(ROLLBACK, { parameters: [], replications: 2, workers: 1 });
    const names = Object.keys(summary.combinations[0]!.metrics);
    expect(names).toEqual(expect.arrayContaining(['ecs.services.web.steadyStateAt', 'deployments.0.durationMs', 'deploymentsCompleted.web', 'deploymentsRolledBack.web']));
    expect(summary.combinations[0]!.metrics['deploymentsRolledBack.web']).toMatchObject({ mean: 0.5, n: 2 });
  }, 60_000);
});
