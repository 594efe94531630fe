import type { ElbResult, RequestSummary, WorkloadResult } from '../result/index.js';
import { clock, table } from './ecs-summary.js';
import { grouped } from './format.js';

/** Requests, errors by who answered, and latency, for `ecs-sim run`'s summary. */
export function trafficSummaryLines(workloads: readonly WorkloadResult[], elb: ElbResult | undefined): string[] {
  const lines: string[] = [];
  const rows: string[][] = [['requests', 'count', 'errors', 'ELB 5XX', 'target 5XX', 'client', 'p50', 'p90', 'p99', 'max']];
  for (const w of workloads) {
    rows.push(requestRow(`workload ${w.name}${w.mode === 'fluid' ? ' (fluid)' : ''}`, w.total));
    if (w.routes.length > 1) for (const r of w.routes) rows.push(requestRow(`  route ${r.key}`, r));
  }
  for (const lb of elb?.loadBalancers ?? []) if (lb.requests !== undefined) rows.push(requestRow(`load balancer ${lb.LoadBalancerName}`, lb.requests));
  for (const tg of elb?.targetGroups ?? []) if (tg.requests !== undefined) rows.push(requestRow(`target group ${tg.TargetGroup.TargetGroupName}`, tg.requests));
  if (rows.length > 1) lines.push('traffic (latency in ms, as the client saw it)', ...table(rows));
  for (const tg of elb?.targetGroups ?? []) {
    const changes = tg.targets.flatMap((t) => t.history.filter((h) => h.State === 'unhealthy').map((h) => ({ t: h.t, target: `${t.Target.Id}:${t.Target.Port}`, reason: h.Description ?? h.Reason ?? '' })));
    const last = tg.hostCounts[tg.hostCounts.length - 1];
    lines.push(
      `target group ${tg.TargetGroup.TargetGroupName}: ${tg.targets.length} targets registered over the run; at the end ${last?.HealthyHostCount ?? 0} healthy, ${last?.UnHealthyHostCount ?? 0} unhealthy`,
    );
    for (const c of changes.slice(0, 6)) lines.push(`  ${clock(c.t).padStart(8)}  ${c.target} unhealthy: ${c.reason}`);
    if (changes.length > 6) lines.push(`  ... ${changes.length - 6} more unhealthy targets in the result`);
  }
  return lines;
}

function requestRow(label: string, s: RequestSummary): string[] {
  const count = (source: string, min: number): number => s.codes.filter((c) => c.source === source && c.status >= min).reduce((n, c) => n + c.count, 0);
  const ms = (x: number | undefined): string => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  return [label, grouped(s.count), grouped(s.errors), grouped(count('elb', 500)), grouped(count('target', 500)), grouped(count('client', 0)), ms(s.latency.p50), ms(s.latency.p90), ms(s.latency.p99), ms(s.latency.max)];
}
