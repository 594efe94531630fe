import type { PublishedMetric } from '../result/index.js';

/**
 * `--metrics out.csv`: every CloudWatch metric the run published, in long format, one row
 * per (metric, period, statistic): `time,namespace,metric,dimensions,statistic,value`.
 * - `time`: the period's start as ISO-8601 UTC (`1970-01-01T00:05:00.000Z`: the scenario's
 *   epoch origin, 1970-01-01 by default, plus simulated time), as CloudWatch's own
 *   Timestamps in the result; pandas reads it with `parse_dates=["time"]`.
 * - `dimensions`: `Name=Value` pairs sorted by name, joined by `;` (empty without any).
 * - `statistic`: SampleCount, Sum, Minimum, Maximum, Average (Sum / SampleCount): what
 *   CloudWatch keeps per period (percentiles need the raw values: query them in the scenario).
 * Fields are quoted as RFC 4180 says (a comma, quote, CR or LF inside: doubled quotes),
 * lines end in CRLF. Rows follow the metrics in key order, then time, then statistic.
 */
export const METRICS_CSV_HEADER = 'time,namespace,metric,dimensions,statistic,value';

const STATISTICS = ['SampleCount', 'Sum', 'Minimum', 'Maximum', 'Average'] as const;

/** One RFC 4180 field. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** `Name=Value;Name=Value`, sorted by name (then value). */
export function dimensionsText(dimensions: PublishedMetric['Dimensions']): string {
  return [...dimensions]
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : a.Value < b.Value ? -1 : a.Value > b.Value ? 1 : 0))
    .map((d) => `${d.Name}=${d.Value}`)
    .join(';');
}

/** The CSV's lines, header first; call `join('\r\n')` or write them as they come. */
export function* metricsCsvLines(metrics: readonly PublishedMetric[]): Generator<string> {
  yield METRICS_CSV_HEADER;
  for (const m of metrics) {
    const head = `${csvField(m.Namespace)},${csvField(m.MetricName)},${csvField(dimensionsText(m.Dimensions))}`;
    for (const p of m.points) {
      const time = new Date(p.timestampMs).toISOString();
      const values = { SampleCount: p.SampleCount, Sum: p.Sum, Minimum: p.Minimum, Maximum: p.Maximum, Average: p.Sum / p.SampleCount };
      for (const stat of STATISTICS) yield `${time},${head},${stat},${String(values[stat])}`;
    }
  }
}

/** The whole CSV as one string (CRLF line ends, one after the last line too). */
export function metricsCsv(metrics: readonly PublishedMetric[]): string {
  let out = '';
  for (const line of metricsCsvLines(metrics)) out += `${line}\r\n`;
  return out;
}
