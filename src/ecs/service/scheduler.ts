import type { Distribution } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { DeploymentCircuitBreaker } from '../config.js';
import { EcsObservers } from '../observers.js';
import type { PlacementDecision, PlacementStrategy, StrategyPlugin } from '../placement/framework.js';
import { scaleInOrder, scaleInTo } from '../placement/scale-in.js';
import type { TaskDefinition } from '../task-definition/types.js';
import { isStopping, type StopCode } from '../task/lifecycle.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import type { LaunchOptions, LaunchResult, Registered, RunTaskFailure } from '../types.js';
import { AlarmWatcher } from './alarm-watcher.js';
import { AzRebalancer } from './az-rebalancer.js';
import { BlueGreenEngine, type BlueGreenScheduler } from './blue-green-engine.js';
import { CircuitBreaker, circuitBreakerThreshold, THROTTLE_AFTER_FAILURES, THROTTLE_BASE_MS, THROTTLE_MAX_MS } from './circuit-breaker.js';
import type { CodeDeployConfig, CodeDeployDeployment, CreateDeploymentRequest, TaskSetResult } from './codedeploy.js';
import type { DeploymentAlarmsLink } from './deployment-alarms.js';
import { isBlueGreenFamily, type DeploymentOptions, type LambdaFunctionBehaviour } from './deployment-strategy.js';
import type { LoadBalancingLink, ServiceLoadBalancer, TaskTarget } from './load-balancers.js';
import { planReplacementStops, planStarts, sortTasks, type RollingBounds, type RollingTask } from './rolling.js';
import { HEALTHY_WITHOUT_CHECKS_MS, Service, serviceMessages, type Deployment, type ServiceSpec } from './service.js';
import { drainingInstanceArns, serviceOf, taskCounts, wantedTasks, type TaskCounts } from './service-tasks.js';
import { TaskHealth } from './task-health.js';
import { DeploymentTracker } from './deployments.js';
import { PLACEMENT_RETRY_MS, SERVICE_DEFAULT_STRATEGY, ServiceLauncher } from './launcher.js';

/**
 * The service scheduler: level-triggered reconciliation of each service's tasks toward
 * its desired count (ecs-facts S-034 to S-044). Whenever a service's tasks or desired
 * count change, it reconciles after a short delay: it launches what is missing (placed
 * by the service's strategies, AZ spread by default), stops what is extra (scale-in by
 * the service's strategy, S-010 to S-013), replaces tasks that stopped, and writes ECS's
 * service events. The decisions live beside it, one file each: rolling.ts (the rolling
 * update planner), blue-green-engine.ts (blue/green, linear, canary and CodeDeploy),
 * circuit-breaker.ts (and the throttle), alarm-watcher.ts, az-rebalancer.ts and
 * task-health.ts. This file applies them, in ECS's order.
 */

/** What the scheduler needs of the control plane. */
export interface SchedulerHost {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly instances: readonly ContainerInstance[];
  resolve(reference: string): Registered | undefined;
  launch(registered: Registered, options: LaunchOptions): LaunchResult;
  stopTask(taskArn: string, reason: string, stopCode: StopCode): boolean;
  /** Whether the instance satisfies the service's (and its task definition's) placement constraints. */
  meetsConstraints(instance: ContainerInstance, service: Service): boolean;
  unableToPlace(service: Service, decision: PlacementDecision | undefined, failures: readonly RunTaskFailure[]): string;
  /** The load-balancer targets registered for a task, with their latest health. */
  targetsOf(taskArn: string): readonly TaskTarget[];
  instanceByArn(containerInstanceArn: string | undefined): ContainerInstance | undefined;
  /** The plug-in of a placement strategy, from the run's registry (scale-in asks the service's first one). */
  strategyPlugin(strategy: PlacementStrategy): StrategyPlugin;
}

/** UpdateService's fields beyond desiredCount (ecs-facts S-120), the task definition resolved. */
export interface ServiceUpdate extends DeploymentOptions {
  readonly taskDefinition?: TaskDefinition;
  readonly forceNewDeployment?: boolean;
  readonly minimumHealthyPercent?: number;
  readonly maximumPercent?: number;
  readonly deploymentCircuitBreaker?: DeploymentCircuitBreaker;
  readonly availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
}

