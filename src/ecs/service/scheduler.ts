import type { Distribution } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import { scaleInFields } from '../decisions/records.js';
import { EcsObservers } from '../observers.js';
import type { PlacementDecision, PlacementStrategy, StrategyPlugin } from '../placement/framework.js';
import { scaleInOrder, scaleInTo } from '../placement/scale-in.js';
import { isStopping, type StopCode } from '../task/lifecycle.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import type { LaunchOptions, LaunchResult, Registered, RunTaskFailure } from '../types.js';
import { AlarmWatcher } from './alarm-watcher.js';
import { AzRebalancer } from './az-rebalancer.js';
import { BlueGreenEngine, type BlueGreenScheduler } from './blue-green-engine.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { DeploymentAlarmsLink } from './deployment-alarms.js';
import type { TaskTarget } from './load-balancers.js';
import { maxTotal, minHealthy, planReplacementStops, planStarts, sortTasks, type RollingBounds, type RollingTask } from './rolling.js';
import { HEALTHY_WITHOUT_CHECKS_MS, serviceMessages, type Deployment, type Service } from './service.js';
import { ServiceApi } from './service-api.js';
import { ServiceEvents } from './service-events.js';
import { serviceOf, taskCounts, wantedCount, type TaskCounts } from './service-tasks.js';
import { TaskHealth } from './task-health.js';
import { DeploymentTracker } from './deployments.js';
import { ServiceLauncher } from './launcher.js';

/**
 * The service scheduler: level-triggered reconciliation of each service's tasks toward
 * its desired count (ecs-facts S-034 to S-044). Whenever a service's tasks or desired
 * count change, it reconciles after a short delay: it launches what is missing (placed
 * by the service's strategies, AZ spread by default), stops what is extra (scale-in by
 * the service's strategy, S-010 to S-013), replaces tasks that stopped, and writes ECS's
 * service events. The decisions live beside it, one file each: rolling.ts (the rolling
 * update planner), blue-green-engine.ts (blue/green, linear, canary and CodeDeploy, with
 * their API verbs), circuit-breaker.ts (and the throttle), alarm-watcher.ts,
 * az-rebalancer.ts and task-health.ts. This file applies them, in ECS's order. The service
 * API verbs (CreateService, UpdateService, DeleteService) are in service-api.ts.
 */

/** What the scheduler needs of the control plane. */
export interface SchedulerHost {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly instances: readonly ContainerInstance[];
  /** Moves whenever an instance registers or its status or agent connection changes (caches of instance scans check it). */
  readonly instancesVersion: number;
  resolve(reference: string): Registered | undefined;
  launch(registered: Registered, options: LaunchOptions): LaunchResult;
  stopTask(taskArn: string, reason: string, stopCode: StopCode): boolean;
  /** Whether the instance satisfies the service's (and its task definition's) placement constraints. */
  meetsConstraints(instance: ContainerInstance, service: Service): boolean;
  unableToPlace(service: Service, decision: PlacementDecision | undefined, failures: readonly RunTaskFailure[]): string;
  /** The load-balancer targets registered for a task, with their latest health. */
  targetsOf(taskArn: string): readonly TaskTarget[];
  instanceByArn(containerInstanceArn: string | undefined): ContainerInstance | undefined;
  /** Whether some instance of the cluster is DRAINING now (false: no task is on a DRAINING instance). */
  anyDraining(): boolean;
  /** The plug-in of a placement strategy, from the run's registry (scale-in asks the service's first one). */
  strategyPlugin(strategy: PlacementStrategy): StrategyPlugin;
}

/** None of `tasks` has been asked to stop since they were listed. */
function allStillWanted(tasks: readonly TaskRecord[]): boolean {
  for (const t of tasks) if (t.desiredStatus !== 'RUNNING') return false;
  return true;
}

/** ecs-facts S-059: an idle service repeats "has reached a steady state." about every 6 h. */
export const STEADY_STATE_REPEAT_MS = 21_600_000;

