import type { RunResult } from '../result/index.js';
import { clock } from '../report/ecs-summary.js';
import { defaultMetrics } from './metrics.js';

/**
 * Baselines (docs/decisions.md): a run's decision records and key outcomes as stable text,
 * and the comparison of a new run with them. Pure: reading and writing the files is
 * baseline-files.ts's business.
 */

/** What a baseline holds for one scenario. */
export interface Baseline {
  /** The decision records, one JSON line each, in the order they were taken. */
  readonly decisions: readonly string[];
  /** The metrics a sweep reports by default (experiment/metrics.ts), name → value. */
  readonly outcomes: Readonly<Record<string, number>>;
  /** The `--set` overrides and `--plugin` files it was recorded with (the CLI's baselines; absent in older files and the vitest matcher's). */
  readonly recordedWith?: RecordedWith | undefined;
}

/** The overrides and plug-ins of a run, as given on the command line. */
export interface RecordedWith {
  readonly set: readonly string[];
  readonly plugins: readonly string[];
}

/** The outcomes file's key for `recordedWith`; no metric has this name (metric names are dotted paths). */
const RECORDED_WITH = 'recordedWith';

/** A result's baseline. @throws Error when the run did not keep its decisions (`decisions: true`). */
export function baselineOf(result: RunResult): Baseline {
  if (result.decisions === undefined) throw new Error('this result has no decision records: run it with { decisions: true } (simulate) to compare it with a baseline');
  return { decisions: result.decisions.map((d) => JSON.stringify(d)), outcomes: defaultMetrics(result) };
}

/** The decisions file: one record a line, ending with a newline. */
export function decisionsText(b: Baseline): string {
  return b.decisions.map((line) => `${line}\n`).join('');
}

/** The outcomes file: one metric a line, in the metrics' fixed order, as JSON. */
export function outcomesText(b: Baseline): string {
  const entries: [string, unknown][] = Object.entries(b.outcomes);
  // First, so a reviewer sees what the outcomes were recorded with.
  if (b.recordedWith !== undefined) entries.unshift([RECORDED_WITH, { set: b.recordedWith.set, plugins: b.recordedWith.plugins }]);
  if (entries.length === 0) return '{}\n';
  return `{\n${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`;
}

/** Parses the two files back; undefined fields are problems the caller reports. */
export function parseBaseline(decisions: string, outcomes: string): Baseline | string {
  const lines = decisions.split('\n').filter((l) => l.length > 0);
  for (const [i, line] of lines.entries()) {
    try {
      const record = JSON.parse(line) as unknown;
      if (typeof record !== 'object' || record === null || typeof (record as { t?: unknown }).t !== 'number' || typeof (record as { kind?: unknown }).kind !== 'string') return `line ${i + 1}: expected a decision record {"t":…,"kind":…}`;
    } catch {
      return `line ${i + 1}: not JSON`;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(outcomes);
  } catch {
    return 'the outcomes file is not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the outcomes file must be an object of numbers';
  const { [RECORDED_WITH]: recorded, ...metrics } = parsed as Record<string, unknown>;
  if (Object.values(metrics).some((v) => typeof v !== 'number')) return 'the outcomes file must be an object of numbers';
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const r = recorded as { set?: unknown; plugins?: unknown } | undefined;
  if (r !== undefined && (typeof r !== 'object' || r === null || !strings(r.set) || !strings(r.plugins))) return `the outcomes file's "${RECORDED_WITH}" must be { "set": [strings], "plugins": [strings] }`;
  return { decisions: lines, outcomes: metrics as Record<string, number>, ...(r === undefined ? {} : { recordedWith: { set: r.set as string[], plugins: r.plugins as string[] } }) };
}

/**
 * Warnings when a check runs with other `--set` overrides or `--plugin` files than the
 * baseline was recorded with, naming each one (a baseline recorded before they were stored
 * gives none): a change may then come from them rather than from the code.
 */
export function recordedWithWarnings(recorded: RecordedWith | undefined, now: RecordedWith): string[] {
  if (recorded === undefined) return [];
  const out: string[] = [];
  const compare = (flag: string, before: readonly string[], after: readonly string[]): void => {
    const quote = (v: string): string => (/^[\w./:=@+-]+$/.test(v) ? v : `'${v}'`);
    for (const v of after) if (!before.includes(v)) out.push(`⚠ this check runs with ${flag} ${quote(v)}; the baseline was recorded without it`);
    for (const v of before) if (!after.includes(v)) out.push(`⚠ the baseline was recorded with ${flag} ${quote(v)}; this check runs without it`);
    if (out.length === 0 && before.join('\n') !== after.join('\n')) out.push(`⚠ this check gives the baseline's ${flag} overrides in another order (a later one wins)`);
  };
  compare('--plugin', recorded.plugins, now.plugins);
  compare('--set', recorded.set, now.set);
  return out;
}

/** The kinds counted as scaling decisions in a report. */
const SCALING_KINDS = new Set(['scaling', 'managedScaling', 'instanceScaleIn', 'scaleIn']);

export interface KindChanges {
  readonly changed: number;
  readonly of: number;
}

export interface OutcomeMove {
  readonly metric: string;
  readonly before: number | undefined;
  readonly after: number | undefined;
}

export interface BaselineComparison {
  readonly identical: boolean;
  readonly decisions: number;
  readonly outcomes: number;
  /** The first decision that differs: its index, simulated time, both versions (null: none there) and the records just before it. */
  readonly first?: { readonly index: number; readonly t: number; readonly before: string | null; readonly after: string | null; readonly context: readonly string[] };
  readonly placements: KindChanges;
  readonly scaling: KindChanges;
  readonly other: KindChanges;
  readonly moved: readonly OutcomeMove[];
  readonly tolerance: number;
}

/** How many records before the first difference a report shows. */
export const CONTEXT_RECORDS = 3;

/**
 * Compares a run with its baseline. Decisions must be identical; an outcome moved when
 * it appeared, disappeared, or |after − before| > tolerance × |before| (any change when
 * before is 0). Records of each kind are aligned by position to count the changes.
 */
export function compareBaseline(baseline: Baseline, now: Baseline, tolerance = 0): BaselineComparison {
  const a = baseline.decisions;
  const b = now.decisions;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const differs = i < a.length || i < b.length;
  const timeOf = (line: string | undefined): number => (line === undefined ? Number.POSITIVE_INFINITY : (JSON.parse(line) as { t: number }).t);
  const first = differs ? { index: i, t: Math.min(timeOf(a[i]), timeOf(b[i])), before: a[i] ?? null, after: b[i] ?? null, context: a.slice(Math.max(0, i - CONTEXT_RECORDS), i) } : undefined;
  const byKind = (lines: readonly string[]): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const line of lines) {
      const kind = (JSON.parse(line) as { kind: string }).kind;
      const group = kind === 'placement' ? 'placement' : SCALING_KINDS.has(kind) ? 'scaling' : 'other';
      const list = out.get(group) ?? [];
      list.push(line);
      out.set(group, list);
    }
    return out;
  };
  const ka = byKind(a);
  const kb = byKind(b);
  const changes = (group: string): KindChanges => {
    const x = ka.get(group) ?? [];
    const y = kb.get(group) ?? [];
    let changed = Math.abs(x.length - y.length);
    for (let j = 0; j < Math.min(x.length, y.length); j += 1) if (x[j] !== y[j]) changed += 1;
    return { changed, of: Math.max(x.length, y.length) };
  };
  const moved: OutcomeMove[] = [];
  const names = [...Object.keys(baseline.outcomes), ...Object.keys(now.outcomes).filter((k) => !(k in baseline.outcomes))];
  for (const metric of names) {
    const before = baseline.outcomes[metric];
    const after = now.outcomes[metric];
    if (before === undefined || after === undefined) {
      moved.push({ metric, before, after });
      continue;
    }
    if (Math.abs(after - before) > tolerance * Math.abs(before) || (before === 0 && after !== 0)) moved.push({ metric, before, after });
  }
  return {
    identical: !differs && moved.length === 0,
    decisions: b.length,
    outcomes: Object.keys(now.outcomes).length,
    ...(first === undefined ? {} : { first }),
    placements: changes('placement'),
    scaling: changes('scaling'),
    other: changes('other'),
    moved,
    tolerance,
  };
}

