import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { parse as parseYaml } from 'yaml';
import { InputError, type Issue } from '../issues/index.js';
import { checkResultPath } from '../result/index.js';
import { validateScenario } from '../scenario/simulate.js';
import { JobRunner, type RunJob, type RunOutcome } from './run.js';
import { summarize, type MetricSummary } from './stats.js';

/**
 * `ecs-sim sweep`: every combination of the parameters' values, each run N times. Run r of
 * every combination has the same seed (common random numbers), so differences between
 * combinations come from the parameters, not from luck. Runs go to worker threads; the
 * summary is put together in run order afterwards, so it never depends on which thread
 * finished first or how many there were.
 */

export interface SweepParameter {
  /** A `--set` path. */
  readonly path: string;
  /** Each value as written (a YAML value). */
  readonly texts: readonly string[];
}

export interface SweepOptions {
  readonly parameters: readonly SweepParameter[];
  readonly replications: number;
  /** RunResult paths; none means the default metrics. */
  readonly metrics?: readonly string[] | undefined;
  /** Overrides applied to every combination first. */
  readonly set?: readonly string[] | undefined;
  readonly plugins?: readonly string[] | undefined;
  /** Worker threads (default: the machine's cores); 1 runs in this thread. Never changes the summary. */
  readonly workers?: number | undefined;
  /** Keep adding batches of `replications` until every CI half-width is within this fraction of |mean| (0.05 for 5%). */
  readonly targetPrecision?: number | undefined;
  /** The cap on replications per combination with `targetPrecision` (default DEFAULT_MAX_REPLICATIONS). */
  readonly maxReplications?: number | undefined;
  /** `--until`: every run ends here (ms) instead of at the scenario's until. */
  readonly untilMs?: number | undefined;
  /** Called after each run finishes, for a progress display (`total` grows as batches are added). */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface CombinationSummary {
  readonly values: Readonly<Record<string, unknown>>;
  readonly runs: number;
  readonly metrics: Readonly<Record<string, MetricSummary>>;
}

export interface SweepSummary {
  readonly parameters: readonly { readonly path: string; readonly values: readonly unknown[] }[];
  readonly combinations: readonly CombinationSummary[];
  /** With a target precision: whether it was reached, after how many replications, and the widest interval. */
  readonly precision?: PrecisionOutcome;
}

export interface PrecisionOutcome {
  readonly target: number;
  readonly reached: boolean;
  readonly replications: number;
  readonly maxReplications: number;
  /** The metric (and combination) with the widest relative interval at the end. */
  readonly widest: string | null;
}

/**
 * `PATH=V1,V2,...` → a parameter. Values split at commas outside brackets, braces and quotes,
 * so a value may be a YAML list or mapping.
 * @throws InputError for a malformed one.
 */
export function parseParameter(text: string): SweepParameter {
  const eq = topLevel(text, '=')[0];
  const fail = (message: string): InputError => new InputError([{ file: `--param ${text}`, path: [], message }]);
  if (eq === undefined || eq === 0) throw fail('expected PATH=V1,V2,..., e.g. ecs.instances[name=m5].count=6,9');
  const valuesText = text.slice(eq + 1);
  const cuts = topLevel(valuesText, ',');
  const texts = [...cuts, valuesText.length].map((end, i) => valuesText.slice(i === 0 ? 0 : (cuts[i - 1] as number) + 1, end).trim());
  if (texts.some((t) => t === '')) throw fail('expected values separated by commas, none empty');
  for (const t of texts) {
    try {
      parseYaml(t);
    } catch (error) {
      throw fail(`value "${t}" is not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`);
    }
  }
  return { path: text.slice(0, eq), texts };
}

/** Indexes of `ch` outside (), [], {} and quotes. */
function topLevel(text: string, ch: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('[{('.includes(c)) depth += 1;
    else if (']})'.includes(c)) depth -= 1;
    else if (c === ch && depth === 0) out.push(i);
  }
  return out;
}

/** The cartesian product, the first parameter varying slowest: each combination as its `--set` texts. */
export function combinations(parameters: readonly SweepParameter[]): string[][] {
  let out: string[][] = [[]];
  for (const p of parameters) out = out.flatMap((prefix) => p.texts.map((t) => [...prefix, `${p.path}=${t}`]));
  return out;
}

/** Replication r's seed: the scenario's own for r = 0 (so it reproduces `ecs-sim run`), then derived from (seed, r). */
export function replicationSeed(seed: string | number, r: number): string | number {
  return r === 0 ? seed : `${seed}:r${r}`;
}

/**
 * Every metric path refers to something a RunResult can have.
 * @throws InputError with a did-you-mean for one that does not.
 */
export function checkMetrics(metrics: readonly string[]): void {
  const issues: Issue[] = [];
  for (const m of metrics) {
    const check = checkResultPath(m);
    if ('error' in check) issues.push({ file: `--metric ${m}`, path: [], message: check.error, didYouMean: check.didYouMean });
  }
  if (issues.length > 0) throw new InputError(issues);
}

