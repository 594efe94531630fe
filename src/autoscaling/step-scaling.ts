import { z } from 'zod';
import { adjustedCapacity, aggregate, selectStep } from './capacity.js';
import { finite, nonNegativeInt, oneOf } from './fields.js';
import type { ScalingDecision, ScalingPolicyType, ScalingView } from './policy-type.js';

/**
 * `StepScaling` as a registered policy type: the user's alarm names the policy ARN; the
 * breach is the aggregated metric minus the alarm threshold, and the step whose interval
 * holds it gives the adjustment. One `Cooldown` serves both ways.
 */

export const STEP_SCALING = 'StepScaling';
export const ADJUSTMENT_TYPES = ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] as const;
export const METRIC_AGGREGATION_TYPES = ['Average', 'Minimum', 'Maximum'] as const;
/** step scaling `Cooldown` default. */
export const STEP_COOLDOWN_SECONDS_DEFAULT = 300;

const stepAdjustment = z.strictObject({
  MetricIntervalLowerBound: finite('MetricIntervalLowerBound').optional(),
  MetricIntervalUpperBound: finite('MetricIntervalUpperBound').optional(),
  ScalingAdjustment: z.number({ error: 'ScalingAdjustment must be a whole number' }).int({ error: 'ScalingAdjustment must be a whole number' }),
});

export const stepScalingConfigurationSchema = z
  .strictObject({
    AdjustmentType: oneOf(ADJUSTMENT_TYPES, 'AdjustmentType'),
    StepAdjustments: z.array(stepAdjustment, { error: 'StepAdjustments must be a list' }).min(1, { error: 'StepAdjustments must have at least one step' }),
    MinAdjustmentMagnitude: z.number().int({ error: 'MinAdjustmentMagnitude must be a whole number of at least 1' }).min(1, { error: 'MinAdjustmentMagnitude must be a whole number of at least 1' }).optional(),
    Cooldown: nonNegativeInt('Cooldown').optional(),
    MetricAggregationType: oneOf(METRIC_AGGREGATION_TYPES, 'MetricAggregationType').optional(),
  })
  .superRefine((c, ctx) => {
    if (c.MinAdjustmentMagnitude !== undefined && c.AdjustmentType !== 'PercentChangeInCapacity') {
      ctx.addIssue({ code: 'custom', path: ['MinAdjustmentMagnitude'], message: 'MinAdjustmentMagnitude applies only to AdjustmentType PercentChangeInCapacity' });
    }
    if (c.AdjustmentType === 'ExactCapacity') {
      c.StepAdjustments.forEach((s, i) => {
        if (s.ScalingAdjustment < 0) ctx.addIssue({ code: 'custom', path: ['StepAdjustments', i, 'ScalingAdjustment'], message: 'ScalingAdjustment must be at least 0 for ExactCapacity' });
      });
    }
    for (const issue of stepIntervalIssues(c.StepAdjustments)) ctx.addIssue({ code: 'custom', path: ['StepAdjustments', ...issue.path], message: issue.message });
  });

export type StepScalingConfiguration = z.output<typeof stepScalingConfigurationSchema>;

/**
 * intervals must not overlap or leave gaps; at most one step lacks a lower bound
 * and at most one an upper bound; each lower bound is below its upper bound.
 */
export function stepIntervalIssues(steps: readonly { MetricIntervalLowerBound?: number | undefined; MetricIntervalUpperBound?: number | undefined }[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  steps.forEach((s, i) => {
    if (s.MetricIntervalLowerBound !== undefined && s.MetricIntervalUpperBound !== undefined && s.MetricIntervalLowerBound >= s.MetricIntervalUpperBound) {
      issues.push({ path: [i, 'MetricIntervalUpperBound'], message: `MetricIntervalUpperBound (${s.MetricIntervalUpperBound}) must be greater than MetricIntervalLowerBound (${s.MetricIntervalLowerBound})` });
    }
  });
  if (steps.filter((s) => s.MetricIntervalLowerBound === undefined).length > 1) issues.push({ path: [], message: 'at most one step may leave MetricIntervalLowerBound out (negative infinity)' });
  if (steps.filter((s) => s.MetricIntervalUpperBound === undefined).length > 1) issues.push({ path: [], message: 'at most one step may leave MetricIntervalUpperBound out (positive infinity)' });
  if (issues.length > 0) return issues;
  const order = steps.map((s, i) => ({ lo: s.MetricIntervalLowerBound ?? -Infinity, hi: s.MetricIntervalUpperBound ?? Infinity, i })).sort((a, b) => a.lo - b.lo || a.i - b.i);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1] as { lo: number; hi: number; i: number };
    const cur = order[k] as { lo: number; hi: number; i: number };
    if (cur.lo < prev.hi) issues.push({ path: [cur.i], message: `step ${cur.i} overlaps step ${prev.i}: intervals must not overlap` });
    else if (cur.lo > prev.hi) issues.push({ path: [cur.i], message: `gap between step ${prev.i} (upper bound ${prev.hi}) and step ${cur.i} (lower bound ${cur.lo}): intervals must not leave gaps` });
  }
  return issues;
}

/**
 * The step for the breach of the aggregated datapoints over the alarm's threshold. During
 * a scale-out cooldown a scale-out counts from the capacity before it began (A-010: +2 then
 * +3 adds only 1). ExactCapacity scales out when it asks for at least the desired count.
 */
export function decideStepScaling(c: StepScalingConfiguration, view: ScalingView): ScalingDecision {
  const metric = aggregate(view.alarm.datapoints, c.MetricAggregationType ?? 'Average');
  if (metric === undefined) return { direction: 'none', reason: 'no datapoint' };
  const breach = metric - view.alarm.Threshold;
  const step = selectStep(c.StepAdjustments, breach);
  if (step === undefined) return { direction: 'none', reason: `no step holds the breach ${breach}` };
  const exact = c.AdjustmentType === 'ExactCapacity';
  const base = view.scaleOutCooldown.active && (step.ScalingAdjustment > 0 || exact) ? view.scaleOutCooldown.baseCapacity : view.runningCount;
  const desired = adjustedCapacity(base, c.AdjustmentType, step.ScalingAdjustment, c.MinAdjustmentMagnitude);
  const direction = exact ? (desired >= view.desiredCount ? 'out' : 'in') : step.ScalingAdjustment >= 0 ? 'out' : 'in';
  return { direction, desired, reason: `breach ${breach}: ${c.AdjustmentType} ${step.ScalingAdjustment} from ${base}` };
}

export const stepScaling: ScalingPolicyType<StepScalingConfiguration> = {
  args: stepScalingConfigurationSchema,
  create: (c) => ({
    scaleOutCooldownSeconds: c.Cooldown ?? STEP_COOLDOWN_SECONDS_DEFAULT,
    scaleInCooldownSeconds: c.Cooldown ?? STEP_COOLDOWN_SECONDS_DEFAULT,
    decide: (view) => decideStepScaling(c, view),
  }),
};
