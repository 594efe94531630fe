import { withFluidRequests, type FluidListenerFlow } from '../elb/fluid.js';
import type { ScalingPolicyRegistry } from '../autoscaling/scaling-policies.js';
import { Simulation, SimulationError, type StopReason } from '../engine/simulation.js';
import { HashSink, JsonlFileSink, MemorySink, type TraceRecord, type TraceSink } from '../engine/trace.js';
import type { DeploymentRecord } from '../ecs/service/deployment-history.js';
import { costOfRun, type CostResult } from '../cost/cost.js';
import type { AutoscalingResult } from './autoscaling.js';
import type { ElbResult } from '../elb/elb.js';
import type { RequestSummary } from '../traffic/stats.js';
import type { Workload } from '../traffic/workload.js';
import type { PlacementRegistry } from '../ecs/placement/registry.js';
import type { EcsResult } from '../ecs/result.js';
import type { StationResult } from '../queueing/station.js';
import { evaluateAtEnd, type ExpectationResult } from './expectations.js';
import type { Scenario } from './loader.js';
import type { CloudWatch, AlarmHistoryItem, MetricAlarmDescription } from '../cloudwatch/alarm.js';
import type { MetricDataResult, PublishedMetric } from '../cloudwatch/metric-store.js';
import type { ManagedScalingResult } from '../ecs/capacity/managed-scaling.js';
import type { CloudwatchSectionSpec } from './schema/cloudwatch.js';
import { assemble, type AssembledScenario } from './assemble.js';
import { buildModel, type BuiltModel, type FluidWorkload } from './build.js';
import { RESULT_SCHEMA_VERSION, type DecisionRecord, type TimeSeries } from '../result/index.js';
import { ignoredFieldsOf, type IgnoredFields } from './ignored-fields.js';
import type { ScenarioWarning } from './schema/pasted.js';
import { LineSink } from '../engine/decisions.js';
import { TimeSeriesRecorder } from './time-series.js';
import { elbDimensionValues, resolveDimensions, unmatchedQueryWarning, type ElbDimensionValues } from './cloudwatch-queries.js';

/**
 * Runs a validated scenario: builds the model on a fresh simulation, runs it to `until`,
 * and gathers one JSON-serialisable result. The result holds nothing that depends on the
 * host (no wall time, no file paths), so the same scenario and seed give the same bytes.
 */
export interface WorkloadResult {
  readonly name: string;
  /** `fluid` for the aggregate mode: counts are expected values, and latency has no max. */
  readonly mode?: 'fluid';
  readonly sent: number;
  readonly finished: number;
  readonly inFlight: number;
  /** Every request of the workload, as its clients saw them. */
  readonly total: RequestSummary;
  readonly routes: readonly RequestSummary[];
}

export interface RunResult {
  /** Which version of the result description (src/result) this result follows. */
  readonly schemaVersion: typeof RESULT_SCHEMA_VERSION;
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
  /** Set when the run was interrupted (a signal) before `untilMs`: the result is as of `simulatedMs`. */
  readonly partial?: true;
  readonly queueing?: Readonly<Record<string, StationResult>>;
  readonly ecs?: EcsResult;
  readonly elb?: ElbResult;
  readonly traffic?: { readonly workloads: readonly WorkloadResult[] };
  /** Present when the scenario has a `cloudwatch` section. */
  readonly cloudwatch?: CloudwatchResult;
  /** Every service deployment with its timings, outcome and where its time went (critical path). */
  readonly deployments?: readonly DeploymentRecord[];
  /** Service Auto Scaling, when the scenario has an `autoscaling` section. */
  readonly autoscaling?: AutoscalingResult;
  /** Cluster auto scaling per capacity provider, when one has managed scaling (ecs-facts A-020 to A-027). */
  readonly clusterAutoScaling?: ManagedScalingResult;
  /** What the run's capacity cost (EC2, Fargate, load balancers), from the shipped price table and the scenario's overrides. */
  readonly cost?: CostResult;
  /** API fields the scenario gives that ecs-sim accepts but does not model (issue 18): named, never dropped silently. */
  readonly ignoredFields?: readonly IgnoredFields[];
  /** What was unwrapped or dropped from pasted AWS outputs, and what was assumed (issue 18): said, never silent. */
  readonly warnings?: readonly ScenarioWarning[];
  readonly expectations: readonly ExpectationResult[];
  /** Every decision the control plane took (docs/decisions.md), when asked for; never in the log hash. */
  readonly decisions?: readonly DecisionRecord[];
  /** The run over time, for charts and traces, when it has an ecs, elb, cloudwatch or workloads section. */
  readonly timeSeries?: TimeSeries;
}

