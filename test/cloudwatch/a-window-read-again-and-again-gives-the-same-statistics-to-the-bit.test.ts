import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricStore, type Dimension, type WindowSummary } from '../../src/cloudwatch/metric-store.js';

// The metric store answers an alarm's windows from running totals per bucket (issue 14:
// an alarm re-reads the same minutes every minute of its range) and finds a metric through
// a lookup of its namespace, name and dimensions rather than a key string per put. Neither
// may change an answer: every Sum must be the very additions a fresh fold makes, in the
// same order (so equal to the bit), whatever was read before and whenever.

const MIN = 60_000;
const NS = 'AWS/ECS';
const NAME = 'CPUUtilization';
const dims: Dimension[] = [{ Name: 'ServiceName', Value: 'web' }];

interface Sample {
  readonly bucketMs: number;
  readonly value: number;
  readonly arrivalMs: number;
}
interface SetSample {
  readonly bucketMs: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly arrivalMs: number;
}

/** The store's documented fold, written out plainly: buckets in time order, each bucket's raw values in arrival order, then its sets. */
function reference(samples: readonly Sample[], sets: readonly SetSample[], startMs: number, endMs: number, visibleBefore: number): WindowSummary | undefined {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let hasSet = false;
  const values: number[] = [];
  for (let b = Math.ceil(startMs / MIN) * MIN; b < endMs; b += MIN) {
    for (const s of samples) {
      if (s.bucketMs !== b || s.arrivalMs > visibleBefore) continue;
      count += 1;
      sum += s.value;
      // A new value replaces the Minimum (Maximum) only when strictly below (above) it, so of
      // equal values (-0 and +0) the first stays: the store's rule, which Math.min would not follow.
      if (s.value < min) min = s.value;
      if (s.value > max) max = s.value;
      values.push(s.value);
    }
    for (const s of sets) {
      if (s.bucketMs !== b || s.arrivalMs > visibleBefore) continue;
      hasSet = true;
      count += s.count;
      sum += s.sum;
      if (s.min < min) min = s.min;
      if (s.max > max) max = s.max;
    }
  }
  return count === 0 ? undefined : { SampleCount: count, Sum: sum, Minimum: min, Maximum: max, values: hasSet ? undefined : values };
}

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('put' as const), minutesBack: fc.integer({ min: 0, max: 3 }), values: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), minutesBack: fc.integer({ min: 0, max: 3 }), sum: fc.double({ min: 0, max: 1e3, noNaN: true }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), periods: fc.constantFrom(1, 1, 2, 5), back: fc.integer({ min: 0, max: 4 }), percentile: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(0, 1, 30_000, MIN) }) },
);

describe('the metric store answers a window read again and again exactly as a fresh fold does', () => {
  it('gives the same count, Sum, Minimum, Maximum and values as the documented fold, to the bit, whatever was read before', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 80 }), fc.constantFrom(0, 1, 60_000), (steps, delayMs) => {
        const clock = { now: 10 * MIN };
        const store = new MetricStore(clock, { publicationDelayMs: delayMs });
        const samples: Sample[] = [];
        const sets: SetSample[] = [];
        for (const s of steps) {
          const bucketMs = Math.floor(clock.now / MIN) * MIN - ('minutesBack' in s ? s.minutesBack * MIN : 0);
          if (s.kind === 'put') {
            store.putMetricValues(NS, NAME, dims, s.values, bucketMs + 7, 'Percent');
            for (const value of s.values) samples.push({ bucketMs, value, arrivalMs: clock.now });
          } else if (s.kind === 'set') {
            store.putStatisticSet(NS, NAME, dims, { SampleCount: 2, Sum: s.sum, Minimum: 0, Maximum: s.sum }, bucketMs);
            sets.push({ bucketMs, count: 2, sum: s.sum, min: 0, max: s.sum, arrivalMs: clock.now });
          } else if (s.kind === 'wait') {
            clock.now += s.ms;
          } else {
            // Windows of one bucket (an alarm's usual read) and of several, aligned to the minute or not.
            const end = Math.floor(clock.now / MIN) * MIN - s.back * MIN + (s.back % 2 === 0 ? 0 : 15_000);
            const start = end - s.periods * MIN;
            const got = store.summarize({ Namespace: NS, MetricName: NAME, Dimensions: dims }, start, end, s.percentile);
            const want = reference(samples, sets, start, end, clock.now - delayMs);
            if (want === undefined) expect(got).toBeUndefined();
            else {
              expect(got).toBeDefined();
              const g = got as WindowSummary;
              expect(g.SampleCount).toBe(want.SampleCount);
              expect(Object.is(g.Sum, want.Sum)).toBe(true);
              expect(g.Minimum).toBe(want.Minimum);
              expect(g.Maximum).toBe(want.Maximum);
              if (s.percentile) expect(g.values).toEqual(want.values);
              else expect(g.values).toBeUndefined();
            }
          }
        }
      }),
      {
        numRuns: 300,
        // Found by a CI-style run (seed -1961002453): -0 then a set's +0 in one bucket.
        examples: [
          [
            [
              { kind: 'put', minutesBack: 0, values: [-0] },
              { kind: 'set', minutesBack: 0, sum: 0 },
              { kind: 'wait', ms: 60_000 },
              { kind: 'put', minutesBack: 0, values: [0] },
              { kind: 'set', minutesBack: 0, sum: 0 },
              { kind: 'set', minutesBack: 0, sum: 0 },
              { kind: 'put', minutesBack: 0, values: [0] },
              { kind: 'read', periods: 1, back: 0, percentile: false },
              { kind: 'wait', ms: 0 },
              { kind: 'put', minutesBack: 0, values: [0] },
              { kind: 'read', periods: 1, back: 0, percentile: false },
            ],
            0,
          ],
        ],
      },
    );
  });

  it('finds one metric whatever the order of its dimensions, and tells different dimension values apart', () => {
    const clock = { now: 5 * MIN };
    const store = new MetricStore(clock, { publicationDelayMs: 0 });
    const a = { Name: 'LoadBalancer', Value: 'app/alb/1' };
    const b = { Name: 'TargetGroup', Value: 'targetgroup/web/2' };
    const c = { Name: 'AvailabilityZone', Value: 'us-east-1a' };
    store.putMetricData('AWS/ApplicationELB', 'RequestCount', [b, a], 1, 0);
    store.putMetricData('AWS/ApplicationELB', 'RequestCount', [a, b], 2, 0);
    store.putMetricData('AWS/ApplicationELB', 'RequestCount', [c, b, a], 10, 0);
    store.putMetricData('AWS/ApplicationELB', 'RequestCount', [b, a, c], 20, 0);
    store.putMetricData('AWS/ApplicationELB', 'RequestCount', [a, { Name: 'TargetGroup', Value: 'targetgroup/api/3' }], 100, 0);
    expect(store.listMetrics().map((m) => m.Dimensions.map((d) => d.Value).join(' '))).toEqual(['us-east-1a app/alb/1 targetgroup/web/2', 'app/alb/1 targetgroup/api/3', 'app/alb/1 targetgroup/web/2']);
    const sum = (dimensions: Dimension[]): number | undefined => store.stat({ Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: dimensions }, 'Sum', 0, MIN);
    expect(sum([a, b])).toBe(3);
    expect(sum([b, a])).toBe(3);
    expect(sum([a, c, b])).toBe(30);
    expect(sum([a])).toBeUndefined();
    expect(() => store.putMetricData('AWS/ApplicationELB', 'RequestCount', [a, a], 1, 0)).toThrow(/dimension LoadBalancer is repeated/);
  });
});
