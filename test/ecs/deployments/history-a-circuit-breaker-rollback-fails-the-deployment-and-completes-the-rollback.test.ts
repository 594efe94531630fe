import { describe, expect, it } from 'vitest';
import { loadBundled, runWithHistory } from './history-run.js';

/** ecs-facts S-076, S-077, S-085 to S-087. */
describe('deployment history: a circuit-breaker rollback', () => {
  const { records } = runWithHistory(loadBundled('15-circuit-breaker-rollback.yaml'));
  const [created, failed, rollback] = records;

  it('lists the creation, the failed update and the rollback in start order', () => {
    expect(records).toHaveLength(3);
    expect(records.map((r) => r.startMs)).toEqual([...records.map((r) => r.startMs)].sort((a, b) => a - b));
    expect(created?.outcome).toBe('COMPLETED');
  });

  it('shows the update FAILED and rolled back, ending when the rollback started', () => {
    expect(failed?.outcome).toBe('FAILED');
    expect(failed?.rolledBackBy).toBe(rollback?.id);
    expect(failed?.endMs).toBe(rollback?.startMs);
    expect(failed?.taskDefinition).toMatch(/:task-definition\/web:2$/);
    // Its tasks never got past the image pull: no health-check time at all.
    expect(failed?.phases.find((p) => p.name === 'healthChecks')?.totalMs).toBe(0);
    expect(failed?.phases.find((p) => p.name === 'imagePull')?.totalMs).toBeGreaterThan(0);
  });

  it('shows the rollback COMPLETED, naming the deployment it returned to', () => {
    expect(rollback?.outcome).toBe('COMPLETED');
    expect(rollback?.rollbackTo).toBe(created?.id);
    expect(rollback?.taskDefinition).toMatch(/:task-definition\/web:1$/);
    expect(rollback?.tasksStarted).toBe(4);
    // The old tasks kept serving throughout (minimumHealthyPercent 100).
    expect(rollback?.minHealthyCount).toBeGreaterThanOrEqual(rollback!.healthyFloor);
  });

  it('counts its tasks healthy 40 s after RUNNING, having neither load balancer nor container check (S-045)', () => {
    const health = rollback!.criticalPath.filter((s) => s.phase === 'healthChecks');
    expect(health).toHaveLength(1);
    expect(health[0]!.endMs - health[0]!.startMs).toBeGreaterThanOrEqual(40_000);
    expect(health[0]!.endMs - health[0]!.startMs).toBeLessThan(45_000);
  });
});
