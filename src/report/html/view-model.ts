import type { DecisionRecord, PlacementRecord, RunResult, TaskResult } from '../../result/index.js';

/**
 * What the HTML report draws, derived from the described RunResult by small pure functions:
 * the page's script only lays this out. Times are ms of simulated time; spans are
 * `[state, startMs, endMs]`. Everything here is data, never markup: the page writes every
 * string with textContent (or escapes it for chart tooltips).
 */

export type Span = readonly [state: string, startMs: number, endMs: number];

export interface ReportTask {
  readonly id: string;
  readonly arn: string;
  readonly label: string;
  readonly group: string;
  /** The service it belongs to (from its `service:<name>` group). */
  readonly service?: string;
  /** The lane it is drawn in: its container instance (`pool/1`), or `Fargate us-east-1a`. */
  readonly lane: string;
  readonly launchType: string;
  readonly taskDefinition: string;
  readonly cpu: number;
  readonly memory: number;
  readonly containerInstanceArn?: string;
  readonly instanceRef?: string | undefined;
  readonly lifecycle: readonly Span[];
  readonly health: readonly Span[];
  readonly stoppedReason?: string;
}

export interface ReportLane {
  readonly key: string;
  readonly title: string;
  /** The lane's short name for the Gantt: `pool/1 us-east-1a`, `Fargate us-east-1a`. */
  readonly short: string;
  readonly kind: 'instance' | 'fargate';
  readonly availabilityZone: string;
  readonly containerInstanceArn?: string;
  readonly instanceType?: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly registeredAt?: number;
  readonly terminatedAt?: number;
  /** [t, cpuFree, memoryFree, tasks] after each change. */
  readonly free?: readonly (readonly [number, number, number, number])[];
}

export interface ServiceSeries {
  readonly t: readonly number[];
  readonly desired: readonly (number | null)[];
  readonly running: readonly number[];
  readonly pending: readonly number[];
  readonly healthy: readonly number[];
  readonly floor: readonly (number | null)[];
  readonly ceiling: readonly (number | null)[];
  /** 'timeSeries' when the run result carried it, 'derived' when rebuilt from task histories. */
  readonly source: 'timeSeries' | 'derived';
}

export interface Marker {
  readonly t: number;
  readonly kind: 'deployment' | 'fault' | 'scaling' | 'action';
  readonly text: string;
}

export interface ReportOptions {
  /** The scenario's description (the result names the scenario but does not carry its description). */
  readonly description?: string | undefined;
  /** The scenario file, shown in the header. */
  readonly file?: string | undefined;
  /** Every placement decision with each instance's verdict (a run with `explainPlacement`), when the result's own list is only the failed ones. */
  readonly placements?: readonly PlacementRecord[] | undefined;
  /** The most placement decisions listed (failed ones first); default 400. */
  readonly maxPlacements?: number | undefined;
  /** The run's decision records (docs/decisions.md) for the decision inspector, when the result does not carry them (`--report` records them in its second run). */
  readonly decisions?: readonly DecisionRecord[] | undefined;
  /** The most placement records the inspector keeps (the first ones by time); default 2,000. */
  readonly maxInspectedPlacements?: number | undefined;
}

const FAULT_ACTIONS = /^(loseAvailabilityZone|terminateInstance|disconnectAgent|reconnectAgent|failImagePulls|interruptSpot|spotInterruption|drainInstance|restoreAvailabilityZone)/;

const shortId = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
const shortTaskDefinition = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** Consecutive states as spans, the last one open until `endMs`. */
export function spansOf(changes: readonly { readonly t: number; readonly state: string }[], endMs: number): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as { t: number; state: string };
    const next = changes[i + 1];
    const end = next === undefined ? endMs : next.t;
    const last = spans[spans.length - 1];
    if (last !== undefined && last[0] === c.state) spans[spans.length - 1] = [last[0], last[1], end];
    else if (end > c.t || next === undefined) spans.push([c.state, c.t, Math.max(end, c.t)]);
  }
  return spans;
}

/** The task's lifecycle states (lastStatus) as spans; STOPPED is a point, not a span. */
function lifecycleSpans(task: TaskResult, endMs: number): Span[] {
  const changes = task.history.map((h) => ({ t: h.t, state: h.lastStatus }));
  return spansOf(changes, endMs).filter((s) => s[0] !== 'STOPPED');
}

