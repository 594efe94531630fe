import type { ControlPlane } from '../control-plane.js';
import type { DeploymentChange, EcsObserver } from '../observers.js';
import type { DesiredStatus, TaskStatus } from '../task/lifecycle.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import type { Deployment, Service } from './service.js';
import { maxTotal, minHealthy } from './rolling.js';

/**
 * "Where did the time go": one record per deployment with its bounds, its counts and a
 * waterfall of the time its tasks spent in each phase, summed over the tasks and along
 * the deployment's critical path. It is a read-only observer (observers.ts): it draws no
 * random numbers and changes nothing, so attaching it moves no decision and no log hash.
 */

/** Which waterfall phase the time spent in each ECS lifecycle stage is (ecs-facts S-103, S-104). */
const STAGE_PHASES: Readonly<Record<string, 'lifecycleHooks' | 'trafficShift' | 'bake' | undefined>> = {
  RECONCILE_SERVICE: 'lifecycleHooks',
  PRE_SCALE_UP: 'lifecycleHooks',
  POST_SCALE_UP: 'lifecycleHooks',
  TEST_TRAFFIC_SHIFT: 'lifecycleHooks',
  POST_TEST_TRAFFIC_SHIFT: 'lifecycleHooks',
  PRE_PRODUCTION_TRAFFIC_SHIFT: 'lifecycleHooks',
  PRODUCTION_TRAFFIC_SHIFT: 'trafficShift',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'lifecycleHooks',
  BAKE_TIME: 'bake',
};

/** The waterfall's phases, in their fixed order (the order of a task's life, then the scheduler). */
export const DEPLOYMENT_PHASES = [
  /** A new task is wanted but cannot be placed ("was unable to place a task", ecs-facts S-029). */
  'placement',
  /** PROVISIONING (the task ENI, ecs-facts T-024), and PENDING before the image pull starts. */
  'provisioning',
  /** pullStartedAt → pullStoppedAt. */
  'imagePull',
  /** PENDING after the pull: the containers starting. */
  'containerStart',
  /** ACTIVATING: registration with the target groups (ecs-facts L-043). */
  'registration',
  /** RUNNING until the scheduler counts the task healthy (ecs-facts S-045, L-046; 40 s without checks). */
  'healthChecks',
  /** DEACTIVATING of a task being stopped: the target group's deregistration delay (ecs-facts L-043, S-071, S-072). */
  'deregistrationDelay',
  /** From the stop (or the end of the deregistration) to STOPPED: SIGTERM, stopTimeout, DEPROVISIONING (ecs-facts S-072, L-050). */
  'stopping',
  /** Blue/green lifecycle stages that wait on hooks (PRE_SCALE_UP, POST_*_TRAFFIC_SHIFT, ...; ecs-facts S-103 to S-107). */
  'lifecycleHooks',
  /** PRODUCTION_TRAFFIC_SHIFT: linear and canary steps and the bake between them (ecs-facts S-099, S-104). */
  'trafficShift',
  /** BAKE_TIME: blue and green both run after the shift (ecs-facts S-098, S-104); also `recordSpan`. */
  'bake',
  /** Time on the critical path covered by no phase: the service scheduler's reaction delay. */
  'scheduler',
] as const;
export type DeploymentPhase = (typeof DEPLOYMENT_PHASES)[number];

/**
 * How a deployment ended. COMPLETED, FAILED and IN_PROGRESS are ECS's rolloutState
 * (ecs-facts S-076); SUPERSEDED is ours: a newer deployment started while this one was
 * still IN_PROGRESS, so it ended there without an outcome of its own.
 */
export type DeploymentOutcome = 'COMPLETED' | 'FAILED' | 'IN_PROGRESS' | 'SUPERSEDED';

/** A span of one task's (or, with `taskId` null, the deployment's or the scheduler's) time. */
export interface PhaseSpan {
  readonly taskId: string | null;
  readonly phase: DeploymentPhase;
  readonly startMs: number;
  readonly endMs: number;
}

