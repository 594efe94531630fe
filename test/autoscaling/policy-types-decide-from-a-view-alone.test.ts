import { describe, expect, it } from 'vitest';
import type { AlarmView, PolicyView, ScalingView } from '../../src/autoscaling/policy-type.js';
import { decideStepScaling, type StepScalingConfiguration } from '../../src/autoscaling/step-scaling.js';
import { decideTargetTracking, targetTrackingAlarms, type TargetTrackingConfiguration } from '../../src/autoscaling/target-tracking.js';

// A policy type's decision is a pure function of its configuration and a view of the alarm
// that fired, the target's counts and its other policies, so each rule is one table row.
const alarm = (over: Partial<AlarmView> = {}): AlarmView => ({ AlarmName: 'a', key: undefined, Threshold: 50, EvaluationPeriods: 3, state: 'ALARM', datapoints: [], ...over });
const view = (over: Partial<ScalingView> = {}): ScalingView => ({ nowMs: 0, alarm: alarm(), runningCount: 4, desiredCount: 4, scaleOutCooldown: { active: false, baseCapacity: 0 }, otherPolicies: [], ...over });
const tt = (TargetValue: number, extra: Partial<TargetTrackingConfiguration> = {}): TargetTrackingConfiguration => ({ TargetValue, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ...extra });
const ttPolicy = (name: string, TargetValue: number, low: Partial<AlarmView> | undefined): PolicyView => ({
  PolicyName: name,
  PolicyType: 'TargetTrackingScaling',
  configuration: tt(TargetValue),
  ownedAlarm: (key) => (key === 'AlarmLow' && low !== undefined ? alarm({ key, ...low }) : undefined),
});

describe('TargetTrackingScaling decides', () => {
  it.each([
    // what fired, running, datapoints, other policies → decision
    ['AlarmHigh: ceil(running × metric / target) (A-005)', view({ alarm: alarm({ key: 'AlarmHigh', datapoints: [75, 80] }), runningCount: 2 }), { direction: 'out', desired: 3 }],
    ['AlarmHigh with nothing running counts from one', view({ alarm: alarm({ key: 'AlarmHigh', datapoints: [120] }), runningCount: 0 }), { direction: 'out', desired: 3 }],
    ['no datapoint: nothing moves (A-006)', view({ alarm: alarm({ key: 'AlarmHigh', datapoints: [] }) }), { direction: 'none' }],
    ['AlarmLow scales in to the tracked capacity (A-004)', view({ alarm: alarm({ key: 'AlarmLow', datapoints: [20] }), runningCount: 10 }), { direction: 'in', desired: 4 }],
    ['AlarmLow reads the highest datapoint it evaluated, not one quiet minute (A-004, FL-001): ceil(4 × 39 / 50) = 4', view({ alarm: alarm({ key: 'AlarmLow', datapoints: [36, 39, 38] }), runningCount: 4 }), { direction: 'in', desired: 4 }],
    ['a user alarm naming the policy does nothing', view({ alarm: alarm({ key: undefined, datapoints: [99] }) }), { direction: 'none' }],
    ['A-008: another policy not in ALARM vetoes scale-in', view({ alarm: alarm({ key: 'AlarmLow', datapoints: [20] }), runningCount: 10, otherPolicies: [ttPolicy('mem', 50, { state: 'OK', datapoints: [10] })] }), { direction: 'none' }],
    ['A-008: the largest capacity of all agreeing policies wins', view({ alarm: alarm({ key: 'AlarmLow', datapoints: [20] }), runningCount: 10, otherPolicies: [ttPolicy('mem', 50, { state: 'ALARM', datapoints: [40] })] }), { direction: 'in', desired: 8 }],
    ['A-008, FL-001: each agreeing policy by its highest datapoint', view({ alarm: alarm({ key: 'AlarmLow', datapoints: [20] }), runningCount: 10, otherPolicies: [ttPolicy('mem', 50, { state: 'ALARM', datapoints: [30, 40, 35] })] }), { direction: 'in', desired: 8 }],
    ['A-008: a policy with scale-in disabled has no say', view({ alarm: alarm({ key: 'AlarmLow', datapoints: [20] }), runningCount: 10, otherPolicies: [ttPolicy('mem', 50, undefined)] }), { direction: 'in', desired: 4 }],
  ])('%s', (_rule, v, expected) => {
    expect(decideTargetTracking(tt(50), v)).toMatchObject(expected);
  });

  it('owns AlarmHigh and AlarmLow, and only AlarmHigh with DisableScaleIn (A-002, A-003)', () => {
    const ctx = { policyArn: 'arn:p', resourceId: 'service/prod/web', ids: ['h', 'l'] as const };
    expect(targetTrackingAlarms(tt(70), ctx).map((a) => [a.key, a.alarm.AlarmName, a.alarm['Threshold'], a.alarm['EvaluationPeriods']])).toEqual([
      ['AlarmHigh', 'TargetTracking-service/prod/web-AlarmHigh-h', 70, 3],
      ['AlarmLow', 'TargetTracking-service/prod/web-AlarmLow-l', 63, 15],
    ]);
    expect(targetTrackingAlarms(tt(70, { DisableScaleIn: true }), ctx).map((a) => a.key)).toEqual(['AlarmHigh']);
  });
});

