import { describe, expect, it } from 'vitest';
import { CloudWatch } from '../../src/cloudwatch/alarm.js';
import { Simulation } from '../../src/engine/index.js';

// A StateUpdate history item's HistoryData is the JSON of { version, oldState, newState },
// each state with its value, reason and reason data (DescribeAlarmHistory). alarm.ts puts
// that text together from the reason data's own JSON rather than writing it again at each
// transition; it must read exactly as JSON.stringify writes the whole item, also when
// SetAlarmState gave reason data written with other spacing.

const dims = [{ Name: 'ServiceName', Value: 'web' }];
const MIN = 60_000;

describe('alarm history data', () => {
  it('is JSON.stringify of the old and new state, with the reason data as values, through evaluations and SetAlarmState', () => {
    const sim = new Simulation();
    const cw = new CloudWatch(sim, { publicationDelayMs: 0, epochOriginMs: Date.UTC(2024, 0, 2, 3, 4) });
    cw.putMetricAlarm({ AlarmName: 'cpu "quoted" \u00e9', Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims, Statistic: 'Average', Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 1, Threshold: 50, ComparisonOperator: 'GreaterThanThreshold' });
    [10, 70.25, 0.1 + 0.2, 90, 5, 5, 5].forEach((v, i) => sim.at(i * MIN, () => cw.metrics.putMetricData('AWS/ECS', 'CPUUtilization', dims, v, i * MIN, 'Percent')));
    // Mid-run, reason data spaced and with a number written as 1.0: the history holds it as a value.
    sim.at(3 * MIN + 30_000, () => cw.setAlarmState({ AlarmName: 'cpu "quoted" \u00e9', StateValue: 'INSUFFICIENT_DATA', StateReason: 'set by "hand"\n', StateReasonData: '{ "a" : [1.0, 2e3],\n "b": "\\u00e9" }' }));
    sim.run({ until: 9 * MIN });
    const updates = cw.describeAlarmHistory({ HistoryItemType: 'StateUpdate' }).AlarmHistoryItems.reverse();
    expect(updates.length).toBeGreaterThanOrEqual(4);
    const states = updates.map((u) => JSON.parse(u.HistoryData) as { oldState: unknown; newState: { stateReasonData?: unknown } });
    updates.forEach((u, i) => {
      const parsed = states[i] as { version: string; oldState: unknown; newState: unknown };
      // The text is what JSON.stringify writes for the item's value, key for key.
      expect(u.HistoryData).toBe(JSON.stringify({ version: '1.0', oldState: parsed.oldState, newState: parsed.newState }));
      // Each state change starts from the state the one before left.
      if (i > 0) expect(parsed.oldState).toEqual((states[i - 1] as { newState: unknown }).newState);
    });
    expect(states.some((s) => JSON.stringify(s.newState.stateReasonData) === '{"a":[1,2000],"b":"é"}')).toBe(true);
  });
});