/** Target keys (`ip:port` for awsvpc, `instanceId:hostPort` for bridge and host) → task ARN. */
function targetKeysOf(tasks: readonly TaskResult[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const task of tasks) {
    for (const a of task.attachments ?? []) {
      const ip = a.details.find((d) => d.name === 'privateIPv4Address')?.value;
      if (ip !== undefined) keys.set(ip, task.taskArn);
    }
    if (task.ec2InstanceId !== undefined) {
      for (const c of task.containers) for (const b of c.networkBindings ?? []) keys.set(`${task.ec2InstanceId}:${b.hostPort}`, task.taskArn);
    }
  }
  return keys;
}

/** Every target's health history as spans, per task (a task in two target groups shows the first). */
function healthByTask(result: RunResult, tasks: readonly TaskResult[], endMs: number): Map<string, Span[]> {
  const keys = targetKeysOf(tasks);
  const byTask = new Map<string, Span[]>();
  for (const tg of result.elb?.targetGroups ?? []) {
    for (const target of tg.targets) {
      const arn = keys.get(`${target.Target.Id}:${target.Target.Port}`) ?? keys.get(target.Target.Id);
      if (arn === undefined || byTask.has(arn)) continue;
      const spans = spansOf(target.history.map((h) => ({ t: h.t, state: h.State })), endMs).filter((s) => s[0] !== 'unused');
      byTask.set(arn, spans);
    }
  }
  return byTask;
}

export function allTasks(result: RunResult): TaskResult[] {
  const tasks = Object.values(result.ecs?.tasksByLabel ?? {}).flat();
  return [...tasks].sort((a, b) => a.createdAt - b.createdAt || (a.taskArn < b.taskArn ? -1 : a.taskArn > b.taskArn ? 1 : 0));
}

export function lanesOf(result: RunResult, tasks: readonly TaskResult[]): ReportLane[] {
  const lanes: ReportLane[] = (result.ecs?.containerInstances ?? []).map((i) => ({
    key: i.containerInstanceArn,
    title: `${i.ref} · ${i.ec2InstanceId} · ${i.instanceType} · ${i.availabilityZone}`,
    short: `${i.ref} ${i.instanceType} ${i.availabilityZone}`,
    kind: 'instance' as const,
    availabilityZone: i.availabilityZone,
    containerInstanceArn: i.containerInstanceArn,
    instanceType: i.instanceType,
    cpu: i.registeredResources.cpu,
    memory: i.registeredResources.memory,
    ...(i.registeredAt === undefined ? {} : { registeredAt: i.registeredAt }),
    ...(i.terminatedAt === undefined ? {} : { terminatedAt: i.terminatedAt }),
    free: i.history.map((h) => [h.t, h.cpu, h.memory, h.tasks] as const),
  }));
  const fargateAzs = [...new Set(tasks.filter((t) => t.containerInstanceArn === undefined).map((t) => t.availabilityZone))].sort();
  for (const az of fargateAzs) lanes.push({ key: `fargate:${az}`, title: `Fargate · ${az}`, short: `Fargate ${az}`, kind: 'fargate', availabilityZone: az });
  return lanes;
}

export function reportTasks(result: RunResult, tasks: readonly TaskResult[], endMs: number): ReportTask[] {
  const health = healthByTask(result, tasks, endMs);
  const refOf = new Map((result.ecs?.containerInstances ?? []).map((i) => [i.containerInstanceArn, i.ref]));
  return tasks.map((task) => ({
    id: shortId(task.taskArn),
    arn: task.taskArn,
    label: task.label,
    group: task.group,
    ...(task.group.startsWith('service:') ? { service: task.group.slice('service:'.length) } : {}),
    lane: task.containerInstanceArn === undefined ? `fargate:${task.availabilityZone}` : task.containerInstanceArn,
    launchType: task.launchType,
    taskDefinition: shortTaskDefinition(task.taskDefinitionArn),
    cpu: Number(task.cpu),
    memory: Number(task.memory),
    ...(task.containerInstanceArn === undefined ? {} : { containerInstanceArn: task.containerInstanceArn, instanceRef: refOf.get(task.containerInstanceArn) }),
    lifecycle: lifecycleSpans(task, endMs),
    health: health.get(task.taskArn) ?? [],
    ...(task.stoppedReason === undefined ? {} : { stoppedReason: task.stoppedReason }),
  }));
}

const PENDING = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

/**
 * A service's counts over time, rebuilt from its tasks' histories when the result carries
 * no time series: running (lastStatus RUNNING, desired RUNNING), pending (on their way),
 * healthy (running and, behind a load balancer, healthy in its target group); desired and
 * the deployment band from the deployment records.
 */
