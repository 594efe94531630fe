import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/issues/index.js';
import { MetricStore } from '../../src/cloudwatch/metric-store.js';

const clock = { now: 0 };
const dims = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];
const metric = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims };

function store(): MetricStore {
  clock.now = 0;
  return new MetricStore(clock, { publicationDelayMs: 0 });
}

describe('CloudWatch statistics over periods', () => {
  it('gives Average, Sum, Minimum, Maximum and SampleCount per 60 s period, stamped with the period start (C-016, C-017)', () => {
    const s = store();
    for (const v of [10, 20, 60]) s.putMetricData('AWS/ECS', 'CPUUtilization', dims, v, 5_000);
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 40, 65_000);
    clock.now = 120_000;
    const out = s.getMetricStatistics({ ...metric, StartTime: 0, EndTime: 120_000, Statistics: ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] });
    expect(out.Datapoints).toEqual([
      { Timestamp: '1970-01-01T00:00:00.000Z', Average: 30, Sum: 90, Minimum: 10, Maximum: 60, SampleCount: 3, Unit: 'None' },
      { Timestamp: '1970-01-01T00:01:00.000Z', Average: 40, Sum: 40, Minimum: 40, Maximum: 40, SampleCount: 1, Unit: 'None' },
    ]);
  });

  it('SampleCount per minute counts one sample per running task (C-005)', () => {
    const s = store();
    for (let task = 0; task < 4; task++) s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 25 * task, 60_000);
    clock.now = 200_000;
    expect(s.series(metric, 'SampleCount', 60, 0, 180_000)).toEqual([{ timestampMs: 60_000, value: 4 }]);
  });

  it('treats dimensions in any order as one metric', () => {
    const s = store();
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 10, 0);
    s.putMetricData('AWS/ECS', 'CPUUtilization', [...dims].reverse(), 30, 0);
    clock.now = 60_000;
    expect(s.stat(metric, 'Average', 0, 60_000)).toBe(20);
    expect(s.listMetrics()).toHaveLength(1);
  });

  it('aligns 5-minute periods to multiples of 300 s from time 0', () => {
    const s = store();
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 1, 290_000);
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 3, 310_000);
    clock.now = 1_000_000;
    expect(s.series(metric, 'Sum', 300, 100_000, 600_000)).toEqual([
      { timestampMs: 0, value: 1 },
      { timestampMs: 300_000, value: 3 },
    ]);
  });

  it('computes exact percentiles over the raw values of a period (nearest rank)', () => {
    const s = store();
    for (let i = 1; i <= 100; i++) s.putMetricData('AWS/ApplicationELB', 'TargetResponseTime', [], i / 1000, 1_000);
    clock.now = 60_000;
    const m = { Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime' };
    expect(s.stat(m, 'p50', 0, 60_000)).toBe(0.05);
    expect(s.stat(m, 'p99', 0, 60_000)).toBe(0.099);
    expect(s.stat(m, 'p99.5', 0, 60_000)).toBe(0.1);
    expect(s.stat(m, 'p100', 0, 60_000)).toBe(0.1);
  });

  it('combines statistic sets with raw values, but has no percentiles over a statistic set', () => {
    const s = store();
    s.putStatisticSet('Custom', 'Latency', [], { SampleCount: 4, Sum: 40, Minimum: 5, Maximum: 20 }, 0);
    s.putMetricData('Custom', 'Latency', [], 30, 0);
    clock.now = 60_000;
    const m = { Namespace: 'Custom', MetricName: 'Latency' };
    expect([s.stat(m, 'SampleCount', 0, 60_000), s.stat(m, 'Average', 0, 60_000), s.stat(m, 'Maximum', 0, 60_000)]).toEqual([5, 14, 30]);
    expect(s.stat(m, 'p90', 0, 60_000)).toBeUndefined();
  });

  it('returns no datapoint for a period without data (a service with no running task, C-001)', () => {
    const s = store();
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 50, 0);
    clock.now = 300_000;
    expect(s.series(metric, 'Average', 60, 0, 300_000)).toEqual([{ timestampMs: 0, value: 50 }]);
  });

  it('answers GetMetricData in the API shape, newest first by default', () => {
    const s = store();
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 10, 0);
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 20, 60_000);
    clock.now = 180_000;
    const out = s.getMetricData({ StartTime: 0, EndTime: 180_000, MetricDataQueries: [{ Id: 'cpu', MetricStat: { Metric: metric, Stat: 'Average' } }] });
    expect(out).toEqual({
      MetricDataResults: [{ Id: 'cpu', Label: 'CPUUtilization', Timestamps: ['1970-01-01T00:01:00.000Z', '1970-01-01T00:00:00.000Z'], Values: [20, 10], StatusCode: 'Complete', Messages: [] }],
      Messages: [],
    });
    const asc = s.getMetricData({ StartTime: 0, EndTime: 180_000, ScanBy: 'TimestampAscending', MetricDataQueries: [{ Id: 'cpu', MetricStat: { Metric: metric, Period: 120, Stat: 'Maximum' } }] });
    expect(asc.MetricDataResults[0]?.Values).toEqual([20]);
  });

  it('refuses periods and statistics CloudWatch refuses', () => {
    const s = store();
    expect(() => s.series(metric, 'Average', 45, 0, 60_000)).toThrow(InputError);
    expect(() => s.series(metric, 'Median', 60, 0, 60_000)).toThrow(/Stat is not valid/);
    expect(() => s.series(metric, 'p101', 60, 0, 60_000)).toThrow(InputError);
  });
});

describe('publication delay', () => {
  it('a datapoint is visible only publicationDelayMs after it was put (default 2 minutes, C-019)', () => {
    clock.now = 0;
    const s = new MetricStore(clock);
    expect(s.publicationDelayMs).toBe(120_000);
    clock.now = 30_000;
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 50, 0);
    clock.now = 149_999;
    expect(s.stat(metric, 'SampleCount', 0, 60_000)).toBeUndefined();
    clock.now = 150_000;
    expect(s.stat(metric, 'SampleCount', 0, 60_000)).toBe(1);
  });

  it('a period fills in as its samples arrive (values may change, C-017)', () => {
    clock.now = 0;
    const s = new MetricStore(clock, { publicationDelayMs: 60_000 });
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 10, 0);
    clock.now = 30_000;
    s.putMetricData('AWS/ECS', 'CPUUtilization', dims, 30, 0);
    clock.now = 60_000;
    expect(s.stat(metric, 'Average', 0, 60_000)).toBe(10);
    clock.now = 90_000;
    expect(s.stat(metric, 'Average', 0, 60_000)).toBe(20);
  });
});
