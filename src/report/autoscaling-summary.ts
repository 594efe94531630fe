import type { AutoscalingResult, ManagedScalingResult } from '../result/index.js';
import { span } from './deployment-summary.js';
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

/**
 * Cluster auto scaling for the summary: per capacity provider, the group's desired
 * capacity and CapacityProviderReservation a minute at a time, its scaling actions, and
 * the time from the first PROVISIONING task to its services' steady state.
 */
export function clusterAutoScalingSummaryLines(result: ManagedScalingResult): string[] {
  const lines: string[] = [];
  for (const [name, p] of Object.entries(result.capacityProviders)) {
    const steady = p.timeToSteadyStateMs === undefined ? '' : `; ${span(p.timeToSteadyStateMs)} from the first PROVISIONING task (${clock(p.firstProvisioningAtMs ?? 0)}) to steady state`;
    lines.push(`cluster auto scaling  capacity provider ${name} (Auto Scaling group ${p.autoScalingGroupName}): ${p.scalingActions.length} scaling action${p.scalingActions.length === 1 ? '' : 's'}${steady}`);
    // One character a minute: the desired capacity, '+' from 10 up.
    const chart = p.samples.map((s) => (s.DesiredCapacity >= 10 ? '+' : String(s.DesiredCapacity))).join('');
    for (let i = 0; i < chart.length; i += 60) lines.push(`    instances ${String(i).padStart(4)}m  ${chart.slice(i, i + 60)}`);
    if (p.scalingActions.length > 0) {
      const rows = [['time', 'action', 'instances', 'reason']];
      for (const a of p.scalingActions.slice(-MAX_ACTIVITIES)) rows.push([clock(a.t), a.kind, `${a.from} → ${a.to}`, a.reason]);
      lines.push(...table(rows));
    }
    // ecs-facts PS-005: launches the container-instances-per-cluster quota refused, with why.
    const refused = p.activities.filter((a) => a.kind === 'launchRefused');
    for (const a of refused.slice(-MAX_ACTIVITIES)) lines.push(`  ⚠ ${clock(a.t)}  ${a.message ?? 'launch refused'}`);
  }
  return lines;
}
