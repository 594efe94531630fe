import { Simulation, SimulationError, type StopReason } from '../engine/simulation.js';
import { HashSink, JsonlFileSink, MemorySink, type TraceRecord, type TraceSink } from '../engine/trace.js';
import { EcsModel } from '../ecs/model.js';
import { PlacementRegistry } from '../ecs/placement/registry.js';
import type { EcsResult } from '../ecs/result.js';
import { createStation, type Station, type StationResult } from '../queueing/station.js';
import { buildEcsConfig } from './ecs-config.js';
import { ScenarioError } from './errors.js';
import { evaluateAtEnd, ProbeWatch, type ExpectationResult } from './expectations.js';
import type { Scenario } from './loader.js';
import { closest } from './zod-issues.js';

/**
 * Runs a validated scenario: builds the model on a fresh simulation, runs it to `until`,
 * and gathers one JSON-serialisable result. The result holds nothing that depends on the
 * host (no wall time, no file paths), so the same scenario and seed give the same bytes.
 */
export interface RunResult {
  readonly scenario: string;
  readonly seed: string | number;
  /** SHA-256 of the JSONL event log: the run's determinism fingerprint. */
  readonly logHash: string;
  readonly untilMs: number;
  readonly simulatedMs: number;
  readonly eventsProcessed: number;
  readonly traceRecords: number;
  readonly stopReason: StopReason | 'error';
  /** Set when a model callback threw: the run stopped there and the rest is partial. */
  readonly error?: { readonly message: string; readonly atMs: number; readonly actor?: string };
  readonly queueing?: Readonly<Record<string, StationResult>>;
  readonly ecs?: EcsResult;
  readonly expectations: readonly ExpectationResult[];
}

export interface RunScenarioOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: string | number | undefined;
  /** Writes the event log as JSONL here. */
  readonly tracePath?: string | undefined;
  /** Keeps the last N trace records in memory and returns them. */
  readonly keepRecords?: number | undefined;
  /** Checks the model's invariants after every event (slower), not only at the end. */
  readonly checkInvariants?: boolean | undefined;
  /** Placement plug-ins (ECS's built-ins when absent); register your own to use them in scenarios. */
  readonly placementRegistry?: PlacementRegistry | undefined;
  /** Keep every placement decision with each instance's verdict (for `ecs-sim explain`). */
  readonly explainPlacement?: boolean | undefined;
}

export interface RunOutput {
  readonly result: RunResult;
  /** The kept trace records, when `keepRecords` was given. */
  readonly records?: readonly TraceRecord[];
}

/**
 * @throws ScenarioError for problems only the built model reveals (an unknown probe).
 */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunOutput {
  const spec = scenario.spec;
  const seed = options.seed ?? spec.seed;
  // Everything the file can get wrong is found before the run starts.
  const placementRegistry = options.placementRegistry ?? PlacementRegistry.withBuiltins();
  const ecsConfig = buildEcsConfig(scenario, placementRegistry);
  const hash = new HashSink();
  const memory = options.keepRecords === undefined ? undefined : new MemorySink(options.keepRecords);
  const sinks: TraceSink[] = [hash];
  if (memory !== undefined) sinks.push(memory);
  if (options.tracePath !== undefined) sinks.push(new JsonlFileSink(options.tracePath));
  const sim = new Simulation({ seed, sinks });

  const stations = new Map<string, Station>();
  let watches: Map<number, ProbeWatch>;
  let ecs: EcsModel | undefined;
  try {
    if (ecsConfig !== undefined) ecs = new EcsModel(sim, ecsConfig, { placementRegistry, explainPlacement: options.explainPlacement });
    for (const s of spec.queueing ?? []) {
      stations.set(s.name, createStation(sim, { name: s.name, servers: s.servers, interarrival: s.interarrival, service: s.service, queueCapacity: s.queueCapacity, warmupMs: s.warmup }));
    }
    watches = watchProbes(scenario, sim);
  } catch (error) {
    sim.trace.close();
    throw error;
  }

  let stopReason: RunResult['stopReason'];
  let error: RunResult['error'];
  const everyEvent = options.checkInvariants ?? spec.checkInvariants ?? false;
  try {
    const model = ecs;
    stopReason =
      everyEvent && model !== undefined
        ? sim.run({
            until: spec.until,
            stopWhen: () => {
              model.check();
              return false;
            },
          })
        : sim.run({ until: spec.until });
  } catch (thrown) {
    if (!(thrown instanceof SimulationError)) throw thrown;
    stopReason = 'error';
    error = thrown.actor === undefined ? { message: thrown.message, atMs: thrown.t } : { message: thrown.message, atMs: thrown.t, actor: thrown.actor };
  } finally {
    // Whatever happened, the log written so far reaches its file.
    sim.trace.close();
  }

  const queueing = stations.size === 0 ? undefined : Object.fromEntries([...stations].map(([name, station]) => [name, station.result()]));
  ecs?.check();
  const partial = {
    scenario: spec.name,
    seed,
    logHash: hash.digest(),
    untilMs: spec.until,
    simulatedMs: sim.now,
    eventsProcessed: sim.eventsProcessed,
    traceRecords: sim.trace.records,
    stopReason,
    ...(error === undefined ? {} : { error }),
    ...(queueing === undefined ? {} : { queueing }),
    ...(ecs === undefined ? {} : { ecs: ecs.result() }),
  };
  const expectations = spec.expectations.map((e, i) => watches.get(i)?.result() ?? evaluateAtEnd(i, e, partial));
  const result: RunResult = { ...partial, expectations };
  return memory === undefined ? { result } : { result, records: memory.records() };
}

/** Attaches a watch to each probe a `throughout` expectation names; unknown names are input errors. */
function watchProbes(scenario: Scenario, sim: Simulation): Map<number, ProbeWatch> {
  const names = sim.probeNames();
  const watches = new Map<number, ProbeWatch>();
  const issues = scenario.spec.expectations.flatMap((e, i) => {
    if (e.throughout === undefined) return [];
    if (!names.includes(e.throughout)) {
      const guess = closest(e.throughout, names);
      const hint = guess !== undefined ? `; did you mean "${guess}"?` : names.length > 0 ? `; probes: ${names.join(', ')}` : '; this scenario has no probes';
      return [scenario.issue(['expectations', i, 'throughout'], `unknown probe "${e.throughout}"${hint}`)];
    }
    watches.set(i, new ProbeWatch(i, e, sim.probe(e.throughout)));
    return [];
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return watches;
}
