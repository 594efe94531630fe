import { describe, expect, it } from 'vitest';
import { CloudWatch, type AlarmActionInvocation, type AlarmStateChange } from '../../src/cloudwatch/alarm.js';
import { stateReasonText } from '../../src/cloudwatch/evaluation.js';
import { HashSink, Simulation } from '../../src/engine/index.js';

const dims = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];
const base = {
  Namespace: 'AWS/ECS',
  MetricName: 'CPUUtilization',
  Dimensions: dims,
  Statistic: 'Average',
  Period: 60,
  ComparisonOperator: 'GreaterThanThreshold',
};
const MIN = 60_000;

/** Puts one value per minute: values[i] at minute i (undefined = no datapoint). */
function feed(sim: Simulation, cw: CloudWatch, values: readonly (number | undefined)[]): void {
  values.forEach((v, i) => {
    if (v === undefined) return;
    sim.at(i * MIN, () => cw.metrics.putMetricData('AWS/ECS', 'CPUUtilization', dims, v, i * MIN, 'Percent'));
  });
}

describe('metric alarms', () => {
  it('words a threshold crossing as CloudWatch does (C-029 example, 3 datapoints, minimum 1)', () => {
    const origin = Date.UTC(2022, 10, 8, 11, 23);
    const text = stateReasonText(
      { state: 'ALARM', evaluated: [0, 1, 2].map((i) => ({ timestampMs: i * MIN, value: 20000 })), breaching: 3, filled: 0, fillAs: undefined, premature: false },
      { EvaluationPeriods: 3, DatapointsToAlarm: 1, TreatMissingData: 'missing', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 },
      'OK',
      'ALARM',
      origin,
    );
    expect(text).toBe(
      'Threshold Crossed: 3 out of the last 3 datapoints [20000.0 (08/11/22 11:25:00), 20000.0 (08/11/22 11:24:00), 20000.0 (08/11/22 11:23:00)] were greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).',
    );
  });

  it('recovers to OK with the recovery text of C-029, evaluated every minute on the previous minute', () => {
    const sim = new Simulation();
    const cw = new CloudWatch(sim, { publicationDelayMs: 0, epochOriginMs: Date.UTC(2019, 9, 1, 13, 44) });
    cw.putMetricAlarm({ ...base, AlarmName: 'cpu', EvaluationPeriods: 1, Threshold: 50 });
    feed(sim, cw, [undefined, 60, 0.0666851903306472]);
    sim.run({ until: 4 * MIN });
    const [alarm] = cw.describeAlarms();
    expect(alarm?.StateValue).toBe('OK');
    expect(alarm?.StateReason).toBe('Threshold Crossed: 1 out of the last 1 datapoints [0.0666851903306472 (01/10/19 13:46:00)] was not greater than the threshold (50.0) (minimum 1 datapoint for ALARM -> OK transition).');
    expect(JSON.parse(alarm?.StateReasonData ?? '{}')).toEqual({
      version: '1.0',
      queryDate: '2019-10-01T13:47:00.000+0000',
      startDate: '2019-10-01T13:46:00.000+0000',
      statistic: 'Average',
      period: 60,
      recentDatapoints: [0.0666851903306472],
      threshold: 50,
    });
    expect(cw.describeAlarmHistory({ AlarmName: 'cpu', HistoryItemType: 'StateUpdate' }).AlarmHistoryItems.map((h) => [h.Timestamp, h.HistorySummary])).toEqual([
      ['2019-10-01T13:47:00.000Z', 'Alarm updated from ALARM to OK'],
      ['2019-10-01T13:46:00.000Z', 'Alarm updated from INSUFFICIENT_DATA to ALARM'],
    ]);
  });

  it('starts in INSUFFICIENT_DATA and stays there while every point of the range is missing (C-020, C-024)', () => {
    const sim = new Simulation();
    const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
    cw.putMetricAlarm({ ...base, AlarmName: 'cpu', EvaluationPeriods: 3, Threshold: 50 });
    expect(cw.describeAlarms()[0]?.StateReason).toBe('Unchecked: Initial alarm creation');
    sim.run({ until: 10 * MIN });
    expect(cw.stateOf('cpu')).toBe('INSUFFICIENT_DATA');
    expect(cw.describeAlarmHistory().AlarmHistoryItems.map((h) => h.HistorySummary)).toEqual(['Alarm "cpu" created']);
  });

  it('an M-of-N alarm goes to ALARM on M breaching datapoints that need not be consecutive (C-021)', () => {
    const sim = new Simulation();
    const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
    cw.putMetricAlarm({ ...base, AlarmName: 'cpu', EvaluationPeriods: 5, DatapointsToAlarm: 3, Threshold: 50 });
    const changes: AlarmStateChange[] = [];
    cw.onStateChange((c) => changes.push(c));
    feed(sim, cw, [10, 90, 10, 90, 10, 90, 10, 10, 10, 10]);
    sim.run({ until: 11 * MIN });
    expect(changes.map((c) => [c.timestampMs / MIN, c.newState])).toEqual([
      [1, 'OK'],
      [6, 'ALARM'],
      // Minutes 2–6 hold only two breaching points.
      [7, 'OK'],
    ]);
    expect(changes[1]?.StateReason).toBe(
      'Threshold Crossed: 3 out of the last 5 datapoints [90.0 (01/01/70 00:05:00), 10.0 (01/01/70 00:04:00), 90.0 (01/01/70 00:03:00), 10.0 (01/01/70 00:02:00), 90.0 (01/01/70 00:01:00)] were greater than the threshold (50.0) (minimum 3 datapoints for OK -> ALARM transition).',
    );
    expect(changes[2]?.StateReason).toMatch(/^Threshold Crossed: 3 out of the last 5 datapoints \[.*\] were not greater than the threshold \(50\.0\) \(minimum 3 datapoints for ALARM -> OK transition\)\.$/);
  });

  it('with breaching and all data missing goes to ALARM, saying how many points it filled', () => {
    const sim = new Simulation();
    const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
    cw.putMetricAlarm({ ...base, AlarmName: 'heartbeat', EvaluationPeriods: 3, Threshold: 50, TreatMissingData: 'breaching' });
    sim.run({ until: MIN });
    expect(cw.describeAlarms()[0]?.StateReason).toBe('Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].');
  });

  it('sees a datapoint only after the publication delay', () => {
    const run = (delay: number) => {
      const sim = new Simulation();
      const cw = new CloudWatch(sim, { publicationDelayMs: delay });
      cw.putMetricAlarm({ ...base, AlarmName: 'cpu', EvaluationPeriods: 1, Threshold: 50 });
      feed(sim, cw, [90]);
      const seen: string[] = [];
      cw.onStateChange((c) => seen.push(`${c.timestampMs / MIN} ${c.newState}`));
      sim.run({ until: 5 * MIN });
      return seen;
    };
    // Without delay the minute-0 point is seen at the 1-minute evaluation, and leaves the
    // range of N + 2 = 3 periods at 4 minutes.
    expect(run(0)).toEqual(['1 ALARM', '4 INSUFFICIENT_DATA']);
    // Published 2 minutes after it was put, it is no longer the newest period, but still in
    // the evaluation range (C-025), so the alarm fires one minute later.
    expect(run(120_000)).toEqual(['2 ALARM', '4 INSUFFICIENT_DATA']);
  });

  it('runs Auto Scaling actions again every minute while in ALARM, other actions only on the transition (C-027)', () => {
    const sim = new Simulation();
    const cw = new CloudWatch(sim, { publicationDelayMs: 0 });
    const policy = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:abc:resource/ecs/service/prod/web:policyName/out';
    const topic = 'arn:aws:sns:us-east-1:123456789012:ops';
    const calls: AlarmActionInvocation[] = [];
    cw.registerAction(policy, (i) => calls.push(i));
    cw.registerAction(topic, (i) => calls.push(i));
    cw.putMetricAlarm({ ...base, AlarmName: 'cpu-high', EvaluationPeriods: 1, Threshold: 50, AlarmActions: [policy, topic] });
    feed(sim, cw, [90, 90, 90, 10]);
    sim.run({ until: 6 * MIN });
    expect(calls.map((c) => [c.timestampMs / MIN, c.ActionArn === policy ? 'policy' : 'sns', c.repeat])).toEqual([
      [1, 'policy', false],
      [1, 'sns', false],
      [2, 'policy', true],
      [3, 'policy', true],
    ]);
  });

  it('keeps its state when updated, and gives the same history and trace for the same inputs', () => {
    const run = () => {
      const hash = new HashSink();
      const sim = new Simulation({ sinks: [hash] });
      const cw = new CloudWatch(sim, { publicationDelayMs: 60_000 });
      cw.putMetricAlarm({ ...base, AlarmName: 'cpu', EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 50 });
      feed(sim, cw, [10, 90, 90, 90, undefined, undefined, 10, 10, 10, undefined, 90]);
      sim.at(5 * MIN + 1, () => cw.putMetricAlarm({ ...base, AlarmName: 'cpu', EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 40 }));
      sim.run({ until: 20 * MIN });
      return { history: cw.describeAlarmHistory(), hash: hash.digest() };
    };
    const a = run();
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.history.AlarmHistoryItems.map((h) => h.HistorySummary)).toContain('Alarm "cpu" updated');
    expect(JSON.stringify(run())).toBe(JSON.stringify(a));
  });
});
