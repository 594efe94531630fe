import { describe, expect, it } from 'vitest';
import { CloudWatch } from '../../src/cloudwatch/alarm.js';
import type { TreatMissingData } from '../../src/cloudwatch/schema.js';
import { Simulation } from '../../src/engine/index.js';

const MIN = 60_000;
const metric = { Namespace: 'Custom', MetricName: 'Errors' };

/** One alarm (3 of 3, > 0.5, Maximum) fed one value per minute; returns [minute, state] on each change. */
function run(treat: TreatMissingData, values: readonly (number | undefined)[], until: number, extra: Record<string, unknown> = {}) {
  const sim = new Simulation();
  const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
  cw.putMetricAlarm({ AlarmName: 'a', ...metric, Statistic: 'Maximum', Period: 60, EvaluationPeriods: 3, Threshold: 0.5, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: treat, ...extra });
  values.forEach((v, i) => {
    if (v !== undefined) sim.at(i * MIN, () => cw.metrics.putMetricData(metric.Namespace, metric.MetricName, [], v, i * MIN));
  });
  const changes: string[] = [];
  cw.onStateChange((c) => changes.push(`${c.timestampMs / MIN} ${c.newState}`));
  sim.run({ until: until * MIN });
  return { changes, cw };
}

describe('missing data over time', () => {
  it('missing: one breaching point then silence alarms once it is 3 periods old, then goes INSUFFICIENT_DATA (C-026)', () => {
    // Minute 1: "- - - - X" → OK (not premature ALARM); minute 3: "- - X - -" → ALARM; minute 6: all missing.
    expect(run('missing', [1], 8).changes).toEqual(['1 OK', '3 ALARM', '6 INSUFFICIENT_DATA']);
  });

  it('ignore: keeps the current state when data stops (C-024)', () => {
    const { changes, cw } = run('ignore', [1, 1, 1], 12);
    expect(changes).toEqual(['1 OK', '3 ALARM']);
    expect(cw.stateOf('a')).toBe('ALARM');
  });

  it('notBreaching: silence is good, so a lone breach never alarms', () => {
    expect(run('notBreaching', [1], 8).changes).toEqual(['1 OK']);
  });

  it('breaching: silence is bad; a non-breaching point holds OK only while it is in the range (C-025 row 2)', () => {
    expect(run('breaching', [0], 8).changes).toEqual(['1 OK', '6 ALARM']);
  });

  it('a p99 alarm with EvaluateLowSampleCountPercentile ignore waits for 1000 samples (C-028)', () => {
    const lots = (n: number) => {
      const sim = new Simulation();
      const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
      cw.putMetricAlarm({ AlarmName: 'p99', ...metric, ExtendedStatistic: 'p99', Period: 60, EvaluationPeriods: 1, Threshold: 0.5, ComparisonOperator: 'GreaterThanThreshold', EvaluateLowSampleCountPercentile: 'ignore' });
      for (let i = 0; i < n; i++) cw.metrics.putMetricData(metric.Namespace, metric.MetricName, [], 1, 0);
      sim.run({ until: MIN });
      return cw.stateOf('p99');
    };
    expect(lots(999)).toBe('INSUFFICIENT_DATA');
    expect(lots(1000)).toBe('ALARM');
  });

  it('words INSUFFICIENT_DATA as CloudWatch does', () => {
    const { cw } = run('missing', [1], 8);
    expect(cw.describeAlarms()[0]?.StateReason).toBe('Insufficient Data: 3 datapoints were unknown.');
    expect(cw.describeAlarms()[0]?.StateReasonData).toBeUndefined();
  });

  it('stops evaluating a deleted alarm', () => {
    const sim = new Simulation();
    const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
    cw.putMetricAlarm({ AlarmName: 'a', ...metric, Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    cw.deleteAlarms(['a', 'unknown']);
    expect(sim.pendingCount).toBe(0);
    expect(cw.describeAlarms()).toEqual([]);
  });
});

describe('premature-alarm guard wording', () => {
  it('explains an OK with too few breaching points by the ALARM minimum', () => {
    const { cw } = run('missing', [undefined, undefined, 1], 4);
    expect(cw.describeAlarmHistory({ HistoryItemType: 'StateUpdate' }).AlarmHistoryItems.at(-1)?.HistoryData).toContain(
      'Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/01/70 00:02:00)] was greater than the threshold (0.5) (minimum 3 datapoints for INSUFFICIENT_DATA -> ALARM transition).',
    );
  });
});
