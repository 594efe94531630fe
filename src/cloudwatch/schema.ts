import { z } from 'zod';
import { didYouMean, InputError, type Issue } from '../issues/index.js';
import { isStatistic, isValidPeriod, PERCENTILE_PATTERN, BASIC_STATISTICS, type BasicStatistic, type Dimension } from './metric-store.js';

/**
 * `PutMetricAlarm` input in the API's own JSON field names, so users paste real
 * `aws cloudwatch put-metric-alarm --cli-input-json` documents. Strict: a typo is an
 * error, never a silent default. Messages name the field and what is allowed.
 *
 * Not modelled, and refused rather than ignored: `Metrics` (metric math / Metrics Insights
 * alarms), `ThresholdMetricId` and the anomaly-band operators (C-023; they need an anomaly
 * detection model). Fields that change nothing here (`Tags`, `Unit`, `AlarmDescription`)
 * are accepted.
 */

export const COMPARISON_OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const;
/** C-023: the anomaly-band operators, which need `ThresholdMetricId`. */
export const ANOMALY_OPERATORS = ['LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold', 'GreaterThanUpperThreshold'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
/** C-024. */
export const TREAT_MISSING_DATA = ['missing', 'notBreaching', 'breaching', 'ignore'] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];
/** C-028. */
export const EVALUATE_LOW_SAMPLE_COUNT_PERCENTILE = ['evaluate', 'ignore'] as const;
export type EvaluateLowSampleCountPercentile = (typeof EVALUATE_LOW_SAMPLE_COUNT_PERCENTILE)[number];
/** C-021: Period × EvaluationPeriods ≤ 86,400 s. */
export const MAX_EVALUATION_SECONDS = 86_400;
/** C-022: alarm periods are 10 s, 30 s or a multiple of 60 s. */
export function isValidAlarmPeriod(seconds: number): boolean {
  return isValidPeriod(seconds) && seconds >= 10;
}

const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) => z.enum(values, { error: `${field} must be one of ${values.join(', ')}` });

const dimension = z.strictObject({
  Name: z.string({ error: 'Dimensions[].Name must be a string' }).min(1, { error: 'Dimensions[].Name must not be empty' }).max(255),
  Value: z.string({ error: 'Dimensions[].Value must be a string' }).min(1, { error: 'Dimensions[].Value must not be empty' }).max(1024),
});

const arns = (field: string) => z.array(z.string({ error: `${field} must be a list of action ARNs` }).min(1), { error: `${field} must be a list of action ARNs` }).max(5, { error: `${field} takes at most 5 actions` });

const positiveInt = (field: string) => z.number({ error: `${field} must be an integer of at least 1` }).int({ error: `${field} must be an integer of at least 1` }).min(1, { error: `${field} must be an integer of at least 1` });

export const putMetricAlarmSchema = z
  .strictObject({
    AlarmName: z.string({ error: 'AlarmName must be a string' }).min(1, { error: 'AlarmName must be 1 to 255 characters' }).max(255, { error: 'AlarmName must be 1 to 255 characters' }),
    AlarmDescription: z.string().max(1024, { error: 'AlarmDescription must be at most 1024 characters' }).optional(),
    ActionsEnabled: z.boolean({ error: 'ActionsEnabled must be true or false' }).optional(),
    OKActions: arns('OKActions').optional(),
    AlarmActions: arns('AlarmActions').optional(),
    InsufficientDataActions: arns('InsufficientDataActions').optional(),
    MetricName: z.string({ error: 'MetricName must be a string' }).min(1, { error: 'MetricName must not be empty' }).max(255),
    Namespace: z.string({ error: 'Namespace must be a string' }).min(1, { error: 'Namespace must not be empty' }).max(255),
    Statistic: z.enum(BASIC_STATISTICS as unknown as readonly [BasicStatistic, ...BasicStatistic[]], { error: `Statistic must be one of ${BASIC_STATISTICS.join(', ')} (use ExtendedStatistic for percentiles)` }).optional(),
    ExtendedStatistic: z.string({ error: 'ExtendedStatistic must be a string such as p99 or p95.45' }).regex(PERCENTILE_PATTERN, { error: 'ExtendedStatistic must be a percentile p0 to p100 with up to two decimals, such as p99 or p95.45' }).optional(),
    Dimensions: z.array(dimension).max(30, { error: 'Dimensions takes at most 30 dimensions' }).optional(),
    Period: z.number({ error: 'Period must be 10, 30 or a multiple of 60 (seconds)' }).refine(isValidAlarmPeriod, { error: 'Period must be 10, 30 or a multiple of 60 (seconds)' }),
    Unit: z.string().optional(),
    EvaluationPeriods: positiveInt('EvaluationPeriods'),
    DatapointsToAlarm: positiveInt('DatapointsToAlarm').optional(),
    Threshold: z.number({ error: 'Threshold must be a number' }).refine(Number.isFinite, { error: 'Threshold must be a finite number' }),
    ComparisonOperator: z.string({ error: `ComparisonOperator must be one of ${COMPARISON_OPERATORS.join(', ')}` }),
    TreatMissingData: oneOf(TREAT_MISSING_DATA, 'TreatMissingData').optional(),
    EvaluateLowSampleCountPercentile: oneOf(EVALUATE_LOW_SAMPLE_COUNT_PERCENTILE, 'EvaluateLowSampleCountPercentile').optional(),
    Tags: z.array(z.strictObject({ Key: z.string(), Value: z.string() })).optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.Statistic === undefined) === (a.ExtendedStatistic === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['Statistic'], message: 'exactly one of Statistic or ExtendedStatistic must be given' });
    }
    if (!(COMPARISON_OPERATORS as readonly string[]).includes(a.ComparisonOperator)) {
      const anomaly = (ANOMALY_OPERATORS as readonly string[]).includes(a.ComparisonOperator);
      ctx.addIssue({
        code: 'custom',
        path: ['ComparisonOperator'],
        message: anomaly
          ? `${a.ComparisonOperator} needs an anomaly detection band (ThresholdMetricId), which is not modelled; use one of ${COMPARISON_OPERATORS.join(', ')}`
          : `ComparisonOperator must be one of ${COMPARISON_OPERATORS.join(', ')} (got ${a.ComparisonOperator})`,
      });
    }
    if (a.DatapointsToAlarm !== undefined && a.DatapointsToAlarm > a.EvaluationPeriods) {
      ctx.addIssue({ code: 'custom', path: ['DatapointsToAlarm'], message: `DatapointsToAlarm must be from 1 to EvaluationPeriods (${a.EvaluationPeriods}), got ${a.DatapointsToAlarm}` });
    }
    if (a.Period * a.EvaluationPeriods > MAX_EVALUATION_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['EvaluationPeriods'], message: `Period × EvaluationPeriods must be at most 86400 seconds (one day), got ${a.Period} × ${a.EvaluationPeriods} = ${a.Period * a.EvaluationPeriods}` });
    }
    const names = (a.Dimensions ?? []).map((d) => d.Name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) ctx.addIssue({ code: 'custom', path: ['Dimensions'], message: `dimension ${repeated} is repeated` });
  });

