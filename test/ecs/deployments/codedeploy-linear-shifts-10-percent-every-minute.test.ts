import { describe, expect, it } from 'vitest';
import { deploymentOf, MIN, runCodeDeploy, startOf } from './codedeploy-support.js';

describe('CodeDeploy linear (CodeDeployDefault.ECSLinear10PercentEvery1Minutes, ecs-facts S-091)', () => {
  const result = runCodeDeploy({ deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes' });
  const d = deploymentOf(result);

  it('adds 10% of production every minute until all of it is on the replacement', () => {
    const t0 = startOf(result, 'AllowTraffic');
    expect(d.trafficShifts).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p, i) => ({ at: t0 + i * MIN, original: 100 - p, replacement: p })));
  });

  it('ends AllowTraffic with the last shift and succeeds', () => {
    const allow = d.lifecycleEvents.find((e) => e.lifecycleEventName === 'AllowTraffic');
    expect(allow?.endTime).toBe(startOf(result, 'AllowTraffic') + 9 * MIN);
    expect(d.status).toBe('Succeeded');
  });

  it('a custom TimeBasedLinear configuration shifts by its own percentage and interval', () => {
    const custom = runCodeDeploy({
      deploymentConfigName: 'Linear25Every2',
      deploymentConfigs: '      - { deploymentConfigName: Linear25Every2, computePlatform: ECS, trafficRoutingConfig: { type: TimeBasedLinear, timeBasedLinear: { linearPercentage: 25, linearInterval: 2 } } }',
    });
    const t0 = startOf(custom, 'AllowTraffic');
    expect(deploymentOf(custom).trafficShifts.map((s) => [s.at - t0, s.replacement])).toEqual([
      [0, 25],
      [2 * MIN, 50],
      [4 * MIN, 75],
      [6 * MIN, 100],
    ]);
  });
});
