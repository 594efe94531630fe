/**
 * Pure capacity arithmetic of Application Auto Scaling, kept apart from the actor so
 * table tests can pin each rule.
 */

export type AdjustmentType = 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';

export interface StepAdjustment {
  readonly MetricIntervalLowerBound?: number | undefined;
  readonly MetricIntervalUpperBound?: number | undefined;
  readonly ScalingAdjustment: number;
}

/** Float noise guard: 3 × 0.7 / 0.7 must stay 3, not become 3.0000000000000004 → 4. */
const EPSILON = 1e-9;

/**
 * Target tracking's new capacity for a metric value (A-005 is `[unverified]`: AWS only
 * says it rounds conservatively, up or down, so as not to add too little or remove too
 * much). The model: ceil(current × metric / target). Rounding up on scale-out adds
 * enough; on scale-in it removes capacity only while the predicted metric,
 * current × metric / new, stays at or below target (A-004's current wording).
 */
export function targetTrackingCapacity(current: number, metric: number, target: number): number {
  return Math.max(0, Math.ceil((current * metric) / target - EPSILON));
}

/**
 * percent changes round toward zero, but never to zero: values > 1 round down,
 * 0 < v < 1 gives 1, −1 < v < 0 gives −1, values < −1 round up.
 */
export function roundPercentAdjustment(v: number): number {
  if (v === 0) return 0;
  if (v > 0 && v < 1) return 1;
  if (v < 0 && v > -1) return -1;
  return Math.trunc(v + (v > 0 ? EPSILON : -EPSILON));
}

/**
 * the step whose interval holds the breach (metric − threshold). At or above the
 * threshold the lower bound is inclusive and the upper exclusive; below it, the reverse.
 * A missing lower bound is −∞, a missing upper bound +∞. Undefined when no step holds it.
 */
export function selectStep<S extends StepAdjustment>(steps: readonly S[], breach: number): S | undefined {
  const above = breach >= 0;
  return steps.find((s) => {
    const lo = s.MetricIntervalLowerBound ?? -Infinity;
    const hi = s.MetricIntervalUpperBound ?? Infinity;
    return above ? lo <= breach && breach < hi : lo < breach && breach <= hi;
  });
}

/**
 * The capacity a step adjustment asks for, from `base`. `MinAdjustmentMagnitude`
 * applies only to percent changes (A-012: 25% of 4 with a minimum of 2 adds 2).
 */
export function adjustedCapacity(base: number, type: AdjustmentType, adjustment: number, minAdjustmentMagnitude?: number): number {
  switch (type) {
    case 'ExactCapacity':
      return Math.max(0, adjustment);
    case 'ChangeInCapacity':
      return Math.max(0, base + adjustment);
    case 'PercentChangeInCapacity': {
      let delta = roundPercentAdjustment((base * adjustment) / 100);
      if (minAdjustmentMagnitude !== undefined && delta !== 0 && Math.abs(delta) < minAdjustmentMagnitude) delta = Math.sign(delta) * minAdjustmentMagnitude;
      return Math.max(0, base + delta);
    }
  }
}

/** Aggregates datapoints per `MetricAggregationType` (A-012; Average when absent). */
export function aggregate(values: readonly number[], type: 'Average' | 'Minimum' | 'Maximum'): number | undefined {
  if (values.length === 0) return undefined;
  if (type === 'Minimum') return Math.min(...values);
  if (type === 'Maximum') return Math.max(...values);
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
