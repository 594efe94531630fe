import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../issues/index.js';
import { runJob, type RunJob, type RunOutcome } from './run.js';
import { combinations, prepareSweep, summarizeSweep, sweepJobs, type SweepOptions, type SweepParameter, type SweepSummary } from './sweep.js';

/**
 * A sweep split over machines: the plan is the whole experiment as a file (one entry per
 * run, its overrides and seed), any machine runs entry I of it (I from an array job's
 * index), each run leaves one canonical file, and merging the files gives the summary a
 * local sweep prints, byte for byte. The plan holds the SHA-256 of the scenario and of
 * every file it extends, so a shard refuses to run a file that changed since.
 */

export const PLAN_KIND = 'ecs-sim sweep plan';
export const PLAN_VERSION = 1;

export interface PlanRun {
  readonly index: number;
  readonly combination: number;
  readonly replication: number;
  readonly set: readonly string[];
  readonly seed: string | number;
}

export interface SweepPlan {
  readonly kind: typeof PLAN_KIND;
  readonly version: typeof PLAN_VERSION;
  /** The scenario file, relative to the plan's folder (forward slashes). */
  readonly scenario: string;
  /** The scenario and each base it extends, relative to the plan's folder, with their SHA-256. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  readonly parameters: readonly SweepParameter[];
  readonly replications: number;
  readonly set: readonly string[];
  /** RunResult paths, or null for the default metrics. */
  readonly metrics: readonly string[] | null;
  /** Plug-in modules, relative to the plan's folder. */
  readonly plugins: readonly string[];
  /** `--until` in ms, when the plan was made with it: every run ends there. */
  readonly untilMs?: number;
  readonly runs: readonly PlanRun[];
}