export class ServiceScheduler {
  readonly services = new Map<string, Service>();
  private readonly pending = new Map<string, ReturnType<Simulation['schedule']>>();
  private readonly health: TaskHealth;
  private readonly breaker: CircuitBreaker;
  private readonly alarms: AlarmWatcher;
  private readonly rebalancer: AzRebalancer;
  private readonly launcher: ServiceLauncher;
  private readonly deployments: DeploymentTracker;
  /**
   * Blue/green-family deployments and CodeDeploy's task sets (blue-green-engine.ts), with
   * their API: ContinueServiceDeployment, CodeDeploy's CreateDeployment and task sets,
   * Lambda hooks, and the listener rules it shifts traffic on.
   */
  readonly blueGreen: BlueGreenEngine;
  /** CreateService, UpdateService, DeleteService (service-api.ts). */
  readonly api: ServiceApi;
  /** Writes service events (service-events.ts). */
  private readonly events: ServiceEvents;
  /** For service and task set ARNs. */
  clusterName = 'default';
  /** Reused by every reconciliation (one runs at a time): the health verdicts and the planner's view of one task. */
  private readonly unhealthyScratch: boolean[] = [];
  private readonly viewScratch: { running: boolean; onDraining: boolean; unhealthy: boolean; outdated: boolean } = { running: false, onDraining: false, unhealthy: false, outdated: false };

  constructor(
    private readonly sim: Simulation,
    private readonly host: SchedulerHost,
    private readonly delay: Distribution,
    private readonly rng: RandomStream,
    ids: RandomStream,
    private readonly arnPrefix: string,
    observers: EcsObservers = new EcsObservers(),
  ) {
    this.events = new ServiceEvents(sim, ids, observers);
    const event = (service: Service, message: string): void => this.events.write(service, message);
    const poke = (service: Service, atLeastMs?: number): void => this.poke(service, atLeastMs);
    this.health = new TaskHealth(sim, host, event);
    const healthy = (t: TaskRecord, service: Service): boolean => this.health.healthy(t, service);
    this.launcher = new ServiceLauncher(sim, host, event, poke);
    this.deployments = new DeploymentTracker(sim, ids, observers, {
      tasks: host.tasks,
      resolve: (reference) => host.resolve(reference),
      event,
      healthy,
      daemonCount: (service) => this.daemonInstances(service).length,
      resetOnHealthy: (service) => this.breaker.resetOnHealthy(service),
      startAlarmWatch: (service, deployment) => this.alarms.start(service, deployment),
      bakeDone: (service, deployment) => this.alarms.bakeDone(service, deployment),
    });
    this.breaker = new CircuitBreaker(sim, observers, { tasks: host.tasks, event, poke, healthy, failed: (service, deployment, rollback) => this.afterFailure(service, deployment, rollback, 'breaker') });
    this.alarms = new AlarmWatcher(sim, observers, {
      services: this.services,
      reachedRunning: (id) => this.breaker.reachedRunning.has(id),
      codeDeployAlarmsOf: (service) => this.blueGreen.codeDeployAlarmsOf(service),
      alarmStopped: (service, names) => this.blueGreen.alarmStopped(service, names),
      event,
      poke,
      failed: (service, deployment, rollback) => this.afterFailure(service, deployment, rollback, 'alarms'),
    });
    this.rebalancer = new AzRebalancer(sim, {
      tasks: host.tasks,
      instances: host.instances,
      instancesVersion: () => host.instancesVersion,
      instanceByArn: (arn) => host.instanceByArn(arn),
      meetsConstraints: (instance, service) => host.meetsConstraints(instance, service),
      stopTask: (arn, reason, code) => host.stopTask(arn, reason, code),
      healthy,
      event,
      poke,
      take: (service, wanted) => this.launcher.take(service, wanted),
      // A restricted list goes around the placement index: only rebalancing launches pass one.
      launchOne: (service, instances, failureMessage) => this.launcher.launchOne(service, instances, failureMessage),
      updateCounts: (service) => this.deployments.updateCounts(service),
    });
    this.blueGreen = new BlueGreenEngine(sim, ids, observers, this.health, this.forBlueGreen());
    const scheduler = this;
    this.api = new ServiceApi(sim, observers, {
      services: this.services,
      arnPrefix,
      get clusterName(): string {
        return scheduler.clusterName;
      },
      deployments: this.deployments,
      alarms: this.alarms,
      blueGreen: this.blueGreen,
      poke,
    });
  }

