import { describe, expect, it } from 'vitest';
import { largestCriticalPhase, loadEdited, runWithHistory } from './history-run.js';

/**
 * The rolling deployment with ELB's default health checks (30 s × 5 = 2.5 min to healthy,
 * ecs-facts S-070, S-071) and a 30 s deregistration delay: the health checks, not the
 * delay, are where the time goes.
 */
describe('deployment history: a 30 s deregistration delay with default health checks', () => {
  const scenario = loadEdited('13-rolling-deployment.yaml', [
    ['HealthCheckIntervalSeconds: 10\n      HealthyThresholdCount: 2', 'Attributes: [{ Key: deregistration_delay.timeout_seconds, Value: "30" }]'],
  ]);
  const update = runWithHistory(scenario).records[1]!;

  it('spends its critical path mostly on health checks, not on the deregistration delay', () => {
    expect(update.outcome).toBe('COMPLETED');
    expect(largestCriticalPhase(update)).toBe('healthChecks');
    const health = update.phases.find((p) => p.name === 'healthChecks')!;
    const dereg = update.phases.find((p) => p.name === 'deregistrationDelay')!;
    expect(health.criticalPathMs).toBeGreaterThanOrEqual(4 * 30_000);
    expect(dereg.criticalPathMs).toBeGreaterThanOrEqual(30_000);
    expect(dereg.criticalPathMs).toBeLessThan(60_000);
  });
});