/** One run's result as a shard writes it: which plan and entry, and the run's metrics. */
export interface ShardResult {
  /** SHA-256 of the plan file's bytes. */
  readonly plan: string;
  readonly index: number;
  readonly seed: string | number;
  readonly metrics: Readonly<Record<string, number>>;
  readonly problems: readonly string[];
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** The plan as bytes: fixed key order, so the same experiment gives the same file. */
export function planJson(plan: SweepPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** `path` relative to `dir`, with forward slashes (a plan made on one OS runs on another). */
function portable(dir: string, path: string): string {
  return relative(dir, resolve(path)).split(sep).join('/');
}

/** The scenario file and every base its `extends:` chain names, in order (the chain is validated already). */
export function scenarioChain(file: string): string[] {
  const chain: string[] = [];
  let current: string | undefined = file;
  while (current !== undefined && !chain.some((f) => resolve(f) === resolve(current as string))) {
    chain.push(current);
    const data = parseYaml(readFileSync(current, 'utf8')) as { extends?: unknown } | null;
    const ref = data !== null && typeof data === 'object' ? data.extends : undefined;
    current = typeof ref === 'string' ? (isAbsolute(ref) ? ref : join(dirname(current), ref)) : undefined;
  }
  return chain;
}

/**
 * The plan of a sweep: every combination validated (as `sweep` does), then one entry per run
 * in the order a local sweep runs them. `planPath` is where it will be written: paths in it
 * are relative to that folder.
 * @throws InputError as `sweep` does.
 */
export async function planSweep(file: string, planPath: string, options: Pick<SweepOptions, 'parameters' | 'replications' | 'metrics' | 'set' | 'plugins' | 'untilMs'>): Promise<SweepPlan> {
  const prepared = await prepareSweep(file, options);
  const dir = dirname(resolve(planPath));
  const jobs = sweepJobs(file, prepared, 0, options.replications, []);
  return {
    kind: PLAN_KIND,
    version: PLAN_VERSION,
    scenario: portable(dir, file),
    files: scenarioChain(file).map((f) => ({ path: portable(dir, f), sha256: sha256(readFileSync(f)) })),
    parameters: options.parameters.map((p) => ({ path: p.path, texts: [...p.texts] })),
    replications: options.replications,
    set: [...(options.set ?? [])],
    metrics: prepared.metrics === null ? null : [...prepared.metrics],
    plugins: (options.plugins ?? []).map((p) => portable(dir, p)),
    // Written only when given, so a plan made without --until keeps its bytes.
    ...(options.untilMs === undefined ? {} : { untilMs: options.untilMs }),
    runs: jobs.map((job, index) => ({ index, combination: Math.floor(index / options.replications), replication: index % options.replications, set: [...job.set], seed: job.seed })),
  };
}

/** Reads and checks a plan file. @throws InputError when it is not one. */
export function readPlan(path: string): { plan: SweepPlan; hash: string } {
  const fail = (message: string): InputError => new InputError([{ file: path, path: [], message }]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fail(`cannot read the plan: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let plan: SweepPlan;
  try {
    plan = JSON.parse(text) as SweepPlan;
  } catch {
    throw fail('not JSON: expected a plan written by `ecs-sim sweep plan`');
  }
  if (plan === null || typeof plan !== 'object' || plan.kind !== PLAN_KIND) throw fail('not a sweep plan: expected a file written by `ecs-sim sweep plan`');
  if (plan.version !== PLAN_VERSION) throw fail(`plan version ${String(plan.version)}, this ecs-sim reads version ${PLAN_VERSION}`);
  if (!Array.isArray(plan.runs) || !Array.isArray(plan.files) || !Array.isArray(plan.parameters)) throw fail('a plan needs runs, files and parameters');
  return { plan, hash: sha256(text) };
}

/**
 * The array index a shard runs: `--index`, else the batch engine's variable. Kubernetes
 * Indexed Jobs set JOB_COMPLETION_INDEX, AWS Batch array jobs AWS_BATCH_JOB_ARRAY_INDEX,
 * Slurm job arrays SLURM_ARRAY_TASK_ID (submit with --array=0-(N-1)).
 */
export const INDEX_VARIABLES = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX', 'SLURM_ARRAY_TASK_ID'] as const;

export function shardIndex(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, runs: number): number {
  const from = flag !== undefined ? { name: '--index', text: flag } : INDEX_VARIABLES.map((name) => ({ name, text: env[name] })).find((v) => v.text !== undefined && v.text !== '');
  if (from === undefined || from.text === undefined) throw new InputError([{ path: [], message: `no index: give --index I or set one of ${INDEX_VARIABLES.join(', ')}` }]);
  const n = Number(from.text);
  if (!/^\d+$/.test(from.text.trim()) || n >= runs) throw new InputError([{ path: [], message: `${from.name}=${from.text}: the plan has runs 0 to ${runs - 1}` }]);
  return n;
}

/** The shard result file's name: its index (zero-padded, so files sort) and the hash of its bytes. */
export function shardFileName(index: number, bytes: string): string {
  return `run-${String(index).padStart(6, '0')}-${sha256(bytes).slice(0, 16)}.json`;
}

/**
 * Runs entry `index` of the plan at `planPath` and writes its result into `outDir` (made if
 * needed), with a copy of the plan for `merge`. Both are written to a temporary name and
 * renamed, so a reader never sees half a file; a retried index writes the same bytes
 * under the same name.
 * @throws InputError when a scenario file no longer matches the plan.
 */
export async function runShard(planPath: string, index: number, outDir: string): Promise<string> {
  const { plan, hash } = readPlan(planPath);
  const dir = dirname(resolve(planPath));
  const changed = plan.files.filter((f) => {
    try {
      return sha256(readFileSync(resolve(dir, f.path))) !== f.sha256;
    } catch {
      return true;
    }
  });
  if (changed.length > 0) throw new InputError(changed.map((f) => ({ file: resolve(dir, f.path), path: [], message: 'missing, or changed since the plan was made (its SHA-256 differs): make the plan again, or restore the file' })));
  const entry = plan.runs[index] as PlanRun;
  const job: RunJob = { index, file: resolve(dir, plan.scenario), set: entry.set, seed: entry.seed, metrics: plan.metrics, plugins: plan.plugins.map((p) => resolve(dir, p)), untilMs: plan.untilMs };
  const outcome = await runJob(job);
  const result: ShardResult = { plan: hash, index, seed: entry.seed, metrics: outcome.metrics, problems: outcome.problems };
  const bytes = `${JSON.stringify(result, null, 2)}\n`;
  const name = shardFileName(index, bytes);
  try {
    mkdirSync(outDir, { recursive: true });
    atomicWrite(join(outDir, 'plan.json'), readFileSync(planPath, 'utf8'));
    atomicWrite(join(outDir, name), bytes);
  } catch (error) {
    throw new InputError([{ file: outDir, path: [], message: `cannot write the result there: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return join(outDir, name);
}

function atomicWrite(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export interface MergeOutcome {
  readonly summary?: SweepSummary;
  /** Plan indices with no result file. */
  readonly missing: readonly number[];
  /** Indices with more than one result file of different bytes: index → the files. */
  readonly duplicates: readonly { readonly index: number; readonly files: readonly string[] }[];
  /** Files that are not results of this plan. */
  readonly foreign: readonly string[];
}

/**
 * Merges a shard directory: its plan.json and one result file per index, into the summary
 * a local sweep of the plan prints (the same runs in the same order through the same
 * summarizing function). No summary when any index is missing or has disagreeing files.
 * @throws InputError when the directory has no plan, or a run reported a problem.
 */
export function mergeShards(outDir: string): MergeOutcome {
  const { plan, byIndex, missing, duplicates, foreign } = readShards(outDir);
  if (missing.length > 0 || duplicates.length > 0 || foreign.length > 0) return { missing, duplicates, foreign };
  const outcomes: RunOutcome[] = plan.runs.map((r) => ({ index: r.index, metrics: (byIndex.get(r.index) as ShardResult).metrics, problems: (byIndex.get(r.index) as ShardResult).problems }));
  const problems = [...new Set(outcomes.flatMap((o) => o.problems))];
  if (problems.length > 0) throw new InputError(problems.map((message) => ({ path: [], message })));
  return { summary: summarizeSweep(plan.parameters, combinations(plan.parameters), plan.replications, plan.metrics, outcomes), missing, duplicates, foreign };
}

/** What is wrong with a shard directory, in words (empty when it is complete). */
export function shardProblems(outcome: Pick<MergeOutcome, 'missing' | 'duplicates' | 'foreign'>): string[] {
  const out: string[] = [];
  if (outcome.missing.length > 0) out.push(`missing indices (${outcome.missing.length}): ${ranges(outcome.missing)}`);
  for (const d of outcome.duplicates) out.push(`duplicate index ${d.index}: ${d.files.join(', ')} differ (runs of one entry should give the same bytes: the same ecs-sim and Node major everywhere?)`);
  for (const f of outcome.foreign) out.push(`not a result of this plan: ${f}`);
  return out;
}

/** 0,1,2,5,7,8 → "0-2, 5, 7-8". */
export function ranges(indices: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i;
    while (j + 1 < indices.length && (indices[j + 1] as number) === (indices[j] as number) + 1) j += 1;
    parts.push(i === j ? String(indices[i]) : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** A complete shard directory of one combination as saved runs (seed and metrics), for `compare`. @throws InputError otherwise. */
export function mergeShardRuns(outDir: string): { seed: string | number; metrics: Readonly<Record<string, number>> }[] {
  const { plan, byIndex, missing, duplicates, foreign } = readShards(outDir);
  const problems = shardProblems({ missing, duplicates, foreign });
  const combos = combinations(plan.parameters).length;
  if (combos !== 1) problems.push(`the plan has ${combos} combinations; compare takes one per side (plan each side with --set instead of --param)`);
  if (problems.length > 0) throw new InputError(problems.map((message) => ({ file: outDir, path: [], message })));
  return plan.runs.map((r) => ({ seed: r.seed, metrics: (byIndex.get(r.index) as ShardResult).metrics }));
}

function readShards(outDir: string): { plan: SweepPlan; byIndex: Map<number, ShardResult> } & Pick<MergeOutcome, 'missing' | 'duplicates' | 'foreign'> {
  const { plan, hash } = readPlan(join(outDir, 'plan.json'));
  const found = new Map<number, { file: string; result: ShardResult }[]>();
  const foreign: string[] = [];
  for (const name of readdirSync(outDir).filter((n) => /^run-\d+-[0-9a-f]+\.json$/.test(n)).sort()) {
    let result: ShardResult;
    try {
      result = JSON.parse(readFileSync(join(outDir, name), 'utf8')) as ShardResult;
    } catch {
      foreign.push(`${name} (not JSON)`);
      continue;
    }
    if (result.plan !== hash || !Number.isInteger(result.index) || result.index < 0 || result.index >= plan.runs.length) {
      foreign.push(`${name} (from another plan)`);
      continue;
    }
    found.set(result.index, [...(found.get(result.index) ?? []), { file: name, result }]);
  }
  const missing = plan.runs.map((r) => r.index).filter((i) => !found.has(i));
  const duplicates = [...found].filter(([, files]) => files.length > 1).map(([index, files]) => ({ index, files: files.map((f) => f.file) }));
  const byIndex = new Map([...found].map(([i, files]) => [i, (files[0] as { result: ShardResult }).result]));
  return { plan, byIndex, missing, duplicates, foreign };
}
