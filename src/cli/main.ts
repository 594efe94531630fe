import { parseArgs } from 'node:util';
import { loadPlugins } from '../scenario/plugins.js';
import { assemble } from '../scenario/assemble.js';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { formatIssue, InputError, sortIssues } from '../issues/index.js';
import { EXIT, guard, outputProblems, parseUntil, UsageError, type CliIo } from './shared.js';
import { loadScenarioVariant } from '../scenario/variants.js';
import { DEFAULT_LIMITS, type RunLimits } from '../scenario/limits.js';
import { runAssembled, runAssembledInterruptible, type RunResult } from '../scenario/runner.js';
import { formatDuration } from '../engine/duration.js';
import { terminalSafe } from '../report/format.js';
import { metricsCsvLines } from '../report/metrics-csv.js';
import { perfettoJson } from '../report/perfetto.js';
import type { PublishedMetric } from '../result/index.js';
import { formatSummary } from '../report/summary.js';
import { formatExplanation, selectPlacements } from '../report/explain.js';
import { runProgress } from './progress.js';
import { sweepCommand, SWEEP_USAGE } from './sweep.js';
import { compareCommand, COMPARE_USAGE } from './compare.js';
import { importCommand, ImportUsageError, IMPORT_USAGE } from './import.js';
import { DESCRIBE_HELP, describeSectionProblem, describeText, parseDescribeKind } from './describe.js';
import { BASELINE_USAGE, baselineCommand } from './baseline.js';
import { renderHtmlReport } from '../report/html/index.js';
import type { PlacementRecord } from '../result/index.js';

export { EXIT, guard, outputProblems, UsageError, type CliIo } from './shared.js';

/** Option lines the commands share in their help. */
const PLUGIN_HELP = `  --plugin FILE       load plug-ins: an ES module (path from the current directory)
                      exporting register(registry, { placement, scalingPolicies }),
                      which adds placement types and scaling policy types; repeatable
`;
const SET_HELP = `  --set PATH=VALUE    override a field: PATH is dotted with [i] or [field=value]
                      selectors (ecs.instances[name=m5].count=9), VALUE is YAML; repeatable
`;
const LIMITS_HELP = `  --max-events N      refuse a run estimated to process more than N events
                      (default 100000000: a minute or two of simulation)
  --max-tasks N       refuse a timeline asking for more than N tasks (default 50000)
`;

const USAGE = `ecs-sim — a deterministic discrete-event simulator of Amazon ECS

Usage:
  ecs-sim run <scenario> [--set PATH=VALUE]... [--seed N] [--until DURATION] [--json | --describe KIND] [--trace out.jsonl] [--events out.jsonl] [--decisions out.jsonl] [--report out.html] [--metrics out.csv] [--perfetto out.json] [--check] [--plugin FILE]... [--max-events N] [--max-tasks N]
  ecs-sim validate <scenario>... [--set PATH=VALUE]... [--plugin FILE]... [--max-events N] [--max-tasks N]
  ecs-sim explain <scenario> [--set PATH=VALUE]... [--task ID|LABEL] [--seed N] [--until DURATION] [--plugin FILE]...
  ecs-sim sweep <scenario> --param PATH=V1,V2,... [--param ...] [--replications N] [--metric PATH]... [--target-precision P%] [--until DURATION] [--json]
  ecs-sim sweep plan <scenario> --param ... [--replications N] --out plan.json
  ecs-sim sweep run plan.json [--index I] --out DIR
  ecs-sim sweep merge DIR [--json]
  ecs-sim compare A [B] [--set-a PATH=VALUE]... [--set-b PATH=VALUE]... [--replications N] [--metric PATH]... [--json] [--report out.html]
  ecs-sim import <folder | template> [--out scenario.yaml] [--region R] [--account-id A]
  ecs-sim baseline record <scenario>... --out DIR | baseline check <scenario>... --against DIR [--tolerance R]
  ecs-sim --help | --version

Commands:
  run        run a scenario and print its summary and expectations
  validate   check scenario files without running them
  explain    why each task went where it did (or nowhere): every instance's verdict
  sweep      run every combination of parameter values N times: mean and 95% CI per metric
             (plan / run / merge: the same sweep split over an array job's indices)
  compare    B − A per replication under common random numbers: mean difference, 95% CI
  import     turn AWS CLI outputs or a CloudFormation/CDK template into a scenario
  baseline   record decisions and outcomes as files to commit; check a change against them

Exit codes:
  0  ok
  1  an expectation failed (run), or a decision or outcome changed (baseline check)
  2  bad input (usage, scenario file, or an expectation naming no value)
  3  the simulation itself failed (a model error or a broken invariant; what it produced is kept)
  130, 143  the run was interrupted (SIGINT, SIGTERM): files end at a whole line, the result is marked partial
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
  --decisions FILE    write every decision the control plane took (placement, scale-in,
                      reconciliations, scaling) as JSONL, one record a line (docs/decisions.md);
                      the log hash stays the same
  --report FILE       write an HTML report of the run: one self-contained file (no network)
                      with task Gantt, services, traffic, scaling, placement, cost and a
                      time cursor over the cluster
  --check             check the model's invariants after every event (slower)
  --until DURATION    end the run there instead of at the scenario's until (30m, 2h, 1d)
  --metrics FILE      write every CloudWatch metric the run published, per minute, as CSV:
                      time,namespace,metric,dimensions,statistic,value
  --perfetto FILE     write the run as Chrome trace-event JSON for ui.perfetto.dev: instances
                      as processes, tasks as slices per state, deployments, faults, counters
${DESCRIBE_HELP}${PLUGIN_HELP}${SET_HELP}${LIMITS_HELP}  -h, --help          show this help
`;

