import type { RunResult, TaskResult } from '../result/index.js';

/**
 * `--perfetto out.json`: the run as Chrome trace-event JSON, which the Perfetto UI
 * (ui.perfetto.dev) and chrome://tracing open. Only the format's documented fields are used:
 * `ph`, `ts` (µs: simulated ms × 1000), `pid`, `tid`, `name`, `cat`, `args`, `s` (instant
 * scope), `id` and `bp` (flows); `M` metadata events name the processes and threads.
 * - Each container instance is a process (`i-… (us-east-1a)`), and Fargate one process per
 *   Availability Zone; each task is a thread of its process, with one slice (B/E) per
 *   lifecycle state (PROVISIONING … DEPROVISIONING) until STOPPED, or until the run's end.
 * - A `control plane` process holds the deployments (instants, thread `deployments`), the
 *   timeline's actions (instants, thread `timeline`; faults with category `fault`) and the
 *   counters (ph `C`): per service running / healthy / desired, per load balancer and
 *   workload the requests per second of each minute (a fluid workload's are expected
 *   requests, the model's averages, not counted ones: its counter says so).
 * - A flow (ph `s` → `f`) goes from each deployment's instant to the first slice of every
 *   task it started (the task's `startedBy`).
 * Events are ordered by time (metadata first), so `ts` never goes back on any track.
 */
export interface TraceEvent {
  readonly ph: 'B' | 'E' | 'i' | 'C' | 's' | 'f' | 'M';
  readonly name: string;
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly cat?: string;
  readonly s?: 'g' | 'p' | 't';
  readonly id?: number;
  readonly bp?: 'e';
  readonly args?: Readonly<Record<string, unknown>>;
}

export interface PerfettoTrace {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, string>>;
}

const us = (ms: number): number => Math.round(ms * 1000);

/** Timeline actions that are faults (the model's failures, not the user's requests). */
const FAULT = /^(terminateInstance|disconnectAgent|failImagePulls|loseAvailabilityZone|interruptSpotInstance|interruptFargateSpot|killTask|instanceFault)/;

const CONTROL_PID = 1;
const TID_DEPLOYMENTS = 1;
const TID_TIMELINE = 2;
const TID_COUNTERS = 3;

