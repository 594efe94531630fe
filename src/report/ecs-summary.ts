import type { EcsResult, TaskResult } from '../result/index.js';
import { grouped } from './format.js';

/** Simulated time as a clock: 600141 → "10:00.1", 3723400 → "1:02:03.4". */
export function clock(ms: number): string {
  const tenths = Math.round(ms / 100);
  const h = Math.floor(tenths / 36_000);
  const m = Math.floor((tenths % 36_000) / 600);
  const s = (tenths % 600) / 10;
  const ss = s.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A span in seconds: 20496 → "20.5s". */
function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)}s`;
}

export function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => `${indent}${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ')}`.trimEnd());
}

const MAX_TASK_ROWS = 30;
const MAX_SERVICE_EVENTS = 6;

/** Long task lists in service events, cut for the summary (the result has them whole). */
function shorten(message: string): string {
  return message.length > 150 ? `${message.slice(0, 147)}...` : message;
}
const MAX_TIMELINES = 8;

/** The ECS part of `ecs-sim run`'s summary. */
export function ecsSummaryLines(ecs: EcsResult): string[] {
  const tasks = Object.values(ecs.tasksByLabel).flat();
  const counts = Object.entries(ecs.taskCounts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const cluster = ecs.clusterArn.slice(ecs.clusterArn.lastIndexOf('/') + 1);
  const lines = [
    `ecs  cluster ${cluster}: ${tasks.length} task${tasks.length === 1 ? '' : 's'}${counts === '' ? '' : ` (${counts})`}, ${ecs.containerInstances.length} container instance${ecs.containerInstances.length === 1 ? '' : 's'}, ${grouped(ecs.images.pulls)} image pull${ecs.images.pulls === 1 ? '' : 's'} (${grouped(ecs.images.cacheHits)} with a cached image)`,
  ];
  const services = Object.values(ecs.services);
  if (services.length > 0) {
    const rows = [['service', 'status', 'scheduling', 'desired', 'running', 'pending', 'steady since']];
    for (const s of services) {
      rows.push([s.serviceName, s.status, s.schedulingStrategy, String(s.desiredCount), String(s.runningCount), String(s.pendingCount), s.steadyStateAt === undefined ? '-' : clock(s.steadyStateAt)]);
    }
    lines.push(...table(rows), '');
    lines.push(...codeDeployLines(ecs));
    lines.push(`service events (oldest first, last ${MAX_SERVICE_EVENTS} per service)`);
    for (const s of services) {
      for (const e of [...s.events].slice(0, MAX_SERVICE_EVENTS).reverse()) lines.push(`  ${clock(e.createdAt).padStart(7)}  ${shorten(e.message)}`);
    }
    lines.push('');
  }
  if (tasks.length > 0) {
    const rows = [['task', 'label', 'launch', 'where', 'lastStatus', 'health', 'stopCode', 'startup', 'pull']];
    for (const t of tasks.slice(0, MAX_TASK_ROWS)) {
      rows.push([shortId(t.taskArn), t.label, t.launchType, t.ec2InstanceId ?? t.availabilityZone, t.lastStatus, t.healthStatus, t.stopCode ?? '-', seconds(t.durations.startupMs), seconds(t.durations.pullMs)]);
    }
    lines.push(...table(rows));
    if (tasks.length > MAX_TASK_ROWS) lines.push(`  … and ${tasks.length - MAX_TASK_ROWS} more tasks (--json has them all)`);
    if (tasks.length <= MAX_TIMELINES) {
      lines.push('', 'task timelines (m:ss.s)');
      for (const t of tasks) lines.push(...timeline(t));
    }
  }
  if (ecs.containerInstances.length > 0) {
    lines.push('', 'container instances');
    const rows = [['ref', 'instance', 'type', 'AZ', 'status', 'agent', 'CPU free/registered', 'MiB free/registered', 'tasks']];
    for (const i of ecs.containerInstances) {
      rows.push([
        i.ref,
        i.ec2InstanceId,
        i.instanceType,
        i.availabilityZone,
        i.status,
        i.agentConnected ? 'connected' : 'disconnected',
        `${i.remainingResources.cpu}/${i.registeredResources.cpu}`,
        `${i.remainingResources.memory}/${i.registeredResources.memory}`,
        String(i.runningTasksCount),
      ]);
    }
    lines.push(...table(rows));
  }
  const failed = ecs.runTask.filter((r) => r.exception !== undefined || r.failures.length > 0);
  if (ecs.actions.length > 0) {
    lines.push('', 'timeline');
    for (const a of ecs.actions) lines.push(`  ${clock(a.t).padStart(7)}  ${a.action}: ${a.outcome}`);
  }
  for (const r of failed) {
    for (const f of r.failures) lines.push(`  RunTask ${r.label} failure: ${f.reason}${f.arn === undefined ? '' : ` (${shortId(f.arn)})`}${f.detail === undefined ? '' : ` ${f.detail}`}`);
  }
  for (const r of ecs.startTask ?? []) {
    if (r.exception !== undefined) lines.push(`  StartTask ${r.label}: ${r.exception}`);
    for (const f of r.failures) lines.push(`  StartTask ${r.label} failure: ${f.reason}${f.arn === undefined ? '' : ` (${shortId(f.arn)})`}${f.detail === undefined ? '' : ` ${f.detail}`}`);
  }
  if (ecs.invariantViolations.length > 0) {
    lines.push('', `invariant violations (a model bug): ${ecs.invariantViolations.length}`);
    for (const v of ecs.invariantViolations.slice(0, 10)) lines.push(`  ✖ ${v}`);
  }
  return lines;
}

function timeline(t: TaskResult): string[] {
  const steps: string[] = [];
  let previous: TaskResult['history'][number] | undefined;
  for (const h of t.history) {
    if (previous !== undefined && h.desiredStatus !== previous.desiredStatus) steps.push(`desired ${h.desiredStatus} ${clock(h.t)}`);
    if (previous === undefined || h.lastStatus !== previous.lastStatus) steps.push(`${h.lastStatus} ${clock(h.t)}`);
    previous = h;
  }
  const out = [`  ${shortId(t.taskArn)}  ${steps.join(' → ')}`];
  if (t.stoppedReason !== undefined) out.push(`      stoppedReason: ${t.stoppedReason}`);
  for (const c of t.containers) {
    const exit = c.exitCode === undefined ? '' : ` exit ${c.exitCode}`;
    if (c.reason !== undefined || c.exitCode !== undefined) out.push(`      container ${c.name}: ${c.lastStatus}${exit}${c.reason === undefined ? '' : `, ${c.reason}`}`);
  }
  return out;
}

function shortId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf('/') + 9);
}