const FIELDS = Object.keys(putMetricAlarmSchema.shape);


export type PutMetricAlarmInput = z.input<typeof putMetricAlarmSchema>;

/** A validated alarm with every default filled in. */
export interface MetricAlarmConfig {
  readonly AlarmName: string;
  readonly AlarmDescription: string | undefined;
  readonly ActionsEnabled: boolean;
  readonly OKActions: readonly string[];
  readonly AlarmActions: readonly string[];
  readonly InsufficientDataActions: readonly string[];
  readonly MetricName: string;
  readonly Namespace: string;
  readonly Statistic: BasicStatistic | undefined;
  readonly ExtendedStatistic: string | undefined;
  readonly Dimensions: readonly Dimension[];
  readonly Period: number;
  readonly Unit: string | undefined;
  readonly EvaluationPeriods: number;
  /** Defaults to EvaluationPeriods (an N-out-of-N alarm). */
  readonly DatapointsToAlarm: number;
  readonly Threshold: number;
  readonly ComparisonOperator: ComparisonOperator;
  /** Defaults to `missing` (C-024). */
  readonly TreatMissingData: TreatMissingData;
  readonly EvaluateLowSampleCountPercentile: EvaluateLowSampleCountPercentile | undefined;
}

/**
 * Validates `PutMetricAlarm` input and fills the defaults.
 * @throws InputError listing every issue (field path and message).
 */
export function parseMetricAlarm(input: unknown): MetricAlarmConfig {
  const r = putMetricAlarmSchema.safeParse(input);
  if (!r.success) {
    throw new InputError(
      r.error.issues.flatMap((i): Issue[] => {
        const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
        if (i.code !== 'unrecognized_keys') return [{ path, message: i.message }];
        return i.keys.map((key) => {
          const guess = path.length === 0 ? didYouMean(key, FIELDS) : undefined;
          return { path: [...path, key], message: `unknown field${guess === undefined ? '' : `; did you mean "${guess}"?`}`, didYouMean: guess };
        });
      }),
    );
  }
  const a = r.data;
  if (a.ExtendedStatistic !== undefined && !isStatistic(a.ExtendedStatistic)) throw new InputError([{ path: ['ExtendedStatistic'], message: 'not a percentile' }]);
  return {
    AlarmName: a.AlarmName,
    AlarmDescription: a.AlarmDescription,
    ActionsEnabled: a.ActionsEnabled ?? true,
    OKActions: a.OKActions ?? [],
    AlarmActions: a.AlarmActions ?? [],
    InsufficientDataActions: a.InsufficientDataActions ?? [],
    MetricName: a.MetricName,
    Namespace: a.Namespace,
    Statistic: a.Statistic,
    ExtendedStatistic: a.ExtendedStatistic,
    Dimensions: a.Dimensions ?? [],
    Period: a.Period,
    Unit: a.Unit,
    EvaluationPeriods: a.EvaluationPeriods,
    DatapointsToAlarm: a.DatapointsToAlarm ?? a.EvaluationPeriods,
    Threshold: a.Threshold,
    ComparisonOperator: a.ComparisonOperator as ComparisonOperator,
    TreatMissingData: a.TreatMissingData ?? 'missing',
    EvaluateLowSampleCountPercentile: a.EvaluateLowSampleCountPercentile,
  };
}
