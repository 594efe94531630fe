import { splitResultPath } from '../result/index.js';
import { formatDuration } from '../engine/duration.js';
import type { Probe } from '../engine/probe.js';
import { didYouMean } from '../issues/index.js';
import type { ExpectationSpec } from './schema/scenario.js';

/**
 * Expectations: assertions a scenario carries about its own result, at the end of the
 * run (`that`, a path into the run result) or throughout it (`throughout`, a probe
 * checked at every change). Each failure says what was expected and what was seen.
 */
export interface ExpectationResult {
  /** Position in the scenario's `expectations` list. */
  readonly index: number;
  /** `queueing.checkout.meanWaitMs ≈ 1185 ± 5%` */
  readonly claim: string;
  readonly status: 'passed' | 'failed' | 'invalid';
  /** What was seen: the final value, or the first violating value for `throughout`. */
  readonly seen?: number | string | boolean | null;
  /** Simulated time of the first violation (`throughout`). */
  readonly atMs?: number;
  /** Why it failed or is invalid; empty when it passed. */
  readonly message: string;
  readonly description?: string;
}

/** The comparison part of an expectation as text: `≈ 1185 ± 5%`, `between 1 and 3`. */
export function describeComparison(e: ExpectationSpec): string {
  const parts: string[] = [];
  if (e.equals !== undefined) parts.push(`= ${JSON.stringify(e.equals)}`);
  if (e.sameAs !== undefined) parts.push(`= ${e.sameAs}`);
  if (e.matches !== undefined) parts.push(`matches /${e.matches}/`);
  if (e.atLeast !== undefined) parts.push(`>= ${e.atLeast}`);
  if (e.atMost !== undefined) parts.push(`<= ${e.atMost}`);
  if (e.between !== undefined) parts.push(`between ${e.between[0]} and ${e.between[1]}`);
  if (e.approximately !== undefined) parts.push(`≈ ${e.approximately} ± ${String(e.within)}`);
  return parts.join(' and ');
}

/** The longest string `matches:` is tried against; a longer one fails the expectation. */
export const MAX_MATCH_SUBJECT = 10_000;

/**
 * Why a `matches:` pattern could backtrack catastrophically (JavaScript's engine
 * backtracks: `^(a+)+$` against 30 "a"s and a "b" takes seconds, against 10,000 forever),
 * or undefined. Refused: a repeated group (`*`, `+`, `{n,}`) holding a quantifier or an
 * alternation, the shapes of exponential backtracking. A heuristic, on the side of refusing.
 */
export function regexHazard(source: string): string | undefined {
  // Per open group: whether its body holds a quantifier or an alternation.
  const groups: { risky: boolean; start: number }[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      // A character class: skip to its closing bracket.
      i += 1;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i += 1;
      continue;
    }
    if (c === '(') groups.push({ risky: false, start: i });
    else if (c === '|' || c === '*' || c === '+' || c === '{' || (c === '?' && source[i - 1] !== '(')) {
      const top = groups[groups.length - 1];
      if (top !== undefined) top.risky = true;
    } else if (c === ')') {
      const group = groups.pop();
      const next = source[i + 1];
      const repeated = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(source.slice(i + 1)));
      if (group !== undefined && group.risky && repeated) {
        return `the repeated group "${source.slice(group.start, i + 2)}" holds a quantifier or an alternation, which can backtrack catastrophically; write the pattern without nesting (e.g. "a+" for "(a+)+")`;
      }
      // A group's own quantifier makes its enclosing group risky too.
      const parent = groups[groups.length - 1];
      if (parent !== undefined && (group?.risky === true || next === '*' || next === '+' || next === '?' || next === '{')) parent.risky = true;
    }
    i += 1;
  }
  return undefined;
}

