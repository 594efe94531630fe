import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compare, describeSide, type CompareSide } from '../experiment/compare.js';
import { comparisonJson, formatComparison } from '../experiment/format.js';
import { MAX_DRAWN_REPLICATIONS, renderCompareReport, type CompareRuns } from '../report/html/compare.js';
import type { RunResult } from '../result/index.js';
import { simulate } from '../scenario/simulate.js';
import { EXIT, guard, outputProblems, UsageError, type CliIo } from './shared.js';
import { sweepProgress } from './progress.js';

/** `ecs-sim compare A [B]`: paired differences B − A under common random numbers. */

export const COMPARE_USAGE = `Usage: ecs-sim compare A [B] [options]

Compares B with A replication by replication: replication r of both runs with the same
seed (A's seed for r = 0, then "<seed>:r<r>"), so the randomness both share cancels in
B − A. Prints per metric A's and B's means, the mean difference B − A with its 95%
confidence interval (Student t over the paired differences), n, and whether the
interval excludes zero (the difference is not luck, at 95%).

A and B are each a scenario file, a result saved with \`ecs-sim run --json\` (one run,
at its seed), or a \`sweep run\` directory of one combination (its runs, at their seeds).
Saved runs are paired by seed with the other side, which runs at those seeds. With one
scenario and no B, B is A: tell them apart with --set-a and --set-b.

Options:
  --set-a PATH=VALUE  override a field of A only; repeatable
  --set-b PATH=VALUE  override a field of B only; repeatable
  --set PATH=VALUE    override a field of both; repeatable
  --replications N    paired replications when both sides are scenarios (default 10)
  --metric PATH       a RunResult path to compare (checked before running); repeatable.
                      Default: the default metrics of \`ecs-sim sweep\`
  --workers N         worker threads (default: the cores); never changes the output
  --json              print { a, b, seeds, metrics: { <name>: { a, b, difference:
                      { mean, ci95, n, min, max }, excludesZero } } }
  --report FILE       write an HTML page: the differences as a forest plot and table, and
                      one replication of A and B side by side (requests, 5xx, service
                      counts on shared axes), with a selector of the first 10
                      replications; one self-contained file (no network)
  --plugin FILE       load plug-ins (see ecs-sim run --help); repeatable
  -h, --help          show this help
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  plugin: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  'set-a': { type: 'string', multiple: true },
  'set-b': { type: 'string', multiple: true },
  replications: { type: 'string' },
  metric: { type: 'string', multiple: true },
  workers: { type: 'string' },
  json: { type: 'boolean' },
  report: { type: 'string' },
} as const;

export async function compareCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = guard(COMPARE_USAGE, () => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }), Object.keys(OPTIONS));
  if (values.help === true) {
    io.out(COMPARE_USAGE);
    return EXIT.ok;
  }
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('compare takes A and B (or one scenario, with --set-a and --set-b)', COMPARE_USAGE);
  const [aPath, bPath = aPath] = positionals as [string, string?];
  if (positionals.length === 1 && values['set-a'] === undefined && values['set-b'] === undefined) {
    throw new UsageError('with one scenario, say how B differs from A: --set-b PATH=VALUE (or --set-a)', COMPARE_USAGE);
  }
  const count = (text: string | undefined, flag: string, fallback: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag} needs a whole number of at least 1, got "${text}"`, COMPARE_USAGE);
    return Number(text);
  };
  const unwritable = outputProblems([['--report', values.report]], positionals);
  if (unwritable.length > 0) throw new UsageError(unwritable.join('\n'), COMPARE_USAGE);
  const shared = values.set ?? [];
  const a = describeSide(aPath, [...shared, ...(values['set-a'] ?? [])]);
  const b = describeSide(bPath as string, [...shared, ...(values['set-b'] ?? [])]);
  const comparison = await compare(a, b, {
    replications: count(values.replications, '--replications', 10),
    metrics: values.metric,
    plugins: values.plugin,
    workers: values.workers === undefined ? undefined : count(values.workers, '--workers', 1),
    onProgress: sweepProgress(io),
  });
  if (values.report !== undefined) {
    // Each replication drawn, at its paired seed, for the page's replication selector.
    const runs: CompareRuns[] = [];
    for (const seed of comparison.seeds.slice(0, MAX_DRAWN_REPLICATIONS)) runs.push({ a: await replicationRun(a, seed, values.plugin ?? []), b: await replicationRun(b, seed, values.plugin ?? []) });
    writeFileSync(values.report, renderCompareReport(comparison, runs));
    io.err(`ecs-sim: comparison page written to ${values.report} (one file: open it in a browser)\n`);
  }
  io.out(values.json === true ? comparisonJson(comparison) : `${formatComparison(comparison)}\n`);
  return EXIT.ok;
}

/**
 * One replication of a side, whole, for the page: a scenario runs again at that seed (the
 * pool keeps only metrics; a run is deterministic, so this is the same run), a saved run is
 * itself; a sweep directory keeps only metrics, so it has none.
 */
async function replicationRun(side: CompareSide, seed: string | number, plugins: readonly string[]): Promise<RunResult | null> {
  if (side.kind === 'scenario') return simulate(side.file, { set: side.set, seed, plugins: [...plugins] });
  return side.runs.find((r) => r.seed === seed)?.result ?? null;
}
