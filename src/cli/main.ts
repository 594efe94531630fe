import { parseArgs } from 'node:util';
import { loadPlugins } from '../scenario/plugins.js';
import { assemble } from '../scenario/assemble.js';
import { InputError } from '../issues/index.js';
import { loadScenarioVariant } from '../scenario/variants.js';
import { runAssembled, type RunResult } from '../scenario/runner.js';
import { formatSummary } from '../report/summary.js';
import { formatExplanation, selectPlacements } from '../report/explain.js';
import { parseParameter, sweep as runSweep } from '../experiment/sweep.js';
import { formatSweep, sweepJson } from '../experiment/format.js';

/** Exit codes, as documented in `ecs-sim --help`. */
export const EXIT = { ok: 0, expectationFailed: 1, badInput: 2, runFailed: 3 } as const;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Monotonic ms, for wall-time figures only (never part of a result). */
  readonly clock: () => number;
  /** Whether `err` is a terminal (progress lines go there only then). */
  readonly errIsTTY?: boolean | undefined;
}

const USAGE = `ecs-sim — a deterministic discrete-event simulator of Amazon ECS

Usage:
  ecs-sim run <scenario> [--set PATH=VALUE]... [--seed N] [--json] [--trace out.jsonl] [--events out.jsonl] [--check] [--plugin FILE]...
  ecs-sim validate <scenario>... [--set PATH=VALUE]... [--plugin FILE]...
  ecs-sim explain <scenario> [--set PATH=VALUE]... [--task ID|LABEL] [--seed N] [--plugin FILE]...
  ecs-sim sweep <scenario> --param PATH=V1,V2,... [--param ...] [--replications N] [--metric PATH]... [--json]
  ecs-sim --help | --version

Commands:
  run        run a scenario and print its summary and expectations
  validate   check scenario files without running them
  explain    why each task went where it did (or nowhere): every instance's verdict
  sweep      run every combination of parameter values N times: mean and 95% CI per metric

Exit codes:
  0  ok
  1  an expectation failed
  2  bad input (usage, scenario file, or an expectation naming no value)
  3  the simulation itself failed (a model error or a broken invariant; what it produced is kept)
`;

const RUN_USAGE = `Usage: ecs-sim run <scenario> [options]

Runs a scenario file (.yaml, .yml or .json) and prints a summary: simulated span,
events processed, wall time, events/s, the log hash and each expectation.

Options:
  --seed N            override the scenario's seed
  --json              print the run result as JSON on stdout (deterministic: no wall time)
  --trace FILE        write the event log as JSONL (its SHA-256 is the log hash)
  --events FILE       write ECS's EventBridge events (source "aws.ecs": task, container
                      instance, deployment state changes, service actions) as JSONL
  --check             check the model's invariants after every event (slower)
  --plugin FILE       load plug-ins: an ES module (path from the current directory)
                      exporting register(registry, { placement, scalingPolicies }),
                      which adds placement types and scaling policy types; repeatable
  --set PATH=VALUE    override a field: PATH is dotted with [i] or [field=value]
                      selectors (ecs.instances[name=m5].count=9), VALUE is YAML; repeatable
  -h, --help          show this help
`;

const EXPLAIN_USAGE = `Usage: ecs-sim explain <scenario> [options]

Runs the scenario keeping every placement decision and prints, for each, every
instance's verdict: the filter that rejected it (CPU, memory, ports, ENI, agent,
distinctInstance, memberOf) and why, or its rank under each strategy, and the choice.
Without --task it shows the failed placements (or all, if none failed).

Options:
  --task ID|LABEL     a task id (or its first characters) or a RunTask label
  --seed N            override the scenario's seed
  --plugin FILE       load plug-ins: an ES module (path from the current directory)
                      exporting register(registry, { placement, scalingPolicies }),
                      which adds placement types and scaling policy types; repeatable
  --set PATH=VALUE    override a field: PATH is dotted with [i] or [field=value]
                      selectors (ecs.instances[name=m5].count=9), VALUE is YAML; repeatable
  -h, --help          show this help
`;

