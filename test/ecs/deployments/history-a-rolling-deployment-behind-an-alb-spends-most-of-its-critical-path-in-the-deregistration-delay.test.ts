import { describe, expect, it } from 'vitest';
import { largestCriticalPhase, loadBundled, runWithHistory } from './history-run.js';

/**
 * ecs-facts S-070 to S-072, L-043: an old task behind a load balancer is deregistered
 * (DEACTIVATING) and stops only after the target group's deregistration delay, so with
 * the default 300 s the delay dominates a rolling deployment; with 30 s it does not.
 */
describe('deployment history: where a rolling deployment behind an ALB spends its time', () => {
  const rolling = runWithHistory(loadBundled('13-rolling-deployment.yaml')).records;
  const both = runWithHistory(loadBundled('12-deregistration-delay-300-vs-30.yaml')).records;
  const update = (records: typeof rolling, service: string) => records.filter((r) => r.serviceName === service)[1];

  it('with the default 300 s delay, the deregistration delay is the largest critical-path phase', () => {
    const r = update(rolling, 'web');
    expect(r?.outcome).toBe('COMPLETED');
    expect(largestCriticalPhase(r!)).toBe('deregistrationDelay');
    const dereg = r!.phases.find((p) => p.name === 'deregistrationDelay')!;
    expect(dereg.criticalPathMs).toBeGreaterThanOrEqual(300_000);
    expect(dereg.criticalPathMs / r!.durationMs).toBeGreaterThan(0.8);
    // Summed over the four old tasks, each drains for the full delay.
    expect(dereg.totalMs).toBeGreaterThanOrEqual(4 * 300_000);
  });

  // With 30 s the delay is still the single largest phase in this scenario (its health checks
  // take 2 × 10 s), but no longer the bulk of the deployment.
  it('the same deployment on a target group with a 30 s delay is not dominated by it, and is over 4 minutes shorter', () => {
    const patient = update(both, 'patient')!;
    const brisk = update(both, 'brisk')!;
    expect(largestCriticalPhase(patient)).toBe('deregistrationDelay');
    const briskDereg = brisk.phases.find((p) => p.name === 'deregistrationDelay')!;
    expect(briskDereg.criticalPathMs / brisk.durationMs).toBeLessThan(0.5);
    const patientDereg = patient.phases.find((p) => p.name === 'deregistrationDelay')!;
    expect(patientDereg.criticalPathMs / patient.durationMs).toBeGreaterThan(0.8);
    expect(briskDereg.criticalPathMs).toBeGreaterThanOrEqual(30_000);
    expect(briskDereg.criticalPathMs).toBeLessThan(60_000);
    expect(patient.durationMs - brisk.durationMs).toBeGreaterThan(4 * 60_000);
  });

  it('the critical path runs start-up, then the health checks, then an old task draining and stopping', () => {
    const r = update(rolling, 'web')!;
    const phases = r.criticalPath.map((s) => s.phase).filter((p) => p !== 'scheduler');
    const healthy = phases.indexOf('healthChecks');
    const draining = phases.indexOf('deregistrationDelay');
    expect(healthy).toBeGreaterThan(-1);
    expect(draining).toBeGreaterThan(healthy);
    expect(phases[phases.length - 1]).toBe('stopping');
    // The draining task on the path is an old one, not one the deployment started.
    const drainingSpan = r.criticalPath.find((s) => s.phase === 'deregistrationDelay')!;
    const healthySpan = r.criticalPath.find((s) => s.phase === 'healthChecks')!;
    expect(drainingSpan.taskId).not.toBe(healthySpan.taskId);
  });
});
