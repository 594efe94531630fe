import type { AutoscalingResult } from '../scenario/autoscaling.js';
import { clock, table } from './ecs-summary.js';

const MAX_ACTIVITIES = 12;

/** The alarm a Cause names, shortened to its role: `AlarmHigh (cpu50)`, or the alarm's own name. */
function causeOf(cause: string): string {
  const m = /^monitor alarm (\S+) in state ALARM triggered policy (.+)$/.exec(cause);
  if (m === null) return cause;
  const alarm = m[1] as string;
  const role = /-(AlarmHigh|AlarmLow)-[0-9a-f-]{36}$/.exec(alarm)?.[1];
  return `${role ?? alarm} (${m[2] as string})`;
}

/**
 * Service Auto Scaling for `ecs-sim run`'s summary: each target's desired count over the run
 * (one character a minute), and the scaling activities, as DescribeScalingActivities has them.
 */
export function autoscalingSummaryLines(a: AutoscalingResult): string[] {
  const scaled = a.activities.filter((x) => x.StatusCode === 'Successful').length;
  const lines = [
    `autoscaling  ${a.scalableTargets.length} scalable target${a.scalableTargets.length === 1 ? '' : 's'}, ${a.scalingPolicies.length} polic${a.scalingPolicies.length === 1 ? 'y' : 'ies'}, ${a.scheduledActions.length} scheduled action${a.scheduledActions.length === 1 ? '' : 's'}; ${scaled} scaling activit${scaled === 1 ? 'y' : 'ies'}, ${a.activities.length - scaled} not scaled`,
  ];
  for (const t of a.scalableTargets) {
    const series = a.series[t.ResourceId] ?? [];
    const peak = series.reduce((best, s) => (s.desired > best.desired ? s : best), series[0] ?? { t: 0, desired: 0, running: 0 });
    lines.push(`  ${t.ResourceId}  min ${t.MinCapacity} max ${t.MaxCapacity}; desired peaked at ${peak.desired} (${clock(peak.t)})`);
    // One character a minute: the desired count, '+' from 10 up.
    const chart = series.map((s) => (s.desired >= 10 ? '+' : String(s.desired))).join('');
    for (let i = 0; i < chart.length; i += 60) lines.push(`    desired ${String(i).padStart(4)}m  ${chart.slice(i, i + 60)}`);
  }
  if (a.activities.length > 0) {
    const rows = [['time', 'status', 'description', 'cause']];
    const shown = a.activities.slice(-MAX_ACTIVITIES);
    // StartTime is epoch seconds (the API's form), counted from the run's start.
    for (const x of shown) rows.push([clock(x.StartTime * 1000), x.StatusCode, x.Description, causeOf(x.Cause)]);
    lines.push(...table(rows));
    if (a.activities.length > shown.length) lines.push(`  ... ${a.activities.length - shown.length} earlier activities in the result`);
  }
  return lines;
}
