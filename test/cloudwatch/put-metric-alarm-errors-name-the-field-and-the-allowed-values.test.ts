import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/issues/index.js';
import { parseMetricAlarm } from '../../src/cloudwatch/schema.js';
import { formatPath } from '../../src/issues/index.js';

const good = {
  AlarmName: 'TargetTracking-service/prod/web-AlarmHigh-1',
  Namespace: 'AWS/ECS',
  MetricName: 'CPUUtilization',
  Dimensions: [
    { Name: 'ClusterName', Value: 'prod' },
    { Name: 'ServiceName', Value: 'web' },
  ],
  Statistic: 'Average',
  Period: 60,
  EvaluationPeriods: 3,
  Threshold: 50,
  ComparisonOperator: 'GreaterThanThreshold',
};

function issues(input: unknown): string[] {
  try {
    parseMetricAlarm(input);
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('PutMetricAlarm input', () => {
  it('fills the defaults: DatapointsToAlarm = EvaluationPeriods, TreatMissingData missing, actions enabled', () => {
    const a = parseMetricAlarm(good);
    expect([a.DatapointsToAlarm, a.TreatMissingData, a.ActionsEnabled]).toEqual([3, 'missing', true]);
  });

  it('names each bad field and what is allowed, all at once', () => {
    expect(issues({ ...good, Period: 45, TreatMissingData: 'zero', EvaluationPeriod: 3 })).toEqual([
      'Period: Period must be 10, 30 or a multiple of 60 (seconds)',
      'TreatMissingData: TreatMissingData must be one of missing, notBreaching, breaching, ignore',
      'EvaluationPeriod: unknown field; did you mean "EvaluationPeriods"?',
    ]);
  });

  it('checks the cross-field rules once the fields are valid', () => {
    expect(issues({ ...good, Statistic: undefined, ComparisonOperator: 'GreaterThan', DatapointsToAlarm: 4, Period: 3600, EvaluationPeriods: 25 })).toEqual([
      'Statistic: exactly one of Statistic or ExtendedStatistic must be given',
      'ComparisonOperator: ComparisonOperator must be one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold (got GreaterThan)',
      'EvaluationPeriods: Period × EvaluationPeriods must be at most 86400 seconds (one day), got 3600 × 25 = 90000',
    ]);
    expect(issues({ ...good, DatapointsToAlarm: 4 })).toEqual(['DatapointsToAlarm: DatapointsToAlarm must be from 1 to EvaluationPeriods (3), got 4']);
  });

  it('refuses anomaly-band operators, which need a band the simulator does not model (C-023)', () => {
    expect(issues({ ...good, ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' })).toEqual([
      'ComparisonOperator: LessThanLowerOrGreaterThanUpperThreshold needs an anomaly detection band (ThresholdMetricId), which is not modelled; use one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold',
    ]);
  });

  it('accepts percentiles as ExtendedStatistic only', () => {
    expect(parseMetricAlarm({ ...good, Statistic: undefined, ExtendedStatistic: 'p99.9' }).ExtendedStatistic).toBe('p99.9');
    expect(issues({ ...good, Statistic: 'p99' })).toEqual(['Statistic: Statistic must be one of SampleCount, Average, Sum, Minimum, Maximum (use ExtendedStatistic for percentiles)']);
    expect(issues({ ...good, Statistic: undefined, ExtendedStatistic: 'p999' })).toEqual(['ExtendedStatistic: ExtendedStatistic must be a percentile p0 to p100 with up to two decimals, such as p99 or p95.45']);
  });
});
