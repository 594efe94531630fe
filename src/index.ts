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
export { EcsModel } from './ecs/model.js';
export { ControlPlane } from './ecs/control-plane.js';
export { checkInvariants } from './ecs/invariants.js';
export { DEFAULT_LATENCIES } from './ecs/defaults.js';
export { canMove, taskHealth, TASK_STATUS_ORDER } from './ecs/task/lifecycle.js';
export { instanceType, resolveInstanceType, registeredMemoryMiB, maxAwsvpcTasks, INSTANCE_TYPE_NAMES, InstanceTypeError } from './ecs/capacity/instance-types.js';
export {
  TaskDefinitionRegistry,
  TaskDefinitionError,
  taskDefinitionInputSchema,
  validateTaskDefinition,
  normalizeTaskDefinition,
  compatibilitiesOf,
  parseTaskCpu,
  parseTaskMemory,
  FARGATE_TASK_SIZES,
} from './ecs/task-definition/index.js';
export { buildEcsConfig } from './scenario/ecs-config.js';
export { PlacementRegistry, PlacementArgumentError } from './ecs/placement/registry.js';
export { place, scanContext, unableToPlaceMessage, type IndexedPool } from './ecs/placement/place.js';
export { PlacementIndex, TwinSet } from './ecs/placement/twin-index.js';
export { parseExpression, evaluate, memberOf, formatExpression, QueryLanguageError } from './ecs/placement/query-language.js';
export { ServiceScheduler } from './ecs/service/scheduler.js';
export { main as cliMain, EXIT } from './cli/main.js';
export type { StationConfig, StationResult } from './queueing/index.js';
export type { EcsConfig, ContainerBehaviour, TaskBehaviour, Latencies, InstanceGroup, FargateConfig, TimelineAction, RunTaskAction } from './ecs/config.js';
export type { EcsResult, TaskResult, ContainerInstanceResult, DescribeServicesSnapshot } from './ecs/result.js';
export type { RunTaskOutcome, RunTaskFailure, EcsEvent } from './ecs/control-plane.js';
export type { TaskRecord, ContainerRecord, TaskDurations } from './ecs/task/task-record.js';
export type { TaskStatus, DesiredStatus, StopCode, ContainerStatus, HealthStatus, LaunchType } from './ecs/task/lifecycle.js';
export type { InstanceTypeSpec, InstanceTypeOverride } from './ecs/capacity/instance-types.js';
export type {
  FilterPlugin,
  StrategyPlugin,
  PluginFactory,
  Candidate,
  PlacementContext,
  PlacementRequest,
  PlacementDecision,
  PlacementConstraint,
  PlacementStrategy,
  Rejection,
} from './ecs/placement/framework.js';
export type { Expression, QueryTarget } from './ecs/placement/query-language.js';
export type { ServiceResult, ServiceEvent, Deployment } from './ecs/service/service.js';
export type { PlacementRecord } from './ecs/control-plane.js';
export type { TaskDefinition, TaskDefinitionInput, TaskDefinitionIssue, ContainerDefinition } from './ecs/task-definition/index.js';
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
