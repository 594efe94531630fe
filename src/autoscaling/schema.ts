import { didYouMean } from '../cloudwatch/schema.js';
import { z } from 'zod';
import { parseSchedule, parseUtcDateTime, ScheduleError } from './schedule.js';

/**
 * Application Auto Scaling input in the API's own JSON field names (`RegisterScalableTarget`,
 * `PutScalingPolicy`, `PutScheduledAction`), so users can paste `--cli-input-json`
 * documents. Strict objects: a typo is an error with a did-you-mean, never a silent default.
 *
 * Only ECS services are modelled: `ServiceNamespace` must be `ecs` and `ScalableDimension`
 * `ecs:service:DesiredCount`. Fields that change nothing here (`RoleARN`, `Tags`) are
 * accepted.
 */

export const PREDEFINED_METRIC_TYPES = ['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ALBRequestCountPerTarget'] as const;
export type PredefinedMetricType = (typeof PREDEFINED_METRIC_TYPES)[number];
export const ADJUSTMENT_TYPES = ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] as const;
export const METRIC_AGGREGATION_TYPES = ['Average', 'Minimum', 'Maximum'] as const;
/** CustomizedMetricSpecification.Statistic values the API takes. */
export const METRIC_STATISTICS = ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'] as const;
/** API: TargetValue must lie in 8.515920e-109 to 1.174271e+108. */
export const TARGET_VALUE_MIN = 8.51592e-109;
export const TARGET_VALUE_MAX = 1.174271e108;
/** `app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>`. */
export const ALB_RESOURCE_LABEL = /^app\/[^/]+\/[^/]+\/targetgroup\/[^/]+\/[^/]+$/;
export const ECS_RESOURCE_ID = /^service\/[^/]+\/[^/]+$/;

const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) => z.enum(values, { error: `${field} must be one of ${values.join(', ')}` });
const nonNegativeInt = (field: string) => z.number({ error: `${field} must be a whole number of at least 0` }).int({ error: `${field} must be a whole number of at least 0` }).min(0, { error: `${field} must be a whole number of at least 0` });
const finite = (field: string) => z.number({ error: `${field} must be a number` }).refine(Number.isFinite, { error: `${field} must be a finite number` });

const serviceNamespace = z.literal('ecs', { error: 'ServiceNamespace must be "ecs" (only ECS services are modelled)' });
const scalableDimension = z.literal('ecs:service:DesiredCount', { error: 'ScalableDimension must be "ecs:service:DesiredCount"' });
const resourceId = z.string({ error: 'ResourceId must be a string' }).regex(ECS_RESOURCE_ID, { error: 'ResourceId must be service/<cluster-name>/<service-name>' });

