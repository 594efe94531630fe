import { z } from 'zod';
import { didYouMean, InputError, type Issue } from '../issues/index.js';
import { nonNegativeInt, resourceId, scalableDimension, serviceNamespace } from './fields.js';
import { builtinScalingPolicies } from './scaling-policies.js';
import { parseSchedule, parseUtcDateTime } from './schedule.js';

/**
 * Application Auto Scaling input in the API's own JSON field names (`RegisterScalableTarget`,
 * `PutScalingPolicy`, `PutScheduledAction`), so users can paste `--cli-input-json`
 * documents. Strict objects: a typo is an error with a did-you-mean, never a silent default.
 *
 * Only ECS services are modelled: `ServiceNamespace` must be `ecs` and `ScalableDimension`
 * `ecs:service:DesiredCount`. Fields that change nothing here (`RoleARN`, `Tags`) are
 * accepted.
 */

export { PREDEFINED_METRIC_TYPES, METRIC_STATISTICS, TARGET_VALUE_MIN, TARGET_VALUE_MAX, ALB_RESOURCE_LABEL, targetTrackingConfigurationSchema, type PredefinedMetricType } from './target-tracking.js';
export { ADJUSTMENT_TYPES, METRIC_AGGREGATION_TYPES, stepScalingConfigurationSchema, stepIntervalIssues } from './step-scaling.js';
export { ECS_RESOURCE_ID } from './fields.js';

/** A point in time: `yyyy-mm-ddThh:mm:ss[Z]` (UTC) or epoch seconds, as the API's JSON. Output: epoch ms. */
const timestamp = (field: string) =>
  z.union([z.string(), z.number()], { error: `${field} must be a UTC date-time yyyy-mm-ddThh:mm:ss or epoch seconds` }).transform((v, ctx) => {
    if (typeof v === 'number') return Math.round(v * 1000);
    try {
      return parseUtcDateTime(v);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      for (const issue of e.issues) ctx.addIssue({ code: 'custom', message: `${field}: ${issue.message}` });
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

/** `PutScalingPolicy` input for AWS's own policy types; `ScalingPolicyRegistry.putScalingPolicySchema()` adds plug-ins'. */
export const putScalingPolicySchema = builtinScalingPolicies.putScalingPolicySchema();

/**
 * A scenario's policy, checked before plug-ins are known: a policy of AWS's own types (or
 * with no usable PolicyType) fully, one naming another type not at all here: the service
 * checks it against the registered types when it is put (`ScalingPolicyRegistry`).
 */
const scenarioScalingPolicySchema = z.unknown().superRefine((value, ctx) => {
  const type = typeof value === 'object' && value !== null ? (value as { PolicyType?: unknown }).PolicyType : undefined;
  if (typeof type === 'string' && !builtinScalingPolicies.has(type) && /^[A-Za-z][A-Za-z0-9]*$/.test(type)) return;
  const parsed = putScalingPolicySchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
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
        if (!(e instanceof InputError)) throw e;
        for (const issue of e.issues) ctx.addIssue({ code: 'custom', message: issue.message });
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
  scalingPolicies: z.array(scenarioScalingPolicySchema).optional(),
  scheduledActions: z.array(putScheduledActionSchema).optional(),
});

export type RegisterScalableTargetInput = z.input<typeof registerScalableTargetSchema>;
export type RegisterScalableTargetConfig = z.output<typeof registerScalableTargetSchema>;
export type PutScalingPolicyInput = Record<string, unknown> & { readonly PolicyName: string; readonly PolicyType: string };
export type { PutScalingPolicyConfig } from './scaling-policies.js';
export type PutScheduledActionInput = z.input<typeof putScheduledActionSchema>;
export type PutScheduledActionConfig = z.output<typeof putScheduledActionSchema>;
export type AutoscalingSectionInput = z.input<typeof autoscalingSectionSchema>;
export type AutoscalingSection = z.output<typeof autoscalingSectionSchema>;

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
 * @throws InputError listing every issue (field path and message), paths relative to the input.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new InputError(
    r.error.issues.flatMap((i): Issue[] => {
      const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
      if (i.code !== 'unrecognized_keys') return [{ path, message: i.message }];
      const known = knownKeys(schema, i.path);
      return i.keys.map((key) => {
        const guess = didYouMean(key, known);
        return { path: [...path, key], message: `unknown field${guess === undefined ? '' : `; did you mean "${guess}"?`}`, didYouMean: guess };
      });
    }),
  );
}
