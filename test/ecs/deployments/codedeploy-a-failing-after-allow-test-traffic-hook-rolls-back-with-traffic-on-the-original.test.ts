import { describe, expect, it } from 'vitest';
import { deploymentOf, runCodeDeploy } from './codedeploy-support.js';

const failing = '    test-fails: { duration: { constant: 10s }, responses: [{ hookStatus: FAILED }] }';

describe('a failed CodeDeploy lifecycle hook (ecs-facts S-092, S-094)', () => {
  const result = runCodeDeploy({ deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes', hooks: ['- AfterAllowTestTraffic: test-fails'], lambdaFunctions: failing });
  const d = deploymentOf(result);
  const web = result.ecs?.services['web'];

  it('fails the deployment at AfterAllowTestTraffic and skips the rest', () => {
    expect(d.status).toBe('Failed');
    expect(d.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
    expect(d.lifecycleEvents.map((e) => [e.lifecycleEventName, e.status])).toEqual([
      ['BeforeInstall', 'Succeeded'],
      ['Install', 'Succeeded'],
      ['AfterInstall', 'Succeeded'],
      ['AllowTestTraffic', 'Succeeded'],
      ['AfterAllowTestTraffic', 'Failed'],
      ['BeforeAllowTraffic', 'Skipped'],
      ['AllowTraffic', 'Skipped'],
      ['AfterAllowTraffic', 'Skipped'],
    ]);
  });

  it('rolls back: production never moved, the replacement task set is deleted and the original is PRIMARY', () => {
    expect(d.rollbackInfo).toBeDefined();
    expect(d.trafficShifts.every((s) => s.replacement === 0)).toBe(true);
    expect(web?.taskSets?.map((t) => [t.id, t.status, t.scale.value, t.runningCount])).toEqual([[d.originalTaskSet, 'PRIMARY', 100, 3]]);
    expect(web?.taskSets?.[0]?.taskDefinition).toMatch(/web:1$/);
  });

  it('without auto-rollback the replacement task set stays and nothing moves', () => {
    const kept = runCodeDeploy({ hooks: ['- AfterAllowTestTraffic: test-fails'], lambdaFunctions: failing, autoRollbackConfiguration: '{ enabled: false }' });
    expect(deploymentOf(kept).status).toBe('Failed');
    expect(deploymentOf(kept).rollbackInfo).toBeUndefined();
    expect(kept.ecs?.services['web']?.taskSets?.map((t) => t.status)).toEqual(['PRIMARY', 'ACTIVE']);
  });

  it('a failing BeforeInstall hook fails before anything is installed: nothing to roll back', () => {
    const early = runCodeDeploy({ hooks: ['- BeforeInstall: test-fails'], lambdaFunctions: failing });
    const e = deploymentOf(early);
    expect(e.status).toBe('Failed');
    expect(e.rollbackInfo).toBeUndefined();
    expect(e.lifecycleEvents.filter((x) => x.status !== 'Skipped').map((x) => [x.lifecycleEventName, x.status])).toEqual([['BeforeInstall', 'Failed']]);
    expect(early.ecs?.services['web']?.taskSets?.map((t) => [t.status, t.runningCount])).toEqual([['PRIMARY', 3]]);
    expect(early.ecs?.taskCounts['STOPPED']).toBe(0);
  });
});