/** The task's id: the last part of its ARN. */
function taskId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The trace of a run (see the module comment). */
export function perfettoTrace(result: RunResult): PerfettoTrace {
  const meta: TraceEvent[] = [];
  const events: TraceEvent[] = [];
  const endMs = result.simulatedMs;
  const processName = (pid: number, name: string, sortIndex: number): void => {
    meta.push({ ph: 'M', name: 'process_name', ts: 0, pid, tid: 0, args: { name } });
    meta.push({ ph: 'M', name: 'process_sort_index', ts: 0, pid, tid: 0, args: { sort_index: sortIndex } });
  };
  const threadName = (pid: number, tid: number, name: string): void => {
    meta.push({ ph: 'M', name: 'thread_name', ts: 0, pid, tid, args: { name } });
  };
  processName(CONTROL_PID, 'control plane', 0);
  threadName(CONTROL_PID, TID_DEPLOYMENTS, 'deployments');
  threadName(CONTROL_PID, TID_TIMELINE, 'timeline');
  threadName(CONTROL_PID, TID_COUNTERS, 'counters');

  // Processes: container instances in registration order, then Fargate per AZ.
  const pidOf = new Map<string, number>();
  let nextPid = 2;
  for (const i of result.ecs?.containerInstances ?? []) {
    pidOf.set(i.containerInstanceArn, nextPid);
    processName(nextPid, `${i.ec2InstanceId} (${i.availabilityZone})`, nextPid);
    nextPid += 1;
  }
  const tasks: TaskResult[] = Object.values(result.ecs?.tasksByLabel ?? {}).flat();
  tasks.sort((a, b) => a.createdAt - b.createdAt || (a.taskArn < b.taskArn ? -1 : a.taskArn > b.taskArn ? 1 : 0));
  const fargatePid = (zone: string): number => {
    const key = `fargate:${zone}`;
    let pid = pidOf.get(key);
    if (pid === undefined) {
      pid = nextPid;
      nextPid += 1;
      pidOf.set(key, pid);
      processName(pid, `Fargate (${zone})`, 100_000 + pid);
    }
    return pid;
  };

  // Tasks: a thread each, a slice per lifecycle state.
  const firstSlice = new Map<string, { pid: number; tid: number; ts: number }>();
  // Thread ids are unique over the whole trace (after the control plane's own).
  let nextTid = TID_COUNTERS + 1;
  for (const t of tasks) {
    const pid = t.containerInstanceArn === undefined ? fargatePid(t.availabilityZone) : (pidOf.get(t.containerInstanceArn) ?? fargatePid(t.availabilityZone));
    const tid = nextTid;
    nextTid += 1;
    threadName(pid, tid, `${t.group} ${taskId(t.taskArn)}`);
    const args = { taskArn: t.taskArn, group: t.group, taskDefinitionArn: t.taskDefinitionArn, ...(t.startedBy === undefined ? {} : { startedBy: t.startedBy }) };
    // Consecutive history entries with the same lastStatus (a desiredStatus change) are one slice.
    const states: { t: number; status: string }[] = [];
    for (const h of t.history) if (states.at(-1)?.status !== h.lastStatus) states.push({ t: h.t, status: h.lastStatus });
    states.forEach((s, k) => {
      if (s.status === 'STOPPED') return;
      const until = states[k + 1]?.t ?? endMs;
      if (k === 0) firstSlice.set(t.taskArn, { pid, tid, ts: us(s.t) });
      events.push({ ph: 'B', name: s.status, cat: 'task', ts: us(s.t), pid, tid, args });
      events.push({ ph: 'E', name: s.status, cat: 'task', ts: us(until), pid, tid });
    });
    if (t.stoppedAt !== undefined) events.push({ ph: 'i', name: `STOPPED${t.stopCode === undefined ? '' : ` (${t.stopCode})`}`, cat: 'task', ts: us(t.stoppedAt), pid, tid, s: 't', args: { ...(t.stoppedReason === undefined ? {} : { stoppedReason: t.stoppedReason }) } });
  }

  // Deployments: an instant when each starts, and a slice on its own thread (a flow starts
  // in a slice) with a flow to every task it started.
  let flowId = 1;
  for (const d of result.deployments ?? []) {
    const ts = us(d.startMs);
    const tid = nextTid;
    nextTid += 1;
    threadName(CONTROL_PID, tid, `${d.serviceName} ${d.id}`);
    const args = { service: d.serviceName, taskDefinition: d.taskDefinition, outcome: d.outcome, durationMs: d.durationMs, strategy: d.strategy };
    events.push({ ph: 'i', name: `deployment ${d.serviceName} ${d.id}`, cat: 'deployment', ts, pid: CONTROL_PID, tid: TID_DEPLOYMENTS, s: 'g', args });
    events.push({ ph: 'B', name: `deployment ${d.outcome}`, cat: 'deployment', ts, pid: CONTROL_PID, tid, args });
    events.push({ ph: 'E', name: `deployment ${d.outcome}`, cat: 'deployment', ts: us(Math.max(d.startMs, d.endMs)), pid: CONTROL_PID, tid });
    for (const t of tasks) {
      const first = t.startedBy === d.id ? firstSlice.get(t.taskArn) : undefined;
      if (first === undefined || first.ts < ts) continue;
      events.push({ ph: 's', name: 'started', cat: 'deployment', id: flowId, ts, pid: CONTROL_PID, tid });
      events.push({ ph: 'f', name: 'started', cat: 'deployment', id: flowId, bp: 'e', ts: first.ts, pid: first.pid, tid: first.tid });
      flowId += 1;
    }
  }

  // The timeline's actions; faults get their own category.
  for (const a of result.ecs?.actions ?? []) {
    events.push({ ph: 'i', name: a.action, cat: FAULT.test(a.action) ? 'fault' : 'action', ts: us(a.t), pid: CONTROL_PID, tid: TID_TIMELINE, s: 'g', args: { outcome: a.outcome } });
  }

  // Counters from the time series.
  const series = result.timeSeries;
  for (const s of series?.services ?? []) {
    s.t.forEach((t, i) => {
      events.push({ ph: 'C', name: `service ${s.serviceName}`, ts: us(t), pid: CONTROL_PID, tid: TID_COUNTERS, args: { desired: s.desiredCount[i], running: s.runningCount[i], healthy: s.healthyCount[i] } });
    });
  }
  for (const r of series?.requests ?? []) {
    if (r.scope === 'targetGroup') continue;
    const seconds = (series?.periodMs ?? 60_000) / 1000;
    r.t.forEach((t, i) => {
      events.push({ ph: 'C', name: counterName(r), ts: us(t), pid: CONTROL_PID, tid: TID_COUNTERS, args: { ok: ((r.count[i] ?? 0) - (r.http5xx[i] ?? 0)) / seconds, elb5xx: (r.elb5xx[i] ?? 0) / seconds, target5xx: (r.target5xx[i] ?? 0) / seconds } });
    });
  }

  // Stable by time: a task's E and the next state's B at one instant keep their order.
  const ordered = events.map((e, i) => [e, i] as const).sort((a, b) => a[0].ts - b[0].ts || a[1] - b[1]).map(([e]) => e);
  return { traceEvents: [...meta, ...ordered], displayTimeUnit: 'ms', otherData: { scenario: result.scenario, seed: String(result.seed), logHash: result.logHash } };
}

/** The trace as JSON text, one event per line (small diffs, still one JSON document). */
export function perfettoJson(result: RunResult): string {
  const trace = perfettoTrace(result);
  const lines = trace.traceEvents.map((e) => JSON.stringify(e));
  return `{"displayTimeUnit":"ms","otherData":${JSON.stringify(trace.otherData)},"traceEvents":[\n${lines.join(',\n')}\n]}\n`;
}

/** A requests counter's track name; a fluid workload's values are expected counts (the aggregate model's), and its name says so. */
function counterName(r: { readonly scope: string; readonly name: string; readonly mode?: 'fluid' | undefined }): string {
  const what = `${r.scope === 'loadBalancer' ? 'load balancer' : 'workload'} ${r.name}`;
  return r.mode === 'fluid' ? `${what} expected requests/s (fluid: expected counts, not counted)` : `${what} requests/s`;
}
