import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatSweep, sweepJson } from '../experiment/format.js';
import { mergeShards, planJson, planSweep, readPlan, runShard, shardIndex, shardProblems } from '../experiment/plan.js';
import { DEFAULT_MAX_REPLICATIONS, parseParameter, sweep as runSweep } from '../experiment/sweep.js';
import { EXIT, guard, outputProblems, parseUntil, UsageError, type CliIo } from './shared.js';
import { sweepProgress } from './progress.js';

/** `ecs-sim sweep`, and its plan / run / merge for a sweep split over an array job. */

export const SWEEP_USAGE = `Usage: ecs-sim sweep <scenario> --param PATH=V1,V2,... [options]
       ecs-sim sweep plan <scenario> --param PATH=V1,V2,... [options] --out plan.json
       ecs-sim sweep run plan.json [--index I] --out DIR
       ecs-sim sweep merge DIR [--json]

Runs every combination of the parameters' values (the cartesian product), each
--replications times on worker threads, and prints per combination and metric the
mean, its 95% confidence interval (Student t), n, min and max. Replication r of every
combination runs with the same seed (the scenario's for r = 0, then "<seed>:r<r>"),
so combinations are compared under common random numbers.

Options:
  --param PATH=V1,V2  a --set path and its values (YAML, comma-separated); repeatable
  --replications N    runs per combination (default 10)
  --metric PATH       a RunResult path to summarize (checked before running); repeatable.
                      Default: p99 latency, ELB 5XX, cost, unplaced tasks, invariant
                      violations, steady-state times, deployment durations and each
                      service's share of deployments completed and rolled back
  --target-precision P%
                      add batches of --replications runs until every 95% CI half-width
                      is within P% of its |mean|, or the cap is hit (which is said)
  --max-replications N  the cap for --target-precision (default ${DEFAULT_MAX_REPLICATIONS})
  --set PATH=VALUE    override a field in every combination; repeatable
  --until DURATION    end every run there instead of at the scenario's until (30m, 2h, 1d)
  --workers N         worker threads (default: the cores); never changes the output
  --json              print { parameters, combinations: [{ values, runs, metrics }] }
  --plugin FILE       load plug-ins (see ecs-sim run --help); repeatable
  -h, --help          show this help

Split over machines (an array job):
  plan    writes the sweep as a plan: one entry per run (overrides and seed), and the
          SHA-256 of the scenario and its bases; paths in it are relative to its folder;
          --until is kept in the plan, and every shard's run ends there
  run     runs entry I: --index I, or JOB_COMPLETION_INDEX (Kubernetes Indexed Job),
          AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job) or SLURM_ARRAY_TASK_ID; writes
          DIR/run-<index>-<hash>.json (a retried index writes the same file) and DIR/plan.json
  merge   prints the summary the local sweep prints, byte for byte; lists missing and
          duplicate indices (exit 2 if any)
`;

const SWEEP_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  plugin: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  param: { type: 'string', multiple: true },
  replications: { type: 'string' },
  metric: { type: 'string', multiple: true },
  workers: { type: 'string' },
  json: { type: 'boolean' },
  'target-precision': { type: 'string' },
  'max-replications': { type: 'string' },
  out: { type: 'string' },
  index: { type: 'string' },
  until: { type: 'string' },
} as const;

