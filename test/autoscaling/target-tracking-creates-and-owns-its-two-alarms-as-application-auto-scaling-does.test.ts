import { describe, expect, it } from 'vitest';
import { cpuPolicy, RESOURCE, world } from './support.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

describe('target tracking alarms (A-002, A-003)', () => {
  it('creates AlarmHigh (3 × 60 s, > target) and AlarmLow (15 × 60 s, < 0.9 × target) with the policy ARN as action', () => {
    const { cw, aas } = world();
    const out = aas.putScalingPolicy(cpuPolicy('cpu70', 70));
    expect(out.PolicyARN).toMatch(new RegExp(`^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${UUID}:resource/ecs/service/prod/web:policyName/cpu70$`));
    expect(out.Alarms.map((a) => a.AlarmName)).toHaveLength(2);
    const alarms = cw.describeAlarms(out.Alarms.map((a) => a.AlarmName));
    const high = alarms.find((a) => a.AlarmName.includes('-AlarmHigh-'));
    const low = alarms.find((a) => a.AlarmName.includes('-AlarmLow-'));
    expect(high?.AlarmName).toMatch(new RegExp(`^TargetTracking-${RESOURCE}-AlarmHigh-${UUID}$`));
    expect(high).toMatchObject({
      Namespace: 'AWS/ECS',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Dimensions: [
        { Name: 'ClusterName', Value: 'prod' },
        { Name: 'ServiceName', Value: 'web' },
      ],
      Period: 60,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 70,
      TreatMissingData: 'missing',
      AlarmActions: [out.PolicyARN],
      AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${out.PolicyARN}.`,
      StateValue: 'INSUFFICIENT_DATA',
    });
    expect(low).toMatchObject({ EvaluationPeriods: 15, ComparisonOperator: 'LessThanThreshold', Threshold: 63, TreatMissingData: 'missing', AlarmActions: [out.PolicyARN] });
    expect(out.Alarms[0]?.AlarmARN).toBe(`arn:aws:cloudwatch:us-east-1:123456789012:alarm:${out.Alarms[0]?.AlarmName}`);
  });

  it('with DisableScaleIn creates only AlarmHigh (assumption DISABLE_SCALE_IN_OMITS_ALARM_LOW)', () => {
    const { cw, aas } = world();
    const out = aas.putScalingPolicy(cpuPolicy('cpu', 80, { DisableScaleIn: true }));
    expect(out.Alarms.map((a) => a.AlarmName.includes('AlarmHigh'))).toEqual([true]);
    expect(cw.describeAlarms()).toHaveLength(1);
  });

  it('ALBRequestCountPerTarget alarms on RequestCountPerTarget Sum by the TargetGroup cut from ResourceLabel (A-001)', () => {
    const { cw, aas } = world();
    aas.putScalingPolicy({
      ...cpuPolicy('rps', 1000),
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 1000, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/web-lb/50dc6c495c0c9188/targetgroup/web-tg/943f017f100becff' } },
    });
    const high = cw.describeAlarms().find((a) => a.AlarmName.includes('AlarmHigh'));
    expect(high).toMatchObject({ Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCountPerTarget', Statistic: 'Sum', Dimensions: [{ Name: 'TargetGroup', Value: 'targetgroup/web-tg/943f017f100becff' }], Threshold: 1000 });
  });

  it('updating the policy keeps the ARN and alarm names; deleting it deletes its alarms', () => {
    const { cw, aas } = world();
    const first = aas.putScalingPolicy(cpuPolicy('cpu', 70));
    const second = aas.putScalingPolicy(cpuPolicy('cpu', 60));
    expect(second.PolicyARN).toBe(first.PolicyARN);
    expect(second.Alarms).toEqual(first.Alarms);
    expect(cw.describeAlarms().map((a) => a.Threshold).sort((a, b) => a - b)).toEqual([54, 60]);
    expect(aas.describeScalingPolicies().ScalingPolicies).toMatchObject([{ PolicyName: 'cpu', PolicyType: 'TargetTrackingScaling', ResourceId: RESOURCE, Alarms: first.Alarms }]);
    aas.deleteScalingPolicy({ PolicyName: 'cpu', ResourceId: RESOURCE });
    expect(cw.describeAlarms()).toEqual([]);
    expect(aas.describeScalingPolicies().ScalingPolicies).toEqual([]);
  });
});
