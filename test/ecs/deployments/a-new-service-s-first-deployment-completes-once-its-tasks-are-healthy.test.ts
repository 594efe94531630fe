import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService } from '../service/support.js';
import { MIN } from './support.js';

/**
 * ecs-facts EF-007: ECS completes a rolling deployment once "the target service revision
 * reaches 100 percent of the desired count, and all of its tasks are running and healthy"
 * (and the service reaches a steady state, S-076). CreateService's deployment is one too:
 * healthy is S-045's sense, so tasks with neither a load balancer nor a container health
 * check count 40 s after RUNNING, and the first deployment stays IN_PROGRESS until then.
 */
describe('a new service’s first deployment', () => {
  it('is COMPLETED, and the service steady, only once its tasks are healthy: 40 s after RUNNING without checks', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] })], definitions: [ec2Definition('web')], timeline: [createService(MIN, 'web', 'web', { desiredCount: 2 })] }));
    const r = m.run(5 * MIN);
    const web = r.services['web'];
    const first = web?.deployments[0];
    expect(first).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', rolloutStateReason: `ECS deployment ${first?.id} completed.` });
    const lastRunning = Math.max(...m.tasks('web').map((t) => t.startedAt ?? Number.POSITIVE_INFINITY));
    expect(lastRunning).toBeLessThan(MIN + 30_000);
    // Not half a second after RUNNING, as before: 40 s (S-045), at the reconciliation that sees it.
    expect(first?.updatedAt).toBeGreaterThanOrEqual(lastRunning + 40_000);
    expect(first?.updatedAt).toBeLessThan(lastRunning + 42_000);
    const steady = [...(web?.events ?? [])].reverse().find((e) => e.message === '(service web) has reached a steady state.');
    expect(steady?.createdAt).toBe(first?.updatedAt);
  });

  it('is still IN_PROGRESS while its RUNNING tasks are not yet healthy', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] })], definitions: [ec2Definition('web')], timeline: [createService(MIN, 'web', 'web', { desiredCount: 2 })] }));
    const r = m.run(MIN + 35_000);
    expect(m.tasks('web').every((t) => t.lastStatus === 'RUNNING')).toBe(true);
    expect(r.services['web']?.deployments[0]?.rolloutState).toBe('IN_PROGRESS');
    expect(r.services['web']?.events.some((e) => e.message.endsWith('has reached a steady state.'))).toBe(false);
  });
});
