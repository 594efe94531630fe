import { describe, expect, it } from 'vitest';
import { deploymentOf, MIN, runCodeDeploy, startOf } from './codedeploy-support.js';

describe('CodeDeploy canary (CodeDeployDefault.ECSCanary10Percent5Minutes, ecs-facts S-091)', () => {
  const result = runCodeDeploy({ deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes' });
  const d = deploymentOf(result);

  it('moves 10% of production to the replacement task set when AllowTraffic begins', () => {
    expect(d.trafficShifts[0]).toEqual({ at: startOf(result, 'AllowTraffic'), original: 90, replacement: 10 });
  });

  it('moves the remaining 90% exactly 5 minutes later, and nothing in between', () => {
    expect(d.trafficShifts).toHaveLength(2);
    expect(d.trafficShifts[1]).toEqual({ at: startOf(result, 'AllowTraffic') + 5 * MIN, original: 0, replacement: 100 });
  });

  it('runs every lifecycle event in order and succeeds', () => {
    expect(d.status).toBe('Succeeded');
    expect(d.lifecycleEvents.map((e) => [e.lifecycleEventName, e.status])).toEqual([
      ['BeforeInstall', 'Succeeded'],
      ['Install', 'Succeeded'],
      ['AfterInstall', 'Succeeded'],
      ['AllowTestTraffic', 'Succeeded'],
      ['AfterAllowTestTraffic', 'Succeeded'],
      ['BeforeAllowTraffic', 'Succeeded'],
      ['AllowTraffic', 'Succeeded'],
      ['AfterAllowTraffic', 'Succeeded'],
    ]);
    const starts = d.lifecycleEvents.map((e) => e.startTime as number);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(d.deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
  });
});