const EXPLAIN_USAGE = `Usage: ecs-sim explain <scenario> [options]

Runs the scenario keeping every placement decision and prints, for each, every
instance's verdict: the filter that rejected it (CPU, memory, ports, ENI, agent,
distinctInstance, memberOf) and why, or its rank under each strategy, and the choice.
Without --task it shows the failed placements (or all, if none failed).

Options:
  --task ID|LABEL     a task id (or its first characters) or a RunTask label
  --seed N            override the scenario's seed
  --until DURATION    end the run there instead of at the scenario's until (30m, 2h, 1d)
${PLUGIN_HELP}${SET_HELP}${LIMITS_HELP}  -h, --help          show this help
`;

const VALIDATE_USAGE = `Usage: ecs-sim validate <scenario>... [options]

Checks each scenario file against the schema and ECS's own rules (task definitions,
timeline references, placement types and their arguments, scaling policy types), the workloads' load
balancers and services, autoscaling targets, expectation probes and result paths,
without running it, and reports every problem with its file:line:column and field
path. \`run\` makes the same checks before it starts. Exits 2 if any file is invalid.

Options:
${PLUGIN_HELP}${SET_HELP}${LIMITS_HELP}  -h, --help          show this help
`;


export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(rest[0] === 'run' ? RUN_USAGE : rest[0] === 'validate' ? VALIDATE_USAGE : rest[0] === 'explain' ? EXPLAIN_USAGE : rest[0] === 'sweep' ? SWEEP_USAGE : rest[0] === 'compare' ? COMPARE_USAGE : rest[0] === 'import' ? IMPORT_USAGE : rest[0] === 'baseline' ? BASELINE_USAGE : USAGE);
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
      case 'compare':
        return await compareCommand(rest, io);
      case 'import':
        return importCommand(rest, io);
      case 'baseline':
        return await baselineCommand(rest, io);
      default:
        io.err(`ecs-sim: unknown command "${command}"; expected run, validate, explain, sweep, compare, import, baseline or --help\n`);
        return EXIT.badInput;
    }
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`${formatCapped(error)}\n`);
      return EXIT.badInput;
    }
    if (error instanceof ImportUsageError) {
      io.err(`ecs-sim: ${error.message}\n\n${IMPORT_USAGE}`);
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

/** How many problems are printed; the rest are counted (a file may have 200,000). */
export const MAX_PRINTED_ISSUES = 50;

/**
 * The first MAX_PRINTED_ISSUES problems in file order, then how many more there are: "at
 * least" when checking stopped early (InputError.incomplete).
 */
export function formatCapped(error: InputError): string {
  const atLeast = error.incomplete ? 'at least ' : '';
  if (error.issues.length <= MAX_PRINTED_ISSUES) return error.incomplete ? `${error.message}\n… and more problems: checking stopped after the first ${error.issues.length}` : error.message;
  const shown = sortIssues(error.issues).slice(0, MAX_PRINTED_ISSUES).map(formatIssue).join('\n');
  const stopped = error.incomplete ? `; checking stopped after the first ${error.issues.length}` : ` (${error.issues.length} in all)`;
  return `${shown}\n… and ${atLeast}${error.issues.length - MAX_PRINTED_ISSUES} more problems${stopped}`;
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;
const PLUGIN = { plugin: { type: 'string', multiple: true } } as const;
const SET = { set: { type: 'string', multiple: true } } as const;
const LIMITS = { 'max-events': { type: 'string' }, 'max-tasks': { type: 'string' } } as const;

/** `--max-events N` and `--max-tasks N` over DEFAULT_LIMITS. */
function limitsOf(values: { readonly 'max-events'?: string | undefined; readonly 'max-tasks'?: string | undefined }, usage: string): RunLimits {
  const count = (flag: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text.replace(/_/g, ''));
    if (!/^\d[\d_]*(?:e\d+)?$/i.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} expects a whole number from 1 to ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(text)}`, usage);
    return n;
  };
  return { maxEvents: count('--max-events', values['max-events'], DEFAULT_LIMITS.maxEvents), maxTasks: count('--max-tasks', values['max-tasks'], DEFAULT_LIMITS.maxTasks) };
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const options = { ...HELP, ...PLUGIN, ...SET, ...LIMITS, seed: { type: 'string' }, json: { type: 'boolean' }, describe: { type: 'string' }, trace: { type: 'string' }, events: { type: 'string' }, decisions: { type: 'string' }, report: { type: 'string' }, check: { type: 'boolean' }, ...OUTPUTS } as const;
  const { values, positionals } = guard(RUN_USAGE, () => parseArgs({ args: [...args], options, allowPositionals: true, strict: true }), Object.keys(options));
  if (values.help === true) {
    io.out(RUN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'run needs a scenario file' : `run takes one scenario file, got ${positionals.length}`, RUN_USAGE);
  const file = positionals[0] as string;
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed, RUN_USAGE);
  const limits = limitsOf(values, RUN_USAGE);
  const untilMs = values.until === undefined ? undefined : parseUntil(values.until, RUN_USAGE);
  const describe = values.describe === undefined ? undefined : parseDescribeKind(values.describe);
  if (describe !== undefined && !['services', 'tasks', 'container-instances', 'target-health'].includes(describe)) throw new UsageError(describe, RUN_USAGE);
  if (describe !== undefined && values.json === true) throw new UsageError('--json and --describe both choose what is printed; give one', RUN_USAGE);
  const unwritableOutputs = outputProblems([['--trace', values.trace], ['--events', values.events], ['--decisions', values.decisions], ['--report', values.report], ['--metrics', values.metrics], ['--perfetto', values.perfetto]], [file]);
  if (unwritableOutputs.length > 0) throw new UsageError(unwritableOutputs.join('\n'), RUN_USAGE);
  const plugins = await loadPlugins(values.plugin ?? []);
  // Every input problem is found here, before anything runs (exit 2), as `validate` finds it.
  const assembled = assemble(loadScenarioVariant(file, values.set), { placementRegistry: plugins.placement, scalingPolicyRegistry: plugins.scalingPolicies, limits });
  const nothingToDescribe = describe === undefined ? undefined : describeSectionProblem(assembled.scenario.spec, describe as Parameters<typeof describeText>[1]);
  if (nothingToDescribe !== undefined) throw new UsageError(nothingToDescribe, RUN_USAGE);
  const started = io.clock();
  const progress = runProgress(io, untilMs ?? assembled.scenario.spec.until);
  const { result, signal, publishedMetrics } = await untilSignalled((abort) =>
    runAssembledInterruptible(assembled, abort, { seed, untilMs, tracePath: values.trace, eventsPath: values.events, decisionsPath: values.decisions, checkInvariants: values.check, maxEvents: limits.maxEvents, keepPublishedMetrics: values.metrics !== undefined, onSlice: progress?.tick }),
  );
  progress?.done();
  const wallMs = io.clock() - started;
  writeOutputs(result, publishedMetrics, values, io);
  if (values.report !== undefined) {
    writeFileSync(values.report, renderHtmlReport(result, { description: assembled.scenario.spec.description, file, ...explainedRun(assembled, result, seed, untilMs) }));
    // On stderr: stdout stays the summary (or the JSON) alone.
    io.err(`ecs-sim: report written to ${values.report} (one file: open it in a browser)\n`);
  }
  if (values.json === true) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  } else if (describe !== undefined) {
    const described = describeText(result, describe as Parameters<typeof describeText>[1]);
    if ('problem' in described) {
      io.err(`ecs-sim: ${described.problem}\n`);
      return EXIT.badInput;
    }
    io.out(described.text);
  } else {
    // Scenario text (its name, labels, messages) reaches a terminal here: no control characters.
    io.out(`${terminalSafe(formatSummary(result, file, { wallMs }))}\n`);
    const why = result.stopReason === 'maxEvents' ? `stopped at the limit of ${limits.maxEvents} events (raise it with --max-events N)` : `interrupted by ${signal ?? 'a signal'}`;
    if (result.partial === true) io.out(`⚠ partial: ${why} at ${formatDuration(result.simulatedMs)} of ${formatDuration(result.untilMs)} simulated; the figures above are as of then\n`);
  }
  // Past the event limit is input asking for more than allowed: exit 2, as the up-front check would.
  if (result.partial === true && result.stopReason === 'maxEvents') return EXIT.badInput;
  if (result.partial === true) return signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
  return exitCode(result);
}

/**
 * Every placement decision with every instance's verdict, for the report: the same run again
 * with explanations kept (the same log). The result itself is not taken from that run, because
 * keeping explanations lists every placement in `ecs.placements`, which expectation paths read.
 */
/** The report's second run: every placement with each instance's verdict, and the decision records for the inspector (neither moves the printed result nor the log hash). */
function explainedRun(assembled: Parameters<typeof runAssembled>[0], result: RunResult, seed: string | number | undefined, untilMs: number | undefined): { placements?: readonly PlacementRecord[] | undefined; decisions?: RunResult['decisions'] } {
  // A partial run (interrupted, or at the event limit) is reported as it stands.
  if (result.ecs === undefined || result.partial === true) return {};
  const again = runAssembled(assembled, { seed, untilMs, explainPlacement: true, decisions: true }).result;
  return { placements: again.ecs?.placements, decisions: again.decisions };
}

const OUTPUTS = { until: { type: 'string' }, metrics: { type: 'string' }, perfetto: { type: 'string' } } as const;

/** `--metrics` and `--perfetto`: written once the run is over (a partial run's too). */
function writeOutputs(result: RunResult, published: readonly PublishedMetric[] | undefined, values: { readonly metrics?: string | undefined; readonly perfetto?: string | undefined }, io: CliIo): void {
  if (values.metrics !== undefined) {
    const metrics = published ?? [];
    const fd = openSync(values.metrics, 'w');
    try {
      // In chunks: a day of many services is millions of rows.
      let chunk = '';
      for (const line of metricsCsvLines(metrics)) {
        chunk += `${line}\r\n`;
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    if (metrics.length === 0) io.err(`ecs-sim: --metrics ${values.metrics}: this run published no CloudWatch metrics (a scenario publishes them when it has a cloudwatch or autoscaling section); the file has the header only\n`);
  }
  if (values.perfetto !== undefined) writeFileSync(values.perfetto, perfettoJson(result));
}

async function explain(args: readonly string[], io: CliIo): Promise<number> {
  const options = { ...HELP, ...PLUGIN, ...SET, ...LIMITS, task: { type: 'string' }, seed: { type: 'string' }, until: { type: 'string' } } as const;
  const { values, positionals } = guard(EXPLAIN_USAGE, () => parseArgs({ args: [...args], options, allowPositionals: true, strict: true }), Object.keys(options));
  if (values.help === true) {
    io.out(EXPLAIN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('explain takes one scenario file', EXPLAIN_USAGE);
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed, EXPLAIN_USAGE);
  const limits = limitsOf(values, EXPLAIN_USAGE);
  const untilMs = values.until === undefined ? undefined : parseUntil(values.until, EXPLAIN_USAGE);
  const plugins = await loadPlugins(values.plugin ?? []);
  const assembled = assemble(loadScenarioVariant(positionals[0] as string, values.set), { placementRegistry: plugins.placement, scalingPolicyRegistry: plugins.scalingPolicies, limits });
  if (assembled.scenario.spec.ecs === undefined) {
    io.err('ecs-sim: this scenario has no ecs section, so nothing is placed\n');
    return EXIT.badInput;
  }
  // In slices, as `run`: SIGINT/SIGTERM stops it and the placements so far are explained.
  const { result, signal } = await untilSignalled((abort) => runAssembledInterruptible(assembled, abort, { seed, untilMs, explainPlacement: true, maxEvents: limits.maxEvents }));
  if (result.ecs === undefined) {
    io.err('ecs-sim: this scenario has no ecs section, so nothing is placed\n');
    return EXIT.badInput;
  }
  const records = selectPlacements(result.ecs, values.task);
  io.out(`${formatExplanation(result.ecs, records)}\n`);
  if (result.partial === true) {
    const why = result.stopReason === 'maxEvents' ? `stopped at the limit of ${limits.maxEvents} events (raise it with --max-events N)` : `interrupted by ${signal ?? 'a signal'}`;
    io.out(`⚠ partial: ${why} at ${formatDuration(result.simulatedMs)} of ${formatDuration(result.untilMs)} simulated; the placements above are those made by then\n`);
    if (result.stopReason === 'maxEvents') return EXIT.badInput;
    return signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
  }
  return values.task !== undefined && records.length === 0 ? EXIT.badInput : EXIT.ok;
}

/**
 * Runs `work` with SIGINT and SIGTERM turned into an abort: the run stops at its next
 * slice and reports what it has. A second signal exits at once.
 */
async function untilSignalled<T>(work: (abort: AbortSignal) => Promise<T>): Promise<T & { signal: NodeJS.Signals | undefined }> {
  const controller = new AbortController();
  let signal: NodeJS.Signals | undefined;
  const handler = (name: NodeJS.Signals): void => {
    if (signal !== undefined) process.exit(name === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
    signal = name;
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  try {
    const out = await work(controller.signal);
    return { ...out, signal };
  } finally {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  }
}

function exitCode(result: RunResult): number {
  if (result.error !== undefined || (result.ecs?.invariantViolations.length ?? 0) > 0) return EXIT.runFailed;
  if (result.expectations.some((e) => e.status === 'failed')) return EXIT.expectationFailed;
  return EXIT.ok;
}

/** `--seed N`: an integer (a scenario file may name a string seed; the flag takes numbers). */
function parseSeed(text: string, usage: string): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--seed expects an integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(text)}`, usage);
  }
  return n;
}

