import { parseDuration } from '../engine/duration.js';
import { InputError } from '../issues/index.js';
import type { RunResult } from '../result/index.js';
import { assemble, type AssembledScenario } from './assemble.js';
import type { Scenario } from './loader.js';
import { loadScenarioVariant, scenarioVariantFromObject } from './variants.js';
import { loadPlugins, type Plugin, type PluginRegistries } from './plugins.js';
import { runAssembled } from './runner.js';

/**
 * The library's front door: a scenario in, a RunResult out. The same pipeline as the
 * command line (load, assemble, run, collect), so a scenario behaves the same in code, in
 * `ecs-sim run` and in a test.
 */

/** A scenario file's path, a scenario loaded with `loadScenario`, or the scenario as data. */
export type ScenarioInput = string | Scenario | Readonly<Record<string, unknown>>;

export interface SimulateOptions {
  /**
   * Overrides, as `--set` takes them: `PATH=VALUE`, PATH dotted with `[i]` or `[field=value]`
   * selectors, VALUE in YAML (`ecs.instances[name=m5].count=9`).
   */
  readonly set?: readonly string[] | undefined;
  /** Overrides the scenario's seed. */
  readonly seed?: string | number | undefined;
  /** Plug-ins: module paths (each exports `register`), register functions, or registries already filled. */
  readonly plugins?: readonly Plugin[] | PluginRegistries | undefined;
  /** Writes the event log as JSONL here (its SHA-256 is the result's `logHash`). */
  readonly tracePath?: string | undefined;
  /** Writes ECS's EventBridge events here as JSONL, as they happen. */
  readonly eventsPath?: string | undefined;
  /** Checks the model's invariants after every event (slower), not only at the end. */
  readonly checkInvariants?: boolean | undefined;
  /** Keeps every placement decision with each instance's verdict in `ecs.placements`. */
  readonly explainPlacement?: boolean | undefined;
  /** Keeps every decision the control plane took in the result's `decisions` (docs/decisions.md); the log hash stays the same. */
  readonly decisions?: boolean | undefined;
  /** Writes the decision records here as JSONL (docs/decisions.md). */
  readonly decisionsPath?: string | undefined;
  /**
   * Ends the run here instead of at the scenario's `until`, as `ecs-sim run --until` does:
   * a duration ("30m", "2h") or a number of ms, more than 0. Timeline actions after it never happen.
   */
  readonly until?: string | number | undefined;
}

/**
 * Loads a scenario: a file path (YAML or JSON), or the scenario as data; `extends:` is
 * followed and `set` overrides (`PATH=VALUE`) are applied.
 * @throws InputError listing every problem, each at its file:line:col and field path.
 */
export function loadScenario(input: ScenarioInput, set: readonly string[] = []): Scenario {
  if (typeof input === 'string') return loadScenarioVariant(input, set);
  if (isScenario(input)) {
    // A loaded scenario's spec is already validated (defaults filled in): overrides go on its source instead.
    if (set.length > 0) throw new InputError([{ file: input.file, path: [], message: 'set overrides apply to a scenario file path or scenario data, not to a scenario already loaded: pass its path' }]);
    return input;
  }
  return scenarioVariantFromObject(input, set);
}

/**
 * Every problem a scenario has that can be found without running it (what `ecs-sim
 * validate` reports).
 * @throws InputError listing them all.
 */
export async function validateScenario(input: ScenarioInput, options: Pick<SimulateOptions, 'plugins' | 'set'> = {}): Promise<Scenario> {
  return (await assembled(input, options)).scenario;
}

/**
 * Runs a scenario to its end and returns its result. The result holds nothing that
 * depends on the host: the same scenario and seed give the same result, byte for byte.
 * @throws InputError for bad input, before anything runs.
 */
export async function simulate(input: ScenarioInput, options: SimulateOptions = {}): Promise<RunResult> {
  const untilMs = options.until === undefined ? undefined : untilOption(options.until);
  const ready = await assembled(input, options);
  return runAssembled(ready, {
    seed: options.seed,
    untilMs,
    tracePath: options.tracePath,
    eventsPath: options.eventsPath,
    checkInvariants: options.checkInvariants,
    explainPlacement: options.explainPlacement,
    decisions: options.decisions,
    decisionsPath: options.decisionsPath,
  }).result;
}

/** The `until` option in ms: a duration or ms, more than 0 (what `--until` accepts). */
function untilOption(until: string | number): number {
  const problem = (why: string): InputError => new InputError([{ path: ['until'], message: `the until option expects a duration longer than 0 ("30m", "2h") or a number of ms, ${why}` }]);
  let ms: number;
  try {
    ms = parseDuration(until, { plainNumber: 'ms' });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw problem(error.message);
  }
  if (!(ms > 0)) throw problem(`got ${JSON.stringify(until)}`);
  return ms;
}

async function assembled(input: ScenarioInput, options: Pick<SimulateOptions, 'plugins' | 'set'>): Promise<AssembledScenario> {
  const registries = isRegistries(options.plugins) ? options.plugins : await loadPlugins(options.plugins ?? []);
  return assemble(loadScenario(input, options.set), { placementRegistry: registries.placement, scalingPolicyRegistry: registries.scalingPolicies });
}

function isScenario(input: object): input is Scenario {
  return 'spec' in input && 'file' in input && typeof (input as { issue?: unknown }).issue === 'function';
}

function isRegistries(plugins: SimulateOptions['plugins']): plugins is PluginRegistries {
  return plugins !== undefined && !Array.isArray(plugins);
}
