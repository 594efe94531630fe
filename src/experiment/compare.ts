import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { InputError } from '../issues/index.js';
import type { RunResult } from '../result/index.js';
import { validateScenario } from '../scenario/simulate.js';
import { defaultMetrics, namedMetrics } from './metrics.js';
import { mergeShardRuns } from './plan.js';
import type { RunJob } from './run.js';
import { summarize, type MetricSummary } from './stats.js';
import { checkMetrics, openRunner, replicationSeed } from './sweep.js';

/**
 * `ecs-sim compare A B`: B − A per replication under common random numbers (replication r
 * of both sides runs with the same seed), so the luck both share cancels and what is left
 * is the effect of the difference. For each metric: both means, the mean difference with
 * its 95% Student-t interval, and whether that interval excludes zero.
 */

/** A side to compare: a scenario (with overrides) to run, or runs already made. */
export type CompareSide =
  | { readonly kind: 'scenario'; readonly file: string; readonly set: readonly string[] }
  | { readonly kind: 'saved'; readonly path: string; readonly runs: readonly SavedRun[] };

/** One saved run: its seed, and its result or the metrics a shard kept. */
export interface SavedRun {
  readonly seed: string | number;
  readonly result?: RunResult;
  readonly metrics?: Readonly<Record<string, number>>;
}

export interface CompareOptions {
  /** Replications when both sides are scenarios (default 10); saved runs bring their own seeds. */
  readonly replications: number;
  /** RunResult paths; none means the default metrics. */
  readonly metrics?: readonly string[] | undefined;
  readonly plugins?: readonly string[] | undefined;
  readonly workers?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface MetricComparison {
  /** The mean of A's and of B's values over the paired replications. */
  readonly a: number;
  readonly b: number;
  /** B − A per replication, summarized: mean, 95% CI, n, min, max. */
  readonly difference: MetricSummary;
  /** The 95% interval of the difference lies wholly above or below zero. */
  readonly excludesZero: boolean;
}

export interface Comparison {
  readonly a: SideDescription;
  readonly b: SideDescription;
  /** The seeds both sides ran with, in replication order. */
  readonly seeds: readonly (string | number)[];
  readonly metrics: Readonly<Record<string, MetricComparison>>;
}

export interface SideDescription {
  readonly source: string;
  readonly set: readonly string[];
}

/**
 * A side named on the command line: a `sweep run` directory or a saved `run --json`
 * result is saved runs; anything else is a scenario file.
 * @throws InputError for a sweep summary (it keeps no per-run values to pair).
 */
export function describeSide(path: string, set: readonly string[]): CompareSide {
  if (existsSync(path) && statSync(path).isDirectory()) {
    if (set.length > 0) throw new InputError([{ file: path, path: [], message: 'saved runs cannot take --set: they have run already' }]);
    return { kind: 'saved', path, runs: mergeShardRuns(path) };
  }
  if (/\.json$/i.test(path) && existsSync(path)) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      data = undefined;
    }
    if (data !== null && typeof data === 'object' && 'logHash' in data && 'schemaVersion' in data) {
      if (set.length > 0) throw new InputError([{ file: path, path: [], message: 'a saved run cannot take --set: it has run already' }]);
      const result = data as RunResult;
      return { kind: 'saved', path, runs: [{ seed: result.seed, result }] };
    }
    if (data !== null && typeof data === 'object' && 'combinations' in data && 'parameters' in data) {
      throw new InputError([{ file: path, path: [], message: 'a sweep summary keeps no per-run values to pair: compare the scenario itself, or a `sweep run` directory' }]);
    }
  }
  return { kind: 'scenario', file: path, set };
}

/**
 * Runs what needs running and pairs the sides replication by replication.
 * @throws InputError for bad input, or saved sides that share no seed.
 */
