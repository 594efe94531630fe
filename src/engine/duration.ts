import { InputError } from '../issues/index.js';
/**
 * Durations: simulated time is an integer number of milliseconds. Files speak in
 * durations such as "250ms", "30s", "5m", "1h30m" or "2d"; this is the one parser
 * that turns them into milliseconds.
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
const UNIT_ORDER: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];

/** Thrown for a duration that cannot be read: the one InputError, whose `message` says what is allowed. */
export class DurationError extends InputError {
  override readonly name: string = 'DurationError';
  constructor(message: string) {
    super([{ path: [], message }]);
    // The bare text: callers place it at the field that held the duration.
    this.message = message;
  }
}

const PART = /(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)/y;

export interface DurationOptions {
  /**
   * What a plain number means. AWS fields documented in seconds
   * (`healthCheckGracePeriodSeconds`) take `'s'`; ecs-sim's own fields take `'reject'`,
   * so `30` is never silently read as 30 ms when 30 s was meant.
   */
  readonly plainNumber?: 'ms' | 's' | 'reject';
  /**
   * Whether the result must be a whole number of ms (default true). Distribution
   * parameters such as a mean may be fractional; only scheduled delays must be whole.
   */
  readonly wholeMs?: boolean;
}

const ALLOWED = 'a duration such as "250ms", "30s", "5m", "1h30m" or "2d"';

/**
 * Parses a duration into integer milliseconds.
 * @throws DurationError for anything but a non-negative duration that is a whole number of ms.
 */
export function parseDuration(input: string | number, options: DurationOptions = {}): number {
  const plain = options.plainNumber ?? 'reject';
  if (typeof input === 'number') {
    // YAML reads `0` as a number; zero needs no unit.
    if (input === 0) return 0;
    if (plain === 'reject') {
      throw new DurationError(`expected ${ALLOWED}, got the bare number ${input} (add a unit)`);
    }
    return checkMs(plain === 's' ? input * 1000 : input, String(input), options.wholeMs ?? true);
  }
  const text = input.trim();
  if (text === '') throw new DurationError(`expected ${ALLOWED}, got an empty string`);
  if (text.startsWith('-')) throw new DurationError(`expected a non-negative duration, got "${input}"`);
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    if (Number(text) === 0) return 0;
    if (plain === 'reject') throw new DurationError(`expected ${ALLOWED}, got "${input}" (add a unit)`);
    return parseDuration(Number(text), options);
  }
  let total = 0;
  let pos = 0;
  let lastUnit = -1;
  while (pos < text.length) {
    PART.lastIndex = pos;
    const match = PART.exec(text);
    if (match === null) throw new DurationError(`expected ${ALLOWED}, got "${input}"`);
    const unit = match[2] as Unit;
    const rank = UNIT_ORDER.indexOf(unit);
    if (rank <= lastUnit) {
      throw new DurationError(`expected units from largest to smallest, each once (d h m s ms), got "${input}"`);
    }
    lastUnit = rank;
    total += Number(match[1]) * UNIT_MS[unit];
    pos = PART.lastIndex;
    while (text[pos] === ' ') pos += 1;
  }
  return checkMs(total, `"${input}"`, options.wholeMs ?? true);
}

function checkMs(ms: number, shown: string, wholeMs: boolean): number {
  if (!Number.isFinite(ms) || ms < 0) throw new DurationError(`expected a non-negative duration, got ${shown}`);
  if (!wholeMs) return ms;
  // Float arithmetic on decimal inputs ("0.1s") may land a hair off the integer.
  const rounded = Math.round(ms);
  if (Math.abs(ms - rounded) > 1e-6) {
    throw new DurationError(`expected a whole number of milliseconds, got ${shown}`);
  }
  return rounded;
}

/** Formats milliseconds the way the parser reads them: 5_400_000 → "1h30m". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  let out = '';
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return sign + out;
}