/** Whether `value` satisfies every comparison of `e`. */
export function satisfies(e: ExpectationSpec, value: unknown): boolean {
  if (e.equals !== undefined && value !== e.equals) return false;
  // A long subject is not matched at all: with the pattern check below, matching stays fast.
  if (e.matches !== undefined && !(typeof value === 'string' && value.length <= MAX_MATCH_SUBJECT && new RegExp(e.matches, 'u').test(value))) return false;
  const numeric = typeof value === 'number' && Number.isFinite(value);
  const needsNumber = e.atLeast !== undefined || e.atMost !== undefined || e.between !== undefined || e.approximately !== undefined;
  if (needsNumber && !numeric) return false;
  const x = value as number;
  if (e.atLeast !== undefined && !(x >= e.atLeast)) return false;
  if (e.atMost !== undefined && !(x <= e.atMost)) return false;
  if (e.between !== undefined && !(x >= e.between[0] && x <= e.between[1])) return false;
  if (e.approximately !== undefined && e.within !== undefined) {
    const tolerance = typeof e.within === 'number' ? e.within : (Number(e.within.slice(0, -1)) / 100) * Math.abs(e.approximately);
    if (!(Math.abs(x - e.approximately) <= tolerance)) return false;
  }
  return true;
}

function claimOf(e: ExpectationSpec): string {
  return `${e.that ?? e.throughout ?? ''} ${describeComparison(e)}${e.throughout !== undefined ? ' throughout' : ''}`;
}

function shown(value: unknown): number | string | boolean | null {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return JSON.stringify(value) ?? null;
}

function base(index: number, e: ExpectationSpec): Pick<ExpectationResult, 'index' | 'claim' | 'description'> {
  return e.description === undefined ? { index, claim: claimOf(e) } : { index, claim: claimOf(e), description: e.description };
}

/**
 * Why a `[field=value]` filter that kept no item is an error rather than an empty list, if
 * it is: an empty value (`[stopCode=]`), or a value that is a near miss of one the items
 * have (`[stopCode=TaskFailedToStrat]`). Either would otherwise pass `length equals 0`
 * silently. A value no item is near stays an empty list: "no task stopped for X" is a claim.
 */
export function emptyFilterProblem(items: readonly unknown[], field: string, value: string, at: string): string | undefined {
  const known = [
    ...new Set(
      items.flatMap((item) => {
        const v = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;
        return v === undefined || v === null || typeof v === 'object' ? [] : [String(v)];
      }),
    ),
  ];
  const listed = known.length > 0 && known.length <= 10 ? `; the items have ${field} ${known.map((k) => `"${k}"`).join(', ')}` : '';
  if (value.trim() === '') return `the filter [${field}=] on "${at}" has no value: write [${field}=value]${listed}`;
  const guess = didYouMean(value, known);
  // Short values (`t3/0` beside `m5/0`) and ids that differ only in their digits (`pool/1`
  // beside `pool/0`) are other items, not typos; a difference of case always is a typo.
  if (guess === undefined || guess === value) return undefined;
  if (guess.toLowerCase() !== value.toLowerCase() && (value.length < 8 || guess.replace(/\d/g, '') === value.replace(/\d/g, ''))) return undefined;
  return `the filter [${field}=${value}] on "${at}" matches none of its ${items.length} item${items.length === 1 ? '' : 's'}; did you mean [${field}=${guess}]?`;
}