export async function sweepCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(SWEEP_USAGE, () => parseArgs({ args: [...args], options: SWEEP_OPTIONS, allowPositionals: true, strict: true }), Object.keys(SWEEP_OPTIONS));
  if (values.help === true) {
    io.out(SWEEP_USAGE);
    return EXIT.ok;
  }
  const [first, ...others] = positionals;
  const sub = first === 'plan' || first === 'run' || first === 'merge' ? first : undefined;
  const operands = sub === undefined ? positionals : others;
  // Each form takes its own flags only: a flag another form takes is refused, not ignored.
  const allowed: Record<string, readonly string[]> = {
    sweep: ['help', 'plugin', 'set', 'param', 'replications', 'metric', 'workers', 'json', 'target-precision', 'max-replications', 'until'],
    plan: ['help', 'plugin', 'set', 'param', 'replications', 'metric', 'out', 'until'],
    run: ['help', 'index', 'out'],
    merge: ['help', 'json'],
  };
  const form = sub ?? 'sweep';
  const stray = Object.keys(values).filter((k) => !(allowed[form] as readonly string[]).includes(k));
  if (stray.length > 0) throw new UsageError(`${sub === undefined ? 'sweep' : `sweep ${sub}`} does not take ${stray.map((k) => `--${k}`).join(', ')}`, SWEEP_USAGE);
  if (operands.length !== 1) throw new UsageError(`${sub === undefined ? 'sweep' : `sweep ${sub}`} takes one ${sub === 'run' ? 'plan file' : sub === 'merge' ? 'directory' : 'scenario file'}`, SWEEP_USAGE);
  const operand = operands[0] as string;
  const count = (text: string | undefined, flag: string, fallback: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} needs a whole number of at least 1, got "${text}"`, SWEEP_USAGE);
    return Number(text);
  };
  const replications = count(values.replications, '--replications', 10);
  const parameters = (values.param ?? []).map(parseParameter);

  if (sub === 'plan') {
    if (values.out === undefined) throw new UsageError('sweep plan needs --out plan.json', SWEEP_USAGE);
    const unwritable = outputProblems([['--out', values.out]], [operand]);
    if (unwritable.length > 0) throw new UsageError(unwritable.join('\n'), SWEEP_USAGE);
    const untilMs = values.until === undefined ? undefined : parseUntil(values.until, SWEEP_USAGE);
    const plan = await planSweep(operand, values.out, { parameters, replications, metrics: values.metric, set: values.set, plugins: values.plugin, untilMs });
    writeFileSync(values.out, planJson(plan));
    io.out(`✔ ${values.out}  ${plan.runs.length} runs (indices 0 to ${plan.runs.length - 1}): run each with \`ecs-sim sweep run ${values.out} --index I --out DIR\`, then \`ecs-sim sweep merge DIR\`\n`);
    return EXIT.ok;
  }
  if (sub === 'run') {
    if (values.out === undefined) throw new UsageError('sweep run needs --out DIR', SWEEP_USAGE);
    const { plan } = readPlan(operand);
    const index = shardIndex(values.index, process.env, plan.runs.length);
    const written = await runShard(operand, index, values.out);
    io.out(`✔ run ${index} of ${plan.runs.length}  ${written}\n`);
    return EXIT.ok;
  }
  if (sub === 'merge') {
    const merged = mergeShards(operand);
    if (merged.summary === undefined) {
      io.err(`${shardProblems(merged).map((p) => `✖ ${operand}  ${p}`).join('\n')}\n`);
      return EXIT.badInput;
    }
    io.out(values.json === true ? sweepJson(merged.summary) : `${formatSweep(merged.summary)}\n`);
    return EXIT.ok;
  }

  const workers = values.workers === undefined ? undefined : count(values.workers, '--workers', 1);
  const targetPrecision = values['target-precision'] === undefined ? undefined : parsePercent(values['target-precision']);
  const maxReplications = count(values['max-replications'], '--max-replications', DEFAULT_MAX_REPLICATIONS);
  if (values['max-replications'] !== undefined && targetPrecision === undefined) throw new UsageError('--max-replications is the cap of --target-precision: give both', SWEEP_USAGE);
  const untilMs = values.until === undefined ? undefined : parseUntil(values.until, SWEEP_USAGE);
  const summary = await runSweep(operand, { parameters, replications, metrics: values.metric, set: values.set, plugins: values.plugin, workers, targetPrecision, maxReplications, untilMs, onProgress: sweepProgress(io) });
  io.out(values.json === true ? sweepJson(summary) : `${formatSweep(summary)}\n`);
  return EXIT.ok;
}

/** "5%" → 0.05. */
function parsePercent(text: string): number {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  const p = m === null ? Number.NaN : Number(m[1]) / 100;
  if (!(p > 0 && p < 10)) throw new UsageError(`--target-precision expects a percentage above 0, such as 5%, got "${text}"`, SWEEP_USAGE);
  return p;
}
