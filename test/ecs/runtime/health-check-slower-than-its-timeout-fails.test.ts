import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../src/ecs/task-definition/types.js';
import { container, STARTED_AT, startTask, taskDefinition } from './recording-host.js';

const check: HealthCheck = { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], intervalMs: 5_000, timeoutMs: 2_000, retries: 1, startPeriodMs: 0 };

// ecs-facts T-039: `timeout` is how long a check may take; a slower one counts as failed.
describe('a health check slower than its timeout', () => {
  it('fails when the timeout runs out, even though the command would have succeeded', () => {
    const def = taskDefinition([container('app', { healthCheck: check })]);
    const h = startTask(def, { containers: { app: { healthCheck: { duration: { constant: 3_000 } } } } });
    h.sim.run({ until: 60_000 });
    expect(h.healthAt('app', 'HEALTHY')).toBeUndefined();
    expect(h.healthAt('app', 'UNHEALTHY')).toBe(STARTED_AT + 5_000 + 2_000);
  });

  it('passes when the command finishes inside the timeout, at the moment it finishes', () => {
    const def = taskDefinition([container('app', { healthCheck: check })]);
    const h = startTask(def, { containers: { app: { healthCheck: { duration: { constant: 1_500 } } } } });
    h.sim.run({ until: 60_000 });
    expect(h.healthAt('app', 'HEALTHY')).toBe(STARTED_AT + 5_000 + 1_500);
    expect(h.healthAt('app', 'UNHEALTHY')).toBeUndefined();
  });
});
