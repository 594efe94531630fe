import { describe, expect, it } from 'vitest';
import { autoscalingSectionSchema } from '../../src/autoscaling/schema.js';
import { InputError } from '../../src/issues/index.js';
import { cpuPolicy, RESOURCE, world } from './support.js';

describe('bad Application Auto Scaling input', () => {
  it('step intervals that overlap or leave a gap are refused (A-013)', () => {
    const { aas } = world();
    const put = (StepAdjustments: unknown[]) => () => aas.putScalingPolicy({ PolicyName: 's', ServiceNamespace: 'ecs', ResourceId: RESOURCE, ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', StepAdjustments } });
    expect(put([{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 }])).toThrow('StepScalingPolicyConfiguration.StepAdjustments[1]: gap between step 0 (upper bound 10) and step 1 (lower bound 20)');
    expect(put([{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 5, ScalingAdjustment: 2 }])).toThrow(/overlaps step 0/);
  });

  it('names the field, with did-you-mean for typos, as InputError issues', () => {
    const { aas } = world();
    const refusal = (call: () => unknown): InputError => {
      try {
        call();
      } catch (error) {
        if (error instanceof InputError) return error;
        throw error;
      }
      throw new Error('expected an InputError');
    };
    const typo = refusal(() => aas.putScalingPolicy({ ...cpuPolicy('p', 50), TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ScaleInCooldwn: 60 } }));
    expect(typo.issues).toEqual([{ path: ['TargetTrackingScalingPolicyConfiguration', 'ScaleInCooldwn'], message: 'unknown field; did you mean "ScaleInCooldown"?', didYouMean: 'ScaleInCooldown' }]);
    expect(typo.message).toBe('✖ TargetTrackingScalingPolicyConfiguration.ScaleInCooldwn: unknown field; did you mean "ScaleInCooldown"?');
    const label = refusal(() => aas.putScalingPolicy({ ...cpuPolicy('p', 50), TargetTrackingScalingPolicyConfiguration: { TargetValue: 0, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' } } }));
    expect(label.issues.map((i) => i.message)).toEqual([
      'TargetValue must be a number from 8.51592e-109 to 1.174271e+108 (greater than 0)',
      'ALBRequestCountPerTarget needs ResourceLabel app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>',
    ]);
    const target = refusal(() => aas.registerScalableTarget({ ServiceNamespace: 'ecs', ResourceId: 'web', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 5, MaxCapacity: 2 }, { runningCount: () => 0, desiredCount: () => 0, setDesiredCount: () => undefined, deploymentInProgress: () => false }));
    expect(target.message).toBe('✖ MinCapacity: MinCapacity (5) must not exceed MaxCapacity (2)\n✖ ResourceId: ResourceId must be service/<cluster-name>/<service-name>');
  });

  it('an unknown PolicyType lists the registered types, with did-you-mean', () => {
    const { aas } = world();
    expect(() => aas.putScalingPolicy({ ...cpuPolicy('p', 50), PolicyType: 'TargetTrackingScalng' })).toThrow('✖ PolicyType: PolicyType must be one of TargetTrackingScaling, StepScaling; did you mean "TargetTrackingScaling"?');
    expect(() => aas.putScalingPolicy({ ...cpuPolicy('p', 50), PolicyType: 'StepScaling' })).toThrow(
      '✖ StepScalingPolicyConfiguration: PolicyType StepScaling needs StepScalingPolicyConfiguration\n✖ TargetTrackingScalingPolicyConfiguration: TargetTrackingScalingPolicyConfiguration is only for PolicyType TargetTrackingScaling',
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
