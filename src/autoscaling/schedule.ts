import { civilFromDays } from '../cloudwatch/format.js';
import { InputError } from '../issues/index.js';
/**
 * Scheduled-action schedules (A-015): `at(yyyy-mm-ddThh:mm:ss)`, `rate(value unit)` and
 * `cron(minutes hours day-of-month month day-of-week year)`, all in UTC.
 *
 * Why our own cron matcher: AWS's six-field cron (with `?`, a year field and 1 = SUN day
 * numbering) is not what the common npm cron parsers accept, and none in the package
 * lists we may use is an AWS-cron parser we would trust. The subset below is small and
 * tested: `*`, `?`, numbers, names (JAN–DEC, SUN–SAT), lists `a,b`, ranges `a-b` and
 * steps `x/n`. AWS's `L`, `W` and `#` are refused with a clear error rather than ignored.
 *
 * Civil-date arithmetic is done by hand (days-from-civil), not with `Date`, so the model
 * never touches the host's clock or time zone.
 */

/** A schedule that does not parse: bad input, in the one error model (thrown by the parsers below). */
const scheduleError = (message: string): InputError => new InputError(message);

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The UTC civil date of a day number (inverse of daysFromCivil): CloudWatch's formatter has it. */
export { civilFromDays };

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/;

/**
 * Epoch ms of `yyyy-mm-ddThh:mm:ss` (optional `Z`), read as UTC.
 * @throws InputError for another shape or an impossible date.
 */
export function parseUtcDateTime(text: string): number {
  const m = ISO.exec(text);
  if (m === null) throw scheduleError(`expected a UTC date-time yyyy-mm-ddThh:mm:ss, got "${text}"`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) throw scheduleError(`"${text}" is not a valid date-time`);
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000;
}

function daysInMonth(y: number, m: number): number {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

export type Schedule =
  | { readonly kind: 'at'; readonly atMs: number }
  | { readonly kind: 'rate'; readonly intervalMs: number }
  | { readonly kind: 'cron'; readonly cron: CronExpression };

const RATE_UNITS: Readonly<Record<string, number>> = { minute: MINUTE_MS, minutes: MINUTE_MS, hour: 3_600_000, hours: 3_600_000, day: DAY_MS, days: DAY_MS };

/**
 * Parses a `Schedule` string.
 * @throws InputError naming what is allowed.
 */
export function parseSchedule(text: string): Schedule {
  const at = /^at\((.*)\)$/.exec(text);
  if (at !== null) return { kind: 'at', atMs: parseUtcDateTime(at[1] as string) };
  const rate = /^rate\((.*)\)$/.exec(text);
  if (rate !== null) {
    const r = /^(\d+) (minutes?|hours?|days?)$/.exec(rate[1] as string);
    if (r === null || Number(r[1]) < 1) throw scheduleError(`rate(...) must be "value unit" with a whole value of at least 1 and unit minute(s), hour(s) or day(s), got "${text}"`);
    return { kind: 'rate', intervalMs: Number(r[1]) * (RATE_UNITS[r[2] as string] as number) };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron !== null) return { kind: 'cron', cron: parseCron(cron[1] as string) };
  throw scheduleError(`Schedule must be at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year), got "${text}"`);
}

/** A parsed AWS cron expression: each field as the set of values it matches (undefined = any). */
export interface CronExpression {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number> | undefined;
  readonly months: ReadonlySet<number>;
  /** 1 = SUN … 7 = SAT, as AWS numbers them. */
  readonly daysOfWeek: ReadonlySet<number> | undefined;
  readonly years: ReadonlySet<number> | undefined;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2199 },
];

function fieldValue(token: string, f: FieldSpec): number {
  const named = f.names?.indexOf(token.toUpperCase()) ?? -1;
  const v = named >= 0 ? named + f.min : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (!(v >= f.min && v <= f.max)) throw scheduleError(`cron ${f.name}: "${token}" is not a value from ${f.min} to ${f.max}${f.names === undefined ? '' : ` or ${f.names[0]}–${f.names[f.names.length - 1]}`}`);
  return v;
}

