import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjustedCapacity, roundPercentAdjustment, selectStep } from '../../src/autoscaling/capacity.js';
import { ECS_DIMS, MIN, RESOURCE, world, type World } from './support.js';

const steps = [
  { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 },
  { MetricIntervalLowerBound: 10, MetricIntervalUpperBound: 20, ScalingAdjustment: 2 },
  { MetricIntervalLowerBound: 20, ScalingAdjustment: 3 },
];

function stepPolicy(w: World, name: string, config: Record<string, unknown>): string {
  return w.aas.putScalingPolicy({ PolicyName: name, ServiceNamespace: 'ecs', ResourceId: RESOURCE, ScalableDimension: 'ecs:service:DesiredCount', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: config }).PolicyARN;
}

function userAlarm(w: World, actions: string[], threshold: number): void {
  w.cw.putMetricAlarm({ AlarmName: 'web-cpu-high', Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: ECS_DIMS, Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: threshold, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: actions });
}

function cpuAt(w: World, values: number[]): void {
  values.forEach((v, i) => w.sim.at((i + 1) * MIN - 1, () => w.cw.metrics.putMetricData('AWS/ECS', 'CPUUtilization', ECS_DIMS, v, i * MIN)));
}

describe('step scaling (A-012, A-013, A-014, A-010)', () => {
  it('rounds percent changes as AAS does: 30% of 11 adds 3; 12.7 → 12; −6.67 → −6; ±0.5 → ±1', () => {
    expect(adjustedCapacity(11, 'PercentChangeInCapacity', 30)).toBe(14);
    expect(roundPercentAdjustment(12.7)).toBe(12);
    expect(roundPercentAdjustment(-6.67)).toBe(-6);
    expect(roundPercentAdjustment(0.5)).toBe(1);
    expect(roundPercentAdjustment(-0.5)).toBe(-1);
  });

  it('applies MinAdjustmentMagnitude to percent changes only: 25% of 4 with minimum 2 adds 2', () => {
    expect(adjustedCapacity(4, 'PercentChangeInCapacity', 25, 2)).toBe(6);
    expect(adjustedCapacity(4, 'PercentChangeInCapacity', 25)).toBe(5);
    expect(adjustedCapacity(4, 'ExactCapacity', 9)).toBe(9);
  });

  it('picks the step by breach: lower bound inclusive above the threshold, upper inclusive below', () => {
    expect(selectStep(steps, 0)?.ScalingAdjustment).toBe(1);
    expect(selectStep(steps, 10)?.ScalingAdjustment).toBe(2);
    expect(selectStep(steps, 19.99)?.ScalingAdjustment).toBe(2);
    expect(selectStep(steps, 1e9)?.ScalingAdjustment).toBe(3);
    const below = [
      { MetricIntervalUpperBound: -10, ScalingAdjustment: -2 },
      { MetricIntervalLowerBound: -10, MetricIntervalUpperBound: 0, ScalingAdjustment: -1 },
    ];
    expect(selectStep(below, -10)?.ScalingAdjustment).toBe(-2);
    expect(selectStep(below, -9.5)?.ScalingAdjustment).toBe(-1);
  });

  it('percent rounding never rounds a nonzero change to zero and never overshoots (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
        const r = roundPercentAdjustment(v);
        if (v === 0) return r === 0;
        return Math.sign(r) === Math.sign(v) && Math.abs(r) >= 1 && (Math.abs(v) < 1 || Math.abs(r) <= Math.abs(v) + 1e-6);
      }),
    );
  });

  it('a breach of 15 over the alarm threshold takes the [10, 20) step: +2 from the running count', () => {
    const w = world({ initial: 4 });
    const arn = stepPolicy(w, 'step-out', { AdjustmentType: 'ChangeInCapacity', StepAdjustments: steps });
    userAlarm(w, [arn], 60);
    cpuAt(w, [75]);
    w.sim.run({ until: MIN + 1 });
    expect(w.svc.history).toEqual([{ t: MIN, desired: 6 }]);
    expect(w.aas.describeScalingActivities().ScalingActivities[0]?.Cause).toBe('monitor alarm web-cpu-high in state ALARM triggered policy step-out');
    expect(w.aas.describeScalingPolicies().ScalingPolicies[0]?.Alarms.map((a) => a.AlarmName)).toEqual(['web-cpu-high']);
  });

  it('during the cooldown, +2 then a +3 step adds only 1 (A-010)', () => {
    const w = world({ initial: 4, lagMs: 10 * MIN });
    const arn = stepPolicy(w, 'step-out', { AdjustmentType: 'ChangeInCapacity', StepAdjustments: steps });
    userAlarm(w, [arn], 60);
    cpuAt(w, [75, 85, 85]);
    w.sim.run({ until: 3 * MIN + 1 });
    expect(w.svc.history).toEqual([
      { t: MIN, desired: 6 },
      { t: 2 * MIN, desired: 7 },
    ]);
  });

  it('several policies: the largest capacity wins, whichever runs first (A-008: +3 vs +200% of 10 gives 30)', () => {
    for (const order of [0, 1]) {
      const w = world({ initial: 10, max: 100 });
      const a = stepPolicy(w, 'plus3', { AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 3 }] });
      const b = stepPolicy(w, 'plus200pct', { AdjustmentType: 'PercentChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 200 }] });
      userAlarm(w, order === 0 ? [a, b] : [b, a], 60);
      cpuAt(w, [75]);
      w.sim.run({ until: MIN + 1 });
      expect(w.svc.desired).toBe(30);
    }
  });
});
