import { z } from 'zod';
import { putMetricAlarmSchema } from '../../cloudwatch/schema.js';
import { isStatistic, isValidPeriod } from '../../cloudwatch/metric-store.js';
import { duration } from './values.js';

/**
 * The scenario's `cloudwatch:` section: alarms in `PutMetricAlarm` JSON (the API's own
 * field names, validated by `putMetricAlarmSchema`), and the metrics whose
 * `GetMetricData` results go into the run result (`cloudwatch.metricData`), each over the
 * whole run with its period.
 */
const dimension = z.strictObject({ Name: z.string().min(1), Value: z.string().min(1) });

export const metricQuerySchema = z.strictObject({
  /** GetMetricData's query Id; default `m<index>`. */
  Id: z.string().regex(/^[a-z][A-Za-z0-9_]*$/, { error: 'Id must start with a lower-case letter, then letters, digits and "_" (GetMetricData)' }).optional(),
  Label: z.string().optional(),
  Namespace: z.string().min(1),
  MetricName: z.string().min(1),
  Dimensions: z.array(dimension).max(30).default([]),
  Stat: z.string().refine(isStatistic, { error: 'Stat must be SampleCount, Average, Sum, Minimum, Maximum or a percentile pNN / pNN.NN' }),
  Period: z.number().refine(isValidPeriod, { error: 'Period must be 1, 5, 10, 30 or a multiple of 60 (seconds)' }).default(60),
});

/** ecs-sim's bound on a publication delay: a put reaches the store within the store's late-put allowance. */
export const MAX_PUBLICATION_DELAY_MS = 300_000;
const delay = duration.refine((ms) => ms <= MAX_PUBLICATION_DELAY_MS, { error: 'a publication delay must be at most 5m' });

/**
 * How long after a put a sample becomes visible (C-019, EF-006): one duration for every
 * namespace, or a mapping from namespace to duration where `"*"` stands for the namespaces
 * not listed (default 2m).
 */
export const publicationDelaySchema = z.union([delay, z.record(z.string().min(1), delay)], {
  error: 'publicationDelay must be a duration such as "2m", or a mapping from namespace (or "*" for the others) to a duration',
});

export const cloudwatchSectionSchema = z
  .strictObject({
    alarms: z.array(putMetricAlarmSchema).default([]),
    metrics: z.array(metricQuerySchema).default([]),
    publicationDelay: publicationDelaySchema.optional(),
  })
  .superRefine((s, ctx) => {
    const names = new Map<string, number>();
    s.alarms.forEach((a, i) => {
      const first = names.get(a.AlarmName);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['alarms', i, 'AlarmName'], message: `alarm "${a.AlarmName}" is already defined at cloudwatch.alarms[${first}]` });
      else names.set(a.AlarmName, i);
    });
    const ids = new Map<string, number>();
    s.metrics.forEach((m, i) => {
      const id = m.Id ?? `m${i}`;
      const first = ids.get(id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'Id'], message: `Id "${id}" is already used by cloudwatch.metrics[${first}]` });
      else ids.set(id, i);
    });
  });

/** CloudWatch's bound on a value: "Values must be in the range of -2^360 to 2^360" (API:MetricDatum, EF-005). */
const MAX_METRIC_VALUE = 2 ** 360;
const metricValue = z
  .number({ error: 'a metric value must be a number' })
  .refine((v) => Number.isFinite(v) && Math.abs(v) <= MAX_METRIC_VALUE, { error: 'a metric value must be finite and within -2^360 to 2^360 (NaN and Infinity are not supported)' });

/** API:MetricDatum's units. */
export const STANDARD_UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits',
  'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second',
  'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
] as const;

/** One `MetricDatum` of PutMetricData, in the API's field names; its `Timestamp` is the action's time. */
export const metricDatumSchema = z
  .strictObject({
    MetricName: z.string({ error: 'MetricName must be a string' }).min(1, { error: 'MetricName must not be empty' }).max(255, { error: 'MetricName must be at most 255 characters' }),
    Dimensions: z.array(dimension).max(30, { error: 'Dimensions takes at most 30 dimensions' }).default([]),
    Value: metricValue.optional(),
    Values: z.array(metricValue).min(1, { error: 'Values must hold at least one value' }).max(150, { error: 'Values takes at most 150 values' }).optional(),
    Counts: z.array(z.number().int({ error: 'Counts must be whole numbers here' }).min(1, { error: 'each of Counts must be at least 1' }).max(10_000)).optional(),
    StatisticValues: z
      .strictObject({ SampleCount: z.number().min(1, { error: 'StatisticValues.SampleCount must be at least 1' }), Sum: metricValue, Minimum: metricValue, Maximum: metricValue })
      .refine((v) => v.Minimum <= v.Maximum, { error: 'StatisticValues.Minimum must not exceed Maximum' })
      .optional(),
    Unit: z.enum(STANDARD_UNITS, { error: `Unit must be one of ${STANDARD_UNITS.join(', ')}` }).optional(),
    StorageResolution: z.union([z.literal(1), z.literal(60)], { error: 'StorageResolution must be 1 (high resolution) or 60' }).default(60),
  })
  .superRefine((d, ctx) => {
    const given = (['Value', 'Values', 'StatisticValues'] as const).filter((k) => d[k] !== undefined);
    if (given.length !== 1) ctx.addIssue({ code: 'custom', message: `give exactly one of Value, Values or StatisticValues${given.length === 0 ? '' : ` (got ${given.join(' and ')})`}` });
    if (d.Counts !== undefined && (d.Values === undefined || d.Counts.length !== d.Values.length)) {
      ctx.addIssue({ code: 'custom', path: ['Counts'], message: `Counts must go with Values and have as many entries (${d.Values?.length ?? 0})` });
    }
  });

/**
 * PutMetricData, as a timeline action (EF-005). The namespace of a custom metric; as
 * CloudWatch asks, not one beginning with "AWS/".
 */
export const putMetricDataSchema = z.strictObject({
  Namespace: z
    .string({ error: 'Namespace must be a string' })
    .min(1, { error: 'Namespace must not be empty' })
    .max(255, { error: 'Namespace must be at most 255 characters' })
    .refine((ns) => !ns.startsWith('AWS/'), { error: 'Namespace must not begin with "AWS/": that prefix is reserved for AWS services\' metrics' }),
  MetricData: z.array(metricDatumSchema).min(1, { error: 'MetricData must hold at least one datum' }).max(1000, { error: 'MetricData takes at most 1000 items' }),
});

/** SetAlarmState, as a timeline action. */
export const setAlarmStateSchema = z.strictObject({
  AlarmName: z.string().min(1),
  StateValue: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA'], { error: 'StateValue must be one of OK, ALARM, INSUFFICIENT_DATA' }),
  StateReason: z.string().max(1023, { error: 'StateReason must be at most 1023 characters' }),
  StateReasonData: z.string().max(4000).optional(),
});

export type CloudwatchSectionSpec = z.output<typeof cloudwatchSectionSchema>;
