import { describe, expect, it } from 'vitest';
import { deploymentOf, MIN, runCodeDeploy } from './codedeploy-support.js';

describe('terminateBlueInstancesOnDeploymentSuccess (ecs-facts S-093)', () => {
  // All at once, then a 10-minute wait; snapshots during the wait and after it.
  const result = runCodeDeploy({ terminationWaitTimeInMinutes: 10, describeServicesAt: '[8m, 14m]', until: '25m' });
  const d = deploymentOf(result);
  const allAt = d.trafficShifts[0]?.at as number;
  const [during, later] = result.ecs?.describeServices ?? [];

  it('keeps the original task set running, ACTIVE at 100%, while the wait lasts', () => {
    expect(allAt).toBeLessThan(8 * MIN);
    expect(during?.services['web']?.taskSets?.map((t) => [t.status, t.scale.value, t.runningCount])).toEqual([
      ['ACTIVE', 100, 3],
      ['PRIMARY', 100, 3],
    ]);
    expect(later?.services['web']?.taskSets?.[0]?.status).toBe('ACTIVE');
  });

  it('then scales it to 0, drains and deletes it; the deployment succeeds after that', () => {
    const stops = (result.ecs?.services['web']?.events ?? []).filter((e) => e.message.includes('has begun draining connections'));
    expect(stops.length).toBe(3);
    // At the end of the wait, after the scheduler's reaction delay (seconds).
    for (const e of stops) expect(e.createdAt - (allAt + 10 * MIN)).toBeGreaterThanOrEqual(0);
    for (const e of stops) expect(e.createdAt - (allAt + 10 * MIN)).toBeLessThan(10_000);
    expect(stops[0]?.message).toContain(`taskSet ${d.originalTaskSet}`);
    expect(result.ecs?.services['web']?.taskSets?.map((t) => t.id)).toEqual([d.replacementTaskSet]);
    expect(d.status).toBe('Succeeded');
    expect(d.completeTime).toBeGreaterThan(allAt + 10 * MIN);
  });

  it('with no wait the original is deleted right after AfterAllowTraffic', () => {
    const quick = runCodeDeploy({ terminationWaitTimeInMinutes: 0, until: '12m' });
    const q = deploymentOf(quick);
    const drained = (quick.ecs?.services['web']?.events ?? []).find((e) => e.message.includes('has begun draining connections'));
    const delay = (drained?.createdAt as number) - (q.trafficShifts[0]?.at as number);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(10_000);
    expect(q.status).toBe('Succeeded');
  });
});