export interface PhaseTotal {
  readonly name: DeploymentPhase;
  /** Summed over the deployment's tasks (for `placement` and `scheduler`, which belong to no task: their critical-path time). */
  readonly totalMs: number;
  readonly criticalPathMs: number;
}

export interface DeploymentRecord {
  /** `ecs-svc/…` (ecs-facts S-075). */
  readonly id: string;
  readonly serviceName: string;
  /** The service's deployment strategy when it started; ROLLING unless the service names another. */
  readonly strategy: string;
  readonly taskDefinition: string;
  readonly startMs: number;
  /** When it completed, failed or was superseded; the end of the run while IN_PROGRESS. */
  readonly endMs: number;
  readonly durationMs: number;
  readonly outcome: DeploymentOutcome;
  /** On a rollback deployment: the deployment it returns to (ecs-facts S-087). */
  readonly rollbackTo?: string;
  /** On a FAILED deployment the circuit breaker rolled back: the rollback deployment. */
  readonly rolledBackBy?: string;
  /** The service's desiredCount and deployment configuration when the deployment started. */
  readonly desiredCount: number;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  /** ceil(desiredCount × minimumHealthyPercent / 100) (ecs-facts S-067, L-046). */
  readonly healthyFloor: number;
  /** floor(desiredCount × maximumPercent / 100) (ecs-facts S-067, L-046). */
  readonly runningCeiling: number;
  /** The fewest healthy service tasks (S-045) at the end of any instant while it ran. */
  readonly minHealthyCount: number;
  /** The most service tasks RUNNING or on their way to it (PROVISIONING, PENDING, ACTIVATING) and not being stopped, at the end of any instant while it ran (S-067). */
  readonly maxRunningCount: number;
  /** Tasks the deployment started (their `startedBy` is its id) while it ran. */
  readonly tasksStarted: number;
  /** The deployment's tasks, and the older ones it stopped, that reached STOPPED while it ran. */
  readonly tasksStopped: number;
  /** Every phase, in DEPLOYMENT_PHASES order. */
  readonly phases: readonly PhaseTotal[];
  /** Oldest first; contiguous from startMs to endMs, so the spans sum to durationMs exactly. */
  readonly criticalPath: readonly PhaseSpan[];
}

interface Snapshot {
  readonly service: string;
  lastStatus: TaskStatus;
  desiredStatus: DesiredStatus;
  healthy: boolean;
}

interface Tracked {
  readonly id: string;
  readonly serviceName: string;
  readonly strategy: string;
  readonly taskDefinition: string;
  readonly startMs: number;
  endMs?: number;
  outcome: DeploymentOutcome;
  rollbackTo?: string;
  rolledBackBy?: string;
  readonly desiredCount: number;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  minHealthy: number;
  maxRunning: number;
  readonly spans: PhaseSpan[];
}

/** A run of contiguous spans of one task (its start-up, or its stop), or a deployment-level span. */
interface Chain {
  readonly taskId: string | null;
  readonly kind: 'start' | 'stop' | 'deployment';
  readonly spans: PhaseSpan[];
  /** Whether its end is an event that can enable the scheduler's next step (healthy, STOPPED, bake done). */
  readonly endsInEvent: boolean;
}

/** Deployment ids the scheduler gives a service task in `startedBy`. */
const SERVICE_GROUP = 'service:';
const UNABLE_TO_PLACE = /^\(service [^)]+\) (was|is) unable to place a task/;
const LIVE_FOR_CEILING: ReadonlySet<TaskStatus> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING']);

/**
 * Records every deployment of every service of one control plane.
 *
 * Attach it before the run starts (after `new EcsModel(...)`, before `sim.run`), then
 * call `result(endMs)` when the run is over.
 */