const VALIDATE_USAGE = `Usage: ecs-sim validate <scenario>... [options]

Checks each scenario file against the schema and ECS's own rules (task definitions,
timeline references, placement types and their arguments, scaling policy types), the workloads' load
balancers and services, autoscaling targets, expectation probes and result paths,
without running it, and reports every problem with its file:line:column and field
path. \`run\` makes the same checks before it starts. Exits 2 if any file is invalid.

Options:
  --plugin FILE       load plug-ins: an ES module (path from the current directory)
                      exporting register(registry, { placement, scalingPolicies }),
                      which adds placement types and scaling policy types; repeatable
  --set PATH=VALUE    override a field: PATH is dotted with [i] or [field=value]
                      selectors (ecs.instances[name=m5].count=9), VALUE is YAML; repeatable
  -h, --help          show this help
`;

const SWEEP_USAGE = `Usage: ecs-sim sweep <scenario> --param PATH=V1,V2,... [options]

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
                      violations, steady-state times and deployment durations present
  --set PATH=VALUE    override a field in every combination; repeatable
  --workers N         worker threads (default: the cores); never changes the output
  --json              print { parameters, combinations: [{ values, runs, metrics }] }
  --plugin FILE       load plug-ins (see ecs-sim run --help); repeatable
  -h, --help          show this help
`;

export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(rest[0] === 'run' ? RUN_USAGE : rest[0] === 'validate' ? VALIDATE_USAGE : rest[0] === 'explain' ? EXPLAIN_USAGE : rest[0] === 'sweep' ? SWEEP_USAGE : USAGE);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      case '--version':
      case '-v':
        io.out(`${await version()}\n`);
        return EXIT.ok;
      // Awaited here, so their errors reach the handlers below.
      case 'run':
        return await run(rest, io);
      case 'validate':
        return await validate(rest, io);
      case 'explain':
        return await explain(rest, io);
      case 'sweep':
        return await sweepCommand(rest, io);
      default:
        io.err(`ecs-sim: unknown command "${command}"; expected run, validate, explain, sweep or --help\n`);
        return EXIT.badInput;
    }
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`${error.message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof UsageError) {
      io.err(`ecs-sim: ${error.message}\n\n${error.usage}`);
      return EXIT.badInput;
    }
    // A bug, not bad input: say so plainly; the stack only on request.
    const detail = process.env['ECS_SIM_DEBUG'] === '1' && error instanceof Error ? `\n${error.stack ?? ''}` : ' (set ECS_SIM_DEBUG=1 for the stack)';
    io.err(`ecs-sim: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
    return EXIT.runFailed;
  }
}

class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** Runs node's parseArgs, turning its errors into usage errors. */
function guard<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
const PLUGIN = { plugin: { type: 'string', multiple: true } } as const;
const SET = { set: { type: 'string', multiple: true } } as const;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(RUN_USAGE, () =>
    parseArgs({ args: [...args], options: { ...HELP, ...PLUGIN, ...SET, seed: { type: 'string' }, json: { type: 'boolean' }, trace: { type: 'string' }, events: { type: 'string' }, check: { type: 'boolean' } }, allowPositionals: true, strict: true }),
  );
  if (values.help === true) {
    io.out(RUN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'run needs a scenario file' : `run takes one scenario file, got ${positionals.length}`, RUN_USAGE);
  const file = positionals[0] as string;
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
  const plugins = await loadPlugins(values.plugin ?? []);
  // Every input problem is found here, before anything runs (exit 2), as `validate` finds it.
  const assembled = assemble(loadScenarioVariant(file, values.set), { placementRegistry: plugins.placement, scalingPolicyRegistry: plugins.scalingPolicies });
  const started = io.clock();
  const { result } = runAssembled(assembled, { seed, tracePath: values.trace, eventsPath: values.events, checkInvariants: values.check });
  const wallMs = io.clock() - started;
  if (values.json === true) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    io.out(`${formatSummary(result, file, { wallMs })}\n`);
  }
  return exitCode(result);
}