async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(VALIDATE_USAGE, () => parseArgs({ args: [...args], options: { ...HELP, ...PLUGIN, ...SET, ...LIMITS }, allowPositionals: true, strict: true }), ['help', 'plugin', 'set', ...Object.keys(LIMITS)]);
  if (values.help === true) {
    io.out(VALIDATE_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('validate needs at least one scenario file', VALIDATE_USAGE);
  const limits = limitsOf(values, VALIDATE_USAGE);
  const plugins = await loadPlugins(values.plugin ?? []);
  let code: number = EXIT.ok;
  for (const file of positionals) {
    try {
      // validate = assemble and stop: whatever a run would refuse is refused here, all at once.
      const { scenario } = assemble(loadScenarioVariant(file, values.set), { placementRegistry: plugins.placement, scalingPolicyRegistry: plugins.scalingPolicies, limits });
      io.out(`✔ ${file}  valid (${scenario.spec.name})\n`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`${formatCapped(error)}\n`);
      code = EXIT.badInput;
    }
  }
  return code;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function defaultIo(): CliIo {
  // A reader that went away (`ecs-sim run x --json | head`) ends the output, quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit();
      throw error;
    });
  }
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    clock: () => performance.now(),
    errIsTTY: process.stderr.isTTY,
    errColumns: process.stderr.columns,
  };
}
