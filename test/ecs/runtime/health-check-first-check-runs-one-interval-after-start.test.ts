import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../src/ecs/task-definition/types.js';
import { container, STARTED_AT, startTask, taskDefinition } from './recording-host.js';

const check = (extra: Partial<HealthCheck> = {}): HealthCheck => ({ command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], intervalMs: 10_000, timeoutMs: 5_000, retries: 3, startPeriodMs: 0, ...extra });

// ecs-facts T-039, T-041: health is UNKNOWN until the first check, which Docker runs one
// interval after the container starts.
describe('the first health check', () => {
  it('runs one interval after the container starts; until then the container is UNKNOWN', () => {
    const h = startTask(taskDefinition([container('app', { healthCheck: check() })]));
    h.sim.run({ until: 60_000 });
    expect(h.containerAt('app', 'RUNNING')).toBe(STARTED_AT);
    expect(h.reports.filter((r) => r.t < STARTED_AT + 10_000).every((r) => r.containers[0]?.healthStatus === 'UNKNOWN')).toBe(true);
    expect(h.healthAt('app', 'HEALTHY')).toBe(STARTED_AT + 10_000);
  });

  it('follows the interval, not a fixed default', () => {
    const h = startTask(taskDefinition([container('app', { healthCheck: check({ intervalMs: 7_000 }) })]));
    h.sim.run({ until: 60_000 });
    expect(h.healthAt('app', 'HEALTHY')).toBe(STARTED_AT + 7_000);
  });

  it('leaves a container without a health check UNKNOWN for good (T-041)', () => {
    const h = startTask(taskDefinition([container('app')]));
    h.sim.run({ until: 120_000 });
    expect(h.reports.every((r) => r.containers[0]?.healthStatus === 'UNKNOWN' && r.healthStatus === 'UNKNOWN')).toBe(true);
  });
});