/** CloudWatch at the end of the run, in the APIs' shapes. */
export interface CloudwatchResult {
  /** DescribeAlarms. */
  readonly alarms: { readonly MetricAlarms: readonly MetricAlarmDescription[] };
  /** DescribeAlarmHistory, oldest first (the API answers newest first). */
  readonly history: readonly AlarmHistoryItem[];
  /** GetMetricData over the whole run for `cloudwatch.metrics`, oldest first (ScanBy TimestampAscending); what is published by the end (C-019 delay). */
  readonly metricData: readonly MetricDataResult[];
  /** Queries that matched no metric the run published (their Values are empty), each with what was published instead. */
  readonly warnings?: readonly string[];
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
  /** Scaling policy types (AWS's two when absent); register your own to name them as a PolicyType. */
  readonly scalingPolicyRegistry?: ScalingPolicyRegistry | undefined;
  /** Keep every placement decision with each instance's verdict (for `ecs-sim explain`). */
  readonly explainPlacement?: boolean | undefined;
  /** Writes ECS's EventBridge events (`source: "aws.ecs"`) here as JSONL, as they happen. */
  readonly eventsPath?: string | undefined;
  /** Writes the decision records (docs/decisions.md) here as JSONL, as they are taken. */
  readonly decisionsPath?: string | undefined;
  /** Keeps the decision records in the result's `decisions`. */
  readonly decisions?: boolean | undefined;
  /** Overrides the scenario's end (`until`), in simulated ms: timeline actions after it never happen. */
  readonly untilMs?: number | undefined;
  /** Keeps every CloudWatch metric the run publishes (more memory) and returns them per minute as `publishedMetrics` (for `--metrics out.csv`). */
  readonly keepPublishedMetrics?: boolean | undefined;
  /** Records `timeSeries` (default true); false leaves it out (a little faster, a smaller result). */
  readonly timeSeries?: boolean | undefined;
}

export interface RunOutput {
  readonly result: RunResult;
  /** The kept trace records, when `keepRecords` was given. */
  readonly records?: readonly TraceRecord[];
  /** Every CloudWatch metric the run published, per minute, when `keepPublishedMetrics` was given (empty without CloudWatch). */
  readonly publishedMetrics?: readonly PublishedMetric[];
}

/**
 * Assembles the scenario (every input problem, before anything runs), builds its model on
 * a fresh simulation, runs it to `until` and collects the result.
 * @throws InputError listing every problem of the scenario, before running.
 */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunOutput {
  return runAssembled(assemble(scenario, { placementRegistry: options.placementRegistry, scalingPolicyRegistry: options.scalingPolicyRegistry }), options);
}

/** Runs an assembled scenario (see `assemble`): builds, runs, collects. */
export function runAssembled(assembled: AssembledScenario, options: RunScenarioOptions = {}): RunOutput {
  const run = startRun(assembled, options);
  let stopReason: RunResult['stopReason'];
  let error: RunResult['error'];
  try {
    stopReason = run.sim.run(run.runOptions());
  } catch (thrown) {
    if (!(thrown instanceof SimulationError)) run.abandon();
    ({ stopReason, error } = failure(thrown));
  }
  return run.finish(stopReason, error, false);
}

/** Called between slices with where the run is (for a progress display; it only reads). */
export type SliceHook = (simulatedMs: number, eventsProcessed: number) => void;

/** How many events an interruptible run processes between looks at its signal. */
const SLICE_EVENTS = 100_000;

/**
 * Runs an assembled scenario as `runAssembled` does (the same events, log and result),
 * in slices of events with a turn of the event loop between them, so that a signal
 * handler can run: once `signal` is aborted the run stops at the next slice, closes its
 * files at a line boundary and returns a result marked `partial`.
 */
