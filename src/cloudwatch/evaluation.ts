import { formatNumber, formatReasonDate, plural } from './format.js';
import type { ComparisonOperator, TreatMissingData } from './schema.js';

/**
 * CloudWatch's alarm evaluation as pure functions: the evaluation-range algorithm for
 * missing data (ecs-facts C-024 to C-026) and the state-reason texts (C-029). The alarm
 * actor (alarm.ts) fetches the datapoints and applies the result.
 */

/** C-020. */
export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** One real datapoint of the evaluation range. */
export interface RangePoint {
  /** Period start, simulated ms. */
  readonly timestampMs: number;
  readonly value: number;
}

export interface EvaluationSettings {
  /** N. */
  readonly EvaluationPeriods: number;
  /** M. */
  readonly DatapointsToAlarm: number;
  readonly TreatMissingData: TreatMissingData;
  readonly ComparisonOperator: ComparisonOperator;
  readonly Threshold: number;
}

export interface RangeEvaluation {
  /** The new state; undefined means "retain the current state" (`ignore`, C-024). */
  readonly state: AlarmStateValue | undefined;
  /** The real datapoints the decision used, oldest first. */
  readonly evaluated: readonly RangePoint[];
  /** How many of the evaluated real points breach. */
  readonly breaching: number;
  /** Missing datapoints filled in with the treatment (`breaching` / `notBreaching` only). */
  readonly filled: number;
  readonly fillAs: 'Breaching' | 'NonBreaching' | undefined;
  /** The decision came from the premature-alarm rule (C-026). */
  readonly premature: boolean;
}

/**
 * The evaluation range: how many recent periods CloudWatch fetches. C-025 gives 5 for
 * N = 3; N + 2 in general is an assumption (the only documented case is N = 3).
 */
export function evaluationRangeOf(evaluationPeriods: number): number {
  return evaluationPeriods + 2;
}

export function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/**
 * Decides an alarm's state from its evaluation range (`range`, oldest first, `undefined`
 * for a missing period), as CloudWatch's user guide describes it (C-025, C-026):
 *
 * 1. With at least N real datapoints in the range, the newest N real ones are evaluated
 *    and the missing-data treatment plays no part: ALARM when at least M breach, else OK.
 * 2. With none: `missing` → INSUFFICIENT_DATA, `ignore` → retain the state, `breaching` →
 *    ALARM, `notBreaching` → OK.
 * 3. With fewer than N, the treatment fills the N − real missing slots ("as few as
 *    possible"): `breaching` counts them as breaching, `notBreaching` as not. `missing` and
 *    `ignore` fill nothing; they go to ALARM when M real points breach, and apply the
 *    premature-alarm rule: when the oldest real datapoint in the range breaches, is at
 *    least M periods old, and every more recent one breaches or is missing, `missing` goes
 *    to ALARM and `ignore` retains the state (the guide's tables, row 5 of each). Otherwise
 *    OK.
 *
 * This reproduces both tables in the guide (3 of 3 and 2 of 3, range 5). Reading "the
 * oldest available breaching datapoint" as "the oldest available datapoint, which
 * breaches" is what makes row `0 - X - -` (2 of 3) come out OK, as the table gives it.
 */
export function evaluateRange(range: readonly (RangePoint | undefined)[], s: EvaluationSettings): RangeEvaluation {
  const evaluated = tallyRange(range, s, true) as RangePoint[];
  const { real, breaching } = tally;
  const short = real < s.EvaluationPeriods;
  const treatment = s.TreatMissingData;
  // Rule 3: `breaching` and `notBreaching` fill the missing slots; `missing` and `ignore` may find an alarm premature.
  const fillAs = short && treatment === 'breaching' ? 'Breaching' : short && treatment === 'notBreaching' ? 'NonBreaching' : undefined;
  const premature = short && (treatment === 'missing' || treatment === 'ignore') && real > 0 && breaching < s.DatapointsToAlarm && breaching === real && tally.oldestRealAge >= s.DatapointsToAlarm;
  return { state: stateOfTally(s), evaluated, breaching, filled: fillAs === undefined ? 0 : s.EvaluationPeriods - real, fillAs, premature };
}

/**
 * `evaluateRange(range, s).state`, with nothing allocated: an alarm whose state stays as it
 * is and that has no action to repeat needs no more than this (most evaluations).
 */
export function decideRange(range: readonly (RangePoint | undefined)[], s: EvaluationSettings): AlarmStateValue | undefined {
  tallyRange(range, s, false);
  return stateOfTally(s);
}

/** The last range tallied: its real points, the age of the oldest (in periods, counted from the newest end), and how many of the evaluated ones breach. */
const tally = { real: 0, oldestRealAge: 0, breaching: 0 };