/** The report `baseline check` prints for one scenario (and the vitest matcher's failure message). */
export function formatComparison(name: string, c: BaselineComparison): string {
  if (c.identical) return `${name}: identical (${c.decisions} decisions, ${c.outcomes} outcomes)`;
  const lines = [`${name}: changed`];
  if (c.first !== undefined) {
    const f = c.first;
    lines.push(`  first differing decision: #${f.index + 1} at ${clock(f.t)} simulated (t=${f.t} ms)`);
    lines.push(`    baseline: ${f.before ?? '(no more decisions)'}`);
    lines.push(`    now:      ${f.after ?? '(no more decisions)'}`);
    const fields = differingFields(f.before, f.after);
    if (fields.length > 0) lines.push(`  fields that differ: ${fields.join(', ')}`);
    if (f.context.length > 0) {
      lines.push(`  the ${f.context.length === 1 ? 'record' : `${f.context.length} records`} just before it (the same in both):`);
      for (const line of f.context) lines.push(`    ${line}`);
    }
  } else {
    lines.push('  decisions: identical');
  }
  lines.push(`  placements changed: ${c.placements.changed} of ${c.placements.of}; scaling decisions changed: ${c.scaling.changed} of ${c.scaling.of}; other decisions changed: ${c.other.changed} of ${c.other.of}`);
  if (c.moved.length === 0) lines.push(`  outcomes: none moved beyond the tolerance (${percent(c.tolerance)})`);
  else {
    lines.push(`  outcomes moved beyond the tolerance (${percent(c.tolerance)}):`);
    for (const m of c.moved) lines.push(`    ${m.metric}: ${show(m.before)} → ${show(m.after)}${m.before !== undefined && m.after !== undefined && m.before !== 0 ? ` (${signed(((m.after - m.before) / Math.abs(m.before)) * 100)}%)` : ''}`);
  }
  return lines.join('\n');
}

/** The top-level fields two records of the same kind disagree on, in the record's order. */
export function differingFields(before: string | null, after: string | null): string[] {
  if (before === null || after === null) return [];
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  if (a['kind'] !== b['kind']) return ['kind'];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

const show = (v: number | undefined): string => (v === undefined ? '(absent)' : String(v));
const percent = (r: number): string => `${Number((r * 100).toPrecision(6))}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/**
 * `--tolerance`: a fraction (0.05) or a percentage (5%), at least 0.
 * @returns the fraction, or a problem to report.
 */
export function parseTolerance(text: string): number | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (m === null) return `--tolerance expects a fraction (0.05) or a percentage (5%), at least 0, got ${JSON.stringify(text)}`;
  const n = Number(m[1]);
  return m[2] === '%' ? n / 100 : n;
}