export class DeploymentHistory implements EcsObserver {
  private readonly deployments: Tracked[] = [];
  /** Per service, deployments whose counts are still being taken: IN_PROGRESS, or ended in the current instant. */
  private readonly open = new Map<string, Tracked[]>();
  /** Services whose counts changed, or that started a deployment, since the last commit: the only ones a commit can move. */
  private touched = new Set<string>();
  private readonly byId = new Map<string, Tracked>();
  /** Service tasks by ARN, in the order first seen (deterministic: the order of the model's calls). */
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly healthyAt = new Map<string, number>();
  /** What the history knows of each live service task, so counts are taken as of the end of an instant. */
  private readonly snapshots = new Map<string, Snapshot>();
  /** Each service's healthy and running counts over its snapshots, kept in step with them. */
  private readonly serviceCounts = new Map<string, { healthy: number; running: number }>();
  private readonly unableToPlace = new Map<string, number[]>();
  private lastT = Number.NEGATIVE_INFINITY;
  /** The lifecycle stage each blue/green-family deployment is in, since when. */
  private readonly stages = new Map<string, { readonly stage: string; readonly startMs: number }>();

  private constructor(
    private readonly clock: { readonly now: number },
    private readonly controlPlane: ControlPlane,
  ) {}

  /** Attaches a new history to the control plane's observers; `clock` is the simulation. */
  static attach(clock: { readonly now: number }, controlPlane: ControlPlane): DeploymentHistory {
    const history = new DeploymentHistory(clock, controlPlane);
    controlPlane.observers.add(history);
    return history;
  }

  /**
   * A deployment-level span, such as blue/green bake time, for the waterfall.
   * @throws Error when the deployment is unknown or the span is not a forward interval.
   */
  recordSpan(deploymentId: string, phase: 'bake' | 'lifecycleHooks' | 'trafficShift', startMs: number, endMs: number): void {
    const d = this.byId.get(deploymentId);
    if (d === undefined) throw new Error(`deployment history: no deployment ${deploymentId}`);
    if (!(Number.isFinite(startMs) && Number.isFinite(endMs) && endMs >= startMs)) throw new Error(`deployment history: a ${phase} span must end at or after its start (got ${startMs} → ${endMs})`);
    d.spans.push({ taskId: null, phase, startMs, endMs });
  }

  // ---- observer --------------------------------------------------------------------------

  /**
   * A blue/green-family deployment entered a lifecycle stage (ecs-facts S-104): the stage it
   * leaves becomes a deployment-level span. SCALE_UP and CLEAN_UP are covered by their
   * tasks' own phases; the others wait on hooks, traffic steps or the bake time.
   */
  deploymentLifecycle(_service: Service, deployment: Deployment, stage: string): void {
    this.advance();
    this.closeStage(deployment.id, this.clock.now);
    this.stages.set(deployment.id, { stage, startMs: this.clock.now });
  }

  private closeStage(deploymentId: string, endMs: number): void {
    const open = this.stages.get(deploymentId);
    if (open === undefined) return;
    this.stages.delete(deploymentId);
    const phase = STAGE_PHASES[open.stage];
    if (phase !== undefined && endMs > open.startMs && this.byId.has(deploymentId)) this.recordSpan(deploymentId, phase, open.startMs, endMs);
  }

  taskChanged(record: TaskRecord): void {
    if (!record.group.startsWith(SERVICE_GROUP)) return;
    this.advance();
    this.see(record);
  }

  taskHealthy(_service: Service, record: TaskRecord): void {
    this.advance();
    this.see(record);
    if (!this.healthyAt.has(record.taskArn)) this.healthyAt.set(record.taskArn, this.clock.now);
    const s = this.snapshots.get(record.taskArn);
    if (s !== undefined) this.update(s, () => (s.healthy = true));
  }

