import { describe, expect, it } from 'vitest';
import { autoscalingSectionSchema } from '../../src/index.js';
import { cpuPolicy, RESOURCE, world } from './support.js';

describe('bad Application Auto Scaling input', () => {
  it('step intervals that overlap or leave a gap are refused (A-013)', () => {
    const { aas } = world();
    const put = (StepAdjustments: unknown[]) => () => aas.putScalingPolicy({ PolicyName: 's', ServiceNamespace: 'ecs', ResourceId: RESOURCE, ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments } });
    expect(put([{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 }])).toThrow('StepScalingPolicyConfiguration.StepAdjustments[1]: gap between step 0 (upper bound 10) and step 1 (lower bound 20)');
    expect(put([{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 5, ScalingAdjustment: 2 }])).toThrow(/overlaps step 0/);
  });

  it('names the field, with did-you-mean for typos', () => {
    const { aas } = world();
    expect(() => aas.putScalingPolicy({ ...cpuPolicy('p', 50), TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ScaleInCooldwn: 60 } })).toThrow(
      'PutScalingPolicy: TargetTrackingScalingPolicyConfiguration.ScaleInCooldwn: unknown field; did you mean "ScaleInCooldown"?',
    );
    expect(() => aas.putScalingPolicy({ ...cpuPolicy('p', 50), TargetTrackingScalingPolicyConfiguration: { TargetValue: 0, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' } } })).toThrow(/TargetValue must be a number from .* \(greater than 0\)[\s\S]*ResourceLabel: ALBRequestCountPerTarget needs ResourceLabel/);
    expect(() => aas.registerScalableTarget({ ServiceNamespace: 'ecs', ResourceId: 'web', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 5, MaxCapacity: 2 }, { runningCount: () => 0, desiredCount: () => 0, setDesiredCount: () => undefined, deploymentInProgress: () => false })).toThrow(
      'RegisterScalableTarget: ResourceId: ResourceId must be service/<cluster-name>/<service-name>\nMinCapacity: MinCapacity (5) must not exceed MaxCapacity (2)',
    );
  });

  it('scheduled actions: only UTC, and a clear schedule error', () => {
    const r = autoscalingSectionSchema.safeParse({
      scheduledActions: [{ ServiceNamespace: 'ecs', ScheduledActionName: 'a', ResourceId: RESOURCE, ScalableDimension: 'ecs:service:DesiredCount', Schedule: 'cron(0 8 * * MON *)', Timezone: 'Europe/Paris', ScalableTargetAction: {} }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'scheduledActions.0.Schedule: cron: exactly one of day-of-month or day-of-week must be "?", got "*" and "MON"',
      'scheduledActions.0.Timezone: Timezone: only UTC is modelled (leave it out or use "UTC")',
      'scheduledActions.0.ScalableTargetAction: ScalableTargetAction needs MinCapacity, MaxCapacity or both',
    ]);
  });

  it('a policy for an unregistered target is ObjectNotFoundException', () => {
    const { aas } = world();
    expect(() => aas.putScalingPolicy({ ...cpuPolicy('p', 50), ResourceId: 'service/prod/other' })).toThrow(/^ObjectNotFoundException: No scalable target registered/);
  });
});