export { HEALTHY_WITHOUT_CHECKS_MS, PLACEMENT_RETRY_MS, SERVICE_DEFAULT_STRATEGY };
export { circuitBreakerThreshold, THROTTLE_AFTER_FAILURES, THROTTLE_BASE_MS, THROTTLE_MAX_MS };

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
  /** Blue/green-family deployments and CodeDeploy's task sets (blue-green-engine.ts). */
  private readonly blueGreen: BlueGreenEngine;
  /** For service and task set ARNs. */
  clusterName = 'default';

  constructor(
    private readonly sim: Simulation,
    private readonly host: SchedulerHost,
    private readonly delay: Distribution,
    private readonly rng: RandomStream,
    private readonly ids: RandomStream,
    private readonly arnPrefix: string,
    private readonly observers: EcsObservers = new EcsObservers(),
  ) {
    const event = (service: Service, message: string): void => this.event(service, message);
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
  }

  /** Simulated Lambda functions behind lifecycle hooks, by ARN or name (ecs-facts S-105). */
  get lambdaFunctions(): Readonly<Record<string, LambdaFunctionBehaviour>> {
    return this.blueGreen.lambdaFunctions;
  }

  set lambdaFunctions(functions: Readonly<Record<string, LambdaFunctionBehaviour>>) {
    this.blueGreen.lambdaFunctions = functions;
  }

  /** CodeDeploy's deployment groups and custom configurations (ecs-facts S-090 to S-094). */
  get codeDeploy(): CodeDeployConfig {
    return this.blueGreen.codeDeploy;
  }

  set codeDeploy(config: CodeDeployConfig) {
    this.blueGreen.codeDeploy = config;
  }

  /** Every CodeDeploy deployment, in creation order. */
  get codeDeployDeployments(): CodeDeployDeployment[] {
    return this.blueGreen.codeDeployDeployments;
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
      event: (service, message) => this.event(service, message),
      startAlarmWatch: (service, deployment) => this.alarms.start(service, deployment),
      launchReplicas: (service, missing, deployment) => this.launcher.launchReplicas(service, missing, deployment),
      stop: (service, tasks) => this.stop(service, tasks),
      scaleInOrder: (service, tasks) => this.scaleInOrder(service, tasks),
      updateCounts: (service) => this.deployments.updateCounts(service),
    };
  }

  /** CreateService: the service and its PRIMARY deployment (ecs-facts S-126). */
  create(spec: ServiceSpec): Service {
    // The long ARN format, with the cluster's name (the default for accounts since 2021).
    const service = new Service(`${this.arnPrefix}:service/${this.clusterName}/${spec.serviceName}`, spec, this.sim.now);
    const first = this.deployments.newDeployment(spec.taskDefinition, spec.desiredCount, false);
    service.deployments.push(first);
    this.services.set(spec.serviceName, service);
    // ecs-facts S-090: a CODE_DEPLOY service starts with one task set, PRIMARY at 100 %.
    if (spec.deploymentController?.type === 'CODE_DEPLOY') this.blueGreen.addTaskSet(service, first, 'PRIMARY', 100, undefined, (spec.loadBalancers ?? []).map((lb) => lb.targetGroupArn));
    this.alarms.start(service, first);
    this.observers.deploymentChanged(service, first, 'started');
    this.sim.probe(`ecs.services.${spec.serviceName}.desiredCount`).set(spec.desiredCount);
    this.sim.trace.emit('ecs', 'createService', { service: spec.serviceName, desiredCount: spec.desiredCount });
    this.poke(service);
    return service;
  }

  /** UpdateService's desiredCount, which starts no deployment (ecs-facts S-038). */
  setDesiredCount(service: Service, desiredCount: number): void {
    service.desiredCount = desiredCount;
    this.sim.probe(`ecs.services.${service.serviceName}.desiredCount`).set(desiredCount);
    this.sim.trace.emit('ecs', 'updateService', { service: service.serviceName, desiredCount });
    this.poke(service);
  }

  /**
   * UpdateService's other fields. A new task definition or forceNewDeployment starts a
   * deployment (ecs-facts S-073, S-074): a new PRIMARY, the old one ACTIVE until its tasks
   * are replaced. deploymentConfiguration and availabilityZoneRebalancing start none.
   */
  update(service: Service, change: ServiceUpdate): string | undefined {
    const { taskDefinition, forceNewDeployment, ...config } = change;
    service.spec = { ...service.spec, ...config };
    const current = service.primary;
    // Assumption: the task definition already in use starts no deployment without forceNewDeployment.
    const changed = taskDefinition !== undefined && taskDefinition.taskDefinitionArn !== current?.taskDefinition;
    let started: string | undefined;
    if (changed || forceNewDeployment === true) {
      const definition = taskDefinition ?? service.spec.taskDefinition;
      service.spec = { ...service.spec, taskDefinition: definition };
      for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
      const deployment = this.deployments.newDeployment(definition, service.desiredCount, true);
      service.deployments.push(deployment);
      started = deployment.id;
      this.alarms.start(service, deployment);
      const blue = this.blueGreen.blueOf(service) ?? current;
      // ecs-facts S-041: a new task definition resets the throttle.
      if (changed) {
        service.consecutiveStartFailures = 0;
        service.throttledUntilMs = 0;
      }
      service.blockedNoticed = false;
      this.sim.trace.emit('ecs', 'deploymentStarted', { service: service.serviceName, deployment: deployment.id, taskDefinition: definition.taskDefinitionArn });
      this.observers.deploymentChanged(service, deployment, 'started');
      // ecs-facts S-098: the blue/green family runs its lifecycle (S-104); blue is what serves production now.
      if (isBlueGreenFamily(service.spec.strategy) && service.spec.schedulingStrategy === 'REPLICA' && blue !== undefined) this.blueGreen.startBlueGreen(service, deployment, blue);
      else this.blueGreen.endBlueGreen(service);
    }
    this.poke(service);
    return started;
  }

  /** DeleteService (ecs-facts S-039, S-040): DRAINING until its tasks are gone, then INACTIVE. */
  delete(service: Service): void {
    this.blueGreen.endBlueGreen(service);
    service.status = 'DRAINING';
    service.desiredCount = 0;
    this.sim.trace.emit('ecs', 'deleteService', { service: service.serviceName });
    this.poke(service);
  }

  /** A task changed state: its service reconciles soon. */
  taskChanged(record: TaskRecord): void {
    if (!record.group.startsWith('service:')) return;
    const service = this.services.get(record.group.slice('service:'.length));
    if (service === undefined) return;
    if (record.lastStatus === 'STOPPED') this.deployments.taskStopped(record.taskArn);
    if (record.lastStatus === 'STOPPED' && service.liveTasks.delete(record.taskArn)) this.breaker.taskStopped(service, record);
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
    const zones = new Map<string, string[]>();
    for (const service of this.services.values()) if (draining || service.spec.schedulingStrategy === 'DAEMON' || this.rebalancer.due(service, zones)) this.poke(service);
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

  private reconcile(service: Service): void {
    if (service.status === 'INACTIVE') return;
    // A blue/green-family deployment in progress has its own loop (blue-green-engine.ts).
    if (this.blueGreen.reconcile(service)) return;
    const now = this.sim.now;
    const live = [...service.liveTasks].map((arn) => this.host.tasks.get(arn)).filter((t): t is TaskRecord => t !== undefined && t.lastStatus !== 'STOPPED');
    const wanted = live.filter((t) => t.desiredStatus === 'RUNNING');
    const daemon = service.spec.schedulingStrategy === 'DAEMON';
    const eligible = daemon ? this.daemonInstances(service) : [];
    // ecs-facts S-034: a DAEMON service wants one task on each eligible instance.
    const desired = service.status === 'DRAINING' ? 0 : daemon ? eligible.length : service.desiredCount;
    const drainingArns = drainingInstanceArns(this.host.instances);
    const onDraining = (t: TaskRecord): boolean => t.containerInstanceArn !== undefined && drainingArns.has(t.containerInstanceArn);
    // ecs-facts S-067: tasks of older deployments are replaced within the same bounds.
    const primaryId = service.primary?.id;
    // ecs-facts S-076: a FAILED deployment (not rolled back) launches no new tasks, so the older tasks stay.
    const failed = service.primary?.rolloutState === 'FAILED';
    const outdated = (t: TaskRecord): boolean => !failed && t.startedBy !== primaryId;
    for (const t of wanted) this.health.announceUnhealthy(service, t);
    // AZ rebalancing runs tasks beyond the desired count until each is paired with a stop.
    const keep = desired + this.rebalancer.extra(service, wanted, desired, wanted.some(onDraining));
    const bounds: RollingBounds = { desired, keep, maximumPercent: service.spec.maximumPercent, minimumHealthyPercent: service.spec.minimumHealthyPercent, daemon };

    if (daemon) {
      // ecs-facts S-034, S-036: tasks on instances that no longer qualify are stopped (all of them when deleted).
      const qualifying = new Set(eligible.map((i) => i.containerInstanceArn));
      this.stop(service, wanted.filter((t) => service.status === 'DRAINING' || t.containerInstanceArn === undefined || !qualifying.has(t.containerInstanceArn)));
    }
    // Judged after the stops above: a stopped task is no longer unhealthy.
    const views = new Map<TaskRecord, RollingTask>(
      wanted.map((t) => [t, { running: t.lastStatus === 'RUNNING', onDraining: onDraining(t), unhealthy: this.health.unhealthy(t, service), outdated: outdated(t) }]),
    );
    const { replacePending, replaceRunning, rest } = sortTasks(wanted, (t) => views.get(t) as RollingTask, daemon);
    this.stop(service, replacePending);
    const starts = planStarts(bounds, { rest: rest.length, replaceRunning: replaceRunning.length, failed, throttledForMs: Math.max(0, service.throttledUntilMs - now) });
    let started: string[] = [];
    if (starts.kind === 'wait') this.poke(service, starts.ms);
    else if (starts.kind === 'start') started = daemon ? this.launcher.launchDaemons(service, eligible, wanted) : this.launcher.launchReplicas(service, starts.count);
    else if (starts.kind === 'scaleIn') this.stop(service, scaleInTo(rest, starts.keep, (tasks) => this.scaleInOrder(service, tasks)));
    if (replaceRunning.length > 0) {
      const healthy = (t: TaskRecord): boolean => this.health.healthy(t, service);
      const replacing = replaceRunning.map((task) => ({ task, healthy: healthy(task) }));
      const plan = planReplacementStops(bounds, rest.length, replacing, rest.filter(healthy).length + replacing.filter((r) => r.healthy).length);
      this.stop(service, plan.stop);
      if (plan.lookAgain) this.poke(service, HEALTHY_WITHOUT_CHECKS_MS);
      // Neither a start nor a stop is allowed: ECS says so (ecs-facts S-065), once.
      if (plan.blocked && !service.blockedNoticed) this.event(service, serviceMessages.blockedByDeploymentConfiguration(service.serviceName));
      service.blockedNoticed = plan.blocked;
    }
    if (started.length > 0) this.event(service, serviceMessages.started(service.serviceName, started.map(taskId)));
    this.deployments.updateCounts(service);
    const after = wantedTasks(service, this.host.tasks);
    // An AZ rebalancing operation under way is not a steady state, even between its moves.
    const behindLoadBalancer = (service.spec.loadBalancers ?? []).length > 0;
    const steady =
      after.length === desired &&
      after.every((t) => t.lastStatus === 'RUNNING' && !outdated(t) && (!behindLoadBalancer || this.health.healthy(t, service))) &&
      live.every((t) => t.desiredStatus === 'RUNNING') &&
      !this.rebalancer.inProgress(service) &&
      !failed;
    // ecs-facts S-039: INACTIVE once every task is STOPPING or STOPPED.
    const stillRunning = [...service.liveTasks].map((arn) => this.host.tasks.get(arn)).filter((t) => t !== undefined && !isStopping(t.lastStatus));
    if (service.status === 'DRAINING' && stillRunning.length === 0 && after.length === 0) {
      service.status = 'INACTIVE';
      this.sim.trace.emit('ecs', 'serviceInactive', { service: service.serviceName });
      return;
    }
    this.deployments.settle(service, steady);
    if (steady && (!service.steady || now - service.lastSteadyEventMs >= STEADY_STATE_REPEAT_MS)) {
      this.event(service, serviceMessages.steadyState(service.serviceName));
      service.lastSteadyEventMs = now;
      this.launcher.steady(service);
      this.poke(service, STEADY_STATE_REPEAT_MS);
    }
    service.steady = steady;
    if (!daemon && service.status === 'ACTIVE') this.rebalancer.step(service, steady);
  }

  /** Connects the listener rules ECS shifts blue/green traffic on (ecs-facts S-101). */
  connectTraffic(link: LoadBalancingLink): void {
    this.blueGreen.connectTraffic(link);
  }

  /** The service's load balancers for one task, with the target group its deployment uses (ecs-facts S-101). */
  loadBalancersOf(record: TaskRecord): readonly ServiceLoadBalancer[] {
    return this.blueGreen.loadBalancersOf(record);
  }

  /** ContinueServiceDeployment (ecs-facts S-107). What ECS answers. */
  continueDeployment(service: Service, request: { readonly hookId?: string; readonly lifecycleStage?: string; readonly action: 'CONTINUE' | 'ROLLBACK' }): string {
    return this.blueGreen.continueDeployment(service, request);
  }

  /** CodeDeploy's CreateDeployment for an ECS deployment group (ecs-facts S-090 to S-097). The deployment id, or an error. */
  createCodeDeployment(request: CreateDeploymentRequest, taskDefinition: TaskDefinition): string {
    return this.blueGreen.createCodeDeployment(request, taskDefinition);
  }

  /** `taskSets` of a CODE_DEPLOY service (ecs-facts S-097, S-125). */
  taskSetsOf(service: Service): TaskSetResult[] | undefined {
    return this.blueGreen.taskSetsOf(service);
  }

  /** Which tasks go first on scale-in (ecs-facts S-010 to S-013): not-yet-running tasks, then by the service's strategy (placement/scale-in.ts). */
  private scaleInOrder(service: Service, tasks: readonly TaskRecord[]): TaskRecord[] {
    return scaleInOrder(tasks, service.spec.placementStrategy, (s) => this.host.strategyPlugin(s), (arn) => this.host.instanceByArn(arn), this.rng);
  }

  private stop(service: Service, tasks: readonly TaskRecord[]): void {
    if (tasks.length === 0) return;
    const primary = service.primary;
    const scaling = serviceMessages.scalingStopReason(primary?.id ?? 'ecs-svc/0');
    const stoppedRunning: string[] = [];
    for (const t of tasks) {
      const wasRunning = t.lastStatus === 'RUNNING';
      const failed = this.health.unhealthyTarget(t, service);
      const containerFailed = failed === undefined && this.health.failedContainerChecks(t, service);
      // ecs-facts T-016 for a failed ELB health check; T-017 for failed container health checks
      // (stopCode ServiceSchedulerInitiated, believed); else T-015, "Scaling activity initiated by (deployment ...)".
      const reason = failed !== undefined ? `Task failed ELB health checks in (target-group ${failed.targetGroupArn})` : containerFailed ? serviceMessages.containerHealthStopReason() : scaling;
      const stopped = this.host.stopTask(t.taskArn, reason, 'ServiceSchedulerInitiated');
      if (stopped && wasRunning) stoppedRunning.push(taskId(t.taskArn));
      if (stopped && (failed !== undefined || containerFailed)) this.breaker.healthCheckFailed(service, t);
    }
    if (stoppedRunning.length > 0) this.event(service, serviceMessages.stopped(service.serviceName, stoppedRunning));
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
    if (service !== undefined) this.event(service, message(service));
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
    return taskCounts(service, this.host.tasks, deploymentId);
  }

  private event(service: Service, message: string): void {
    const event = { id: this.uuid(), createdAt: this.sim.now, message };
    service.events.push(event);
    this.sim.trace.emit('ecs', 'serviceEvent', { service: service.serviceName, message });
    this.observers.serviceEvent(service, event);
  }

  /** A version-4 UUID from the ids stream (ecs-facts S-058). */
  private uuid(): string {
    let hex = '';
    while (hex.length < 32) hex += Math.floor(this.ids.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
