// ecs-sim's public API: a scenario in, a described RunResult out. Named exports only.
// The engine alone is `ecs-sim/engine`; what plug-in authors need is `ecs-sim/plugins`.

// Run and check scenarios: the same pipeline as `ecs-sim run` and `ecs-sim validate`.
export { simulate, loadScenario, validateScenario } from './scenario/simulate.js';
export type { ScenarioInput, SimulateOptions } from './scenario/simulate.js';
export { parseScenario } from './scenario/loader.js';
export type { Scenario } from './scenario/loader.js';
export { scenarioSchema } from './scenario/schema/scenario.js';
export type { ScenarioSpec } from './scenario/schema/scenario.js';

// Bad input: one error class, one issue shape.
export { InputError, formatIssues, formatPath } from './issues/index.js';
export type { Issue, FieldPath } from './issues/index.js';

// The result, described once (zod), with its JSON Schema and the checker of expectation paths.
export { runResultSchema, RESULT_SCHEMA_VERSION, runResultJsonSchema, checkResultPath } from './result/index.js';
export type {
  RunResult,
  EcsResult,
  TaskResult,
  PlacementRecord,
  ElbResult,
  WorkloadResult,
  RequestSummary,
  CloudwatchResult,
  DeploymentRecord,
  DeploymentPhase,
  AutoscalingResult,
  ManagedScalingResult,
  CostResult,
  ExpectationResult,
  StationResult,
  ResultPathCheck,
} from './result/index.js';

// The terminal summary `ecs-sim run` prints, and the HTML report `ecs-sim run --report` writes.
export { formatSummary } from './report/summary.js';
export { renderHtmlReport } from './report/html/index.js';
export type { ReportOptions } from './report/html/index.js';
// The comparison page `ecs-sim compare A B --report` writes: paired differences and the runs behind them.
export { renderCompareReport } from './report/html/compare.js';
export type { CompareReportInput, CompareRuns } from './report/html/compare.js';