  serviceEvent(service: Service, event: { readonly message: string }): void {
    this.advance();
    // Tasks are reported to observers from their first change; the "has started" event
    // comes in the same instant as the launch, so new tasks count from their first instant.
    for (const arn of service.liveTasks) {
      if (this.tasks.has(arn)) continue;
      const record = this.controlPlane.tasks.get(arn);
      if (record !== undefined) this.see(record);
    }
    if (UNABLE_TO_PLACE.test(event.message)) {
      const list = this.unableToPlace.get(service.serviceName) ?? [];
      list.push(this.clock.now);
      this.unableToPlace.set(service.serviceName, list);
    }
  }

  deploymentChanged(service: Service, deployment: Deployment, change: DeploymentChange, detail?: { readonly rollbackTo?: string; readonly reason?: string }): void {
    this.advance();
    const now = this.clock.now;
    if (change === 'started') {
      for (const d of this.deployments) {
        if (d.serviceName !== service.serviceName || d.endMs !== undefined) continue;
        d.endMs = now;
        d.outcome = 'SUPERSEDED';
        this.closeStage(d.id, now);
      }
      const spec = service.spec;
      const tracked: Tracked = {
        id: deployment.id,
        serviceName: service.serviceName,
        // A CodeDeploy deployment (S-090) is named by its controller; ECS's own by its strategy (S-098).
        strategy: spec.deploymentController?.type === 'CODE_DEPLOY' ? 'CODE_DEPLOY' : (spec.strategy ?? 'ROLLING'),
        taskDefinition: deployment.taskDefinition,
        startMs: now,
        outcome: 'IN_PROGRESS',
        desiredCount: deployment.desiredCount,
        minimumHealthyPercent: spec.minimumHealthyPercent,
        maximumPercent: spec.maximumPercent,
        minHealthy: Number.POSITIVE_INFINITY,
        maxRunning: 0,
        spans: [],
      };
      if (detail?.rollbackTo !== undefined) {
        tracked.rollbackTo = detail.rollbackTo;
        // ecs-facts S-086, S-087: the rollback follows the failure in the same instant.
        const failed = [...this.deployments].reverse().find((d) => d.serviceName === service.serviceName && d.outcome === 'FAILED' && d.endMs === now);
        if (failed !== undefined) failed.rolledBackBy = deployment.id;
      }
      this.deployments.push(tracked);
      const open = this.open.get(service.serviceName);
      if (open === undefined) this.open.set(service.serviceName, [tracked]);
      else open.push(tracked);
      this.touched.add(service.serviceName);
      this.byId.set(deployment.id, tracked);
      return;
    }
    const d = this.byId.get(deployment.id);
    if (d === undefined || d.endMs !== undefined) return;
    if (change === 'completed' || change === 'failed') {
      d.endMs = now;
      d.outcome = change === 'completed' ? 'COMPLETED' : 'FAILED';
      this.closeStage(d.id, now);
    }
  }

  /** Registers or refreshes what the history knows of a service task. */
  private see(record: TaskRecord): void {
    if (!record.group.startsWith(SERVICE_GROUP)) return;
    if (!this.tasks.has(record.taskArn)) this.tasks.set(record.taskArn, record);
    const s = this.snapshots.get(record.taskArn);
    if (record.lastStatus === 'STOPPED') {
      if (s !== undefined) this.count(s, -1);
      this.snapshots.delete(record.taskArn);
      return;
    }
    if (s === undefined) {
      const created = { service: record.group.slice(SERVICE_GROUP.length), lastStatus: record.lastStatus, desiredStatus: record.desiredStatus, healthy: this.healthyAt.has(record.taskArn) };
      this.snapshots.set(record.taskArn, created);
      this.count(created, 1);
    } else {
      this.update(s, () => {
        s.lastStatus = record.lastStatus;
        s.desiredStatus = record.desiredStatus;
      });
    }
  }

  /** Changes a snapshot, keeping its service's counts in step (so an instant's commit reads them, not every task). */
  private update(s: Snapshot, change: () => void): void {
    this.count(s, -1);
    change();
    this.count(s, 1);
  }

