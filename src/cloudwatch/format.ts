/**
 * CloudWatch's text formats. Dates are computed from epoch ms in UTC by integer arithmetic
 * (days to civil date, H. Hinnant's algorithm), so no host clock, time zone or locale is
 * involved (the architecture test bans `Date` in the model).
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** UTC calendar fields of an epoch-ms instant. */
export function utcParts(epochMs: number): { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number } {
  const days = Math.floor(epochMs / 86_400_000);
  let rest = epochMs - days * 86_400_000;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const ms = rest - second * 1000;
  return { ...civilFromDays(days), hour, minute, second, ms };
}

/** The UTC civil date of a day number since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * Recent ISO timestamps and reason-data dates: each alarm transition dates its datapoints
 * and its times, the same few minutes over and over (as `reasonDates` below). Pure
 * functions' memos, emptied when they grow past a bound.
 */
const isoTimestamps = new Map<number, string>();
const reasonDataDates = new Map<number, string>();

/** ISO 8601 UTC with milliseconds, as the API's JSON timestamps: `2022-11-08T11:25:00.000Z`. */
export function formatIsoTimestamp(epochMs: number): string {
  let text = isoTimestamps.get(epochMs);
  if (text === undefined) {
    const u = utcParts(epochMs);
    text = `${pad(u.year, 4)}-${pad(u.month)}-${pad(u.day)}T${pad(u.hour)}:${pad(u.minute)}:${pad(u.second)}.${pad(u.ms, 3)}Z`;
    if (isoTimestamps.size >= REASON_DATES_MAX) isoTimestamps.clear();
    isoTimestamps.set(epochMs, text);
  }
  return text;
}

/** The `StateReasonData` date form: `2019-10-01T13:47:35.610+0000` (C-029 `queryDate`, `startDate`). */
export function formatReasonDataDate(epochMs: number): string {
  let text = reasonDataDates.get(epochMs);
  if (text === undefined) {
    text = `${formatIsoTimestamp(epochMs).slice(0, 23)}+0000`;
    if (reasonDataDates.size >= REASON_DATES_MAX) reasonDataDates.clear();
    reasonDataDates.set(epochMs, text);
  }
  return text;
}

/**
 * Recent state-reason dates: every transition's text dates each of its datapoints, and the
 * alarms of a run date the same few minutes over and over. A pure function's memo,
 * emptied when it grows past a bound.
 */
const reasonDates = new Map<number, string>();
const REASON_DATES_MAX = 4096;

/** The state-reason date form, dd/MM/yy HH:mm:ss in UTC (C-029). */
export function formatReasonDate(epochMs: number): string {
  let text = reasonDates.get(epochMs);
  if (text === undefined) {
    const u = utcParts(epochMs);
    text = `${pad(u.day)}/${pad(u.month)}/${pad(u.year % 100)} ${pad(u.hour)}:${pad(u.minute)}:${pad(u.second)}`;
    if (reasonDates.size >= REASON_DATES_MAX) reasonDates.clear();
    reasonDates.set(epochMs, text);
  }
  return text;
}

/**
 * A number as CloudWatch's (Java) text writes it: integers keep one decimal (`20000.0`,
 * `0.0`, C-029), other values their shortest round-trip form (`0.0666851903306472`).
 * Java switches to `1.0E7` notation at 10^7; so does this.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-3)) {
    const [mantissa, exp] = x.toExponential().split('e') as [string, string];
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp.replace('+', '')}`;
  }
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/** `1 datapoint`, `3 datapoints`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
