/**
 * The run result as data: its zod description, the types read off it, its version, and a
 * checker for the dotted paths expectations use. A leaf: it imports nothing from src/.
 */
import type { z } from 'zod';
import type {
  autoscalingResultSchema,
  cloudwatchResultSchema,
  costResultSchema,
  deploymentPhaseSchema,
  deploymentRecordSchema,
  ecsResultSchema,
  elbResultSchema,
  expectationResultSchema,
  managedScalingResultSchema,
  placementRecordSchema,
  requestSummarySchema,
  runResultSchema,
  stationResultSchema,
  taskResultSchema,
  timeSeriesSchema,
  workloadResultSchema,
} from './schema.js';

export * from './schema.js';
export { RUN_RESULT_JSON_SCHEMA_FILE, runResultJsonSchema } from './json-schema.js';
export { checkResultPath, splitResultPath, type ResultPathCheck } from './paths.js';

export type RunResult = z.infer<typeof runResultSchema>;
export type StationResult = z.infer<typeof stationResultSchema>;
export type EcsResult = z.infer<typeof ecsResultSchema>;
export type TaskResult = z.infer<typeof taskResultSchema>;
export type PlacementRecord = z.infer<typeof placementRecordSchema>;
export type ElbResult = z.infer<typeof elbResultSchema>;
export type WorkloadResult = z.infer<typeof workloadResultSchema>;
export type RequestSummary = z.infer<typeof requestSummarySchema>;
export type CloudwatchResult = z.infer<typeof cloudwatchResultSchema>;
export type DeploymentRecord = z.infer<typeof deploymentRecordSchema>;
export type DeploymentPhase = z.infer<typeof deploymentPhaseSchema>;
export type AutoscalingResult = z.infer<typeof autoscalingResultSchema>;
export type ManagedScalingResult = z.infer<typeof managedScalingResultSchema>;
export type CostResult = z.infer<typeof costResultSchema>;
export type ExpectationResult = z.infer<typeof expectationResultSchema>;
export type TimeSeries = z.infer<typeof timeSeriesSchema>;
export type { PublishedMetric, PublishedPoint } from './published-metrics.js';
