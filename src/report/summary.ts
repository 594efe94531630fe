import { formatDuration } from '../engine/duration.js';
import type { RunResult, StationResult } from '../result/index.js';
import { ecsSummaryLines } from './ecs-summary.js';
import { trafficSummaryLines } from './elb-summary.js';
import { cloudwatchSummaryLines } from './cloudwatch-summary.js';
import { costSummaryLines } from './cost-summary.js';
import { formatDeployments } from './deployment-summary.js';
import { autoscalingSummaryLines, clusterAutoScalingSummaryLines } from './autoscaling-summary.js';
import { compact, grouped, percent, signedPercent } from './format.js';

/** Host facts that are not part of the (deterministic) run result. */
export interface RunTiming {
  readonly wallMs: number;
}

/** The human summary of a run, as `ecs-sim run` prints it. */
export function formatSummary(result: RunResult, source: string, timing?: RunTiming): string {
  const lines: string[] = [];
  lines.push(`${result.scenario}  (${source}, seed ${String(result.seed)})`);
  const stopped = result.stopReason === 'until' ? '' : ` (stopped: ${result.stopReason})`;
  lines.push(row('simulated', `${formatDuration(result.simulatedMs)}${stopped}`));
  let events = grouped(result.eventsProcessed);
  if (timing !== undefined) {
    const seconds = timing.wallMs / 1000;
    const rate = seconds > 0 ? ` (${compact(result.eventsProcessed / seconds)} events/s)` : '';
    events += ` in ${seconds.toFixed(2)} s wall${rate}`;
  }
  lines.push(row('events', events));
  lines.push(row('trace records', grouped(result.traceRecords)));
  lines.push(row('log hash', result.logHash));
  if (result.error !== undefined) lines.push(row('error', `${result.error.message}`));
  for (const [name, station] of Object.entries(result.queueing ?? {})) {
    lines.push('', ...stationLines(name, station));
  }
  if (result.ecs !== undefined) lines.push('', ...ecsSummaryLines(result.ecs));
  // Every deployment, a service's creation included (its time to the first steady state).
  if (result.deployments !== undefined && result.deployments.length > 0) lines.push('', ...formatDeployments(result.deployments).trimEnd().split('\n'));
  if (result.traffic !== undefined || result.elb !== undefined) lines.push('', ...trafficSummaryLines(result.traffic?.workloads ?? [], result.elb));
  if (result.cloudwatch !== undefined) lines.push('', ...cloudwatchSummaryLines(result.cloudwatch));
  if (result.autoscaling !== undefined) lines.push('', ...autoscalingSummaryLines(result.autoscaling));
  if (result.clusterAutoScaling !== undefined) lines.push('', ...clusterAutoScalingSummaryLines(result.clusterAutoScaling));
  if (result.cost !== undefined) lines.push('', ...costSummaryLines(result.cost));
  // Accepted API fields that change nothing: said, so that no one thinks they were modelled.
  if (result.ignoredFields !== undefined) lines.push('', 'not modelled (accepted; no effect on the run)', ...result.ignoredFields.map((f) => `  ⚠ ${f.at}: ${f.fields.join(', ')}`));
  if (result.warnings !== undefined) lines.push('', 'warnings (pasted outputs and defaults)', ...result.warnings.flatMap(warningLines));
  lines.push('', ...expectationLines(result));
  return lines.join('\n');
}

/** How many field paths of a warning the summary shows; the result's `warnings` has them all. */
const SHOWN_FIELDS = 12;

function warningLines(w: NonNullable<RunResult['warnings']>[number]): string[] {
  const fields = w.fields ?? [];
  const shown = fields.slice(0, SHOWN_FIELDS).join(', ');
  const more = fields.length > SHOWN_FIELDS ? `, … and ${fields.length - SHOWN_FIELDS} more (the result's warnings list them all)` : '';
  return [`  ⚠ ${w.at}: ${w.message}`, ...(fields.length === 0 ? [] : [`      ${shown}${more}`])];
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(14)}${value}`;
}

function stationLines(name: string, s: StationResult): string[] {
  const t = s.theory;
  const theory = (text: string): string => (t === undefined ? '' : `   (${t.model} theory ${text})`);
  return [
    `queueing.${name}  ${s.servers} server${s.servers === 1 ? '' : 's'}`,
    row('arrivals', `${grouped(s.arrivals)}   served ${grouped(s.served)}   blocked ${grouped(s.blocked)}   counted ${grouped(s.counted)}`),
    row('mean wait', `${grouped(s.meanWaitMs, 1)} ms${theory(t === undefined ? '' : `${grouped(t.meanWaitMs, 1)} ms, ${signedPercent(t.meanWaitRelativeError, 2)}`)}`),
    row('P(wait)', `${s.probabilityOfWaiting.toFixed(4)}${theory(t === undefined ? '' : t.probabilityOfWaiting.toFixed(4))}`),
    row('max wait', `${grouped(s.maxWaitMs)} ms`),
    row('mean service', `${grouped(s.meanServiceMs, 1)} ms`),
    row('mean queue', s.meanQueueLength.toFixed(3)),
    row('utilization', `${percent(s.utilization)}${theory(t === undefined ? '' : `ρ = ${percent(t.rho)}`)}`),
  ];
}

function expectationLines(result: RunResult): string[] {
  const count = (status: string): number => result.expectations.filter((e) => e.status === status).length;
  const invalid = count('invalid');
  const head = `expectations  ${count('passed')} passed, ${count('failed')} failed${invalid > 0 ? `, ${invalid} invalid` : ''}`;
  if (result.expectations.length === 0) return ['expectations  none'];
  return [
    head,
    ...result.expectations.map((e) => {
      const mark = e.status === 'passed' ? '✔' : '✖';
      const seen = e.status === 'passed' && e.seen !== undefined ? `  (saw ${typeof e.seen === 'number' ? grouped(e.seen, Number.isInteger(e.seen) ? 0 : 3) : JSON.stringify(e.seen)})` : '';
      return `  ${mark} ${e.claim}${seen}${e.message === '' ? '' : `\n      ${e.message}`}`;
    }),
  ];
}
