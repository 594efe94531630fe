import { z } from 'zod';
import { targetTrackingCapacity } from './capacity.js';
import { nonNegativeInt, oneOf } from './fields.js';
import type { OwnedAlarm, OwnedAlarmContext, ScalingDecision, ScalingPolicyType, ScalingView } from './policy-type.js';

/**
 * `TargetTrackingScaling` as a registered policy type.
 *
 * - It creates and owns two alarms: AlarmHigh (3 × 60 s,
 *   `GreaterThanThreshold` target) and AlarmLow (15 × 60 s, `LessThanThreshold` 0.9 ×
 *   target), both `TreatMissingData: missing`, with the policy ARN as their action. The
 *   alarms re-invoke the policy every minute while in ALARM (C-027), and never in
 *   INSUFFICIENT_DATA, so missing data never scales.
 * - It asks for `targetTrackingCapacity` of the newest datapoint to scale out, and of
 *   the highest datapoint AlarmLow evaluated to scale in (A-004, FL-001): scale-in removes a
 *   task only if the metric would likely stay at or below target, not on one quiet minute.
 * - Several policies: a target-tracking scale-in needs every scale-in-enabled
 *   target-tracking policy's AlarmLow in ALARM and takes the largest of their capacities.
 */

export const TARGET_TRACKING_SCALING = 'TargetTrackingScaling';

export const PREDEFINED_METRIC_TYPES = ['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ALBRequestCountPerTarget'] as const;
export type PredefinedMetricType = (typeof PREDEFINED_METRIC_TYPES)[number];
/** CustomizedMetricSpecification.Statistic values the API takes. */
export const METRIC_STATISTICS = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'] as const;
/** API: TargetValue must lie in 8.515920e-109 to 1.174271e+108. */
export const TARGET_VALUE_MIN = 8.51592e-109;
export const TARGET_VALUE_MAX = 1.174271e108;
/** `app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>`. */
export const ALB_RESOURCE_LABEL = /^app\/[^/]+\/[^/]+\/targetgroup\/[^/]+\/[^/]+$/;

/** ScaleInCooldown default for ECS services. */
export const SCALE_IN_COOLDOWN_SECONDS_DEFAULT = 300;
/** Assumption: ScaleOutCooldown default for ECS services (A-009 marks 300 `[unverified]`). */
export const SCALE_OUT_COOLDOWN_SECONDS_DEFAULT = 300;
/** AlarmLow threshold = 0.9 × target (observed for 70 → 63 and 80 → 72). */
export const ALARM_LOW_FACTOR = 0.9;
/** AlarmHigh evaluates 3 one-minute datapoints, AlarmLow 15. */
export const ALARM_HIGH_EVALUATION_PERIODS = 3;
export const ALARM_LOW_EVALUATION_PERIODS = 15;
/**
 * Assumption: with `DisableScaleIn: true` AAS creates no AlarmLow. The API reference only
 * says the policy "won't remove capacity"; without a scale-in alarm it cannot, and this is
 * what AWS-created policies are commonly seen to have. Switch here if evidence differs.
 */
export const DISABLE_SCALE_IN_OMITS_ALARM_LOW = true;
/**
 * Assumption: a target-tracking scale-out from zero running tasks starts from one, since
 * running × metric / target is 0 (ALBRequestCountPerTarget can scale to zero, A-001).
 */
export const SCALE_OUT_FROM_ZERO_BASE = 1;

const dimension = z.strictObject({
  Name: z.string({ error: 'Dimensions[].Name must be a string' }).min(1, { error: 'Dimensions[].Name must not be empty' }),
  Value: z.string({ error: 'Dimensions[].Value must be a string' }).min(1, { error: 'Dimensions[].Value must not be empty' }),
});