  /** Adds (or, with -1, removes) one snapshot's part of its service's healthy and running counts. */
  private count(s: Snapshot, sign: 1 | -1): void {
    const wanted = s.desiredStatus === 'RUNNING';
    // ecs-facts S-045, L-046: healthy counts RUNNING tasks the scheduler has counted healthy.
    const healthy = wanted && s.healthy && s.lastStatus === 'RUNNING' ? 1 : 0;
    // ecs-facts S-067: the ceiling bounds RUNNING + PENDING tasks (those not being stopped).
    const running = wanted && LIVE_FOR_CEILING.has(s.lastStatus) ? 1 : 0;
    if (healthy === 0 && running === 0) return;
    let c = this.serviceCounts.get(s.service);
    if (c === undefined) this.serviceCounts.set(s.service, (c = { healthy: 0, running: 0 }));
    this.touched.add(s.service);
    c.healthy += sign * healthy;
    c.running += sign * running;
  }

  /**
   * Counts are taken once per instant, as they stand at its end: within one reconciliation
   * the scheduler stops an old task before it tells observers that the new one is healthy,
   * so a count taken between the two calls would show a dip no one could observe.
   */
  private advance(): void {
    const now = this.clock.now;
    if (now === this.lastT) return;
    this.commit(this.lastT);
    this.lastT = now;
  }

  private commit(t: number): void {
    if (!Number.isFinite(t) || this.touched.size === 0) return;
    // A deployment whose service's counts did not change since its last commit would take
    // the same min and max again: only touched services are looked at.
    const touched = this.touched;
    this.touched = new Set();
    for (const name of touched) {
      let open = this.open.get(name);
      if (open === undefined) continue;
      // Deployments that ended before this instant are done with; the rest see its counts.
      if (open.some((d) => d.endMs !== undefined && d.endMs < t)) {
        open = open.filter((d) => d.endMs === undefined || d.endMs >= t);
        if (open.length === 0) this.open.delete(name);
        else this.open.set(name, open);
      }
      const c = this.serviceCounts.get(name) ?? { healthy: 0, running: 0 };
      for (const d of open) {
        if (d.startMs > t) {
          this.touched.add(name);
          continue;
        }
        d.minHealthy = Math.min(d.minHealthy, c.healthy);
        d.maxRunning = Math.max(d.maxRunning, c.running);
      }
    }
  }

  // ---- result ----------------------------------------------------------------------------

  /** The deployments in start order, as of `endMs` (the end of the run). */
  result(endMs: number): DeploymentRecord[] {
    this.commit(this.lastT);
    // Each deployment reads its own service's tasks, not every task of the run (in the order first seen).
    const byGroup = new Map<string, TaskRecord[]>();
    for (const record of this.tasks.values()) {
      let list = byGroup.get(record.group);
      if (list === undefined) byGroup.set(record.group, (list = []));
      list.push(record);
    }
    return this.deployments.map((d) => this.record(d, endMs, byGroup.get(`${SERVICE_GROUP}${d.serviceName}`) ?? []));
  }