export async function compare(a: CompareSide, b: CompareSide, options: CompareOptions): Promise<Comparison> {
  if (!Number.isInteger(options.replications) || options.replications < 1) throw new InputError([{ path: [], message: `replications must be a whole number of at least 1, got ${options.replications}` }]);
  const wanted = options.metrics !== undefined && options.metrics.length > 0 ? options.metrics : null;
  if (wanted !== null) checkMetrics(wanted);
  const plugins = options.plugins ?? [];
  const scenarioSeeds: (string | number)[] = [];
  for (const side of [a, b]) if (side.kind === 'scenario') scenarioSeeds.push((await validateScenario(side.file, { set: side.set, plugins: [...plugins] })).spec.seed ?? 1);
  const seeds = pairedSeeds(a, b, scenarioSeeds[0] ?? 1, options.replications);
  if (seeds.length === 0) throw new InputError([{ path: [], message: `the saved runs of ${a.kind === 'saved' ? a.path : ''} and ${b.kind === 'saved' ? b.path : ''} share no seed, so nothing pairs` }]);

  // Both sides' scenario runs on one pool: A's replications, then B's.
  const jobs: RunJob[] = [];
  for (const side of [a, b]) if (side.kind === 'scenario') for (const seed of seeds) jobs.push({ index: jobs.length, file: side.file, set: side.set, seed, metrics: wanted, plugins });
  const runner = openRunner(options.workers ?? availableParallelism(), jobs.length);
  let outcomes;
  try {
    outcomes = await runner.run(jobs, jobs.length, options.onProgress);
  } finally {
    await runner.close();
  }
  const problems = [...new Set(outcomes.flatMap((o) => o.problems))];
  let next = 0;
  const valuesOf = (side: CompareSide): Record<string, number>[] => {
    if (side.kind === 'scenario') return seeds.map(() => (outcomes[next++] as { metrics: Record<string, number> }).metrics);
    return seeds.map((seed) => {
      const run = side.runs.find((r) => r.seed === seed) as SavedRun;
      if (run.result !== undefined) {
        if (wanted === null) return defaultMetrics(run.result);
        const named = namedMetrics(run.result, wanted);
        problems.push(...named.problems);
        return named.metrics;
      }
      const kept = run.metrics ?? {};
      const missing = (wanted ?? []).filter((m) => !(m in kept));
      if (missing.length > 0) problems.push(`${side.path} kept only the metrics of its plan; it has no ${missing.map((m) => `"${m}"`).join(', ')}`);
      return wanted === null ? { ...kept } : Object.fromEntries(wanted.filter((m) => m in kept).map((m) => [m, kept[m] as number]));
    });
  };
  const aValues = valuesOf(a);
  const bValues = valuesOf(b);
  if (problems.length > 0) throw new InputError([...new Set(problems)].map((message) => ({ path: [], message })));
  return { a: describe(a), b: describe(b), seeds, metrics: pair(wanted, aValues, bValues) };
}

function describe(side: CompareSide): SideDescription {
  return side.kind === 'scenario' ? { source: side.file, set: [...side.set] } : { source: side.path, set: [] };
}

/** Saved runs bring their seeds (both saved: the seeds they share, in A's order); two scenarios run A's seed and its derived seeds. */
function pairedSeeds(a: CompareSide, b: CompareSide, seed: string | number, replications: number): (string | number)[] {
  if (a.kind === 'saved' && b.kind === 'saved') return a.runs.map((r) => r.seed).filter((s) => b.runs.some((r) => r.seed === s));
  if (a.kind === 'saved') return a.runs.map((r) => r.seed);
  if (b.kind === 'saved') return b.runs.map((r) => r.seed);
  return Array.from({ length: replications }, (_, r) => replicationSeed(seed, r));
}

/**
 * Per metric (the ones asked for, or every default metric either side has, A's first),
 * over the replications where both sides have it: the means and B − A summarized.
 */
export function pair(wanted: readonly string[] | null, a: readonly Record<string, number>[], b: readonly Record<string, number>[]): Record<string, MetricComparison> {
  const names = wanted ?? [...new Set([...a, ...b].flatMap((m) => Object.keys(m)))];
  const out: Record<string, MetricComparison> = {};
  for (const name of names) {
    const pairs = a.flatMap((m, r) => (name in m && name in (b[r] ?? {}) ? [[m[name] as number, b[r]?.[name] as number] as const] : []));
    const difference = summarize(pairs.map(([x, y]) => y - x));
    if (difference === undefined) continue;
    const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const ci = difference.ci95;
    out[name] = { a: mean(pairs.map((p) => p[0])), b: mean(pairs.map((p) => p[1])), difference, excludesZero: ci !== null && (ci[0] > 0 || ci[1] < 0) };
  }
  return out;
}