  /** What the blue/green engine may use of the scheduler (BlueGreenScheduler). */
  private forBlueGreen(): BlueGreenScheduler {
    const scheduler = this;
    return {
      services: this.services,
      tasks: this.host.tasks,
      instances: this.host.instances,
      arnPrefix: this.arnPrefix,
      get clusterName(): string {
        return scheduler.clusterName;
      },
      resolve: (reference) => this.host.resolve(reference),
      poke: (service, atLeastMs) => this.poke(service, atLeastMs),
      event: (service, message) => this.events.write(service, message),
      startAlarmWatch: (service, deployment) => this.alarms.start(service, deployment),
      launchReplicas: (service, missing, deployment) => this.launcher.launchReplicas(service, missing, deployment),
      stop: (service, tasks) => this.stop(service, tasks),
      scaleInOrder: (service, tasks) => this.scaleInOrder(service, tasks),
      updateCounts: (service) => this.deployments.updateCounts(service),
    };
  }

  /** A task changed state: its service reconciles soon. */
  taskChanged(record: TaskRecord): void {
    if (!record.group.startsWith('service:')) return;
    const service = this.services.get(record.group.slice('service:'.length));
    if (service === undefined) return;
    if (record.lastStatus === 'STOPPED') this.deployments.taskStopped(record.taskArn);
    if (record.lastStatus === 'STOPPED' && service.removeLive(record.taskArn)) this.breaker.taskStopped(service, record);
    if (record.lastStatus === 'RUNNING') this.breaker.taskRunning(service, record);
    if (record.lastStatus === 'RUNNING' && record.startedBy !== undefined) this.alarms.watch(service, record.startedBy);
    this.poke(service);
    // A task without health checks counts as healthy 40 s after RUNNING (S-045): look again then.
    if (record.lastStatus === 'RUNNING') this.sim.schedule(HEALTHY_WITHOUT_CHECKS_MS, () => this.poke(service));
    // An unhealthy target or container counts once the grace period ends (ecs-facts L-044): look again then.
    const graceMs = service.spec.healthCheckGracePeriodMs;
    const watched = (): boolean => (service.spec.loadBalancers ?? []).length > 0 || this.health.containerChecked(record, service);
    if (record.lastStatus === 'RUNNING' && graceMs > 0 && watched()) this.sim.schedule(graceMs, () => this.poke(service));
  }

  /**
   * Instances came or went (DAEMON services follow them, ecs-facts S-034, S-036), or one
   * started draining (all services look). A steady service that AZ rebalancing watches
   * looks when the AZs that can take its tasks are no longer balanced (S-027); others are
   * left alone, so an instance joining moves no decision of theirs.
   */
  instancesChanged(draining = false): void {
    for (const service of this.services.values()) if (draining || service.spec.schedulingStrategy === 'DAEMON' || this.rebalancer.due(service)) this.poke(service);
  }

  /** Connects CloudWatch: listed alarms entering ALARM fail the deployments that watch them (ecs-facts S-088, S-089). */
  connectAlarms(link: DeploymentAlarmsLink): void {
    this.alarms.connect(link);
  }

  /** After the breaker or an alarm failed `deployment`: roll back (or halt) as its method's flag says (S-088). */
  private afterFailure(service: Service, deployment: Deployment, rollback: boolean, by: 'breaker' | 'alarms'): void {
    // The green side of a blue/green run rolls back (or halts) in the engine.
    if (this.blueGreen.afterFailure(service, deployment, rollback, by)) return;
    if (rollback) this.deployments.rollBack(service, deployment, by);
  }

  /**
   * Reconciles `service` after the scheduler's delay (or `atLeastMs`), once however often
   * it is poked: the earliest pending reconciliation wins.
   */
  private poke(service: Service, atLeastMs = 0): void {
    const delayMs = Math.max(atLeastMs, this.delay.sampleMs(this.rng));
    const pending = this.pending.get(service.serviceName);
    if (pending !== undefined) {
      if (pending.t <= this.sim.now + delayMs) return;
      this.sim.cancel(pending);
    }
    const timer = this.sim.schedule(delayMs, () => {
      this.pending.delete(service.serviceName);
      this.reconcile(service);
    });
    this.pending.set(service.serviceName, timer);
  }

