import { describe, expect, it } from 'vitest';
import { DEPLOY_AT, deploymentOf, runCodeDeploy, startOf } from './codedeploy-support.js';

describe('CodeDeploy Install (ecs-facts S-090, S-092, S-097)', () => {
  // Snapshots: before the deployment, during Install, and after the canary started.
  const result = runCodeDeploy({ deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent15Minutes', describeServicesAt: '[4m, 5m10s, 8m]' });
  const [before, installing, shifting] = result.ecs?.describeServices ?? [];
  const d = deploymentOf(result);

  it('a CODE_DEPLOY service starts with one task set, PRIMARY at 100%, and lists no deployments', () => {
    const web = before?.services['web'];
    expect(web?.deployments).toEqual([]);
    expect(web?.taskSets?.map((t) => [t.status, t.scale, t.computedDesiredCount, t.runningCount, t.stabilityStatus])).toEqual([['PRIMARY', { value: 100, unit: 'PERCENT' }, 3, 3, 'STEADY_STATE']]);
    expect(web?.taskSets?.[0]?.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(web?.taskSets?.[0]?.externalId).toBeUndefined();
  });

  it('the replacement task set is ACTIVE at 100% in the other target group while production stays on the original', () => {
    const sets = installing?.services['web']?.taskSets ?? [];
    expect(sets.map((t) => t.status)).toEqual(['PRIMARY', 'ACTIVE']);
    const replacement = sets[1];
    expect(replacement?.externalId).toBe(d.deploymentId);
    expect(replacement?.scale.value).toBe(100);
    expect(replacement?.computedDesiredCount).toBe(3);
    expect(replacement?.stabilityStatus).toBe('STABILIZING');
    expect(replacement?.taskSetArn).toMatch(/:task-set\/default\/web\/ecs-svc\/\d{19}$/);
    expect(sets[0]?.loadBalancers[0]?.targetGroupArn).toMatch(/targetgroup\/web-a\//);
    expect(replacement?.loadBalancers[0]?.targetGroupArn).toMatch(/targetgroup\/web-b\//);
  });

  it('traffic moves only after Install ended with the replacement steady', () => {
    const install = d.lifecycleEvents.find((e) => e.lifecycleEventName === 'Install');
    expect(install?.startTime).toBe(DEPLOY_AT);
    expect(install?.endTime).toBeGreaterThan(DEPLOY_AT);
    expect(d.trafficShifts[0]?.at).toBeGreaterThanOrEqual(install?.endTime as number);
    expect(startOf(result, 'AllowTestTraffic')).toBe(install?.endTime);
  });

  it('the original stays PRIMARY during the canary, serving 90%', () => {
    expect(shifting?.services['web']?.taskSets?.map((t) => [t.status, t.runningCount, t.stabilityStatus])).toEqual([
      ['PRIMARY', 3, 'STEADY_STATE'],
      ['ACTIVE', 3, 'STEADY_STATE'],
    ]);
  });
});