export function derivedServiceSeries(result: RunResult, serviceName: string, tasks: readonly ReportTask[], endMs: number): ServiceSeries {
  const mine = tasks.filter((t) => t.service === serviceName);
  const behindLb = mine.some((t) => t.health.length > 0);
  const times = new Set<number>([0]);
  for (const t of mine) {
    for (const s of t.lifecycle) times.add(s[1]), times.add(s[2]);
    for (const s of t.health) times.add(s[1]), times.add(s[2]);
  }
  const deployments = (result.deployments ?? []).filter((d) => d.serviceName === serviceName);
  for (const d of deployments) times.add(d.startMs), times.add(d.endMs);
  // The page holds the last value to the end of the run.
  const t = [...times].filter((x) => x < endMs).sort((a, b) => a - b);
  const at = (spans: readonly Span[], x: number): string | undefined => spans.find((s) => s[1] <= x && x < s[2])?.[0];
  const service = result.ecs?.services[serviceName];
  const running: number[] = [];
  const pending: number[] = [];
  const healthy: number[] = [];
  const desired: (number | null)[] = [];
  const floor: (number | null)[] = [];
  const ceiling: (number | null)[] = [];
  for (const x of t) {
    let r = 0;
    let p = 0;
    let h = 0;
    for (const task of mine) {
      const s = at(task.lifecycle, x);
      if (s === 'RUNNING') {
        r += 1;
        if (!behindLb || at(task.health, x) === 'healthy') h += 1;
      } else if (s !== undefined && PENDING.has(s)) p += 1;
    }
    running.push(r);
    pending.push(p);
    healthy.push(h);
    const active = deployments.filter((d) => d.startMs <= x && x < d.endMs && d.outcome !== 'SUPERSEDED');
    const current = [...deployments].reverse().find((d) => d.startMs <= x);
    desired.push(current?.desiredCount ?? service?.desiredCount ?? null);
    const band = active[active.length - 1];
    floor.push(band === undefined ? null : band.healthyFloor);
    ceiling.push(band === undefined ? null : band.runningCeiling);
  }
  return { t, desired, running, pending, healthy, floor, ceiling, source: 'derived' };
}

/** Timeline actions, deployments and scaling activities as markers on the time axis. */
export function markersOf(result: RunResult): Marker[] {
  const markers: Marker[] = [];
  for (const a of result.ecs?.actions ?? []) {
    const kind = FAULT_ACTIONS.test(a.action) ? 'fault' : /^(updateService|createDeployment)/.test(a.action) ? 'deployment' : 'action';
    markers.push({ t: a.t, kind, text: `${a.action}: ${a.outcome}` });
  }
  for (const d of result.deployments ?? []) {
    if (!(result.ecs?.actions ?? []).some((a) => a.t === d.startMs)) markers.push({ t: d.startMs, kind: 'deployment', text: `deployment ${d.id} of ${d.serviceName} started (${d.taskDefinition})` });
  }
  for (const a of result.autoscaling?.activities ?? []) {
    if (a.NotScaledReasons !== undefined && a.NotScaledReasons.length > 0) continue;
    markers.push({ t: a.StartTime * 1000, kind: 'scaling', text: a.Description });
  }
  return markers.sort((a, b) => a.t - b.t);
}

/** Epoch-origin ISO timestamps (the model's origin is 0) → simulated ms. */
export function isoToMs(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/.exec(iso);
  if (m === null) return 0;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s, ms);
}

/** Each alarm's state over the run, from DescribeAlarmHistory's state updates. */
export function alarmStates(result: RunResult, endMs: number): { name: string; threshold: number; comparison: string; metric: string; spans: Span[] }[] {
  const cw = result.cloudwatch;
  if (cw === undefined) return [];
  return cw.alarms.MetricAlarms.map((alarm) => {
    const changes: { t: number; state: string }[] = [{ t: 0, state: 'INSUFFICIENT_DATA' }];
    for (const h of cw.history) {
      if (h.AlarmName !== alarm.AlarmName || h.HistoryItemType !== 'StateUpdate') continue;
      let state: string | undefined;
      try {
        state = (JSON.parse(h.HistoryData) as { newState?: { stateValue?: string } }).newState?.stateValue;
      } catch {
        state = undefined;
      }
      if (state !== undefined) changes.push({ t: isoToMs(h.Timestamp), state });
    }
    return { name: alarm.AlarmName, threshold: alarm.Threshold, comparison: alarm.ComparisonOperator, metric: `${alarm.Namespace} ${alarm.MetricName}`, spans: spansOf(changes, endMs) };
  });
}

