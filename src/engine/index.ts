// The engine's public surface; src/index.ts re-exports it.
export { Simulation, SimulationError, Timer } from './simulation.js';
export type { SimulationOptions, RunOptions, StopReason } from './simulation.js';
export { parseDuration, formatDuration, DurationError } from './duration.js';
export type { DurationOptions } from './duration.js';
export { RandomStream, RandomStreams } from './random.js';
export { makeDistribution, normalQuantile, Z_99 } from './distributions.js';
export type { Distribution, DistributionSpec } from './distributions.js';
export { Process, SimEvent, Signal, Sleep, Interrupt, sleep, timeout, anyOf, allOf } from './process.js';
export type { ProcessBody, Waitable } from './process.js';
export { Tracer, MemorySink, HashSink, JsonlFileSink } from './trace.js';
export { DecisionRecorder, LineSink } from './decisions.js';
export type { TraceRecord, TraceSink } from './trace.js';
export { Probe } from './probe.js';
export type { ProbeObserver } from './probe.js';