async function explain(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(EXPLAIN_USAGE, () =>
    parseArgs({ args: [...args], options: { ...HELP, ...PLUGIN, ...SET, task: { type: 'string' }, seed: { type: 'string' } }, allowPositionals: true, strict: true }),
  );
  if (values.help === true) {
    io.out(EXPLAIN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('explain takes one scenario file', EXPLAIN_USAGE);
  const plugins = await loadPlugins(values.plugin ?? []);
  const assembled = assemble(loadScenarioVariant(positionals[0] as string, values.set), { placementRegistry: plugins.placement, scalingPolicyRegistry: plugins.scalingPolicies });
  const { result } = runAssembled(assembled, { seed: values.seed === undefined ? undefined : parseSeed(values.seed), explainPlacement: true });
  if (result.ecs === undefined) {
    io.err('ecs-sim: this scenario has no ecs section, so nothing is placed\n');
    return EXIT.badInput;
  }
  const records = selectPlacements(result.ecs, values.task);
  io.out(`${formatExplanation(result.ecs, records)}\n`);
  return values.task !== undefined && records.length === 0 ? EXIT.badInput : EXIT.ok;
}

function exitCode(result: RunResult): number {
  if (result.error !== undefined || (result.ecs?.invariantViolations.length ?? 0) > 0) return EXIT.runFailed;
  if (result.expectations.some((e) => e.status === 'failed')) return EXIT.expectationFailed;
  return EXIT.ok;
}

function parseSeed(text: string): string | number {
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  if (text.trim() === '') throw new UsageError('--seed needs a value', RUN_USAGE);
  return text;
}

async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(VALIDATE_USAGE, () => parseArgs({ args: [...args], options: { ...HELP, ...PLUGIN, ...SET }, allowPositionals: true, strict: true }));
  if (values.help === true) {
    io.out(VALIDATE_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('validate needs at least one scenario file', VALIDATE_USAGE);
  const plugins = await loadPlugins(values.plugin ?? []);
  let code: number = EXIT.ok;
  for (const file of positionals) {
    try {
      // validate = assemble and stop: whatever a run would refuse is refused here, all at once.
      const { scenario } = assemble(loadScenarioVariant(file, values.set), { placementRegistry: plugins.placement, scalingPolicyRegistry: plugins.scalingPolicies });
      io.out(`✔ ${file}  valid (${scenario.spec.name})\n`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`${error.message}\n`);
      code = EXIT.badInput;
    }
  }
  return code;
}

async function sweepCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(SWEEP_USAGE, () =>
    parseArgs({
      args: [...args],
      options: { ...HELP, ...PLUGIN, ...SET, param: { type: 'string', multiple: true }, replications: { type: 'string' }, metric: { type: 'string', multiple: true }, workers: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help === true) {
    io.out(SWEEP_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('sweep takes one scenario file', SWEEP_USAGE);
  const count = (text: string | undefined, flag: string, fallback: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} needs a whole number of at least 1, got "${text}"`, SWEEP_USAGE);
    return Number(text);
  };
  const replications = count(values.replications, '--replications', 10);
  const workers = values.workers === undefined ? undefined : count(values.workers, '--workers', 1);
  const parameters = (values.param ?? []).map(parseParameter);
  // A progress line only on a terminal: piped output stays the summary alone.
  const progress = io.errIsTTY === true ? (done: number, total: number): void => io.err(`\r${done}/${total} runs${done === total ? '\n' : ''}`) : undefined;
  const summary = await runSweep(positionals[0] as string, { parameters, replications, metrics: values.metric, set: values.set, plugins: values.plugin, workers, onProgress: progress });
  io.out(values.json === true ? sweepJson(summary) : `${formatSweep(summary)}\n`);
  return EXIT.ok;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function defaultIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    clock: () => performance.now(),
    errIsTTY: process.stderr.isTTY,
  };
}