/** The value at a dotted path in the result, or why there is none (with a did-you-mean). */
export function valueAt(result: unknown, dotted: string): { readonly value: unknown } | { readonly problem: string } {
  const path = splitResultPath(dotted);
  const join = (keys: readonly string[]): string => keys.map((k) => k.replace(/\./g, '\\.')).join('.');
  let node: unknown = result;
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i] as string;
    // `tasks[stopCode=TerminationNotice][instanceRef=pool/1]` keeps the array items whose fields equal the values.
    const bracket = segment.indexOf('[');
    const key = bracket < 0 ? segment : segment.slice(0, bracket);
    const filters = bracket < 0 ? [] : [...segment.slice(bracket).matchAll(/\[([^=\]]+)=([^\]]*)\]/g)].map((m) => [m[1] as string, m[2] as string] as const);
    if (node !== null && typeof node === 'object' && (key === '' || Object.hasOwn(node, key))) {
      node = key === '' ? node : (node as Record<string, unknown>)[key];
      for (const [field, value] of filters) {
        if (!Array.isArray(node)) return { problem: `"${join(path.slice(0, i + 1))}" filters a value that is not a list` };
        const kept = node.filter((item: unknown) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[field]) === value);
        const problem = kept.length === 0 ? emptyFilterProblem(node, field, value, join([...path.slice(0, i), key])) : undefined;
        if (problem !== undefined) return { problem };
        node = kept;
      }
      continue;
    }
    const where = join(path.slice(0, i));
    if (Array.isArray(node) && !/^\d+$/.test(key)) {
      // A filter keeps a list even when one item matches: `tasks[x=y].0.field`.
      const example = join([...path.slice(0, i), '0', ...path.slice(i)]);
      return { problem: `the run result has no value at "${dotted}": "${where}" is a list of ${node.length}; pick an item first, e.g. "${example}"` };
    }
    const keys = node !== null && typeof node === 'object' ? Object.keys(node) : [];
    const guess = didYouMean(key, keys);
    const hint = guess !== undefined ? `; did you mean "${join([...path.slice(0, i), guess])}"?` : keys.length > 0 && keys.length <= 30 ? `; ${where === '' ? 'the result' : where} has ${keys.join(', ')}` : '';
    return { problem: `the run result has no value at "${dotted}"${hint}` };
  }
  return { value: node };
}

/** Evaluates an end-of-run expectation against the result object. */
export function evaluateAtEnd(index: number, e: ExpectationSpec, result: unknown): ExpectationResult {
  const found = valueAt(result, e.that ?? '');
  // The path was checked before the run (assemble): a value the run did not produce fails the expectation.
  if ('problem' in found) return { ...base(index, e), status: 'failed', message: found.problem };
  const node = found.value;
  if (e.sameAs !== undefined) {
    const other = valueAt(result, e.sameAs);
    if ('problem' in other) return { ...base(index, e), status: 'failed', message: other.problem.replace('the run result', 'sameAs: the run result') };
    if (JSON.stringify(other.value) !== JSON.stringify(node)) {
      return { ...base(index, e), status: 'failed', seen: shown(node), message: `expected the value at ${e.sameAs} (${JSON.stringify(other.value)}), saw ${JSON.stringify(node)}` };
    }
  }
  const ok = satisfies(e, node);
  return {
    ...base(index, e),
    status: ok ? 'passed' : 'failed',
    seen: shown(node),
    message: ok ? '' : `expected ${describeComparison(e)}, saw ${JSON.stringify(node)}`,
  };
}

/** Watches a probe for a `throughout` expectation; `result()` reports the first violation. */
export class ProbeWatch {
  private violations = 0;
  private firstAt = 0;
  private firstValue = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly index: number,
    private readonly spec: ExpectationSpec,
    probe: Probe,
  ) {
    probe.observe((t, value) => {
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
      if (!satisfies(spec, value)) {
        if (this.violations === 0) {
          this.firstAt = t;
          this.firstValue = value;
        }
        this.violations += 1;
      }
    });
  }

  result(): ExpectationResult {
    if (this.violations === 0) return { ...base(this.index, this.spec), status: 'passed', message: '' };
    return {
      ...base(this.index, this.spec),
      status: 'failed',
      seen: this.firstValue,
      atMs: this.firstAt,
      message:
        `expected ${describeComparison(this.spec)} throughout, saw ${this.firstValue} at ${formatDuration(this.firstAt)}` +
        ` (${this.violations} violating change${this.violations === 1 ? '' : 's'}; range seen ${this.min} to ${this.max})`,
    };
  }
}
