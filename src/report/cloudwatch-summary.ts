import type { CloudwatchResult } from '../result/index.js';

/** Alarm states at the end and each alarm's transitions, for `ecs-sim run`'s summary. */
export function cloudwatchSummaryLines(cw: CloudwatchResult): string[] {
  const lines: string[] = [];
  const alarms = cw.alarms.MetricAlarms;
  lines.push(`cloudwatch  ${alarms.length} alarm${alarms.length === 1 ? '' : 's'}${cw.metricData.length === 0 ? '' : `, ${cw.metricData.length} metric quer${cw.metricData.length === 1 ? 'y' : 'ies'} in the result`}`);
  for (const a of alarms) {
    lines.push(`  ${a.AlarmName}  ${a.StateValue}  (${a.Namespace} ${a.MetricName} ${a.Statistic ?? a.ExtendedStatistic ?? ''} ${a.ComparisonOperator} ${a.Threshold}, ${a.DatapointsToAlarm} of ${a.EvaluationPeriods} × ${a.Period}s)`);
    const updates = cw.history.filter((h) => h.AlarmName === a.AlarmName && h.HistoryItemType === 'StateUpdate');
    for (const h of updates.slice(-6)) lines.push(`    ${h.Timestamp.slice(11, 19)}  ${h.HistorySummary.replace(/^Alarm updated from /, '')}`);
    if (updates.length > 6) lines.push(`    ... ${updates.length - 6} earlier transitions in the result`);
    if (a.StateValue === 'ALARM') lines.push(`    ${a.StateReason}`);
  }
  for (const w of cw.warnings ?? []) lines.push(`  warning: ${w}`);
  return lines;
}