describe('StepScaling decides', () => {
  const steps = (AdjustmentType: StepScalingConfiguration['AdjustmentType'], StepAdjustments: StepScalingConfiguration['StepAdjustments'], extra: Partial<StepScalingConfiguration> = {}): StepScalingConfiguration => ({ AdjustmentType, StepAdjustments, ...extra });
  const twoSteps = steps('ChangeInCapacity', [
    { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 20, ScalingAdjustment: 1 },
    { MetricIntervalLowerBound: 20, ScalingAdjustment: 3 },
  ]);
  it.each([
    ['the step holding the breach (A-013): 60 − 50 = 10 → +1', twoSteps, view({ alarm: alarm({ datapoints: [60, 60, 60] }) }), { direction: 'out', desired: 5 }],
    ['breach 25 → +3', twoSteps, view({ alarm: alarm({ datapoints: [75] }) }), { direction: 'out', desired: 7 }],
    ['Average aggregation by default (A-012): mean 70 → +3', twoSteps, view({ alarm: alarm({ datapoints: [90, 50, 70] }) }), { direction: 'out', desired: 7 }],
    ['Minimum aggregation: 50 → +1', { ...twoSteps, MetricAggregationType: 'Minimum' as const }, view({ alarm: alarm({ datapoints: [90, 50, 70] }) }), { direction: 'out', desired: 5 }],
    ['no step holds a negative breach', twoSteps, view({ alarm: alarm({ datapoints: [40] }) }), { direction: 'none' }],
    ['no datapoint', twoSteps, view({ alarm: alarm({ datapoints: [] }) }), { direction: 'none' }],
    ['in a scale-out cooldown, counts from the capacity before it (A-010)', twoSteps, view({ alarm: alarm({ datapoints: [75] }), runningCount: 6, scaleOutCooldown: { active: true, baseCapacity: 4 } }), { direction: 'out', desired: 7 }],
    ['a negative step scales in', steps('ChangeInCapacity', [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -2 }]), view({ alarm: alarm({ datapoints: [30] }) }), { direction: 'in', desired: 2 }],
    ['percent change rounds toward zero, never to zero (A-014)', steps('PercentChangeInCapacity', [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 10 }]), view({ alarm: alarm({ datapoints: [60] }) }), { direction: 'out', desired: 5 }],
    ['MinAdjustmentMagnitude lifts a small percent change (A-012)', steps('PercentChangeInCapacity', [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 25 }], { MinAdjustmentMagnitude: 2 }), view({ alarm: alarm({ datapoints: [60] }) }), { direction: 'out', desired: 6 }],
    ['ExactCapacity below the desired count scales in', steps('ExactCapacity', [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }]), view({ alarm: alarm({ datapoints: [60] }) }), { direction: 'in', desired: 2 }],
    ['ExactCapacity at or above it scales out', steps('ExactCapacity', [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 6 }]), view({ alarm: alarm({ datapoints: [60] }) }), { direction: 'out', desired: 6 }],
  ])('%s', (_rule, config, v, expected) => {
    expect(decideStepScaling(config, v)).toMatchObject(expected);
  });
});