/** Counts `range` into `tally`; with `collect`, returns the evaluated points (the newest min(N, real) real ones, oldest first). */
function tallyRange(range: readonly (RangePoint | undefined)[], s: EvaluationSettings, collect: boolean): RangePoint[] | undefined {
  let real = 0;
  let oldestRealAge = 0;
  for (let i = 0; i < range.length; i++) {
    if (range[i] === undefined) continue;
    if (real === 0) oldestRealAge = range.length - i;
    real += 1;
  }
  const take = real >= s.EvaluationPeriods ? s.EvaluationPeriods : real;
  const evaluated = collect ? new Array<RangePoint>(take) : undefined;
  let breaching = 0;
  for (let i = range.length - 1, k = take - 1; k >= 0; i--) {
    const p = range[i];
    if (p === undefined) continue;
    if (evaluated !== undefined) evaluated[k] = p;
    k -= 1;
    if (breaches(s.ComparisonOperator, p.value, s.Threshold)) breaching += 1;
  }
  tally.real = real;
  tally.oldestRealAge = oldestRealAge;
  tally.breaching = breaching;
  return evaluated;
}

/** The state the last tally decides (rules 1 to 3 above). */
function stateOfTally(s: EvaluationSettings): AlarmStateValue | undefined {
  const n = s.EvaluationPeriods;
  const m = s.DatapointsToAlarm;
  const { real, breaching } = tally;
  if (real >= n) return breaching >= m ? 'ALARM' : 'OK';
  switch (s.TreatMissingData) {
    case 'breaching':
      return breaching + (n - real) >= m ? 'ALARM' : 'OK';
    case 'notBreaching':
      return breaching >= m ? 'ALARM' : 'OK';
    case 'missing':
    case 'ignore': {
      if (real === 0) return s.TreatMissingData === 'missing' ? 'INSUFFICIENT_DATA' : undefined;
      if (breaching >= m) return 'ALARM';
      if (breaching === real && tally.oldestRealAge >= m) return s.TreatMissingData === 'missing' ? 'ALARM' : undefined;
      return 'OK';
    }
  }
}

const OPERATOR_TEXT: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/**
 * The `StateReason` for a transition, in CloudWatch's wording.
 *
 * - Threshold crossed (C-029): `Threshold Crossed: 3 out of the last 3 datapoints [v (dd/MM/yy HH:mm:ss), …]
 *   were greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).`
 *   Datapoints newest first. Going to ALARM counts the breaching points; going to OK counts
 *   the others and says `not greater than` (C-029's recovery example). The minimum is M
 *   for a transition to ALARM and N − M + 1 for one to OK (the fewest non-breaching points
 *   that rule ALARM out; for N = M = 1 this gives C-029's "minimum 1 datapoint for ALARM -> OK").
 * - All missing, filled by the treatment: `Threshold Crossed: no datapoints were received
 *   for 3 periods and 3 missing datapoints were treated as [Breaching].` — `[observed]`
 *   CloudWatch output, not in the facts file. With some real points, the filled count is
 *   added as `… and 2 missing datapoints were treated as [Breaching] (minimum …)` — an
 *   assumption.
 * - INSUFFICIENT_DATA: `Insufficient Data: 3 datapoints were unknown.` — `[observed]`, not in
 *   the facts file.
 */
export function stateReasonText(ev: RangeEvaluation, s: EvaluationSettings, from: AlarmStateValue, to: AlarmStateValue, epochOriginMs: number): string {
  const n = s.EvaluationPeriods;
  if (to === 'INSUFFICIENT_DATA') return `Insufficient Data: ${plural(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`;
  if (ev.evaluated.length === 0 && ev.fillAs !== undefined) {
    return `Threshold Crossed: no datapoints were received for ${plural(ev.filled, 'period')} and ${plural(ev.filled, 'missing datapoint')} ${ev.filled === 1 ? 'was' : 'were'} treated as [${ev.fillAs}].`;
  }
  const total = ev.evaluated.length;
  const nonBreaching = total - ev.breaching;
  // Going to OK with no non-breaching point (too few breaching points for ALARM, e.g.
  // `- - - - X`) is told as the breaching count against the OK -> ALARM minimum (an
  // assumption: CloudWatch's text for this case is not in the facts file).
  const negate = to === 'OK' && nonBreaching > 0;
  const count = negate ? nonBreaching : ev.breaching;
  const list = [...ev.evaluated]
    .reverse()
    .map((p) => `${formatNumber(p.value)} (${formatReasonDate(epochOriginMs + p.timestampMs)})`)
    .join(', ');
  const minimum = to === 'ALARM' || !negate ? s.DatapointsToAlarm : n - s.DatapointsToAlarm + 1;
  const filled = ev.filled > 0 && ev.fillAs !== undefined ? ` and ${plural(ev.filled, 'missing datapoint')} ${ev.filled === 1 ? 'was' : 'were'} treated as [${ev.fillAs}]` : '';
  return (
    `Threshold Crossed: ${count} out of the last ${total} datapoints [${list}] ${count === 1 ? 'was' : 'were'} ${negate ? 'not ' : ''}${OPERATOR_TEXT[s.ComparisonOperator]} the threshold (${formatNumber(s.Threshold)})` +
    `${filled} (minimum ${plural(minimum, 'datapoint')} for ${from} -> ${negate || to === 'ALARM' ? to : 'ALARM'} transition).`
  );
}
