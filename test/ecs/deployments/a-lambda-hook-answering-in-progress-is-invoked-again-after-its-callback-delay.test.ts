import { describe, expect, it } from 'vitest';
import { runBlueGreen, stages } from './blue-green-support.js';

// ecs-facts S-105: IN_PROGRESS ⇒ invoked again after callBackDelay (30 s by default); SUCCEEDED ⇒ next stage; FAILED ⇒ rollback.
function hooked(responses: string) {
  return runBlueGreen({
    deployment: `        strategy: BLUE_GREEN
        bakeTimeInMinutes: 1
        lifecycleHooks:
          - hookTargetArn: arn:aws:lambda:us-east-1:123456789012:function:smoke-test
            roleArn: arn:aws:iam::123456789012:role/hooks
            lifecycleStages: [POST_SCALE_UP]`,
    lambdaFunctions: `    smoke-test:\n      duration: 2s\n      responses: ${responses}`,
  });
}

describe('a Lambda lifecycle hook (S-105)', () => {
  it('answering IN_PROGRESS is invoked again after callBackDelay, and the stage waits for SUCCEEDED', () => {
    const { records } = hooked('[{ hookStatus: IN_PROGRESS, callBackDelay: 60 }, { hookStatus: IN_PROGRESS }, { hookStatus: SUCCEEDED }]');
    const invoked = records.filter((r) => r.kind === 'hookInvoked').map((r) => r.t);
    expect(invoked).toHaveLength(3);
    // 2 s of invocation, then 60 s (its callBackDelay), then the default 30 s.
    expect(invoked[1]! - invoked[0]!).toBe(62_000);
    expect(invoked[2]! - invoked[1]!).toBe(32_000);
    const next = stages(records).find((s) => s.stage === 'TEST_TRAFFIC_SHIFT')?.t;
    expect(next).toBe(invoked[2]! + 2_000);
  });

  it('answering FAILED rolls the deployment back before any traffic moves', () => {
    const { result, records } = hooked('[{ hookStatus: FAILED }]');
    expect(records.filter((r) => r.kind === 'trafficShifted' && r['listener'] === 'production').map((r) => r['green'])).toEqual([0]);
    expect(result.ecs?.services['web']?.deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition.endsWith('web:1')).toBe(true);
  });

  it('on rollback, the hooks of TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT are invoked (S-105)', () => {
    const { records } = runBlueGreen({
      deployment: `        strategy: BLUE_GREEN
        bakeTimeInMinutes: 1
        lifecycleHooks:
          - { hookTargetArn: "arn:aws:lambda:us-east-1:123456789012:function:gate", lifecycleStages: [POST_SCALE_UP] }
          - { hookTargetArn: "arn:aws:lambda:us-east-1:123456789012:function:notify", lifecycleStages: [TEST_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT] }`,
      lambdaFunctions: `    gate:\n      responses: [{ hookStatus: FAILED }]\n    notify:\n      duration: 1s\n      responses: [{ hookStatus: SUCCEEDED }]`,
    });
    const rolledBackAt = records.find((r) => r.kind === 'deploymentRolledBack')?.t ?? Infinity;
    const notified = records.filter((r) => r.kind === 'hookInvoked' && String(r['function']).endsWith(':notify'));
    expect(notified.map((r) => r['stage'])).toEqual(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']);
    expect(notified[0]?.t).toBe(rolledBackAt);
    expect(notified[1]?.t).toBe(rolledBackAt + 1_000);
  });

  it('a hook whose function is not described is refused before the run, naming the field', () => {
    expect(() =>
      runBlueGreen({
        deployment: `        strategy: BLUE_GREEN
        bakeTimeInMinutes: 1
        lifecycleHooks:
          - { hookTargetArn: "arn:aws:lambda:us-east-1:123456789012:function:missing", lifecycleStages: [PRE_SCALE_UP] }`,
        lambdaFunctions: `    smoke-test:\n      responses: [{ hookStatus: SUCCEEDED }]`,
      }),
    ).toThrow(/timeline\[0\]\.createService\.deploymentConfiguration\.lifecycleHooks\[0\]\.hookTargetArn[\s\S]*no simulated function "arn:aws:lambda:us-east-1:123456789012:function:missing"/);
  });
});