/**
 * The band drawn only while a deployment of the service runs (the time series carries the
 * floor and ceiling at every point): a point is added at each deployment's start and end so
 * the band begins and ends there, and outside every deployment floor and ceiling are null.
 */
export function bandDuringDeployments(series: ServiceSeries, deployments: readonly { readonly startMs: number; readonly endMs: number }[]): ServiceSeries {
  const times = [...new Set([...series.t, ...deployments.flatMap((d) => [d.startMs, d.endMs])])].sort((a, b) => a - b);
  const during = (x: number): boolean => deployments.some((d) => d.startMs <= x && x < d.endMs);
  let i = -1;
  const pick = <T>(values: readonly T[], at: number): T | null => (at < 0 ? null : (values[at] ?? null));
  const out = { t: [] as number[], desired: [] as (number | null)[], running: [] as number[], pending: [] as number[], healthy: [] as number[], floor: [] as (number | null)[], ceiling: [] as (number | null)[] };
  for (const x of times) {
    while (i + 1 < series.t.length && (series.t[i + 1] as number) <= x) i += 1;
    out.t.push(x);
    out.desired.push(pick(series.desired, i));
    out.running.push(pick(series.running, i) ?? 0);
    out.pending.push(pick(series.pending, i) ?? 0);
    out.healthy.push(pick(series.healthy, i) ?? 0);
    out.floor.push(during(x) ? pick(series.floor, i) : null);
    out.ceiling.push(during(x) ? pick(series.ceiling, i) : null);
  }
  return { ...out, source: series.source };
}

/** What the decision inspector shows: each task's placement record, the scaling records, and which record made each scaling activity. */
export interface InspectorData {
  /** Task id → its placement record (the first that placed it). */
  readonly placements: Readonly<Record<string, DecisionRecord>>;
  /** Placement records that placed nothing (Unplaceable, Error), in order. */
  readonly unplaced: readonly DecisionRecord[];
  /** How many placement records were left out (over the cap). */
  readonly omittedPlacements: number;
  readonly scaling: readonly DecisionRecord[];
  /** Per scaling activity (the result's order): the index in `scaling` of the record that made it, or null. */
  readonly activityDecision: readonly (number | null)[];
  /** Service scale-ins, service reconciliations, managed scaling and Auto Scaling group scale-ins, in order (the first `maxPlacements`). */
  readonly others: readonly DecisionRecord[];
  /** How many of those were left out (over the cap). */
  readonly omittedOthers: number;
}

/** The record kinds the inspector's "other decision" picker shows (docs/decisions.md). */
export const OTHER_INSPECTED_KINDS: readonly string[] = ['scaleIn', 'serviceReconcile', 'managedScaling', 'instanceScaleIn'];

/** The inspector's data from the decision records; none recorded gives an empty inspector. */
export function inspectorData(result: RunResult, records: readonly DecisionRecord[], maxPlacements = 2000): InspectorData {
  const placements: Record<string, DecisionRecord> = {};
  const unplaced: DecisionRecord[] = [];
  let kept = 0;
  let omitted = 0;
  for (const r of records) {
    if (r.kind !== 'placement') continue;
    if (kept >= maxPlacements) {
      omitted += 1;
      continue;
    }
    const task = r['task'];
    if (typeof task === 'string') {
      if (placements[task] !== undefined) continue;
      placements[task] = r;
    } else unplaced.push(r);
    kept += 1;
  }
  const scaling = records.filter((r) => r.kind === 'scaling');
  const activityDecision = (result.autoscaling?.activities ?? []).map((a) => scalingRecordOf(a, scaling));
  const others = records.filter((r) => OTHER_INSPECTED_KINDS.includes(r.kind));
  return { placements, unplaced, omittedPlacements: omitted, scaling, activityDecision, others: others.slice(0, maxPlacements), omittedOthers: Math.max(0, others.length - maxPlacements) };
}

/**
 * The scaling record that made an activity: taken at the activity's StartTime, on its
 * resource, by the alarm its Cause names (`monitor alarm X in state ALARM triggered policy P`).
 */
export function scalingRecordOf(activity: { readonly StartTime: number; readonly ResourceId: string; readonly Cause: string }, scaling: readonly DecisionRecord[]): number | null {
  const t = Math.round(activity.StartTime * 1000);
  for (let i = 0; i < scaling.length; i += 1) {
    const r = scaling[i] as DecisionRecord;
    if (r.t !== t || r['resource'] !== activity.ResourceId) continue;
    if (activity.Cause.includes(`monitor alarm ${String(r['alarm'])} in state`) && activity.Cause.endsWith(`triggered policy ${String(r['policy'])}`)) return i;
  }
  return null;
}