const predefinedMetricSpecification = z
  .strictObject({
    PredefinedMetricType: oneOf(PREDEFINED_METRIC_TYPES, 'PredefinedMetricType'),
    ResourceLabel: z.string({ error: 'ResourceLabel must be a string' }).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.PredefinedMetricType === 'ALBRequestCountPerTarget' && (p.ResourceLabel === undefined || !ALB_RESOURCE_LABEL.test(p.ResourceLabel))) {
      ctx.addIssue({ code: 'custom', path: ['ResourceLabel'], message: 'ALBRequestCountPerTarget needs ResourceLabel app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>' });
    }
    if (p.PredefinedMetricType !== 'ALBRequestCountPerTarget' && p.ResourceLabel !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['ResourceLabel'], message: `ResourceLabel is only for ALBRequestCountPerTarget, not ${p.PredefinedMetricType}` });
    }
  });

const customizedMetricSpecification = z.strictObject({
  MetricName: z.string({ error: 'MetricName must be a string' }).min(1, { error: 'MetricName must not be empty' }),
  Namespace: z.string({ error: 'Namespace must be a string' }).min(1, { error: 'Namespace must not be empty' }),
  Dimensions: z.array(dimension).optional(),
  Statistic: oneOf(METRIC_STATISTICS, 'Statistic'),
  Unit: z.string().optional(),
});

export const targetTrackingConfigurationSchema = z
  .strictObject({
    TargetValue: z
      .number({ error: 'TargetValue must be a number' })
      .refine((v) => v >= TARGET_VALUE_MIN && v <= TARGET_VALUE_MAX, { error: `TargetValue must be a number from ${TARGET_VALUE_MIN} to ${TARGET_VALUE_MAX} (greater than 0)` }),
    PredefinedMetricSpecification: predefinedMetricSpecification.optional(),
    CustomizedMetricSpecification: customizedMetricSpecification.optional(),
    ScaleOutCooldown: nonNegativeInt('ScaleOutCooldown').optional(),
    ScaleInCooldown: nonNegativeInt('ScaleInCooldown').optional(),
    DisableScaleIn: z.boolean({ error: 'DisableScaleIn must be true or false' }).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.PredefinedMetricSpecification === undefined) === (c.CustomizedMetricSpecification === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['PredefinedMetricSpecification'], message: 'exactly one of PredefinedMetricSpecification or CustomizedMetricSpecification must be given' });
    }
  });

export type TargetTrackingConfiguration = z.output<typeof targetTrackingConfigurationSchema>;

export const HIGH = 'AlarmHigh';
export const LOW = 'AlarmLow';