  private record(d: Tracked, runEndMs: number, serviceTasks: readonly TaskRecord[]): DeploymentRecord {
    const start = d.startMs;
    const end = Math.max(start, d.endMs ?? runEndMs);
    const chains: Chain[] = [];
    let tasksStarted = 0;
    let tasksStopped = 0;
    for (const record of serviceTasks) {
      const own = record.startedBy === d.id && record.createdAt >= start && record.createdAt <= end;
      const stopAt = stopRequestMs(record);
      const stoppedHere = stopAt !== undefined && stopAt >= start && stopAt <= end;
      if (!own && !stoppedHere) continue;
      if (own) tasksStarted += 1;
      if (record.stoppedAt !== undefined && record.stoppedAt <= end) tasksStopped += 1;
      for (const chain of taskChains(record, this.healthyAt.get(record.taskArn), start, end)) {
        if (own || chain.kind === 'stop') chains.push(chain);
      }
    }
    // A stage still open when the run ended counts up to the end.
    const open = this.stages.get(d.id);
    const stagePhase = open === undefined ? undefined : STAGE_PHASES[open.stage];
    const spans = open === undefined || stagePhase === undefined ? d.spans : [...d.spans, { taskId: null, phase: stagePhase, startMs: open.startMs, endMs: end }];
    for (const span of spans) {
      const s = clampSpan(span, start, end);
      if (s !== undefined) chains.push({ taskId: null, kind: 'deployment', spans: [s], endsInEvent: true });
    }
    const criticalPath = criticalPathOf(chains, start, end, this.unableToPlace.get(d.serviceName) ?? []);
    const total = new Map<DeploymentPhase, number>();
    const critical = new Map<DeploymentPhase, number>();
    for (const c of chains) for (const s of c.spans) total.set(s.phase, (total.get(s.phase) ?? 0) + s.endMs - s.startMs);
    for (const s of criticalPath) critical.set(s.phase, (critical.get(s.phase) ?? 0) + s.endMs - s.startMs);
    const phases = DEPLOYMENT_PHASES.map((name) => {
      const criticalPathMs = critical.get(name) ?? 0;
      return { name, totalMs: name === 'placement' || name === 'scheduler' ? criticalPathMs : (total.get(name) ?? 0), criticalPathMs };
    });
    const floor = minHealthy({ desired: d.desiredCount, minimumHealthyPercent: d.minimumHealthyPercent });
    const ceiling = maxTotal({ desired: d.desiredCount, maximumPercent: d.maximumPercent });
    return {
      id: d.id,
      serviceName: d.serviceName,
      strategy: d.strategy,
      taskDefinition: d.taskDefinition,
      startMs: start,
      endMs: end,
      durationMs: end - start,
      outcome: d.outcome,
      ...(d.rollbackTo === undefined ? {} : { rollbackTo: d.rollbackTo }),
      ...(d.rolledBackBy === undefined ? {} : { rolledBackBy: d.rolledBackBy }),
      desiredCount: d.desiredCount,
      minimumHealthyPercent: d.minimumHealthyPercent,
      maximumPercent: d.maximumPercent,
      healthyFloor: floor,
      runningCeiling: ceiling,
      minHealthyCount: Number.isFinite(d.minHealthy) ? d.minHealthy : 0,
      maxRunningCount: d.maxRunning,
      tasksStarted,
      tasksStopped,
      phases,
      criticalPath,
    };
  }
}

/** When the stop was asked for: the first history entry with desiredStatus STOPPED. */
function stopRequestMs(record: TaskRecord): number | undefined {
  return record.history.find((h) => h.desiredStatus === 'STOPPED')?.t;
}

function clampSpan(s: PhaseSpan, start: number, end: number): PhaseSpan | undefined {
  const a = Math.max(s.startMs, start);
  const b = Math.min(s.endMs, end);
  return b > a ? { ...s, startMs: a, endMs: b } : undefined;
}

/**
 * A task's phases from its history (as the control plane recorded it, ecs-facts T-022),
 * its pull timestamps and the time the scheduler counted it healthy, clamped to
 * [start, end]: a start-up chain (creation to healthy, or to the stop) and a stop chain
 * (stop request to STOPPED). Time serving traffic, healthy, belongs to no phase.
 */