/** A sweep's runs, ready to go: each combination's overrides and seed, and how to make replication r's job. */
export interface PreparedSweep {
  readonly combos: readonly (readonly string[])[];
  /** RunResult paths, or null for the default metrics. */
  readonly metrics: readonly string[] | null;
  /** Each combination's full `--set` list (the shared overrides first) and the seed its replications derive from. */
  readonly runs: readonly { readonly set: readonly string[]; readonly seed: string | number }[];
}

/**
 * Checks everything before anything runs: the replications, the metric paths, and every
 * combination as a scenario (so a value that makes one invalid is found now).
 * @throws InputError for bad input (a parameter naming nothing, a bad value, a bad metric path).
 */
export async function prepareSweep(file: string, options: Pick<SweepOptions, 'parameters' | 'replications' | 'metrics' | 'set' | 'plugins'>): Promise<PreparedSweep> {
  if (!Number.isInteger(options.replications) || options.replications < 1) throw new InputError([{ path: [], message: `replications must be a whole number of at least 1, got ${options.replications}` }]);
  const metrics = options.metrics !== undefined && options.metrics.length > 0 ? options.metrics : null;
  if (metrics !== null) checkMetrics(metrics);
  const combos = combinations(options.parameters);
  const base = options.set ?? [];
  const runs: { set: readonly string[]; seed: string | number }[] = [];
  const issues: Issue[] = [];
  for (const combo of combos) {
    try {
      const scenario = await validateScenario(file, { set: [...base, ...combo], plugins: [...(options.plugins ?? [])] });
      runs.push({ set: [...base, ...combo], seed: scenario.spec.seed ?? 1 });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const i of error.issues) if (!issues.some((x) => x.message === i.message && x.file === i.file && x.line === i.line)) issues.push(i);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return { combos, metrics, runs };
}

/** The jobs of replications [from, to) of every combination, combination-major. */
export function sweepJobs(file: string, prepared: PreparedSweep, from: number, to: number, plugins: readonly string[], untilMs?: number): RunJob[] {
  const jobs: RunJob[] = [];
  prepared.runs.forEach((run, c) => {
    for (let r = from; r < to; r += 1) jobs.push({ index: c * 1_000_000 + r, file, set: run.set, seed: replicationSeed(run.seed, r), metrics: prepared.metrics, plugins, ...(untilMs === undefined ? {} : { untilMs }) });
  });
  return jobs;
}

/** Default cap of replications for `targetPrecision`. */
export const DEFAULT_MAX_REPLICATIONS = 100;

/**
 * Runs the sweep and summarizes it. Every combination is validated before anything runs.
 * With `targetPrecision`, replications are added in batches of `replications` until every
 * metric's CI half-width is within that fraction of its |mean|, or the cap is reached: the
 * batches and the stopping test depend on the results only, so the output is deterministic.
 * @throws InputError for bad input (a parameter naming nothing, a bad value, a bad metric path).
 */
export async function sweep(file: string, options: SweepOptions): Promise<SweepSummary> {
  const plugins = options.plugins ?? [];
  const cap = options.maxReplications ?? DEFAULT_MAX_REPLICATIONS;
  // The pool first: its threads load the code while this thread validates every combination.
  const firstBatch = Number.isInteger(options.replications) && options.replications > 0 ? combinations(options.parameters).length * options.replications : 0;
  const runner = openRunner(options.workers ?? availableParallelism(), firstBatch);
  try {
    const prepared = await prepareSweep(file, options);
    if (options.targetPrecision !== undefined && cap < options.replications) throw new InputError([{ path: [], message: `the replications cap (${cap}) is below the first batch (${options.replications} replications)` }]);
    const perCombo: RunOutcome[][] = prepared.runs.map(() => []);
    let total = 0;
    const add = async (from: number, to: number): Promise<void> => {
      const jobs = sweepJobs(file, prepared, from, to, plugins, options.untilMs);
      total += jobs.length;
      const outcomes = await runner.run(jobs, total, options.onProgress);
      const problems = [...new Set(outcomes.flatMap((o) => o.problems))];
      if (problems.length > 0) throw new InputError(problems.map((message) => ({ path: [], message })));
      outcomes.forEach((o, i) => perCombo[Math.floor(i / (to - from))]?.push(o));
    };
    let n = options.replications;
    await add(0, n);
    let summary = summarizeSweep(options.parameters, prepared.combos, n, prepared.metrics, perCombo.flat());
    if (options.targetPrecision === undefined) return summary;
    while (widestRelativeHalfWidth(summary).relative > options.targetPrecision && n < cap) {
      const next = Math.min(cap, n + options.replications);
      await add(n, next);
      n = next;
      summary = summarizeSweep(options.parameters, prepared.combos, n, prepared.metrics, perCombo.flat());
    }
    const widest = widestRelativeHalfWidth(summary);
    return { ...summary, precision: { target: options.targetPrecision, reached: widest.relative <= options.targetPrecision, replications: n, maxReplications: cap, widest: widest.where } };
  } finally {
    await runner.close();
  }
}

/**
 * The widest CI half-width relative to |mean| over every combination and metric: 0 for an
 * interval of zero width (even at a zero mean), Infinity for a single run or a spread
 * around a zero mean (no relative precision can be claimed there).
 */
export function widestRelativeHalfWidth(summary: SweepSummary): { relative: number; where: string | null } {
  let relative = 0;
  let where: string | null = null;
  summary.combinations.forEach((c, i) => {
    for (const [name, m] of Object.entries(c.metrics)) {
      const half = m.ci95 === null ? Number.POSITIVE_INFINITY : (m.ci95[1] - m.ci95[0]) / 2;
      const r = half === 0 ? 0 : half / Math.abs(m.mean);
      if (r > relative) {
        relative = r;
        where = `${name} (combination ${i + 1})`;
      }
    }
  });
  return { relative, where };
}

/** Runs jobs on one pool of worker threads kept warm for every batch, and in this thread. */
export interface Runner {
  /** Runs the jobs, returning their outcomes in job order whatever order they finish in. */
  run(jobs: readonly RunJob[], total: number, onProgress: SweepOptions['onProgress']): Promise<RunOutcome[]>;
  close(): Promise<void>;
  /** Runs so far in this thread and in worker threads (which thread ran which never changes an outcome). */
  readonly ran: { readonly here: number; readonly inWorkers: number };
}

/** Runs posted to each worker thread at once: it starts the next the moment one ends, while this thread may be busy with a run of its own. */
const QUEUED_PER_WORKER = 2;

/** Lets the event loop take messages (worker threads' answers) between two runs in this thread. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `workers` threads of work for `firstBatch` runs: this thread and `workers - 1` worker
 * threads. This thread is already warm (its code loaded and compiled while it validated
 * the combinations), so it runs jobs too instead of waiting: a worker thread pays its start,
 * code loading and JIT warm-up, which weigh heavily against runs of about 70 ms (issue 16).
 * Jobs are taken in order from one shared queue, so a slower thread simply takes fewer.
 */
export function openRunner(workers: number, firstBatch: number): Runner {
  const threads = Math.max(1, Math.min(workers, firstBatch));
  const ran = { here: 0, inWorkers: 0 };
  let done = 0;
  const finished = (o: RunOutcome, total: number, onProgress: SweepOptions['onProgress']): RunOutcome => {
    done += 1;
    onProgress?.(done, total);
    return o;
  };
  const local = new JobRunner();
  // One pool for the whole sweep: its threads load the code once and run job after job.
  const pool = threads === 1 ? undefined : new Tinypool({ filename: workerFile(), minThreads: threads - 1, maxThreads: threads - 1, isolateWorkers: false, concurrentTasksPerWorker: QUEUED_PER_WORKER });
  return {
    ran,
    async run(jobs, total, onProgress) {
      const out = new Array<RunOutcome>(jobs.length);
      let next = 0;
      const here = async (): Promise<void> => {
        while (next < jobs.length) {
          const i = next++;
          out[i] = finished(await local.run(jobs[i] as RunJob), total, onProgress);
          ran.here += 1;
          if (pool !== undefined) await turn();
        }
      };
      const inWorker = async (p: Tinypool): Promise<void> => {
        while (next < jobs.length) {
          const i = next++;
          out[i] = finished((await p.run(jobs[i])) as RunOutcome, total, onProgress);
          ran.inWorkers += 1;
        }
      };
      const lanes = pool === undefined ? [] : Array.from({ length: (threads - 1) * QUEUED_PER_WORKER }, () => inWorker(pool));
      await Promise.all([...lanes, here()]);
      return out;
    },
    close: async () => {
      if (pool !== undefined) await pool.destroy();
    },
  };
}

/** The compiled worker: beside this module when built; from TypeScript sources (tests), the build's copy. */
function workerFile(): string {
  const beside = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside.href;
  return new URL('../../dist/experiment/worker.js', import.meta.url).href;
}

/** Per combination and metric: mean, 95% CI, n, min, max, from the outcomes in job order. */
export function summarizeSweep(parameters: readonly SweepParameter[], combos: readonly (readonly string[])[], replications: number, metrics: readonly string[] | null, outcomes: readonly RunOutcome[]): SweepSummary {
  // Metric names in a fixed order: the ones asked for, or the defaults in the order runs first show them.
  const names = metrics ?? [...new Set(outcomes.flatMap((o) => Object.keys(o.metrics)))];
  return {
    parameters: parameters.map((p) => ({ path: p.path, values: p.texts.map((t) => parseYaml(t) as unknown) })),
    combinations: combos.map((combo, c) => {
      const runs = outcomes.slice(c * replications, (c + 1) * replications);
      const summaries: Record<string, MetricSummary> = {};
      for (const name of names) {
        const s = summarize(runs.flatMap((o) => (name in o.metrics ? [o.metrics[name] as number] : [])));
        if (s !== undefined) summaries[name] = s;
      }
      const values = Object.fromEntries(combo.map((set, i) => [parameters[i]?.path as string, parseYaml(set.slice((parameters[i]?.path.length ?? 0) + 1)) as unknown]));
      return { values, runs: runs.length, metrics: summaries };
    }),
  };
}