/** The metric the policy tracks (A-001, A-003; C-003, C-010), as PutMetricAlarm fields. */
export function trackedMetric(c: TargetTrackingConfiguration, resourceId: string): { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[]; Statistic: string; Unit?: string } {
  const custom = c.CustomizedMetricSpecification;
  if (custom !== undefined) return { Namespace: custom.Namespace, MetricName: custom.MetricName, Dimensions: custom.Dimensions ?? [], Statistic: custom.Statistic, ...(custom.Unit === undefined ? {} : { Unit: custom.Unit }) };
  const pre = c.PredefinedMetricSpecification;
  const [, cluster, service] = resourceId.split('/') as [string, string, string];
  const ecsDims = [
    { Name: 'ClusterName', Value: cluster },
    { Name: 'ServiceName', Value: service },
  ];
  switch (pre?.PredefinedMetricType) {
    case 'ECSServiceAverageMemoryUtilization':
      return { Namespace: 'AWS/ECS', MetricName: 'MemoryUtilization', Dimensions: ecsDims, Statistic: 'Average' };
    case 'ALBRequestCountPerTarget': {
      // ResourceLabel app/<lb>/<id>/targetgroup/<tg>/<id>: the TargetGroup dimension is the tail (C-008).
      const label = pre.ResourceLabel as string;
      return { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCountPerTarget', Dimensions: [{ Name: 'TargetGroup', Value: label.slice(label.indexOf('targetgroup/')) }], Statistic: 'Sum' };
    }
    default:
      return { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: ecsDims, Statistic: 'Average' };
  }
}

/** AlarmHigh and, unless scale-in is disabled, AlarmLow. */
export function targetTrackingAlarms(c: TargetTrackingConfiguration, ctx: OwnedAlarmContext): OwnedAlarm[] {
  const base = { ...trackedMetric(c, ctx.resourceId), Period: 60, TreatMissingData: 'missing', AlarmActions: [ctx.policyArn], AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${ctx.policyArn}.` };
  const alarms: OwnedAlarm[] = [
    { key: HIGH, alarm: { ...base, AlarmName: `TargetTracking-${ctx.resourceId}-AlarmHigh-${ctx.ids[0]}`, EvaluationPeriods: ALARM_HIGH_EVALUATION_PERIODS, ComparisonOperator: 'GreaterThanThreshold', Threshold: c.TargetValue } },
  ];
  if (!(c.DisableScaleIn === true && DISABLE_SCALE_IN_OMITS_ALARM_LOW)) {
    alarms.push({ key: LOW, alarm: { ...base, AlarmName: `TargetTracking-${ctx.resourceId}-AlarmLow-${ctx.ids[1]}`, EvaluationPeriods: ALARM_LOW_EVALUATION_PERIODS, ComparisonOperator: 'LessThanThreshold', Threshold: ALARM_LOW_FACTOR * c.TargetValue } });
  }
  return alarms;
}

/**
 * AlarmHigh scales out to the tracked capacity, from one when nothing runs; AlarmLow scales
 * in, only when every other target-tracking policy's AlarmLow is in ALARM too, to the
 * largest capacity any of them asks for. Without a datapoint nothing moves.
 */
export function decideTargetTracking(c: TargetTrackingConfiguration, view: ScalingView): ScalingDecision {
  const { alarm, runningCount: running } = view;
  if (alarm.key !== HIGH && alarm.key !== LOW) return { direction: 'none', reason: `${alarm.AlarmName} is not one of the policy's own alarms` };
  const metric = alarm.datapoints[0];
  if (metric === undefined) return { direction: 'none', reason: 'no datapoint' };
  if (alarm.key === HIGH) {
    // A-010: during the scale-out cooldown "the capacity added by the initiating scale-out
    // activity is calculated as part of the desired capacity for the next scale-out": the
    // next one counts from the capacity before it (whose load the lagging datapoints still
    // show), so a repeat only scales out further if the metric asks for more.
    const from = view.scaleOutCooldown.active ? view.scaleOutCooldown.baseCapacity : running;
    const base = from === 0 ? SCALE_OUT_FROM_ZERO_BASE : from;
    return { direction: 'out', desired: targetTrackingCapacity(base, metric, c.TargetValue), reason: `${metric} is above the target ${c.TargetValue}` };
  }
  // FL-001: the highest of the datapoints AlarmLow evaluated, not the newest alone, so a
  // noisy minute below the mean never removes a task the mean load needs (A-004: no scale-in
  // that would likely push the metric above target), the saw-tooth it would otherwise cause.
  const highest = Math.max(...alarm.datapoints);
  let desired = targetTrackingCapacity(running, highest, c.TargetValue);
  for (const other of view.otherPolicies) {
    if (other.PolicyType !== TARGET_TRACKING_SCALING) continue;
    const low = other.ownedAlarm(LOW);
    if (low === undefined) continue; // scale-in disabled: it has no say
    if (low.state !== 'ALARM') return { direction: 'none', reason: `policy ${other.PolicyName} does not agree to scale in` };
    if (low.datapoints.length === 0) return { direction: 'none', reason: `policy ${other.PolicyName} has no datapoint` };
    const otherMetric = Math.max(...low.datapoints);
    desired = Math.max(desired, targetTrackingCapacity(running, otherMetric, (other.configuration as TargetTrackingConfiguration).TargetValue));
  }
  return { direction: 'in', desired, reason: `${metric} is below the target ${c.TargetValue}` };
}

export const targetTrackingScaling: ScalingPolicyType<TargetTrackingConfiguration> = {
  args: targetTrackingConfigurationSchema,
  create: (c) => ({
    scaleOutCooldownSeconds: c.ScaleOutCooldown ?? SCALE_OUT_COOLDOWN_SECONDS_DEFAULT,
    scaleInCooldownSeconds: c.ScaleInCooldown ?? SCALE_IN_COOLDOWN_SECONDS_DEFAULT,
    ownedAlarms: (ctx) => targetTrackingAlarms(c, ctx),
    decide: (view) => decideTargetTracking(c, view),
  }),
};
