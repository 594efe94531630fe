import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { importScenario } from '../../src/scenario/import/index.js';
import { FIXTURES, tempDir } from '../support.js';

/**
 * An alarm names a step scaling policy by the policy's ARN in your account (ecs-facts
 * EF-001). ecs-sim gives the imported policy an ARN of its own, so import rewrites the action
 * to the policy's name, which the scenario resolves: the imported alarm scales the service.
 */
const ARN = 'arn:aws:autoscaling:us-west-2:123456789012:scalingPolicy:ac542982-cbeb-4294-891c-a5a941dfa787:resource/ecs/service/default/web-app:policyName/web-app-cpu-gt-0';

function folderWithAStepPolicy(): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, 'import', 'cli'), dir, { recursive: true });
  writeFileSync(join(dir, 'step-policies.json'), JSON.stringify({
    ScalingPolicies: [{
      PolicyARN: ARN, PolicyName: 'web-app-cpu-gt-0', ServiceNamespace: 'ecs', ResourceId: 'service/default/web-app',
      ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }], Cooldown: 300, MetricAggregationType: 'Average' },
      Alarms: [{ AlarmName: 'web-app-cpu-any', AlarmARN: 'arn:aws:cloudwatch:us-west-2:123456789012:alarm:web-app-cpu-any' }],
      CreationTime: 1462561899.23,
    }],
  }, null, 2));
  writeFileSync(join(dir, 'step-alarm.json'), JSON.stringify({
    MetricAlarms: [{
      AlarmName: 'web-app-cpu-any', AlarmArn: 'arn:aws:cloudwatch:us-west-2:123456789012:alarm:web-app-cpu-any', ActionsEnabled: true,
      OKActions: [], AlarmActions: [ARN], InsufficientDataActions: [],
      StateValue: 'OK', MetricName: 'CPUUtilization', Namespace: 'AWS/ECS', Statistic: 'Average',
      Dimensions: [{ Name: 'ClusterName', Value: 'default' }, { Name: 'ServiceName', Value: 'web-app' }],
      Period: 60, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }],
  }, null, 2));
  return dir;
}

describe('ecs-sim import: alarms and step scaling policies', () => {
  it('rewrites the action that names an imported step policy by ARN to the policy name, and the alarm scales the service', () => {
    const { yaml } = importScenario(folderWithAStepPolicy(), {});
    expect(yaml).not.toContain(ARN);
    expect(yaml).not.toContain('nothing triggers it');
    const result = runScenario(parseScenario(yaml, 'imported.yaml')).result;
    expect(result.error).toBeUndefined();
    const causes = (result.autoscaling?.activities ?? []).map((a) => a.Cause);
    expect(causes.some((c) => c.includes('web-app-cpu-any') && c.includes('web-app-cpu-gt-0'))).toBe(true);
  });

  it('names a step policy that no imported alarm triggers', () => {
    const dir = folderWithAStepPolicy();
    writeFileSync(join(dir, 'step-alarm.json'), JSON.stringify({ MetricAlarms: [] }));
    const { yaml } = importScenario(dir, {});
    expect(yaml).toContain('step scaling policy web-app-cpu-gt-0 is not named by any imported alarm\'s actions, so nothing triggers it');
  });
});
