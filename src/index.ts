// ecs-sim's public API. Named exports only; types are listed apart.
export {
  Simulation,
  SimulationError,
  Timer,
  parseDuration,
  formatDuration,
  DurationError,
  RandomStream,
  RandomStreams,
  makeDistribution,
  normalQuantile,
  Z_99,
  Process,
  SimEvent,
  Signal,
  Sleep,
  Interrupt,
  sleep,
  timeout,
  anyOf,
  allOf,
  Tracer,
  MemorySink,
  HashSink,
  JsonlFileSink,
  Probe,
} from './engine/index.js';
export { Station, createStation, erlangC, mmcMeanWait } from './queueing/index.js';
export { loadScenarioFile, parseScenario } from './scenario/loader.js';
export { runScenario } from './scenario/runner.js';
export { ScenarioError, formatIssues, formatPath } from './scenario/errors.js';
export { scenarioSchema } from './scenario/schema/scenario.js';
export { formatSummary } from './report/summary.js';
export { main as cliMain, EXIT } from './cli/main.js';
export type { StationConfig, StationResult } from './queueing/index.js';
export type { Scenario } from './scenario/loader.js';
export type { RunResult, RunScenarioOptions, RunOutput } from './scenario/runner.js';
export type { ScenarioIssue, FieldPath } from './scenario/errors.js';
export type { ExpectationResult } from './scenario/expectations.js';
export type { ScenarioInput, ScenarioSpec, ExpectationSpec, StationSpec } from './scenario/schema/scenario.js';
export type { RunTiming } from './report/summary.js';
export type { CliIo } from './cli/main.js';
export type {
  SimulationOptions,
  RunOptions,
  StopReason,
  DurationOptions,
  Distribution,
  DistributionSpec,
  ProcessBody,
  Waitable,
  TraceRecord,
  TraceSink,
  ProbeObserver,
} from './engine/index.js';
