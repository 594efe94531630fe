import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../src/ecs/task-definition/types.js';
import { container, STARTED_AT, startTask, taskDefinition } from './recording-host.js';

const check = (extra: Partial<HealthCheck>): HealthCheck => ({ command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], intervalMs: 5_000, timeoutMs: 2_000, retries: 3, startPeriodMs: 0, ...extra });

// ecs-facts T-039, T-040: after the start period, `retries` consecutive failures mark the
// container UNHEALTHY. T-042: the task's health follows its essential containers. T-043:
// a standalone task carries on regardless of its health.
describe('health-check retries', () => {
  it('keeps a healthy container HEALTHY through retries - 1 failures and marks it UNHEALTHY at the retries-th', () => {
    // Passing at +5, +10, +15 s; the app degrades at +20 s, so +20, +25 and +30 s fail.
    const def = taskDefinition([container('app', { healthCheck: check({}) })]);
    const h = startTask(def, { containers: { app: { healthCheck: { failAfter: { constant: 20_000 } } } } });
    h.sim.run({ until: 120_000 });
    expect(h.healthAt('app', 'HEALTHY')).toBe(STARTED_AT + 5_000);
    expect(h.healthAt('app', 'UNHEALTHY')).toBe(STARTED_AT + 30_000);
  });

  it('honours retries 1 and 10 alike', () => {
    for (const retries of [1, 10]) {
      const def = taskDefinition([container('app', { healthCheck: check({ retries }) })]);
      const h = startTask(def, { containers: { app: { healthCheck: { failAfter: { constant: 20_000 } } } } });
      h.sim.run({ until: 300_000 });
      expect(h.healthAt('app', 'UNHEALTHY')).toBe(STARTED_AT + 20_000 + (retries - 1) * 5_000);
    }
  });

  it('makes the task UNHEALTHY with its essential container, and the standalone task keeps RUNNING (T-042, T-043)', () => {
    const def = taskDefinition([container('app', { healthCheck: check({ retries: 1 }) }), container('sidecar', { essential: false })]);
    const h = startTask(def, { containers: { app: { healthCheck: { failProbability: 1 } } } });
    h.sim.run({ until: 120_000 });
    expect(h.last()).toMatchObject({ lastStatus: 'RUNNING', healthStatus: 'UNHEALTHY' });
  });
});
