import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LATE_PUT_ALLOWANCE_MS, MetricStore, type Dimension, type MetricId } from '../../src/cloudwatch/metric-store.js';

// The metric store's retention mode (metric-store.ts, "Retention"): what an alarm or a
// whole-run query can still ask must come out exactly as a store that keeps everything
// answers it, while the raw buckets held stay bounded however long the run.

const MIN = 60_000;
const dims: Dimension[] = [{ Name: 'ServiceName', Value: 'web' }];
const cpu: MetricId = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims };
const other: MetricId = { Namespace: 'AWS/ECS', MetricName: 'MemoryUtilization', Dimensions: dims };

interface Minute {
  /** Samples put at the minute's end for the minute just ended (as ECS's publisher does). */
  readonly values: readonly number[];
  /** A statistic set too (as the ALB's TargetResponseTime). */
  readonly set: boolean;
}

const minute = fc.record({ values: fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { maxLength: 6 }), set: fc.boolean() });

/** Two stores fed the same minutes; `check(now)` after each minute's puts. */
function feed(minutes: readonly Minute[], setup: (store: MetricStore) => void, check: (full: MetricStore, kept: MetricStore, now: number) => void): { full: MetricStore; kept: MetricStore; maxBuckets: number } {
  const clock = { now: 0 };
  const full = new MetricStore(clock);
  const kept = new MetricStore(clock);
  setup(full);
  setup(kept);
  kept.retainOnlyWhatIsRead();
  let maxBuckets = 0;
  minutes.forEach((m, i) => {
    clock.now = (i + 1) * MIN;
    for (const store of [full, kept]) {
      for (const v of m.values) {
        store.putMetricData(cpu.Namespace, cpu.MetricName, dims, v, i * MIN, 'Percent');
        store.putMetricData(other.Namespace, other.MetricName, dims, v / 2, i * MIN, 'Percent');
      }
      if (m.set) store.putStatisticSet(cpu.Namespace, cpu.MetricName, dims, { SampleCount: 3, Sum: 30, Minimum: 5, Maximum: 15 }, i * MIN);
    }
    maxBuckets = Math.max(maxBuckets, kept.bucketCount());
    check(full, kept, clock.now);
  });
  return { full, kept, maxBuckets };
}

describe('the metric store keeps only what its readers can ask (retention mode)', () => {
  it('answers every window an alarm reads, and every whole-run query, exactly as a store that keeps everything', () => {
    fc.assert(
      fc.property(
        fc.array(minute, { minLength: 1, maxLength: 90 }),
        fc.constantFrom(60, 120, 300),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom(60, 300, 3600),
        fc.constantFrom('Average', 'Sum', 'SampleCount', 'Maximum', 'p90'),
        (minutes, alarmPeriod, evaluationPeriods, queryPeriod, queryStat) => {
          const reach = (evaluationPeriods + 2) * alarmPeriod * 1000;
          const { full, kept } = feed(
            minutes,
            (store) => {
              store.need(cpu, reach);
              store.keepSeries(cpu, queryPeriod, queryStat.startsWith('p'));
            },
            (full, kept, now) => {
              // An alarm's range at this evaluation: evaluationPeriods + 2 windows of its period, sliding with now.
              for (let i = 0; i < evaluationPeriods + 2; i++) {
                const start = now - (i + 1) * alarmPeriod * 1000;
                expect(kept.summarize(cpu, start, start + alarmPeriod * 1000)).toEqual(full.summarize(cpu, start, start + alarmPeriod * 1000));
              }
            },
          );
          // The query answered at the end, over the whole run.
          const end = (minutes.length + 1) * MIN;
          const query = { MetricDataQueries: [{ Id: 'q', MetricStat: { Metric: cpu, Period: queryPeriod, Stat: queryStat } }], StartTime: 0, EndTime: end, ScanBy: 'TimestampAscending' as const };
          expect(kept.getMetricData(query)).toEqual(full.getMetricData(query));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('holds a bounded number of raw buckets however long the run (a metric nobody reads keeps only its last minutes)', () => {
    const long = Array.from({ length: 24 * 60 }, (_, i): Minute => ({ values: [i % 100, 50], set: i % 7 === 0 }));
    const { kept, full, maxBuckets } = feed(
      long,
      (store) => {
        store.need(cpu, 17 * MIN);
        store.keepSeries(cpu, 300, false);
      },
      () => {},
    );
    // cpu: the alarm's 17 minutes (or the late-put allowance, whichever is longer) and the period being folded; memory: the late-put allowance.
    const perMetric = Math.max(17 * MIN, LATE_PUT_ALLOWANCE_MS) / MIN + 300 / 60 + 2;
    expect(maxBuckets).toBeLessThanOrEqual(2 * perMetric);
    expect(full.bucketCount()).toBe(2 * 24 * 60);
    // The whole day's 5-minute series is still there, and identical.
    const series = (s: MetricStore) => s.series(cpu, 'Average', 300, 0, 24 * 60 * MIN);
    expect(series(kept)).toEqual(series(full));
    expect(series(kept)).toHaveLength(24 * 12);
  });

  it('refuses a sample put into a period it no longer keeps, saying why', () => {
    const clock = { now: 0 };
    const store = new MetricStore(clock);
    store.retainOnlyWhatIsRead();
    for (let i = 0; i < 30; i++) {
      clock.now = (i + 1) * MIN;
      store.putMetricData('AWS/ECS', 'CPUUtilization', dims, 1, i * MIN);
    }
    expect(() => store.putMetricData('AWS/ECS', 'CPUUtilization', dims, 1, 0)).toThrow(/timestamp 0 ms is in a period the store no longer keeps \(before \d+ ms; the run keeps only what its alarms and queries read\)/);
    // Recent puts are still taken.
    expect(() => store.putMetricData('AWS/ECS', 'CPUUtilization', dims, 1, clock.now - 5 * MIN)).not.toThrow();
  });

  it('lists only metrics that have samples, and lets the first put fix the resolution of a metric a reader declared first', () => {
    const store = new MetricStore({ now: 0 }, { publicationDelayMs: 0 });
    store.need(cpu, 5 * MIN);
    expect(store.listMetrics()).toEqual([]);
    store.putMetricData('AWS/ECS', 'CPUUtilization', dims, 1, 0, 'Percent', 1);
    store.putMetricData('AWS/ECS', 'CPUUtilization', dims, 3, 1500);
    expect(store.listMetrics()).toHaveLength(1);
    // High resolution: 1 s buckets, so the second sample alone is in [1 s, 2 s).
    expect(store.stat(cpu, 'Sum', 1000, 2000)).toBe(3);
  });
});