  /**
   * ecs-facts S-059: a steady service says so again 6 h after it last did. An earlier
   * reconciliation may have replaced the pending repeat; this arms it again (with no draw
   * from the scheduler's delay, so runs shorter than 6 h are unchanged).
   */
  private armSteadyRepeat(service: Service): void {
    const atMs = service.lastSteadyEventMs + STEADY_STATE_REPEAT_MS;
    const pending = this.pending.get(service.serviceName);
    if (pending !== undefined && pending.t <= atMs) return;
    if (pending !== undefined) this.sim.cancel(pending);
    const timer = this.sim.schedule(Math.max(0, atMs - this.sim.now), () => {
      this.pending.delete(service.serviceName);
      this.reconcile(service);
    });
    this.pending.set(service.serviceName, timer);
  }

  private reconcile(service: Service): void {
    if (service.status === 'INACTIVE') return;
    // A blue/green-family deployment in progress has its own loop (blue-green-engine.ts).
    if (this.blueGreen.reconcile(service)) return;
    const now = this.sim.now;
    // One pass over the service's own tasks (not the cluster's): those meant to run, and
    // whether every task not STOPPED is meant to run (a steady state needs that).
    const wanted: TaskRecord[] = [];
    let allLiveWanted = true;
    for (const t of service.liveRecords.values()) {
      if (t.lastStatus === 'STOPPED') continue;
      if (t.desiredStatus === 'RUNNING') wanted.push(t);
      else allLiveWanted = false;
    }
    const daemon = service.spec.schedulingStrategy === 'DAEMON';
    const eligible = daemon ? this.daemonInstances(service) : [];
    // ecs-facts S-034: a DAEMON service wants one task on each eligible instance.
    const desired = service.status === 'DRAINING' ? 0 : daemon ? eligible.length : service.desiredCount;
    // Looked up per task, not a pass over every instance of the cluster per reconciliation.
    // With no DRAINING instance anywhere (the usual case) the answer is false without a lookup.
    const onDraining = (t: TaskRecord): boolean => this.host.anyDraining() && this.host.instanceByArn(t.containerInstanceArn)?.status === 'DRAINING';
    // ecs-facts S-067: tasks of older deployments are replaced within the same bounds.
    const primaryId = service.primary?.id;
    // ecs-facts S-076: a FAILED deployment (not rolled back) launches no new tasks, so the older tasks stay.
    const failed = service.primary?.rolloutState === 'FAILED';
    const outdated = (t: TaskRecord): boolean => !failed && t.startedBy !== primaryId;
    // Each task's health verdict, judged once: nothing between here and sortTasks changes a
    // task or a target (but a DAEMON service's stops below, so it asks again after them).
    const unhealthy = this.unhealthyScratch;
    unhealthy.length = 0;
    for (const t of wanted) unhealthy.push(this.health.announceUnhealthy(service, t));
    // AZ rebalancing runs tasks beyond the desired count until each is paired with a stop.
    const keep = desired + this.rebalancer.extra(service, wanted, desired, () => wanted.some(onDraining));
    const bounds: RollingBounds = { desired, keep, maximumPercent: service.spec.maximumPercent, minimumHealthyPercent: service.spec.minimumHealthyPercent, daemon };
    // Decision records (docs/decisions.md): what this reconciliation stopped, and why.
    const stopped: { task: string; why: string }[] = [];
    const note = (why: string, arns: readonly string[]): void => {
      if (this.sim.decisions.on) for (const arn of arns) stopped.push({ task: taskId(arn), why });
    };

    if (daemon) {
      // ecs-facts S-034, S-036: tasks on instances that no longer qualify are stopped (all of them when deleted).
      const qualifying = new Set(eligible.map((i) => i.containerInstanceArn));
      note('instanceNoLongerEligible', this.stop(service, wanted.filter((t) => service.status === 'DRAINING' || t.containerInstanceArn === undefined || !qualifying.has(t.containerInstanceArn))));
    }
    // Judged after the stops above: a stopped task is no longer unhealthy.
    // sortTasks asks each task's view once, in one pass, and nothing changes while it does.
    // One view object, refilled per task: sortTasks reads each view before asking the next.
    const v = this.viewScratch;
    let i = 0;
    const view = (t: TaskRecord): RollingTask => {
      v.running = t.lastStatus === 'RUNNING';
      v.onDraining = onDraining(t);
      v.unhealthy = daemon ? this.health.unhealthy(t, service) : (unhealthy[i] as boolean);
      v.outdated = outdated(t);
      i += 1;
      return v;
    };
    const { replacePending, replaceRunning, rest } = sortTasks(wanted, view, daemon);
    note('replacedBeforeRunning', this.stop(service, replacePending));
    const starts = planStarts(bounds, { rest: rest.length, replaceRunning: replaceRunning.length, failed, throttledForMs: Math.max(0, service.throttledUntilMs - now) });
    let started: string[] = [];
    if (starts.kind === 'wait') this.poke(service, starts.ms);
    else if (starts.kind === 'start') started = daemon ? this.launcher.launchDaemons(service, eligible, wanted) : this.launcher.launchReplicas(service, starts.count);
    else if (starts.kind === 'scaleIn') note('scaleIn', this.stop(service, this.scaleIn(service, rest, starts.keep)));
    if (replaceRunning.length > 0) {
      const healthy = (t: TaskRecord): boolean => this.health.healthy(t, service);
      const replacing = replaceRunning.map((task) => ({ task, healthy: healthy(task) }));
      const plan = planReplacementStops(bounds, rest.length, replacing, rest.filter(healthy).length + replacing.filter((r) => r.healthy).length);
      note('replaced', this.stop(service, plan.stop));
      if (plan.lookAgain) this.poke(service, HEALTHY_WITHOUT_CHECKS_MS);
      // Neither a start nor a stop is allowed: ECS says so (ecs-facts S-065), once.
      if (plan.blocked && !service.blockedNoticed) this.events.write(service, serviceMessages.blockedByDeploymentConfiguration(service.serviceName));
      service.blockedNoticed = plan.blocked;
    }
    if (started.length > 0) this.events.write(service, serviceMessages.started(service.serviceName, started.map(taskId)));
    if (this.sim.decisions.on && (started.length > 0 || stopped.length > 0)) {
      this.sim.decisions.record('serviceReconcile', { service: service.serviceName, deployment: primaryId ?? null, desired, floor: minHealthy(bounds), ceiling: maxTotal(bounds), plan: starts.kind, started: started.map(taskId), stopped });
    }
    const healthyCount = this.deployments.updateCounts(service);
    const afterCount = wantedCount(service);
    // An AZ rebalancing operation under way is not a steady state, even between its moves.
    // EF-007: the tasks must be running and healthy (S-045: behind a load balancer, its health
    // checks; else the container checks, or 40 s of RUNNING), for every deployment, the first too.
    // A healthy task is a RUNNING one meant to run, so every task meant to run is RUNNING and
    // healthy when as many are healthy as are meant to run (counted just now, nothing changed since).
    // Every task live at the start is still meant to run: none was, or is now, stopping (desiredStatus only ever goes to STOPPED).
    const steady =
      afterCount === desired && healthyCount === afterCount && this.noneOutdated(service, outdated) && allLiveWanted && allStillWanted(wanted) && !this.rebalancer.inProgress(service) && !failed;
    // ecs-facts S-039: INACTIVE once every task is STOPPING or STOPPED.
    if (service.status === 'DRAINING' && afterCount === 0 && this.allStopping(service)) {
      service.status = 'INACTIVE';
      this.sim.trace.emit('ecs', 'serviceInactive', { service: service.serviceName });
      return;
    }
    this.deployments.settle(service, steady);
    if (steady && (!service.steady || now - service.lastSteadyEventMs >= STEADY_STATE_REPEAT_MS)) {
      this.events.write(service, serviceMessages.steadyState(service.serviceName));
      service.lastSteadyEventMs = now;
      this.launcher.steady(service);
      this.poke(service, STEADY_STATE_REPEAT_MS);
    } else if (steady) this.armSteadyRepeat(service);
    service.steady = steady;
    if (!daemon && service.status === 'ACTIVE') this.rebalancer.step(service, steady);
  }

