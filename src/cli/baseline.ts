import { normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { assemble } from '../scenario/assemble.js';
import { loadPlugins } from '../scenario/plugins.js';
import { DEFAULT_LIMITS } from '../scenario/limits.js';
import { runAssembled } from '../scenario/runner.js';
import { loadScenarioVariant } from '../scenario/variants.js';
import { InputError } from '../issues/index.js';
import { baselineOf, compareBaseline, formatComparison, parseTolerance, recordedWithWarnings, type RecordedWith } from '../experiment/baseline.js';
import { baselineFiles, baselinePrefix, readBaseline, writeBaseline } from '../experiment/baseline-files.js';

/**
 * `ecs-sim baseline record|check`: a scheduler author's check in CI. Record a run's
 * decision records and key outcomes as text files to commit; check a new run (another
 * plug-in, other `--set` values) against them, with the first differing decision.
 */

export const BASELINE_USAGE = `Usage: ecs-sim baseline record <scenario>... --out DIR [options]
       ecs-sim baseline check <scenario>... --against DIR [--tolerance R] [options]

record writes, per scenario, DIR/<name>.decisions.jsonl (every decision the control
plane took, one JSON record a line: docs/decisions.md) and DIR/<name>.outcomes.json (the
metrics a sweep reports by default, and the --set and --plugin it was recorded with),
<name> being the scenario file's name without its extension: stable text, meant to be
committed and reviewed.

check reruns each scenario and reports: identical, or changed with the first differing
decision (both versions, the simulated time, the records just before it), how many
placements and scaling decisions changed, and the outcomes that moved beyond the
tolerance; it warns (⚠) when its --set or --plugin differ from the recording's, naming
them. Exit 0 when nothing changed, 1 when something did, 2 on bad input (a
scenario, a plug-in, a missing baseline).

Options:
  --out DIR           (record) where to write the baseline files; created if missing
  --against DIR       (check) the recorded baseline
  --tolerance R       (check) how far an outcome may move, relative to its recorded
                      value: a fraction (0.05) or a percentage (5%); default 0 (exact)
  --seed N            override the scenarios' seeds
  --plugin FILE       load plug-ins (see ecs-sim run --help); repeatable
  --set PATH=VALUE    override a field in every scenario (see ecs-sim run --help); repeatable
  -h, --help          show this help
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  plugin: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  out: { type: 'string' },
  against: { type: 'string' },
  tolerance: { type: 'string' },
  seed: { type: 'string' },
} as const;

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export async function baselineCommand(args: readonly string[], io: Io): Promise<number> {
  const usage = (message: string): number => {
    io.err(`ecs-sim: ${message}\n\n${BASELINE_USAGE}`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usage(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
  const { values, positionals } = parsed;
  const [action, ...files] = positionals;
  if (values.help === true || action === undefined) {
    io.out(BASELINE_USAGE);
    return values.help === true ? 0 : 2;
  }
  if (action !== 'record' && action !== 'check') return usage(`unknown baseline action "${action}"; expected record or check`);
  if (files.length === 0) return usage(`baseline ${action} needs at least one scenario file`);
  if (action === 'record' && values.out === undefined) return usage('baseline record needs --out DIR');
  if (action === 'check' && values.against === undefined) return usage('baseline check needs --against DIR');
  if (action === 'record' && (values.against !== undefined || values.tolerance !== undefined)) return usage('--against and --tolerance belong to baseline check');
  if (action === 'check' && values.out !== undefined) return usage('--out belongs to baseline record');
  const tolerance = values.tolerance === undefined ? 0 : parseTolerance(values.tolerance);
  if (typeof tolerance === 'string') return usage(tolerance);
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed.trim())) return usage(`--seed expects an integer, got ${JSON.stringify(values.seed)}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);

  const plugins = await loadPlugins(values.plugin ?? []);
  // Every scenario is checked before any runs: bad input is exit 2, with nothing written.
  const problems: InputError[] = [];
  const ready = files.map((file) => {
    try {
      return assemble(loadScenarioVariant(file, values.set), { placementRegistry: plugins.placement, scalingPolicyRegistry: plugins.scalingPolicies, limits: DEFAULT_LIMITS });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error);
      return undefined;
    }
  });
  if (problems.length > 0) throw new InputError(problems.flatMap((p) => p.issues));

  // Stored with the baseline, so that a check with other overrides or plug-ins says so.
  const recordedWith: RecordedWith = { set: values.set ?? [], plugins: (values.plugin ?? []).map((p) => normalize(p)) };
  let code = 0;
  for (const [i, file] of files.entries()) {
    const { result } = runAssembled(ready[i] as NonNullable<(typeof ready)[number]>, { seed, decisions: true });
    const now = { ...baselineOf(result), recordedWith };
    if (action === 'record') {
      const prefix = baselinePrefix(values.out as string, file);
      writeBaseline(prefix, now);
      const written = baselineFiles(prefix);
      io.out(`✔ ${file}: ${now.decisions.length} decisions → ${written.decisions}, ${Object.keys(now.outcomes).length} outcomes → ${written.outcomes}\n`);
      continue;
    }
    const recorded = readBaseline(baselinePrefix(values.against as string, file));
    if (typeof recorded === 'string') {
      io.err(`ecs-sim: ${file}: ${recorded}; record it with ecs-sim baseline record ${file} --out ${values.against as string}\n`);
      code = 2;
      continue;
    }
    const comparison = compareBaseline(recorded, now, tolerance);
    const warnings = recordedWithWarnings(recorded.recordedWith, recordedWith).map((w) => `  ${w}\n`).join('');
    io.out(`${formatComparison(file, comparison)}\n${warnings}`);
    if (!comparison.identical && code === 0) code = 1;
  }
  return code;
}