/**
 * CODE_DEPLOY services (ecs-facts S-090, S-097): their task sets as describe-services
 * shows them at the end, and each CodeDeploy deployment with its lifecycle events.
 */
function codeDeployLines(ecs: EcsResult): string[] {
  const lines: string[] = [];
  const sets = Object.values(ecs.services).flatMap((s) => (s.taskSets ?? []).map((t) => ({ service: s.serviceName, t })));
  if (sets.length > 0) {
    const rows = [['service', 'task set', 'status', 'task definition', 'scale', 'computed desired', 'running', 'stability']];
    for (const { service, t } of sets) rows.push([service, t.id, t.status, t.taskDefinition.slice(t.taskDefinition.lastIndexOf('/') + 1), `${t.scale.value}%`, String(t.computedDesiredCount), String(t.runningCount), t.stabilityStatus]);
    lines.push('task sets', ...table(rows), '');
  }
  for (const d of ecs.codeDeployDeployments ?? []) {
    const done = d.completeTime === undefined ? 'not complete' : `${clock(d.createTime)} → ${clock(d.completeTime)}`;
    lines.push(`CodeDeploy ${d.deploymentId} (${d.deploymentConfigName}) for ${d.serviceName}: ${d.status}, ${done}${d.errorInformation === undefined ? '' : `; ${d.errorInformation.code}: ${d.errorInformation.message}`}`);
    const events = d.lifecycleEvents.map((e) => `${e.lifecycleEventName} ${e.status}${e.startTime === undefined ? '' : ` ${clock(e.startTime)}`}`);
    for (let i = 0; i < events.length; i += 4) lines.push(`  ${events.slice(i, i + 4).join(' · ')}`);
    if (d.trafficShifts.length > 0) lines.push(`  traffic (original/replacement %): ${d.trafficShifts.map((s) => `${clock(s.at)} ${s.original}/${s.replacement}`).join(', ')}`);
    lines.push('');
  }
  return lines;
}
