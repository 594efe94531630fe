import type { z } from 'zod';
import type { CloudWatch } from '../../cloudwatch/alarm.js';
import { putMetricDataSchema } from '../schema/cloudwatch.js';
import type { CloudWatchVerb } from './verb.js';

type PutMetricDataInput = z.output<typeof putMetricDataSchema>;
type Datum = PutMetricDataInput['MetricData'][number];

/**
 * CloudWatch PutMetricData (ecs-facts EF-005): custom metrics that alarms, step scaling
 * (through those alarms) and target tracking with a `CustomizedMetricSpecification` read,
 * like any other metric. Each datum is stamped with the action's time and becomes visible
 * after its namespace's publication delay (EF-006). `Value` is one sample, `Values` one
 * sample each (or `Counts[i]` samples of `Values[i]`), `StatisticValues` one statistic set.
 */
export const putMetricData: CloudWatchVerb<PutMetricDataInput> = {
  name: 'putMetricData',
  model: 'cloudwatch',
  schema: putMetricDataSchema,
  check() {
    // Any namespace and metric may be put: nothing to refer to.
    return [];
  },
  apply(cw, input, atMs) {
    for (const datum of input.MetricData) putDatum(cw, input.Namespace, datum, atMs);
  },
};

function putDatum(cw: CloudWatch, namespace: string, d: Datum, atMs: number): void {
  const store = cw.metrics;
  const resolution = d.StorageResolution as 1 | 60;
  if (d.Value !== undefined) store.putMetricData(namespace, d.MetricName, d.Dimensions, d.Value, atMs, d.Unit, resolution);
  else if (d.Values !== undefined) store.putMetricValues(namespace, d.MetricName, d.Dimensions, expand(d.Values, d.Counts), atMs, d.Unit, resolution);
  else if (d.StatisticValues !== undefined) store.putStatisticSet(namespace, d.MetricName, d.Dimensions, d.StatisticValues, atMs, d.Unit, resolution);
}

/** `Values` with `Counts`: value i counted Counts[i] times. */
function expand(values: readonly number[], counts: readonly number[] | undefined): number[] {
  if (counts === undefined) return [...values];
  const out: number[] = [];
  values.forEach((v, i) => {
    for (let k = 0; k < (counts[i] ?? 1); k += 1) out.push(v);
  });
  return out;
}