export async function runAssembledInterruptible(assembled: AssembledScenario, signal: AbortSignal, options: RunScenarioOptions & { readonly maxEvents?: number; readonly onSlice?: SliceHook | undefined } = {}): Promise<RunOutput> {
  const run = startRun(assembled, options);
  let stopReason: RunResult['stopReason'] = 'stopped';
  let error: RunResult['error'];
  // The up-front estimate is coarse: a run that passes it still stops at the limit (stopReason maxEvents, partial).
  const cap = options.maxEvents ?? Number.POSITIVE_INFINITY;
  try {
    while (!signal.aborted) {
      const left = cap - run.sim.eventsProcessed;
      if (left <= 0) {
        stopReason = 'maxEvents';
        break;
      }
      stopReason = run.sim.run({ ...run.runOptions(), maxEvents: Math.min(SLICE_EVENTS, left) });
      if (stopReason !== 'maxEvents') break;
      stopReason = 'stopped';
      options.onSlice?.(run.sim.now, run.sim.eventsProcessed);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (thrown) {
    if (!(thrown instanceof SimulationError)) run.abandon();
    ({ stopReason, error } = failure(thrown));
  }
  return run.finish(stopReason, error, (signal.aborted && stopReason === 'stopped') || stopReason === 'maxEvents');
}

function failure(thrown: unknown): { stopReason: 'error'; error: NonNullable<RunResult['error']> } {
  if (!(thrown instanceof SimulationError)) throw thrown;
  return { stopReason: 'error', error: thrown.actor === undefined ? { message: thrown.message, atMs: thrown.t } : { message: thrown.message, atMs: thrown.t, actor: thrown.actor } };
}

/** A built run: its simulation, how to run it, and how to close its files and collect its result. */
function startRun(assembled: AssembledScenario, options: RunScenarioOptions) {
  const { scenario, ecsConfig, placementRegistry, scalingPolicyRegistry } = assembled;
  const spec = scenario.spec;
  const seed = options.seed ?? spec.seed;
  const hash = new HashSink();
  const memory = options.keepRecords === undefined ? undefined : new MemorySink(options.keepRecords);
  const sinks: TraceSink[] = [hash];
  if (memory !== undefined) sinks.push(memory);
  if (options.tracePath !== undefined) sinks.push(new JsonlFileSink(options.tracePath));
  // Decision records go to their own sinks, never to the hashed log.
  const decisionLines = options.decisions === true ? new LineSink() : undefined;
  const decisionSinks: TraceSink[] = [];
  if (decisionLines !== undefined) decisionSinks.push(decisionLines);
  if (options.decisionsPath !== undefined) decisionSinks.push(new JsonlFileSink(options.decisionsPath));
  const sim = new Simulation({ seed, sinks, decisionSinks });
  // EventBridge events: a file written as they happen (a run that fails keeps what it produced).
  const eventsFile = options.eventsPath === undefined ? undefined : new JsonlFileSink(options.eventsPath);

  // Only what has something to show over time gets a series (a queueing-only scenario has none).
  const wantsSeries = options.timeSeries !== false && (ecsConfig !== undefined || spec.elb !== undefined || spec.cloudwatch !== undefined || (spec.workloads?.length ?? 0) > 0);
  const series = wantsSeries ? new TimeSeriesRecorder(sim) : undefined;
  const elbValues = elbDimensionValues(spec, ecsConfig);
  let model: BuiltModel;
  try {
    model = buildModel(scenario, ecsConfig, sim, { placementRegistry, scalingPolicyRegistry, explainPlacement: options.explainPlacement, eventsFile, timeSeries: series });
    if (model.cw !== undefined && options.keepPublishedMetrics !== true) retainOnlyWhatIsRead(model.cw, resolvedQueries(scenario.spec.cloudwatch, elbValues));
  } catch (error) {
    sim.trace.close();
    sim.decisions.close();
    eventsFile?.close();
    throw error;
  }
  const { ecs, elb, cw, history, managedScaling, autoscaling, workloads, fluids, fluidFlows, fluidElb, stations, watches } = model;

  const until = options.untilMs ?? spec.until;
  const everyEvent = options.checkInvariants ?? spec.checkInvariants ?? false;
  const runOptions = (): { until: number; stopWhen?: () => boolean } =>
    everyEvent && ecs !== undefined
      ? {
          until,
          stopWhen: () => {
            ecs.check();
            return false;
          },
        }
      : { until };
  const finish = (stopReason: RunResult['stopReason'], error: RunResult['error'], interrupted: boolean): RunOutput => {
    // Whatever happened, the log written so far reaches its file (whole lines: sinks buffer lines).
    sim.trace.close();
    sim.decisions.close();
    eventsFile?.close();
    return collect(stopReason, error, interrupted);
  };
  const ignoredFields = ignoredFieldsOf(spec, ecsConfig?.taskDefinitions, scenario.originalPath);
  const warnings = assembled.warnings ?? [];
  const collect = (stopReason: RunResult['stopReason'], error: RunResult['error'], interrupted: boolean): RunOutput => {
    const queueing = stations.size === 0 ? undefined : Object.fromEntries([...stations].map(([name, station]) => [name, station.result()]));
    ecs?.check();
    const partial = {
      schemaVersion: RESULT_SCHEMA_VERSION,
      scenario: spec.name,
      seed,
      logHash: hash.digest(),
      untilMs: until,
      simulatedMs: sim.now,
      eventsProcessed: sim.eventsProcessed,
      traceRecords: sim.trace.records,
      stopReason,
      ...(error === undefined ? {} : { error }),
      ...(interrupted ? { partial: true as const } : {}),
      ...(queueing === undefined ? {} : { queueing }),
      ...(ecs === undefined ? {} : { ecs: ecs.result() }),
      ...(history === undefined ? {} : { deployments: history.result(sim.now) }),
      ...(elb === undefined ? {} : { elb: withFluidRequests(elb.result(spec.elb?.describeTargetHealthAt ?? []), fluidElb) }),
      ...(workloads.length + fluids.length + fluidFlows.length === 0 ? {} : { traffic: { workloads: [...workloads.map(workloadResult), ...fluids.map(fluidResult), ...fluidFlows.map(flowResult)] } }),
      ...(cw === undefined ? {} : { cloudwatch: cloudwatchResult(cw, resolvedQueries(spec.cloudwatch, elbValues), sim.now) }),
      ...(autoscaling === undefined ? {} : { autoscaling: autoscaling.result() }),
      ...(managedScaling === undefined ? {} : { clusterAutoScaling: managedScaling.result() }),
      ...(ecs === undefined && elb === undefined ? {} : { cost: costOfRun(ecs, elb, sim.now, spec.cost) }),
      ...(ignoredFields.length === 0 ? {} : { ignoredFields }),
      ...(warnings.length === 0 ? {} : { warnings }),
    };
    const expectations = spec.expectations.map((e, i) => watches.get(i)?.result() ?? evaluateAtEnd(i, e, partial));
    const result: RunResult = { ...partial, expectations, ...(decisionLines === undefined ? {} : { decisions: decisionLines.lines.map((line) => JSON.parse(line) as DecisionRecord) }), ...(series === undefined ? {} : { timeSeries: series.result(sim.now, partial.ecs, cw) }) };
    const published = options.keepPublishedMetrics === true ? { publishedMetrics: cw?.metrics.publishedSeries(60_000) ?? [] } : {};
    return memory === undefined ? { result, ...published } : { result, records: memory.records(), ...published };
  };
  const abandon = (): void => {
    sim.trace.close();
    sim.decisions.close();
    eventsFile?.close();
  };
  return { sim, runOptions, finish, abandon };
}

/**
 * Every reader of the metric store is known now (the alarms, and the queries answered at
 * the end): the store may forget what none of them can ask for, so its memory stays flat.
 */
function retainOnlyWhatIsRead(cw: CloudWatch, metrics: CloudwatchSectionSpec['metrics']): void {
  for (const m of metrics) cw.metrics.keepSeries({ Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions }, m.Period, m.Stat.startsWith('p'));
  cw.metrics.retainOnlyWhatIsRead();
}

/** The scenario's metric queries, load balancers and target groups named plainly resolved to their CloudWatch values (assemble refused the rest). */
function resolvedQueries(section: CloudwatchSectionSpec | undefined, values: ElbDimensionValues): CloudwatchSectionSpec['metrics'] {
  return (section?.metrics ?? []).map((m) => ({ ...m, Dimensions: resolveDimensions(m.Namespace, m.Dimensions, values).dimensions }));
}

function cloudwatchResult(cw: CloudWatch, metrics: CloudwatchSectionSpec['metrics'], endMs: number): CloudwatchResult {
  const published = metrics.length === 0 ? [] : cw.metrics.listMetrics();
  // A query no metric matches returns empty Values in CloudWatch too: say so rather than leave it silent.
  const warnings = metrics.flatMap((m, i) => unmatchedQueryWarning(`cloudwatch.metrics[${i}] (Id ${m.Id ?? `m${i}`})`, m, published) ?? []);
  const queries = metrics.map((m, i) => ({
    Id: m.Id ?? `m${i}`,
    ...(m.Label === undefined ? {} : { Label: m.Label }),
    MetricStat: { Metric: { Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions }, Period: m.Period, Stat: m.Stat },
  }));
  return {
    alarms: { MetricAlarms: cw.describeAlarms() },
    history: cw.describeAlarmHistory().AlarmHistoryItems.reverse(),
    metricData: cw.metrics.getMetricData({ MetricDataQueries: queries, StartTime: 0, EndTime: endMs + 1, ScanBy: 'TimestampAscending' }).MetricDataResults,
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

function flowResult(f: FluidListenerFlow): WorkloadResult {
  const r = f.result();
  return { name: f.name, mode: 'fluid', sent: r.total.count, finished: r.total.count, inFlight: 0, total: r.total, routes: r.routes };
}

function fluidResult(f: FluidWorkload): WorkloadResult {
  const r = f.fluid.result();
  return { name: f.name, mode: 'fluid', sent: r.total.count, finished: r.total.count, inFlight: 0, total: r.total, routes: r.routes };
}

/** A workload's part of the result: what was sent, and per route what came back. */
function workloadResult(w: Workload): WorkloadResult {
  return { name: w.name, sent: w.sent, finished: w.finished, inFlight: w.inFlight, total: w.stats.total(), routes: w.stats.summaries() };
}
