import { z } from 'zod';
import { putMetricAlarmSchema } from '../../cloudwatch/schema.js';
import { isStatistic, isValidPeriod } from '../../cloudwatch/metric-store.js';

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

export const cloudwatchSectionSchema = z
  .strictObject({
    alarms: z.array(putMetricAlarmSchema).default([]),
    metrics: z.array(metricQuerySchema).default([]),
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

/** SetAlarmState, as a timeline action. */
export const setAlarmStateSchema = z.strictObject({
  AlarmName: z.string().min(1),
  StateValue: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA'], { error: 'StateValue must be one of OK, ALARM, INSUFFICIENT_DATA' }),
  StateReason: z.string().max(1023, { error: 'StateReason must be at most 1023 characters' }),
  StateReasonData: z.string().max(4000).optional(),
});

export type CloudwatchSectionSpec = z.output<typeof cloudwatchSectionSchema>;