/** One field; undefined for `*` or `?` (matches anything). */
function parseField(text: string, f: FieldSpec): Set<number> | undefined {
  if (text === '*' || text === '?') return undefined;
  if (/[LW#]/.test(text)) throw scheduleError(`cron ${f.name}: "${text}" uses L, W or #, which this model does not support`);
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!(Number.isInteger(step) && step >= 1)) throw scheduleError(`cron ${f.name}: step in "${part}" must be a whole number of at least 1`);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [f.min, f.max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [lo, hi] = [fieldValue(a, f), fieldValue(b, f)];
      if (lo > hi) throw scheduleError(`cron ${f.name}: range "${range}" runs backwards`);
    } else {
      lo = fieldValue(range, f);
      hi = stepText === undefined ? lo : f.max;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/**
 * Parses the six fields of an AWS cron expression (inside `cron(...)`).
 * @throws InputError naming the field.
 */
export function parseCron(text: string): CronExpression {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 6) throw scheduleError(`cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), got ${parts.length} in "${text}"`);
  const [mi, h, dom, mo, dow, y] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw scheduleError(`cron: exactly one of day-of-month or day-of-week must be "?", got "${dom}" and "${dow}"`);
  const all = (f: FieldSpec) => {
    const s = new Set<number>();
    for (let v = f.min; v <= f.max; v++) s.add(v);
    return s;
  };
  const spec = (i: number) => FIELDS[i] as FieldSpec;
  return {
    minutes: parseField(mi, spec(0)) ?? all(spec(0)),
    hours: parseField(h, spec(1)) ?? all(spec(1)),
    daysOfMonth: parseField(dom, spec(2)),
    months: parseField(mo, spec(3)) ?? all(spec(3)),
    daysOfWeek: parseField(dow, spec(4)),
    years: parseField(y, spec(5)),
  };
}

/** How far ahead `nextCronTime` looks before giving up (a year field can end a schedule). */
const CRON_HORIZON_DAYS = 366 * 50;

/**
 * The first whole UTC minute at or after `fromEpochMs` that the expression matches, in
 * epoch ms; undefined when none comes within fifty years.
 */
export function nextCronTime(cron: CronExpression, fromEpochMs: number): number | undefined {
  const start = Math.ceil(fromEpochMs / MINUTE_MS) * MINUTE_MS;
  const firstDay = Math.floor(start / DAY_MS);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const hours = [...cron.hours].sort((a, b) => a - b);
  for (let day = firstDay; day < firstDay + CRON_HORIZON_DAYS; day++) {
    const c = civilFromDays(day);
    if (cron.years !== undefined && !cron.years.has(c.year)) continue;
    if (!cron.months.has(c.month)) continue;
    if (cron.daysOfMonth !== undefined && !cron.daysOfMonth.has(c.day)) continue;
    // 1970-01-01 was a Thursday: AWS day-of-week 5 (1 = SUN).
    if (cron.daysOfWeek !== undefined && !cron.daysOfWeek.has((((day + 4) % 7) + 7) % 7 + 1)) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const t = day * DAY_MS + (h * 60 + m) * MINUTE_MS;
        if (t >= start) return t;
      }
    }
  }
  return undefined;
}

/**
 * The first time at or after `fromEpochMs` (epoch ms) that a schedule runs, given when
 * the action was put (`anchorEpochMs`: StartTime or creation). `rate` runs first one
 * interval after the anchor — an assumption (AWS does not say when a rate schedule first
 * runs; EventBridge rate rules also wait one interval).
 */
export function nextScheduleTime(schedule: Schedule, anchorEpochMs: number, fromEpochMs: number): number | undefined {
  switch (schedule.kind) {
    case 'at':
      return schedule.atMs >= fromEpochMs ? schedule.atMs : undefined;
    case 'rate': {
      const k = Math.max(1, Math.ceil((fromEpochMs - anchorEpochMs) / schedule.intervalMs));
      return anchorEpochMs + k * schedule.intervalMs;
    }
    case 'cron':
      return nextCronTime(schedule.cron, fromEpochMs);
  }
}
