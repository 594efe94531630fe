/**
 * The CloudWatch metrics a run published, per period, as `runScenario` hands them back with
 * `keepPublishedMetrics` (not part of the RunResult: every metric of a long run is large).
 * The shape of src/cloudwatch's `PublishedMetric`, restated here so reports need no model.
 */
export interface PublishedPoint {
  /** The period's start, ms since the Unix epoch (the scenario's epoch origin, 1970 by default, + simulated ms). */
  readonly timestampMs: number;
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
}

export interface PublishedMetric {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[];
  readonly Unit?: string;
  readonly points: readonly PublishedPoint[];
}