export function taskPhaseSpans(record: TaskRecord, healthyAtMs: number | undefined, endMs: number): PhaseSpan[] {
  const id = taskId(record.taskArn);
  const out: PhaseSpan[] = [];
  const push = (phase: DeploymentPhase, a: number, b: number): void => {
    if (b <= a) return;
    const last = out[out.length - 1];
    // One span per phase: STOPPING then DEPROVISIONING are both `stopping`.
    if (last !== undefined && last.phase === phase && last.endMs === a) out[out.length - 1] = { ...last, endMs: b };
    else out.push({ taskId: id, phase, startMs: a, endMs: b });
  };
  const h = record.history;
  for (let i = 0; i < h.length; i += 1) {
    const e = h[i] as (typeof h)[number];
    if (e.lastStatus === 'STOPPED') break;
    const a = e.t;
    const b = Math.min(i + 1 < h.length ? (h[i + 1] as (typeof h)[number]).t : endMs, endMs);
    if (b <= a) continue;
    if (e.desiredStatus === 'STOPPED') {
      push(e.lastStatus === 'DEACTIVATING' ? 'deregistrationDelay' : 'stopping', a, b);
      continue;
    }
    switch (e.lastStatus) {
      case 'PROVISIONING':
        push('provisioning', a, b);
        break;
      case 'PENDING': {
        if (record.pullStartedAt === undefined) {
          push('containerStart', a, b);
          break;
        }
        const ps = Math.min(Math.max(record.pullStartedAt, a), b);
        const pe = Math.min(Math.max(record.pullStoppedAt ?? b, ps), b);
        push('provisioning', a, ps);
        push('imagePull', ps, pe);
        push('containerStart', pe, b);
        break;
      }
      case 'ACTIVATING':
        push('registration', a, b);
        break;
      case 'RUNNING':
        // ecs-facts S-045: RUNNING until counted healthy; after that the task serves.
        push('healthChecks', a, healthyAtMs === undefined ? b : Math.min(b, Math.max(a, healthyAtMs)));
        break;
      case 'DEACTIVATING':
        push('deregistrationDelay', a, b);
        break;
      default:
        push('stopping', a, b);
    }
  }
  return out;
}

function taskChains(record: TaskRecord, healthyAtMs: number | undefined, start: number, end: number): Chain[] {
  const spans = taskPhaseSpans(record, healthyAtMs, end)
    .map((s) => clampSpan(s, start, end))
    .filter((s): s is PhaseSpan => s !== undefined);
  const chains: Chain[] = [];
  const stopAt = stopRequestMs(record);
  let current: PhaseSpan[] = [];
  const close = (): void => {
    if (current.length === 0) return;
    const first = current[0] as PhaseSpan;
    const last = current[current.length - 1] as PhaseSpan;
    const kind = stopAt !== undefined && first.startMs >= stopAt ? 'stop' : 'start';
    // A chain ends in an event when the task turned healthy or STOPPED there (not when cut by `end`).
    const endsInEvent = last.endMs === healthyAtMs || last.endMs === record.stoppedAt || (kind === 'start' && stopAt === last.endMs);
    chains.push({ taskId: first.taskId, kind, spans: current, endsInEvent });
    current = [];
  };
  for (const s of spans) {
    const prev = current[current.length - 1];
    // A new chain where time is not contiguous (healthy and serving), or where the stop begins.
    if (prev !== undefined && (prev.endMs !== s.startMs || (stopAt !== undefined && s.startMs === stopAt && prev.endMs <= stopAt))) close();
    current.push(s);
  }
  close();
  return chains;
}

/**
 * The critical path of a deployment over [start, end]: the chain of phases and waits
 * that, had any of them been shorter, would have ended the deployment sooner.
 *
 * The walk goes back in time from `end`:
 * 1. Take the chain (a task's run of contiguous phases) that ended last at or before the
 *    cursor (ties: the chain that started earliest, then the task seen first). The time
 *    between its end and the cursor is `scheduler` time. Add its phases and move the
 *    cursor to its start.
 * 2. The chain's start was enabled by the latest *enabling event* at or before it, among
 *    chains not yet used: a task counted healthy, a task STOPPED, deployment-level spans
 *    ending (bake), or an old task's stop being requested. (A new task's creation follows
 *    a stop or a healthy task; an old task's deregistration follows a replacement turning
 *    healthy; ecs-facts S-067, S-068.) Ties prefer healthy/STOPPED over stop requests.
 *    The wait between the event and the chain's start is `scheduler` time, or
 *    `placement` when the chain is a task's start-up and the service said "unable to
 *    place a task" in that wait (before the instant the task was created): capacity
 *    arrived from outside the deployment (a new instance, another service's task gone).
 *    Capacity freed by the deployment's own stops is not `placement`: the stop that made
 *    room is the enabling event, and the path runs through it. An event that ended a
 *    chain continues the walk at step 1 with that chain; a stop request continues at
 *    step 2 from that old task's stop.
 * 3. With no enabling event left, the wait back to the deployment's start is `scheduler`.
 * The path is contiguous from `start` to `end`, so its spans sum to the duration exactly.
 */
