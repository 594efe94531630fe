// `ecs-sim/engine`: the discrete-event engine alone, which knows nothing of ECS, and its own
// example model (a G/G/c station with Erlang C theory). Named exports only.
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
} from '../engine/index.js';
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
} from '../engine/index.js';
export { Registry } from '../engine/registry.js';
export type { Factory, RegistryFailure } from '../engine/registry.js';
export { Station, createStation, erlangC, mmcMeanWait } from '../queueing/index.js';
export type { StationConfig, StationResult } from '../queueing/index.js';
