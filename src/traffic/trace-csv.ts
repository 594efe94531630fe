import type { RateProfileSpec } from './profile.js';
import type { TimestampTrace } from './workload.js';

/**
 * Replayed traffic from CSV text. The model reads no files: the scenario runner reads
 * the file and passes its text here.
 *
 * Both formats take comma-separated rows; blank lines and lines starting with `#` are
 * skipped, and a first row whose first field is not a number is a header.
 */

export interface TimestampCsvOptions {
  /** The unit of the time column (default `s`). */
  readonly unit?: 's' | 'ms';
  /** Shift so the first request is at 0 (default true): logs carry epoch times. */
  readonly rebase?: boolean;
}

export interface RateCsvOptions {
  /** The width of one row's slice (default 1000 ms: per-second rates). */
  readonly stepMs?: number;
  /** The unit of a time column, when there is one (default `s`). */
  readonly unit?: 's' | 'ms';
}

interface Table {
  readonly header: readonly string[] | undefined;
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

function table(text: string): Table {
  const rows: string[][] = [];
  const lines: number[] = [];
  let header: string[] | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(',').map((f) => f.trim());
    if (rows.length === 0 && header === undefined && !isNumber(fields[0] as string)) {
      header = fields.map((f) => f.toLowerCase());
      return;
    }
    rows.push(fields);
    lines.push(i + 1);
  });
  return { header, rows, lines };
}

function isNumber(field: string): boolean {
  return field !== '' && Number.isFinite(Number(field));
}

function numberAt(t: Table, row: number, column: number, what: string): number {
  const field = (t.rows[row] as readonly string[])[column];
  if (field === undefined || !isNumber(field)) throw new RangeError(`line ${t.lines[row]}: expected a number for ${what}, got ${field === undefined ? 'nothing' : `"${field}"`}`);
  return Number(field);
}

/**
 * Reads request times: one per row, in the column named `timestamp`, `time` or `t` (else
 * the first), with an optional `route` column naming each request's route.
 * @throws RangeError naming the line of a field that is not a number, or for no rows.
 */
export function parseTimestampCsv(text: string, options: TimestampCsvOptions = {}): TimestampTrace {
  const t = table(text);
  if (t.rows.length === 0) throw new RangeError('the trace has no rows');
  const named = t.header?.findIndex((h) => h === 'timestamp' || h === 'time' || h === 't') ?? -1;
  const timeColumn = named >= 0 ? named : 0;
  const routeColumn = t.header?.indexOf('route') ?? -1;
  const scale = (options.unit ?? 's') === 's' ? 1000 : 1;
  const raw = t.rows.map((_, i) => numberAt(t, i, timeColumn, 'the time') * scale);
  const origin = options.rebase === false ? 0 : minimum(raw);
  const timestamps = raw.map((x, i) => {
    const ms = x - origin;
    if (ms < 0) throw new RangeError(`line ${t.lines[i]}: time ${x / scale} is before 0`);
    return ms;
  });
  if (routeColumn < 0) return { timestamps };
  return { timestamps, routes: t.rows.map((r) => r[routeColumn] ?? '') };
}

/**
 * Reads rates (requests per second) into a piecewise-constant Poisson profile: one row
 * per slice of `stepMs`, either `rate` alone (consecutive slices) or `time,rate` (the
 * slice is placed by its time from the first row; slices with no row have rate 0).
 * @throws RangeError naming the line of a bad field, or for no rows.
 */
export function parseRateCsv(text: string, options: RateCsvOptions = {}): RateProfileSpec {
  const t = table(text);
  if (t.rows.length === 0) throw new RangeError('the rate trace has no rows');
  const stepMs = options.stepMs ?? 1000;
  const scale = (options.unit ?? 's') === 's' ? 1000 : 1;
  const named = t.header?.indexOf('rate') ?? -1;
  const twoColumns = (t.rows[0] as readonly string[]).length >= 2;
  const rateColumn = named >= 0 ? named : twoColumns ? 1 : 0;
  const rates: number[] = [];
  if (!twoColumns) {
    t.rows.forEach((_, i) => rates.push(checkRate(t, i, numberAt(t, i, rateColumn, 'the rate'))));
    return { piecewise: { stepMs, rates } };
  }
  const timeColumn = rateColumn === 0 ? 1 : 0;
  const times = t.rows.map((_, i) => numberAt(t, i, timeColumn, 'the time') * scale);
  const origin = minimum(times);
  t.rows.forEach((_, i) => {
    const slice = Math.round(((times[i] as number) - origin) / stepMs);
    while (rates.length <= slice) rates.push(0);
    rates[slice] = checkRate(t, i, numberAt(t, i, rateColumn, 'the rate'));
  });
  return { piecewise: { stepMs, rates } };
}

function checkRate(t: Table, row: number, rate: number): number {
  if (rate < 0) throw new RangeError(`line ${t.lines[row]}: a rate must be >= 0, got ${rate}`);
  return rate;
}

/** The smallest value; a loop, since spreading millions of rows into Math.min overflows the stack. */
function minimum(xs: readonly number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const x of xs) if (x < m) m = x;
  return m;
}