function criticalPathOf(chains: readonly Chain[], start: number, end: number, unableToPlaceMs: readonly number[]): PhaseSpan[] {
  const back: PhaseSpan[] = [];
  const used = new Set<number>();
  const gap = (a: number, b: number, placement: boolean): void => {
    if (b > a) back.push({ taskId: null, phase: placement ? 'placement' : 'scheduler', startMs: a, endMs: b });
  };
  const startOf = (c: Chain): number => (c.spans[0] as PhaseSpan).startMs;
  const endOf = (c: Chain): number => (c.spans[c.spans.length - 1] as PhaseSpan).endMs;
  let cursor = end;
  // Step 1 from the end: any chain.
  let next: { index: number; at: 'end' | 'start' } | undefined = pick(chains, used, cursor, false, startOf, endOf);
  while (next !== undefined) {
    const chain = chains[next.index] as Chain;
    used.add(next.index);
    if (next.at === 'end') {
      gap(endOf(chain), cursor, false);
      for (let i = chain.spans.length - 1; i >= 0; i -= 1) back.push(chain.spans[i] as PhaseSpan);
    } else {
      // An old task's stop request: a point in time, whose own enabler comes next.
      gap(startOf(chain), cursor, false);
    }
    cursor = startOf(chain);
    const enabler = pick(chains, used, cursor, true, startOf, endOf);
    const eventAt = enabler === undefined ? start : enabler.at === 'end' ? endOf(chains[enabler.index] as Chain) : startOf(chains[enabler.index] as Chain);
    // Strictly before the task's creation: the event written in the instant it was placed is about the others.
    const placing = chain.kind === 'start' && unableToPlaceMs.some((t) => t >= eventAt && t < cursor);
    gap(eventAt, cursor, placing);
    cursor = eventAt;
    next = enabler;
  }
  gap(start, cursor, false);
  return back.reverse();
}

/**
 * The latest candidate at or before `cursor`. Without `eventsOnly`: chain ends. With it:
 * chain ends that are events, and starts of stop chains (stop requests).
 */
function pick(
  chains: readonly Chain[],
  used: ReadonlySet<number>,
  cursor: number,
  eventsOnly: boolean,
  startOf: (c: Chain) => number,
  endOf: (c: Chain) => number,
): { index: number; at: 'end' | 'start' } | undefined {
  let best: { index: number; at: 'end' | 'start'; t: number; rank: number; from: number } | undefined;
  chains.forEach((c, index) => {
    if (used.has(index)) return;
    const options: { at: 'end' | 'start'; t: number; rank: number }[] = [];
    if (!eventsOnly || c.endsInEvent) options.push({ at: 'end', t: endOf(c), rank: 0 });
    if (eventsOnly && c.kind === 'stop') options.push({ at: 'start', t: startOf(c), rank: 1 });
    for (const o of options) {
      if (o.t > cursor) continue;
      const from = startOf(c);
      const better = best === undefined || o.t > best.t || (o.t === best.t && (o.rank < best.rank || (o.rank === best.rank && from < best.from)));
      if (better) best = { index, at: o.at, t: o.t, rank: o.rank, from };
    }
  });
  return best === undefined ? undefined : { index: best.index, at: best.at };
}