/** A point in time: `yyyy-mm-ddThh:mm:ss[Z]` (UTC) or epoch seconds, as the API's JSON. Output: epoch ms. */
const timestamp = (field: string) =>
  z.union([z.string(), z.number()], { error: `${field} must be a UTC date-time yyyy-mm-ddThh:mm:ss or epoch seconds` }).transform((v, ctx) => {
    if (typeof v === 'number') return Math.round(v * 1000);
    try {
      return parseUtcDateTime(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${field}: ${(e as Error).message}` });
      return z.NEVER;
    }
  });

export const suspendedStateSchema = z.strictObject({
  DynamicScalingInSuspended: z.boolean({ error: 'DynamicScalingInSuspended must be true or false' }).optional(),
  DynamicScalingOutSuspended: z.boolean({ error: 'DynamicScalingOutSuspended must be true or false' }).optional(),
  ScheduledScalingSuspended: z.boolean({ error: 'ScheduledScalingSuspended must be true or false' }).optional(),
});

export const registerScalableTargetSchema = z
  .strictObject({
    ServiceNamespace: serviceNamespace,
    ResourceId: resourceId,
    ScalableDimension: scalableDimension,
    MinCapacity: nonNegativeInt('MinCapacity'),
    MaxCapacity: nonNegativeInt('MaxCapacity'),
    RoleARN: z.string().optional(),
    SuspendedState: suspendedStateSchema.optional(),
    Tags: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.MinCapacity > t.MaxCapacity) ctx.addIssue({ code: 'custom', path: ['MinCapacity'], message: `MinCapacity (${t.MinCapacity}) must not exceed MaxCapacity (${t.MaxCapacity})` });
  });

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

export const putScalingPolicySchema = z
  .strictObject({
    PolicyName: z.string({ error: 'PolicyName must be a string' }).min(1, { error: 'PolicyName must be 1 to 256 characters' }).max(256, { error: 'PolicyName must be 1 to 256 characters' }),
    ServiceNamespace: serviceNamespace,
    ResourceId: resourceId,
    ScalableDimension: scalableDimension,
    PolicyType: oneOf(['TargetTrackingScaling', 'StepScaling'] as const, 'PolicyType'),
    TargetTrackingScalingPolicyConfiguration: targetTrackingConfigurationSchema.optional(),
    StepScalingPolicyConfiguration: stepScalingConfigurationSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.PolicyType === 'TargetTrackingScaling' && p.TargetTrackingScalingPolicyConfiguration === undefined) {
      ctx.addIssue({ code: 'custom', path: ['TargetTrackingScalingPolicyConfiguration'], message: 'PolicyType TargetTrackingScaling needs TargetTrackingScalingPolicyConfiguration' });
    }
    if (p.PolicyType === 'StepScaling' && p.StepScalingPolicyConfiguration === undefined) {
      ctx.addIssue({ code: 'custom', path: ['StepScalingPolicyConfiguration'], message: 'PolicyType StepScaling needs StepScalingPolicyConfiguration' });
    }
    if (p.PolicyType === 'TargetTrackingScaling' && p.StepScalingPolicyConfiguration !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['StepScalingPolicyConfiguration'], message: 'StepScalingPolicyConfiguration is only for PolicyType StepScaling' });
    }
    if (p.PolicyType === 'StepScaling' && p.TargetTrackingScalingPolicyConfiguration !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['TargetTrackingScalingPolicyConfiguration'], message: 'TargetTrackingScalingPolicyConfiguration is only for PolicyType TargetTrackingScaling' });
    }
  });

export const putScheduledActionSchema = z
  .strictObject({
    ServiceNamespace: serviceNamespace,
    ScheduledActionName: z.string({ error: 'ScheduledActionName must be a string' }).min(1, { error: 'ScheduledActionName must be 1 to 256 characters' }).max(256, { error: 'ScheduledActionName must be 1 to 256 characters' }),
    ResourceId: resourceId,
    ScalableDimension: scalableDimension,
    Schedule: z.string({ error: 'Schedule must be a string' }).superRefine((s, ctx) => {
      try {
        parseSchedule(s);
      } catch (e) {
        if (!(e instanceof ScheduleError)) throw e;
        ctx.addIssue({ code: 'custom', message: e.message });
      }
    }),
    /** Only UTC for now (A-015 allows IANA zones with DST; not modelled). */
    Timezone: z.literal(['UTC', 'Etc/UTC'], { error: 'Timezone: only UTC is modelled (leave it out or use "UTC")' }).optional(),
    StartTime: timestamp('StartTime').optional(),
    EndTime: timestamp('EndTime').optional(),
    ScalableTargetAction: z
      .strictObject({
        MinCapacity: nonNegativeInt('MinCapacity').optional(),
        MaxCapacity: nonNegativeInt('MaxCapacity').optional(),
      })
      .superRefine((a, ctx) => {
        if (a.MinCapacity === undefined && a.MaxCapacity === undefined) ctx.addIssue({ code: 'custom', message: 'ScalableTargetAction needs MinCapacity, MaxCapacity or both' });
        if (a.MinCapacity !== undefined && a.MaxCapacity !== undefined && a.MinCapacity > a.MaxCapacity) {
          ctx.addIssue({ code: 'custom', path: ['MinCapacity'], message: `MinCapacity (${a.MinCapacity}) must not exceed MaxCapacity (${a.MaxCapacity})` });
        }
      }),
  })
  .superRefine((a, ctx) => {
    if (a.StartTime !== undefined && a.EndTime !== undefined && a.EndTime <= a.StartTime) ctx.addIssue({ code: 'custom', path: ['EndTime'], message: 'EndTime must be after StartTime' });
  });

/** The scenario file's `autoscaling:` section. */
export const autoscalingSectionSchema = z.strictObject({
  scalableTargets: z.array(registerScalableTargetSchema).optional(),
  scalingPolicies: z.array(putScalingPolicySchema).optional(),
  scheduledActions: z.array(putScheduledActionSchema).optional(),
});

export type RegisterScalableTargetInput = z.input<typeof registerScalableTargetSchema>;
export type RegisterScalableTargetConfig = z.output<typeof registerScalableTargetSchema>;
export type PutScalingPolicyInput = z.input<typeof putScalingPolicySchema>;
export type PutScalingPolicyConfig = z.output<typeof putScalingPolicySchema>;
export type PutScheduledActionInput = z.input<typeof putScheduledActionSchema>;
export type PutScheduledActionConfig = z.output<typeof putScheduledActionSchema>;
export type AutoscalingSectionInput = z.input<typeof autoscalingSectionSchema>;
export type AutoscalingSection = z.output<typeof autoscalingSectionSchema>;

export interface AutoScalingConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** Bad Application Auto Scaling input: every issue, as data, with one formatted message. */
export class AutoScalingConfigError extends Error {
  override readonly name = 'AutoScalingConfigError';
  constructor(
    readonly operation: string,
    readonly issues: readonly AutoScalingConfigIssue[],
  ) {
    super(`${operation}: ` + issues.map((i) => `${i.path === '' ? '(input)' : i.path}: ${i.message}`).join('\n'));
  }
}


/** Known field names at a path, for did-you-mean on unknown keys. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const p of [...path, undefined]) {
    // Unwrap optional / pipe / array wrappers down to an object shape.
    for (let guard = 0; guard < 8; guard++) {
      const def = (s as { def?: { type?: string; innerType?: unknown; in?: unknown; element?: unknown } }).def;
      if (def?.type === 'optional' && def.innerType !== undefined) s = def.innerType;
      else if (def?.type === 'pipe' && def.in !== undefined) s = def.in;
      else if (def?.type === 'array' && typeof p === 'number') {
        s = def.element;
        break;
      } else break;
    }
    if (p === undefined || typeof p === 'number') continue;
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (shape === undefined) return [];
    s = shape[p as string];
  }
  const shape = (s as { shape?: Record<string, unknown> }).shape;
  return shape === undefined ? [] : Object.keys(shape);
}

/**
 * Validates input against a schema.
 * @throws AutoScalingConfigError listing every issue (field path and message).
 */
export function parseWith<S extends z.ZodType>(schema: S, operation: string, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new AutoScalingConfigError(
    operation,
    r.error.issues.flatMap((i): AutoScalingConfigIssue[] => {
      const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      if (i.code !== 'unrecognized_keys') return [{ path, message: i.message }];
      const known = knownKeys(schema, i.path);
      return i.keys.map((key) => ({ path: path === '' ? key : `${path}.${key}`, message: `unknown field${didYouMean(key, known)}` }));
    }),
  );
}