  /** No task meant to run belongs to an older deployment (part of the steady state's test, EF-007). */
  private noneOutdated(service: Service, outdated: (t: TaskRecord) => boolean): boolean {
    for (const t of service.liveRecords.values()) if (t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED' && outdated(t)) return false;
    return true;
  }

  /** Every task of the service is STOPPING or STOPPED (ecs-facts S-039). */
  private allStopping(service: Service): boolean {
    for (const t of service.liveRecords.values()) if (!isStopping(t.lastStatus)) return false;
    return true;
  }

  /** Scale-in to `keep` (S-010, S-011), with its decision record: the first ordering and the tasks chosen. */
  private scaleIn(service: Service, rest: readonly TaskRecord[], keep: number): TaskRecord[] {
    let first: readonly TaskRecord[] | undefined;
    const chosen = scaleInTo(rest, keep, (tasks) => {
      const order = this.scaleInOrder(service, tasks);
      first ??= order;
      return order;
    });
    if (this.sim.decisions.on) this.sim.decisions.record('scaleIn', scaleInFields(service.serviceName, keep, first ?? [], chosen.map((t) => t.taskArn)));
    return chosen;
  }

  /** Which tasks go first on scale-in (ecs-facts S-010 to S-013): not-yet-running tasks, then by the service's strategy (placement/scale-in.ts). */
  private scaleInOrder(service: Service, tasks: readonly TaskRecord[]): TaskRecord[] {
    return scaleInOrder(tasks, service.spec.placementStrategy, (s) => this.host.strategyPlugin(s), (arn) => this.host.instanceByArn(arn), this.rng);
  }

  /** Stops tasks for the scheduler, each with its reason (task-health.ts), and says which running ones stopped. */
  private stop(service: Service, tasks: readonly TaskRecord[]): string[] {
    const stoppedArns: string[] = [];
    if (tasks.length === 0) return stoppedArns;
    // Read once: a stop can fail the deployment and start a rollback before the loop ends.
    const scaling = serviceMessages.scalingStopReason(service.primary?.id ?? 'ecs-svc/0');
    const stoppedRunning: string[] = [];
    for (const t of tasks) {
      const wasRunning = t.lastStatus === 'RUNNING';
      const { reason, failedHealth } = this.health.stopReason(t, service, scaling);
      const stopped = this.host.stopTask(t.taskArn, reason, 'ServiceSchedulerInitiated');
      if (stopped) stoppedArns.push(t.taskArn);
      if (stopped && wasRunning) stoppedRunning.push(taskId(t.taskArn));
      if (stopped && failedHealth) this.breaker.healthCheckFailed(service, t);
    }
    if (stoppedRunning.length > 0) this.events.write(service, serviceMessages.stopped(service.serviceName, stoppedRunning));
    return stoppedArns;
  }

  /** A target's health changed: its service looks again. */
  targetHealthChanged(taskArn: string): void {
    const record = this.host.tasks.get(taskArn);
    const service = record === undefined ? undefined : this.serviceOf(record);
    if (service !== undefined) this.poke(service);
  }

  /** A service event written by the control plane (target registration, draining). */
  serviceEvent(record: TaskRecord, message: (service: Service) => string): void {
    const service = this.serviceOf(record);
    if (service !== undefined) this.events.write(service, message(service));
  }

  serviceOf(record: TaskRecord): Service | undefined {
    return serviceOf(this.services, record);
  }

  /** ecs-facts S-034: the ACTIVE instances that meet the service's placement constraints. */
  private daemonInstances(service: Service): ContainerInstance[] {
    return this.host.instances.filter((i) => i.status === 'ACTIVE' && i.launchType === service.spec.launchType && this.host.meetsConstraints(i, service));
  }

  /** Counts as ECS reports them (ecs-facts S-038), of the service or of one deployment (service-tasks.ts). */
  counts(service: Service, deploymentId?: string): TaskCounts {
    return taskCounts(service, deploymentId);
  }
}
