import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../support.js';
import { runJson, scenarioFile } from './support.js';

/**
 * ECS's service quotas hold at run time too (ecs-facts S-131): a scaling activity that would
 * set a desired count past the tasks-per-service quota fails, as ECS's UpdateService refuses
 * it ("Desired count exceeds limit."), and the service keeps its count. The quota is lowered
 * here (`ecs.serviceQuotas`) so that a small scenario reaches it.
 */
const base = readFileSync(join(FIXTURES, 'fixed-step-scaling.yaml'), 'utf8');

function scenario(tasksPerService: number): string {
  const [head] = base.split('autoscaling:\n');
  const withQuota = (head as string).replace(/^ecs:\n/m, `ecs:\n  serviceQuotas: { tasksPerService: ${tasksPerService} }\n`);
  return `${withQuota}autoscaling:
  scalableTargets:
    - { ServiceNamespace: ecs, ResourceId: service/default/web, ScalableDimension: ecs:service:DesiredCount, MinCapacity: 2, MaxCapacity: 10 }
  scalingPolicies:
    - PolicyName: steps
      ServiceNamespace: ecs
      ResourceId: service/default/web
      ScalableDimension: ecs:service:DesiredCount
      PolicyType: StepScaling
      StepScalingPolicyConfiguration:
        AdjustmentType: ChangeInCapacity
        Cooldown: 120
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }]
cloudwatch:
  alarms:
    - AlarmName: web-cpu-high
      Namespace: AWS/ECS
      MetricName: CPUUtilization
      Dimensions: [{ Name: ClusterName, Value: default }, { Name: ServiceName, Value: web }]
      Statistic: Average
      Period: 60
      EvaluationPeriods: 2
      Threshold: 60
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [steps]
expectations: []
`;
}

describe('a scaling activity past the tasks-per-service quota', () => {
  it('fails with ECS\'s text, and the service keeps its desired count', async () => {
    const r = await runJson(scenarioFile(scenario(3)));
    const activities = r.autoscaling?.activities ?? [];
    const failed = activities.find((a) => a.StatusCode === 'Failed' && a.Description === 'Setting desired count to 4.');
    expect(failed?.StatusMessage).toBe('Failed to set desired count to 4. Reason: Desired count exceeds limit. (service quota: tasksPerService 3, ecs-facts S-131; raise it with ecs.serviceQuotas.tasksPerService for a what-if)');
    expect(activities.some((a) => a.StatusCode === 'Successful')).toBe(false);
    expect(r.ecs?.services['web']?.desiredCount).toBe(2);
  });

  it('within the quota, the same activity succeeds', async () => {
    const r = await runJson(scenarioFile(scenario(5000)));
    expect((r.autoscaling?.activities ?? []).find((a) => a.Description === 'Setting desired count to 4.')?.StatusCode).toBe('Successful');
  });
});
