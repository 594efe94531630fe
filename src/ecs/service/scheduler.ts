import type { LoadBalancingLink, ServiceLoadBalancer, TaskTarget } from './load-balancers.js';
import type { Distribution } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { DeploymentCircuitBreaker } from '../config.js';
import type { LaunchOptions, LaunchResult, Registered, RunTaskFailure } from '../types.js';
import type { PlacementStrategy, StrategyPlugin } from '../placement/framework.js';
import { scaleInOrder } from '../placement/scale-in.js';
import type { PlacementDecision } from '../placement/framework.js';
import type { TaskDefinition } from '../task-definition/types.js';
import { isStopping, type StopCode } from '../task/lifecycle.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import { AZ_REBALANCING_MAX_STARTS_PER_STEP, AZ_REBALANCING_STOP_CODE, azOrder, isAzBalanced, rebalancingMessages, rebalancingUnsupportedBecause, type AzCounts } from './az-rebalancing.js';
import { EcsObservers } from '../observers.js';
import { HEALTHY_WITHOUT_CHECKS_MS, Service, serviceMessages, type Deployment, type ServiceSpec } from './service.js';
import { alarmBakeTimeMs, alarmMessages, type AlarmWatch, type DeploymentAlarms, type DeploymentAlarmsLink, type DeploymentAlarmState } from './deployment-alarms.js';
import { isBlueGreenFamily, type DeploymentOptions, type LambdaFunctionBehaviour } from './deployment-strategy.js';
import type { CodeDeployConfig, CodeDeployDeployment, CreateDeploymentRequest, TaskSetResult } from './codedeploy.js';
import { BlueGreenEngine, type BlueGreenScheduler } from './blue-green-engine.js';

/**
 * The service scheduler: level-triggered reconciliation of each service's tasks toward
 * its desired count (ecs-facts S-034 to S-044). Whenever a service's tasks or desired
 * count change, it reconciles after a short delay: it launches what is missing (placed
 * by the service's strategies, AZ spread by default), stops what is extra (the scale-in
 * rules of S-010 to S-013), replaces tasks that stopped, throttles a service whose tasks
 * keep failing to start, and writes ECS's service events. Rolling deployments, the
 * circuit breaker, deployment alarms and AZ rebalancing live here; blue/green, linear and
 * canary deployments and CodeDeploy's task sets live in blue-green-engine.ts, which the
 * scheduler owns and delegates to (it sees the scheduler only through BlueGreenScheduler).
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

/**
 * The circuit breaker's failure threshold (ecs-facts S-083, S-084): the percent types take
 * `value` percent of the latest desired count, rounded up (25 → 13); BOUNDED_PERCENT (the
 * default, value 50) clamps it to [3, 200]; UNBOUNDED_PERCENT does not clamp (assumption:
 * never below 1, so a service scaled to 0 does not fail at once); COUNT is `value` as is.
 */
export function circuitBreakerThreshold(breaker: DeploymentCircuitBreaker, desiredCount: number): number {
  const type = breaker.thresholdConfiguration?.type ?? 'BOUNDED_PERCENT';
  const value = breaker.thresholdConfiguration?.value ?? 50;
  if (type === 'COUNT') return value;
  const share = Math.ceil((value * desiredCount) / 100);
  return type === 'BOUNDED_PERCENT' ? Math.min(200, Math.max(3, share)) : Math.max(1, share);
}

/** ecs-facts S-007, S-009: a service with no strategy spreads over AZs, then instances. */
export const SERVICE_DEFAULT_STRATEGY: readonly PlacementStrategy[] = [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }];

/**
 * The throttle (ecs-facts S-041): after this many tasks in a row fail to reach RUNNING,
 * restarts wait, doubling from THROTTLE_BASE_MS up to 15 minutes. AWS documents only
 * "grows step by step up to 15 minutes"; the first step and the doubling are assumptions.
 */
export const THROTTLE_AFTER_FAILURES = 3;
export const THROTTLE_BASE_MS = 30_000;
export const THROTTLE_MAX_MS = 15 * 60_000;

export { HEALTHY_WITHOUT_CHECKS_MS };

/** ecs-facts S-059: an idle service repeats "has reached a steady state." about every 6 h. */
export const STEADY_STATE_REPEAT_MS = 21_600_000;

/** ecs-facts T-094: launches per minute per service (2023 figures). */
const LAUNCHES_PER_MINUTE = { EC2: 250, EXTERNAL: 250, FARGATE: 500 } as const;

/** How long after a failed placement the scheduler tries again. Assumption: ECS documents none. */
export const PLACEMENT_RETRY_MS = 30_000;


interface Bucket {
  tokens: number;
  atMs: number;
}

/** An AZ rebalancing operation in progress (ecs-facts S-027). */
interface Rebalancing {
  /** Tasks started to rebalance that no stop has yet been paired with, by ARN. */
  readonly replacements: Set<string>;
}

export class ServiceScheduler {
  readonly services = new Map<string, Service>();
  private readonly pending = new Map<string, ReturnType<Simulation['schedule']>>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly lastPlacementFailure = new Map<string, string>();
  private readonly rebalancing = new Map<string, Rebalancing>();
  /** Tasks whose unhealthy target ECS has reported in an event. */
  private readonly announced = new Set<string>();
  /** Tasks whose failed container health checks ECS has reported in an event. */
  private readonly announcedContainer = new Set<string>();
  /** Deployments with a task that reached RUNNING: the breaker's stage 2 (ecs-facts S-085). */
  private readonly reachedRunning = new Set<string>();
  /** Tasks the breaker has seen healthy, for resetOnHealthyTask (ecs-facts S-082). */
  private readonly seenHealthy = new Set<string>();
  /** Tasks the observers have been told are healthy (only kept when there are observers). */
  private readonly seenHealthyByObservers = new Set<string>();
  /** CloudWatch, for deployment alarms (ecs-facts S-088); absent when the run has none. */
  private alarmsLink: DeploymentAlarmsLink | undefined;
  /** Deployment alarm watches, by deployment id (ecs-facts S-089). */
  private readonly alarmWatches = new Map<string, AlarmWatch>();
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
    this.blueGreen = new BlueGreenEngine(sim, ids, observers, this.forBlueGreen());
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
      get tasks(): ReadonlyMap<string, TaskRecord> {
        return scheduler.host.tasks;
      },
      arnPrefix: this.arnPrefix,
      get clusterName(): string {
        return scheduler.clusterName;
      },
      resolve: (reference) => this.host.resolve(reference),
      serviceOf: (record) => this.serviceOf(record),
      poke: (service, atLeastMs) => this.poke(service, atLeastMs),
      event: (service, message) => this.event(service, message),
      newDeployment: (definition, desiredCount, fromUpdate) => this.newDeployment(definition, desiredCount, fromUpdate),
      startAlarmWatch: (service, deployment) => this.startAlarmWatch(service, deployment),
      wantedTasks: (service) => this.wantedTasks(service),
      launchReplicas: (service, missing, deployment) => this.launchReplicas(service, missing, deployment),
      stop: (service, tasks) => this.stop(service, tasks),
      scaleInOrder: (service, tasks) => this.scaleInOrder(service, tasks),
      announceUnhealthy: (service, t) => this.announceUnhealthy(service, t),
      unhealthyTarget: (t, service) => this.unhealthyTarget(t, service),
      failedContainerChecks: (t, service) => this.failedContainerChecks(t, service),
      healthy: (t, service) => this.healthy(t, service),
      updateCounts: (service) => this.updateCounts(service),
      counts: (service, deploymentId) => this.counts(service, deploymentId),
      drainingInstanceArns: () => this.drainingInstanceArns(),
    };
  }

  /** CreateService: the service and its PRIMARY deployment (ecs-facts S-126). */
  create(spec: ServiceSpec): Service {
    // The long ARN format, with the cluster's name (the default for accounts since 2021).
    const service = new Service(`${this.arnPrefix}:service/${this.clusterName}/${spec.serviceName}`, spec, this.sim.now);
    const first = this.newDeployment(spec.taskDefinition, spec.desiredCount, false);
    service.deployments.push(first);
    this.services.set(spec.serviceName, service);
    // ecs-facts S-090: a CODE_DEPLOY service starts with one task set, PRIMARY at 100 %.
    if (spec.deploymentController?.type === 'CODE_DEPLOY') this.blueGreen.addTaskSet(service, first, 'PRIMARY', 100, undefined, (spec.loadBalancers ?? []).map((lb) => lb.targetGroupArn));
    this.startAlarmWatch(service, first);
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
      const deployment = this.newDeployment(definition, service.desiredCount, true);
      service.deployments.push(deployment);
      started = deployment.id;
      this.startAlarmWatch(service, deployment);
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

  private newDeployment(definition: TaskDefinition, desiredCount: number, fromUpdate: boolean): Deployment {
    const id = this.deploymentId();
    return {
      id,
      status: 'PRIMARY',
      taskDefinition: definition.taskDefinitionArn,
      desiredCount,
      pendingCount: 0,
      runningCount: 0,
      failedTasks: 0,
      createdAt: this.sim.now,
      updatedAt: this.sim.now,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: serviceMessages.rolloutInProgress(id),
      fromUpdate,
    };
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
    if (record.lastStatus === 'STOPPED') this.seenHealthyByObservers.delete(record.taskArn);
    if (record.lastStatus === 'STOPPED' && service.liveTasks.delete(record.taskArn)) {
      // ecs-facts S-041, S-043: only tasks that never reached RUNNING count toward the throttle.
      const scheduled = record.stopCode === 'ServiceSchedulerInitiated' || record.stopCode === 'UserInitiated';
      if (record.startedAt === undefined && !scheduled) this.startFailed(service, record);
      // A task whose essential container exits after RUNNING but before the task was ever
      // healthy (a crash loop) fails its deployment in stage 2: AWS Knowledge Center ("A task
      // from new deployment stopped or failed to start consecutively"; a task that "starts,
      // passes the dependent health checks, but then stops" may not trip the breaker).
      else if (record.stopCode === 'EssentialContainerExited' && !this.seenHealthy.has(record.taskArn)) this.healthCheckFailed(service, record);
    }
    if (record.lastStatus === 'RUNNING') service.consecutiveStartFailures = 0;
    if (record.lastStatus === 'RUNNING' && record.startedBy !== undefined) {
      this.reachedRunning.add(record.startedBy);
      this.watchAlarms(service, record.startedBy);
    }
    this.poke(service);
    // A task without health checks counts as healthy 40 s after RUNNING (S-045): look again then.
    if (record.lastStatus === 'RUNNING') this.sim.schedule(HEALTHY_WITHOUT_CHECKS_MS, () => this.poke(service));
    // An unhealthy target or container counts once the grace period ends (ecs-facts L-044): look again then.
    const graceMs = service.spec.healthCheckGracePeriodMs;
    const watched = (): boolean => (service.spec.loadBalancers ?? []).length > 0 || this.containerChecked(record, service);
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
    for (const service of this.services.values()) if (draining || service.spec.schedulingStrategy === 'DAEMON' || this.rebalancingDue(service, zones)) this.poke(service);
  }

  private startFailed(service: Service, record: TaskRecord): void {
    service.consecutiveStartFailures += 1;
    const deployment = service.deployments.find((d) => d.id === record.startedBy) ?? service.primary;
    // ecs-facts S-085: with the breaker on, a task that never reached RUNNING counts in stage 1
    // only, before any task of its deployment ran; without it, every such task counts, as before.
    const counts = deployment !== undefined && (this.breakerOf(service) === undefined || !this.reachedRunning.has(deployment.id));
    if (deployment !== undefined && counts) {
      deployment.failedTasks += 1;
      // A deployment the breaker just failed launches nothing more (S-076); a rollback starts
      // on another task definition, which resets the throttle (S-041).
      if (this.checkBreaker(service, deployment)) return;
    }
    const over = service.consecutiveStartFailures - THROTTLE_AFTER_FAILURES;
    if (over < 0) return;
    const waitMs = Math.min(THROTTLE_MAX_MS, THROTTLE_BASE_MS * 2 ** over);
    service.throttledUntilMs = this.sim.now + waitMs;
    // ecs-facts S-042: said once, when the throttle starts.
    if (over === 0) this.event(service, serviceMessages.throttled(service.serviceName));
    this.sim.trace.emit('ecs', 'serviceThrottled', { service: service.serviceName, failures: service.consecutiveStartFailures, waitMs });
  }

  /** The service's circuit breaker, when it is enabled (ecs-facts S-082). */
  private breakerOf(service: Service): DeploymentCircuitBreaker | undefined {
    const breaker = service.spec.deploymentCircuitBreaker;
    return breaker?.enable === true ? breaker : undefined;
  }

  /**
   * Fails the PRIMARY deployment once its failure count reaches the threshold (ecs-facts
   * S-085: "FAILED when the count equals the threshold"), and rolls back if asked. Whether
   * it failed.
   */
  private checkBreaker(service: Service, deployment: Deployment): boolean {
    const breaker = this.breakerOf(service);
    if (breaker === undefined || deployment !== service.primary || deployment.rolloutState !== 'IN_PROGRESS') return false;
    const threshold = circuitBreakerThreshold(breaker, service.desiredCount);
    if (deployment.failedTasks < threshold) return false;
    // ecs-facts S-076, S-077, S-063.
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = serviceMessages.rolloutFailed();
    deployment.updatedAt = this.sim.now;
    this.event(service, serviceMessages.deploymentFailed(service.serviceName, deployment.id));
    this.sim.trace.emit('ecs', 'deploymentFailed', { service: service.serviceName, deployment: deployment.id, failedTasks: deployment.failedTasks, threshold });
    this.observers.deploymentChanged(service, deployment, 'failed', { reason: deployment.rolloutStateReason });
    this.afterFailure(service, deployment, breaker.rollback, 'breaker');
    this.poke(service);
    return true;
  }

  // ---- Deployment alarms (ecs-facts S-088, S-089; deployment-alarms.ts) -------------------

  /** Connects CloudWatch: listed alarms entering ALARM fail the deployments that watch them. */
  connectAlarms(link: DeploymentAlarmsLink): void {
    this.alarmsLink = link;
    link.onStateChange((name, state) => this.alarmChanged(name, state));
  }

  /** The service's deployment alarms, when enabled (ecs-facts S-088). */
  private alarmsOf(service: Service): DeploymentAlarms | undefined {
    // A CodeDeploy deployment watches its deployment group's alarms (ecs-facts S-094), ECS's deploymentConfiguration none.
    const alarms = service.spec.deploymentController?.type === 'CODE_DEPLOY' ? this.blueGreen.codeDeployAlarmsOf(service) : service.spec.alarms;
    return alarms?.enable === true && alarms.alarmNames.length > 0 ? alarms : undefined;
  }

  /** ecs-facts S-089: an alarm already in ALARM when the deployment starts makes ECS ignore alarms for it. */
  private startAlarmWatch(service: Service, deployment: Deployment): void {
    const alarms = this.alarmsOf(service);
    if (alarms === undefined) return;
    const inAlarm = alarms.alarmNames.filter((n) => this.alarmsLink?.stateOf(n) === 'ALARM');
    this.alarmWatches.set(deployment.id, { ignored: inAlarm.length > 0, watching: false });
    if (inAlarm.length > 0) this.sim.trace.emit('ecs', 'deploymentAlarmsIgnored', { service: service.serviceName, deployment: deployment.id, alarms: inAlarm.join(',') });
    // Already running tasks of this deployment (a rollback to a running revision) start the watch at once.
    if (this.reachedRunning.has(deployment.id)) this.watchAlarms(service, deployment.id);
  }

  /** ecs-facts S-089: watching starts once any task of the deployment is RUNNING; an alarm in ALARM then fails it. */
  private watchAlarms(service: Service, deploymentId: string): void {
    const watch = this.alarmWatches.get(deploymentId);
    if (watch === undefined || watch.ignored || watch.watching) return;
    watch.watching = true;
    this.sim.trace.emit('ecs', 'deploymentAlarmsWatched', { service: service.serviceName, deployment: deploymentId });
    const alarms = this.alarmsOf(service);
    const firing = alarms?.alarmNames.filter((n) => this.alarmsLink?.stateOf(n) === 'ALARM') ?? [];
    const deployment = service.primary;
    if (firing.length > 0 && deployment?.id === deploymentId) this.failByAlarm(service, deployment, firing);
  }

  private alarmChanged(name: string, state: DeploymentAlarmState): void {
    if (state !== 'ALARM') return;
    for (const service of this.services.values()) {
      const alarms = this.alarmsOf(service);
      const deployment = service.primary;
      if (alarms === undefined || deployment === undefined || !alarms.alarmNames.includes(name)) continue;
      const watch = this.alarmWatches.get(deployment.id);
      if (watch === undefined || watch.ignored || !watch.watching) continue;
      this.failByAlarm(service, deployment, [name]);
    }
  }

  /** ecs-facts S-088: a listed alarm in ALARM fails the watched deployment; rollback follows the alarms' own flag. */
  private failByAlarm(service: Service, deployment: Deployment, alarmNames: readonly string[]): void {
    const alarms = this.alarmsOf(service);
    if (alarms === undefined || deployment.rolloutState !== 'IN_PROGRESS') return;
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = alarmMessages.rolloutFailed(alarmNames);
    deployment.updatedAt = this.sim.now;
    // CodeDeploy stops the deployment (ecs-facts S-094, DEPLOYMENT_STOP_ON_ALARM); ECS writes no deployment event for a task set.
    if (!this.blueGreen.alarmStopped(service, alarmNames)) this.event(service, alarmMessages.deploymentFailed(service.serviceName, deployment.id));
    this.sim.trace.emit('ecs', 'deploymentFailed', { service: service.serviceName, deployment: deployment.id, alarms: alarmNames.join(',') });
    this.observers.deploymentChanged(service, deployment, 'failed', { reason: deployment.rolloutStateReason });
    this.afterFailure(service, deployment, alarms.rollback, 'alarms');
    this.poke(service);
  }

  /**
   * ecs-facts S-089: a deployment whose alarms are watched stays IN_PROGRESS for the bake
   * time after it would otherwise complete. Whether the bake is over (true when no watch).
   */
  private alarmBakeDone(service: Service, deployment: Deployment): boolean {
    const watch = this.alarmWatches.get(deployment.id);
    const alarms = this.alarmsOf(service);
    if (watch === undefined || watch.ignored || alarms === undefined) return true;
    if (watch.bakeUntilMs === undefined) {
      const bakeMs = alarmBakeTimeMs(alarms.alarmNames, this.alarmsLink);
      watch.bakeUntilMs = this.sim.now + bakeMs;
      this.sim.trace.emit('ecs', 'deploymentAlarmBake', { service: service.serviceName, deployment: deployment.id, bakeMs });
      // The alarms' bake time is the deployment's BAKE_TIME stage (ecs-facts S-089, S-104), for observers.
      this.observers.deploymentLifecycle(service, deployment, 'BAKE_TIME');
    }
    if (this.sim.now >= watch.bakeUntilMs) return true;
    this.poke(service, watch.bakeUntilMs - this.sim.now);
    return false;
  }

  /** After the breaker or an alarm failed `deployment`: roll back (or halt) as its method's flag says (S-088). */
  private afterFailure(service: Service, deployment: Deployment, rollback: boolean, by: 'breaker' | 'alarms'): void {
    // The green side of a blue/green run rolls back (or halts) in the engine.
    if (this.blueGreen.afterFailure(service, deployment, rollback, by)) return;
    if (rollback) this.rollBack(service, deployment, by);
  }

  /**
   * ecs-facts S-086, S-087: a *new* PRIMARY deployment to the last COMPLETED deployment's
   * task definition; the failed one becomes ACTIVE and is replaced like any old deployment.
   * With no COMPLETED deployment there is nothing to roll back to: the FAILED one stays.
   */
  private rollBack(service: Service, failed: Deployment, by: 'breaker' | 'alarms'): void {
    const target = [...service.deployments].reverse().find((d) => d !== failed && d.rolloutState === 'COMPLETED');
    const registered = target === undefined ? undefined : this.host.resolve(target.taskDefinition);
    if (target === undefined || registered === undefined) return;
    failed.status = 'ACTIVE';
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    const deployment = this.newDeployment(registered.definition, service.desiredCount, true);
    // ecs-facts S-077, S-117: the rollback deployment's reason names the deployment it returns to.
    deployment.rolloutStateReason = by === 'alarms' ? alarmMessages.rolloutRollingBack(target.id) : serviceMessages.rolloutRollingBack(target.id);
    service.deployments.push(deployment);
    service.spec = { ...service.spec, taskDefinition: registered.definition };
    // ecs-facts S-041: a new task definition resets the throttle (assumption: a rollback counts as one).
    service.consecutiveStartFailures = 0;
    service.throttledUntilMs = 0;
    service.blockedNoticed = false;
    this.event(service, serviceMessages.rollingBack(service.serviceName, target.id));
    this.sim.trace.emit('ecs', 'deploymentStarted', { service: service.serviceName, deployment: deployment.id, taskDefinition: registered.definition.taskDefinitionArn, rollbackTo: target.id });
    this.observers.deploymentChanged(service, deployment, 'started', { rollbackTo: target.id });
    this.startAlarmWatch(service, deployment);
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
    const drainingArns = this.drainingInstanceArns();
    const onDraining = (t: TaskRecord): boolean => t.containerInstanceArn !== undefined && drainingArns.has(t.containerInstanceArn);
    // ecs-facts L-045: a task that fails its load balancer's health checks (after the grace
    // period) is replaced like one on a draining instance: start-first within maximumPercent.
    // So is one whose container health checks fail (T-017, L-044: the same grace period).
    const unhealthy = (t: TaskRecord): boolean => this.unhealthyTarget(t, service) !== undefined || this.failedContainerChecks(t, service);
    // ecs-facts S-067: tasks of older deployments are replaced within the same bounds.
    const primaryId = service.primary?.id;
    // ecs-facts S-076: a FAILED deployment (not rolled back) launches no new tasks, so the older tasks stay.
    const failed = service.primary?.rolloutState === 'FAILED';
    const outdated = (t: TaskRecord): boolean => !failed && t.startedBy !== primaryId;
    const toReplace = (t: TaskRecord): boolean => onDraining(t) || unhealthy(t) || outdated(t);
    for (const t of wanted) this.announceUnhealthy(service, t);
    // AZ rebalancing runs tasks beyond the desired count until each is paired with a stop.
    const keep = desired + this.rebalancingExtra(service, wanted, desired, wanted.some(onDraining));

    if (daemon) {
      // ecs-facts S-034, S-036: tasks on instances that no longer qualify are stopped (all of them when deleted).
      const keep = new Set(eligible.map((i) => i.containerInstanceArn));
      const off = wanted.filter((t) => service.status === 'DRAINING' || t.containerInstanceArn === undefined || !keep.has(t.containerInstanceArn));
      this.stop(service, off);
    }
    // ecs-facts T-079, S-051: tasks on a DRAINING instance are replaced. PENDING ones stop
    // at once; RUNNING ones within the deployment's bounds: replacements start while the
    // total stays within maximumPercent, old tasks stop while healthy ones stay at or
    // above minimumHealthyPercent (ceiling rounded down, floor rounded up).
    const draining = daemon ? wanted.filter((t) => unhealthy(t) || outdated(t)) : wanted.filter(toReplace);
    this.stop(service, draining.filter((t) => t.lastStatus !== 'RUNNING'));
    const drainingRunning = draining.filter((t) => t.lastStatus === 'RUNNING');
    const rest = daemon ? wanted.filter((t) => !unhealthy(t) && !outdated(t)) : wanted.filter((t) => !toReplace(t));
    const maxTotal = Math.floor((desired * service.spec.maximumPercent) / 100);
    const minHealthy = Math.ceil((desired * service.spec.minimumHealthyPercent) / 100);
    let started: string[] = [];
    if (rest.length < keep) {
      const room = drainingRunning.length === 0 ? keep - rest.length : Math.max(0, maxTotal - rest.length - drainingRunning.length);
      const missing = Math.min(keep - rest.length, room);
      if (failed) {
        // Nothing is launched for a FAILED deployment (S-076).
      } else if (now < service.throttledUntilMs) {
        this.poke(service, service.throttledUntilMs - now);
      } else if (missing > 0) {
        started = daemon ? this.launchDaemons(service, eligible, wanted) : this.launchReplicas(service, missing);
      }
    } else if (!daemon && rest.length > keep) {
      // One at a time, recounting after each, so the spread stays even (S-010, S-011).
      const remaining = [...rest];
      const chosen: TaskRecord[] = [];
      while (remaining.length > keep) {
        const next = this.scaleInOrder(service, remaining)[0] as TaskRecord;
        chosen.push(next);
        remaining.splice(remaining.indexOf(next), 1);
      }
      this.stop(service, chosen);
    }
    if (drainingRunning.length > 0) {
      const healthy = [...rest, ...drainingRunning].filter((t) => this.healthy(t, service)).length;
      // Stopping a task that is not healthy costs no healthy task: those go first, and
      // freely; healthy ones only while the rest stay at or above the minimum.
      const byHealth = [...drainingRunning.filter((t) => !this.healthy(t, service)), ...drainingRunning.filter((t) => this.healthy(t, service))];
      const unhealthyCount = byHealth.length - drainingRunning.filter((t) => this.healthy(t, service)).length;
      // ecs-facts L-045: replacements first; an unhealthy task stops once a healthy one
      // stands in for it, or at once when no replacement can start (maximumPercent).
      const replacementsBlocked = rest.length < keep && Math.max(0, maxTotal - rest.length - drainingRunning.length) === 0;
      const unhealthyStoppable = replacementsBlocked ? unhealthyCount : Math.min(unhealthyCount, Math.max(0, healthy - (desired - unhealthyCount)));
      const canStop = Math.min(drainingRunning.length, unhealthyStoppable === unhealthyCount ? unhealthyCount + Math.max(0, healthy - minHealthy) : unhealthyStoppable);
      this.stop(service, byHealth.slice(0, canStop));
      if (canStop < drainingRunning.length) this.poke(service, HEALTHY_WITHOUT_CHECKS_MS);
      // Neither a start nor a stop is allowed: ECS says so (ecs-facts S-065), once.
      // Blocked: replacements are missing, none may start, and no old task may stop.
      const blocked = canStop === 0 && rest.length < desired && rest.length + drainingRunning.length >= maxTotal;
      if (blocked && !service.blockedNoticed) this.event(service, serviceMessages.blockedByDeploymentConfiguration(service.serviceName));
      service.blockedNoticed = blocked;
    }
    if (started.length > 0) this.event(service, serviceMessages.started(service.serviceName, started.map(taskId)));
    this.updateCounts(service);
    const after = [...service.liveTasks].map((arn) => this.host.tasks.get(arn)).filter((t): t is TaskRecord => t !== undefined && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED');
    // An AZ rebalancing operation under way is not a steady state, even between its moves.
    const behindLoadBalancer = (service.spec.loadBalancers ?? []).length > 0;
    const steady = after.length === desired && after.every((t) => t.lastStatus === 'RUNNING' && !outdated(t) && (!behindLoadBalancer || this.healthy(t, service))) && live.every((t) => t.desiredStatus === 'RUNNING') && !this.rebalancing.has(service.serviceName) && !failed;
    // ecs-facts S-039: INACTIVE once every task is STOPPING or STOPPED.
    const stillRunning = [...service.liveTasks].map((arn) => this.host.tasks.get(arn)).filter((t) => t !== undefined && !isStopping(t.lastStatus));
    if (service.status === 'DRAINING' && stillRunning.length === 0 && after.length === 0) {
      service.status = 'INACTIVE';
      this.sim.trace.emit('ecs', 'serviceInactive', { service: service.serviceName });
      return;
    }
    this.settleDeployments(service, steady);
    if (steady && (!service.steady || now - service.lastSteadyEventMs >= STEADY_STATE_REPEAT_MS)) {
      this.event(service, serviceMessages.steadyState(service.serviceName));
      service.lastSteadyEventMs = now;
      this.lastPlacementFailure.delete(service.serviceName);
      this.poke(service, STEADY_STATE_REPEAT_MS);
    }
    service.steady = steady;
    if (!daemon && service.status === 'ACTIVE') this.rebalance(service, steady);
  }

  /**
   * An older deployment with no task left becomes INACTIVE (ecs-facts S-075); once none is
   * left and the service is steady, the PRIMARY is COMPLETED (S-076, S-077), and one that
   * UpdateService started says so before the steady-state event (S-063, S-066).
   */
  private settleDeployments(service: Service, steady: boolean): void {
    const owners = new Set<string | undefined>();
    for (const arn of service.liveTasks) {
      const t = this.host.tasks.get(arn);
      if (t !== undefined && t.lastStatus !== 'STOPPED') owners.add(t.startedBy);
    }
    for (const d of service.deployments) {
      if (d.status !== 'ACTIVE' || owners.has(d.id)) continue;
      d.status = 'INACTIVE';
      d.updatedAt = this.sim.now;
      this.sim.trace.emit('ecs', 'deploymentInactive', { service: service.serviceName, deployment: d.id });
      this.observers.deploymentChanged(service, d, 'inactive');
    }
    const primary = service.primary;
    if (primary === undefined || primary.rolloutState !== 'IN_PROGRESS' || !steady || service.deployments.some((d) => d.status === 'ACTIVE')) return;
    if (!this.alarmBakeDone(service, primary)) return;
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = serviceMessages.rolloutCompleted(primary.id);
    primary.updatedAt = this.sim.now;
    if (primary.fromUpdate) this.event(service, serviceMessages.deploymentCompleted(service.serviceName, primary.id));
    this.observers.deploymentChanged(service, primary, 'completed');
  }

  // ---- Blue/green, linear, canary and CodeDeploy (blue-green-engine.ts) --------------------

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

  // ---- AZ rebalancing (ecs-facts S-025 to S-028; the rules in az-rebalancing.ts) ----------

  /**
   * Whether the scheduler rebalances this service: ENABLED and compatible. Fargate
   * services are compatible in ECS, but the model cannot yet ask Fargate for a task in a
   * given AZ (the control plane chooses), so they are left out.
   */
  private rebalances(service: Service): boolean {
    const spec = service.spec;
    return spec.availabilityZoneRebalancing === 'ENABLED' && spec.launchType === 'EC2' && rebalancingUnsupportedBecause(spec, spec.taskDefinition.placementConstraints) === undefined;
  }

  /**
   * The AZs that can take the service's tasks: those with an ACTIVE, connected instance of
   * its launch type that meets its constraints. ECS rebalances over existing instances
   * only (DG service-rebalancing.html); an AZ whose instances are all full still counts,
   * and placement there fails with the rebalancing event.
   */
  private rebalancingZones(service: Service, unconstrained?: Map<string, string[]>): string[] {
    // Without constraints the answer depends on the launch type only: asked once per change.
    const free = service.spec.placementConstraints.length === 0 && service.spec.taskDefinition.placementConstraints.length === 0;
    const known = free ? unconstrained?.get(service.spec.launchType) : undefined;
    if (known !== undefined) return known;
    const zones = new Set<string>();
    for (const i of this.host.instances) {
      if (zones.has(i.availabilityZone) || i.status !== 'ACTIVE' || !i.agentConnected || i.launchType !== service.spec.launchType) continue;
      if (free || this.host.meetsConstraints(i, service)) zones.add(i.availabilityZone);
    }
    const sorted = [...zones].sort(azOrder);
    if (free) unconstrained?.set(service.spec.launchType, sorted);
    return sorted;
  }

  /** The service's tasks meant to run, not on a DRAINING instance, per AZ in `zones` (tasks elsewhere are not counted). */
  private azCounts(service: Service, zones: readonly string[]): { counts: Map<string, number>; tasks: TaskRecord[] } {
    const counts = new Map<string, number>(zones.map((az) => [az, 0]));
    const draining = this.drainingInstanceArns();
    const tasks = this.wantedTasks(service).filter((t) => t.containerInstanceArn === undefined || !draining.has(t.containerInstanceArn));
    for (const t of tasks) {
      const n = counts.get(t.availabilityZone);
      if (n !== undefined) counts.set(t.availabilityZone, n + 1);
    }
    return { counts, tasks };
  }

  /** A steady, watched service whose AZs are not balanced, with no operation under way. */
  private rebalancingDue(service: Service, unconstrained: Map<string, string[]>): boolean {
    if (!service.steady || service.status !== 'ACTIVE' || this.rebalancing.has(service.serviceName) || !this.rebalances(service)) return false;
    return !isAzBalanced([...this.azCounts(service, this.rebalancingZones(service, unconstrained)).counts]);
  }

  /**
   * How many tasks beyond the desired count an operation in progress keeps (its unpaired
   * replacements). The operation stops, as ECS says (SERVICE_REBALANCING_STOPPED), when
   * something else needs the scheduler: the service is deleted, its desired count moved,
   * a task was lost, or an instance drains. Its replacements then count as ordinary tasks,
   * and the usual scale-in (S-010) stops the extra ones from the most crowded AZ.
   */
  private rebalancingExtra(service: Service, wanted: readonly TaskRecord[], desired: number, draining: boolean): number {
    const op = this.rebalancing.get(service.serviceName);
    if (op === undefined) return 0;
    const alive = new Set(wanted.map((t) => t.taskArn));
    for (const arn of [...op.replacements]) if (!alive.has(arn)) op.replacements.delete(arn);
    const originals = wanted.length - op.replacements.size;
    if (service.status === 'ACTIVE' && originals === desired && !draining) return op.replacements.size;
    this.rebalancing.delete(service.serviceName);
    this.event(service, rebalancingMessages.stopped(service.serviceName));
    this.sim.trace.emit('ecs', 'azRebalancingStopped', { service: service.serviceName });
    return 0;
  }

  /**
   * One step of AZ rebalancing (DG service-rebalancing.html): once the service is steady
   * and its AZs are unbalanced, say so; start tasks in the AZs with the fewest; when a
   * new task is RUNNING and healthy (S-045), stop one in the AZ with the most; say when
   * the AZs are balanced. Starts stay within maximumPercent, counting every task not yet
   * STOPPED (S-067's RUNNING + PENDING, and the STOPPING that DG23 adds), and a stop only
   * follows a healthy new task, so healthy tasks never drop below the desired count and
   * minimumHealthyPercent holds whatever its value. A step starts as many tasks as
   * maximumPercent allows, up to AZ_REBALANCING_MAX_STARTS_PER_STEP (an assumption).
   */
  private rebalance(service: Service, steady: boolean): void {
    const name = service.serviceName;
    // S-027: watched from the steady state on.
    if ((!steady && !this.rebalancing.has(name)) || !this.rebalances(service)) return;
    const zones = this.rebalancingZones(service);
    const { counts, tasks } = this.azCounts(service, zones);
    const listed = (): AzCounts => zones.map((az) => [az, counts.get(az) ?? 0] as const);
    const maxTotal = Math.floor((service.desiredCount * service.spec.maximumPercent) / 100);
    let op = this.rebalancing.get(name);
    if (op === undefined) {
      // Nothing to do without room to start a task before stopping one.
      if (isAzBalanced(listed()) || maxTotal <= service.desiredCount) return;
      op = { replacements: new Set() };
      this.rebalancing.set(name, op);
      this.event(service, rebalancingMessages.started(name, listed()));
      this.sim.trace.emit('ecs', 'azRebalancingStarted', { service: name, counts: Object.fromEntries(listed()) });
    }

    // Pair each healthy new task with a stop in the most crowded AZ (the wait rule).
    const ready = tasks.filter((t) => op.replacements.has(t.taskArn) && this.healthy(t, service));
    const stopped = new Map<string, string[]>();
    const reason = rebalancingMessages.stopReason(service.primary?.id ?? 'ecs-svc/0');
    let candidates = tasks.filter((t) => !op.replacements.has(t.taskArn) && t.lastStatus === 'RUNNING' && counts.has(t.availabilityZone));
    for (const replacement of ready) {
      op.replacements.delete(replacement.taskArn);
      const victim = this.mostCrowded(candidates, counts);
      if (victim === undefined) continue;
      candidates = candidates.filter((t) => t !== victim);
      if (!this.host.stopTask(victim.taskArn, reason, AZ_REBALANCING_STOP_CODE)) continue;
      counts.set(victim.availabilityZone, (counts.get(victim.availabilityZone) ?? 1) - 1);
      stopped.set(victim.availabilityZone, [...(stopped.get(victim.availabilityZone) ?? []), taskId(victim.taskArn)]);
    }
    for (const az of [...stopped.keys()].sort(azOrder)) this.event(service, rebalancingMessages.tasksStopped(name, az, stopped.get(az) ?? []));

    // Start in the emptiest AZ while the AZs would stay unbalanced once every unpaired new task has its stop.
    const started = new Map<string, string[]>();
    let live = [...service.liveTasks].filter((arn) => (this.host.tasks.get(arn)?.lastStatus ?? 'STOPPED') !== 'STOPPED').length;
    const originals = new Map(zones.map((az) => [az, candidates.filter((t) => t.availabilityZone === az).length]));
    if (this.sim.now < service.throttledUntilMs) {
      this.poke(service, service.throttledUntilMs - this.sim.now);
    } else {
      for (let n = 0; n < AZ_REBALANCING_MAX_STARTS_PER_STEP && live < maxTotal; n += 1) {
        const projected = projectStops(counts, originals, op.replacements.size);
        if (isAzBalanced(projected)) break;
        const emptiest = projected.reduce((a, b) => (b[1] < a[1] ? b : a));
        const az = emptiest[0];
        if (this.take(service, 1) === 0) {
          this.poke(service, 1_000);
          break;
        }
        const inAz = this.host.instances.filter((i) => i.availabilityZone === az && i.status === 'ACTIVE' && i.launchType === service.spec.launchType);
        // A restricted list goes around the placement index: only rebalancing launches pass one.
        const arn = this.launchOne(service, inAz, rebalancingMessages.unableToPlace(name, az));
        if (arn === undefined) break;
        op.replacements.add(arn);
        counts.set(az, (counts.get(az) ?? 0) + 1);
        live += 1;
        started.set(az, [...(started.get(az) ?? []), taskId(arn)]);
      }
    }
    for (const az of [...started.keys()].sort(azOrder)) this.event(service, rebalancingMessages.tasksStarted(name, az, started.get(az) ?? []));
    if (started.size > 0 || stopped.size > 0) this.updateCounts(service);

    if (op.replacements.size === 0 && isAzBalanced(listed())) {
      this.rebalancing.delete(name);
      this.event(service, rebalancingMessages.completed(name, listed()));
      this.sim.trace.emit('ecs', 'azRebalancingCompleted', { service: name, counts: Object.fromEntries(listed()) });
    }
  }

  /**
   * The task to stop for rebalancing: in the AZ with the most tasks, then on the instance
   * with the most (S-010), then the oldest; no random draw.
   */
  private mostCrowded(candidates: readonly TaskRecord[], counts: ReadonlyMap<string, number>): TaskRecord | undefined {
    const perInstance = new Map<string, number>();
    for (const t of candidates) perInstance.set(t.containerInstanceArn ?? '', (perInstance.get(t.containerInstanceArn ?? '') ?? 0) + 1);
    let best: TaskRecord | undefined;
    let bestKey: readonly [number, number] = [-1, -1];
    for (const t of candidates) {
      const key = [counts.get(t.availabilityZone) ?? 0, perInstance.get(t.containerInstanceArn ?? '') ?? 0] as const;
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
        best = t;
        bestKey = key;
      }
    }
    return best;
  }

  private wantedTasks(service: Service): TaskRecord[] {
    return [...service.liveTasks].map((arn) => this.host.tasks.get(arn)).filter((t): t is TaskRecord => t !== undefined && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED');
  }

  private launchReplicas(service: Service, missing: number, deployment?: Deployment): string[] {
    const started: string[] = [];
    const n = Math.min(missing, this.take(service, missing));
    for (let i = 0; i < n; i += 1) {
      const arn = this.launchOne(service, undefined, undefined, deployment);
      if (arn === undefined) break;
      started.push(arn);
    }
    if (n < missing) this.poke(service, 1_000);
    return started;
  }

  private launchDaemons(service: Service, eligible: readonly ContainerInstance[], wanted: readonly TaskRecord[]): string[] {
    const covered = new Set(wanted.map((t) => t.containerInstanceArn));
    const started: string[] = [];
    for (const instance of eligible) {
      if (covered.has(instance.containerInstanceArn)) continue;
      const arn = this.launchOne(service, [instance]);
      if (arn !== undefined) started.push(arn);
    }
    return started;
  }

  /** Launches one task; on failure writes ECS's placement event (once per cause) and retries later. */
  private launchOne(service: Service, instances: readonly ContainerInstance[] | undefined, failureMessage?: string, deployment?: Deployment): string | undefined {
    // New tasks run the PRIMARY deployment's task definition (a blue/green deployment also replaces blue's, for blue).
    const primary = deployment ?? service.primary;
    const registered = primary === undefined ? undefined : this.host.resolve(primary.taskDefinition);
    if (registered === undefined || primary === undefined) return undefined;
    const launched = this.host.launch(registered, {
      launchType: service.spec.launchType,
      ...(service.spec.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: service.spec.capacityProviderStrategy }),
      group: service.group,
      label: service.serviceName,
      startedBy: primary.id,
      constraints: service.spec.placementConstraints,
      strategy: service.spec.placementStrategy.length > 0 ? service.spec.placementStrategy : service.spec.launchType === 'FARGATE' ? [] : SERVICE_DEFAULT_STRATEGY,
      ...(instances === undefined ? {} : { instances }),
    });
    if ('taskArn' in launched) {
      service.liveTasks.add(launched.taskArn);
      return launched.taskArn;
    }
    const message = failureMessage ?? this.host.unableToPlace(service, launched.decision, launched.failures);
    // The same cause is said once until placement succeeds or the service is steady (ecs-facts S-059).
    if (this.lastPlacementFailure.get(service.serviceName) !== message) {
      this.lastPlacementFailure.set(service.serviceName, message);
      this.event(service, message);
    }
    this.poke(service, PLACEMENT_RETRY_MS);
    return undefined;
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
      const failed = this.unhealthyTarget(t, service);
      const containerFailed = failed === undefined && this.failedContainerChecks(t, service);
      // ecs-facts T-016 for a failed ELB health check; T-017 for failed container health checks
      // (stopCode ServiceSchedulerInitiated, believed); else T-015, "Scaling activity initiated by (deployment ...)".
      const reason = failed !== undefined ? `Task failed ELB health checks in (target-group ${failed.targetGroupArn})` : containerFailed ? serviceMessages.containerHealthStopReason() : scaling;
      const stopped = this.host.stopTask(t.taskArn, reason, 'ServiceSchedulerInitiated');
      if (stopped && wasRunning) stoppedRunning.push(taskId(t.taskArn));
      if (stopped && (failed !== undefined || containerFailed)) this.healthCheckFailed(service, t);
    }
    if (stoppedRunning.length > 0) this.event(service, serviceMessages.stopped(service.serviceName, stoppedRunning));
  }

  /**
   * Stage 2 of the breaker (ecs-facts S-085, S-078): a task of the deployment stopped for
   * failing its health checks (or exiting before it was healthy) adds 1. Without the
   * breaker nothing changes.
   */
  private healthCheckFailed(service: Service, t: TaskRecord): void {
    if (this.breakerOf(service) === undefined) return;
    const deployment = service.deployments.find((d) => d.id === t.startedBy);
    if (deployment === undefined) return;
    deployment.failedTasks += 1;
    this.checkBreaker(service, deployment);
  }

  /**
   * The task's first target ELB reports unhealthy, once the grace period has passed
   * (ecs-facts L-044: ignored for healthCheckGracePeriodSeconds after RUNNING).
   */
  private unhealthyTarget(t: TaskRecord, service: Service): TaskTarget | undefined {
    if ((service.spec.loadBalancers ?? []).length === 0 || t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING' || t.startedAt === undefined) return undefined;
    if (this.sim.now < t.startedAt + service.spec.healthCheckGracePeriodMs) return undefined;
    return this.host.targetsOf(t.taskArn).find((target) => target.state === 'unhealthy');
  }

  /** Whether an essential container of the task's definition has a health check (ecs-facts T-042). */
  private containerChecked(t: TaskRecord, service: Service): boolean {
    const definition = this.host.resolve(t.taskDefinitionArn)?.definition ?? service.spec.taskDefinition;
    return definition.containerDefinitions.some((c) => c.essential && c.healthCheck !== undefined);
  }

  /**
   * The task's container health checks say UNHEALTHY (ecs-facts T-042: from its essential
   * containers), once the grace period has passed (L-044 covers container checks too).
   */
  private failedContainerChecks(t: TaskRecord, service: Service): boolean {
    if (t.healthStatus !== 'UNHEALTHY' || t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING' || t.startedAt === undefined) return false;
    return this.sim.now >= t.startedAt + service.spec.healthCheckGracePeriodMs;
  }

  /** ECS's events for an unhealthy target (ecs-facts L-048) and failed container checks (T-017), once per task each. */
  private announceUnhealthy(service: Service, t: TaskRecord): void {
    if (this.failedContainerChecks(t, service) && !this.announcedContainer.has(t.taskArn)) {
      this.announcedContainer.add(t.taskArn);
      this.event(service, serviceMessages.failedContainerHealthChecks(service.serviceName, taskId(t.taskArn)));
    }
    const failed = this.unhealthyTarget(t, service);
    if (failed === undefined || this.announced.has(t.taskArn)) return;
    this.announced.add(t.taskArn);
    this.event(service, serviceMessages.unhealthyTarget(service.serviceName, taskId(t.taskArn), failed.containerPort, failed.targetGroupArn, failed.description ?? 'Health checks failed'));
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
    return record.group.startsWith('service:') ? this.services.get(record.group.slice('service:'.length)) : undefined;
  }

  /** The DRAINING instances, by ARN: one pass over the instances, not one per task. */
  private drainingInstanceArns(): Set<string> {
    const arns = new Set<string>();
    for (const i of this.host.instances) if (i.status === 'DRAINING') arns.add(i.containerInstanceArn);
    return arns;
  }

  /**
   * Healthy for the deployment bounds (ecs-facts S-045): with a container health check,
   * when the task is HEALTHY; without one, 40 s after it reached RUNNING.
   */
  private healthy(t: TaskRecord, service: Service): boolean {
    if (t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING') return false;
    const checked = this.containerChecked(t, service);
    // ecs-facts L-046: behind a load balancer, healthy once every target group says so (and the container check, if any).
    if ((service.spec.loadBalancers ?? []).length > 0) {
      const targets = this.host.targetsOf(t.taskArn);
      return targets.length > 0 && targets.every((target) => target.state === 'healthy') && (!checked || t.healthStatus === 'HEALTHY');
    }
    if (checked) return t.healthStatus === 'HEALTHY';
    return t.startedAt !== undefined && this.sim.now - t.startedAt >= HEALTHY_WITHOUT_CHECKS_MS;
  }

  /** ecs-facts S-034: the ACTIVE instances that meet the service's placement constraints. */
  private daemonInstances(service: Service): ContainerInstance[] {
    return this.host.instances.filter((i) => i.status === 'ACTIVE' && i.launchType === service.spec.launchType && this.host.meetsConstraints(i, service));
  }

  /** ecs-facts T-094: launches per minute per service, as a token bucket. */
  private take(service: Service, wanted: number): number {
    const rate = LAUNCHES_PER_MINUTE[service.spec.launchType];
    const bucket = this.buckets.get(service.serviceName) ?? { tokens: rate, atMs: this.sim.now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((this.sim.now - bucket.atMs) / 60_000) * rate);
    bucket.atMs = this.sim.now;
    const n = Math.min(wanted, Math.floor(bucket.tokens));
    bucket.tokens -= n;
    this.buckets.set(service.serviceName, bucket);
    return n;
  }

  /** Counts per deployment, each from its own tasks (ecs-facts S-075), and the service's probes. */
  private updateCounts(service: Service): void {
    const { runningCount } = this.counts(service);
    const primary = service.primary;
    for (const d of service.deployments) {
      if (d.status === 'INACTIVE') continue;
      const own = this.counts(service, d.id);
      const desiredCount =
        d !== primary ? own.wanted : service.status === 'DRAINING' ? 0 : service.spec.schedulingStrategy === 'DAEMON' ? this.daemonInstances(service).length : service.desiredCount;
      // updatedAt moves when the deployment changes, not at every look the scheduler takes.
      if (desiredCount === d.desiredCount && own.runningCount === d.runningCount && own.pendingCount === d.pendingCount) continue;
      d.desiredCount = desiredCount;
      d.runningCount = own.runningCount;
      d.pendingCount = own.pendingCount;
      d.updatedAt = this.sim.now;
    }
    this.resetOnHealthy(service);
    this.sim.probe(`ecs.services.${service.serviceName}.runningCount`).set(runningCount);
    // Healthy in S-045's sense, as of the last reconciliation (so never ahead of the truth).
    let healthy = 0;
    for (const arn of service.liveTasks) {
      const t = this.host.tasks.get(arn);
      if (t === undefined || !this.healthy(t, service)) continue;
      healthy += 1;
      if (this.observers.any && !this.seenHealthyByObservers.has(arn)) {
        this.seenHealthyByObservers.add(arn);
        this.observers.taskHealthy(service, t);
      }
    }
    this.sim.probe(`ecs.services.${service.serviceName}.healthyCount`).set(healthy);
    // How far healthy tasks are below the desired count while an UpdateService deployment is in progress (0 otherwise), for `throughout` floors.
    const deploying = primary?.fromUpdate === true && primary.rolloutState === 'IN_PROGRESS';
    this.sim.probe(`ecs.services.${service.serviceName}.deploymentHealthyShortfall`).set(deploying ? Math.max(0, service.desiredCount - healthy) : 0);
  }

  /**
   * ecs-facts S-082: with resetOnHealthyTask (default true), a task of the PRIMARY deployment
   * reaching healthy (S-045) resets its failure count to 0.
   */
  private resetOnHealthy(service: Service): void {
    const breaker = this.breakerOf(service);
    const primary = service.primary;
    if (breaker === undefined || primary === undefined || primary.rolloutState !== 'IN_PROGRESS') return;
    for (const arn of service.liveTasks) {
      const t = this.host.tasks.get(arn);
      if (t === undefined || t.startedBy !== primary.id || this.seenHealthy.has(arn) || !this.healthy(t, service)) continue;
      this.seenHealthy.add(arn);
      if (breaker.resetOnHealthyTask !== false) primary.failedTasks = 0;
    }
  }

  /**
   * Counts as ECS reports them (ecs-facts S-038): tasks whose lastStatus is RUNNING, and
   * those still on their way to it. One definition for describe-services, the
   * deployment and the probe.
   */
  counts(service: Service, deploymentId?: string): { runningCount: number; pendingCount: number; wanted: number } {
    let runningCount = 0;
    let pendingCount = 0;
    let wanted = 0;
    for (const arn of service.liveTasks) {
      const t = this.host.tasks.get(arn);
      if (t === undefined || (deploymentId !== undefined && t.startedBy !== deploymentId)) continue;
      if (t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED') wanted += 1;
      if (t.lastStatus === 'RUNNING') runningCount += 1;
      else if (t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING') pendingCount += 1;
    }
    return { runningCount, pendingCount, wanted };
  }

  private event(service: Service, message: string): void {
    const event = { id: this.uuid(), createdAt: this.sim.now, message };
    service.events.push(event);
    this.sim.trace.emit('ecs', 'serviceEvent', { service: service.serviceName, message });
    this.observers.serviceEvent(service, event);
  }

  /** `ecs-svc/` and 19 digits (ecs-facts S-025, S-126). */
  private deploymentId(): string {
    let digits = String(1 + Math.floor(this.ids.next() * 9));
    while (digits.length < 19) digits += String(Math.floor(this.ids.next() * 10));
    return `ecs-svc/${digits}`;
  }

  /** A version-4 UUID from the ids stream (ecs-facts S-058). */
  private uuid(): string {
    let hex = '';
    while (hex.length < 32) hex += Math.floor(this.ids.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/**
 * Tasks per AZ once `stops` more tasks are stopped, each from the AZ with the most tasks
 * that still has one of its original (non-replacement) tasks: what the AZs will look like
 * when every unpaired new task has been paired with its stop.
 */
function projectStops(counts: ReadonlyMap<string, number>, originals: ReadonlyMap<string, number>, stops: number): [string, number][] {
  const after = new Map(counts);
  const left = new Map(originals);
  for (let k = 0; k < stops; k += 1) {
    let from: string | undefined;
    for (const [az, n] of after) if ((left.get(az) ?? 0) > 0 && (from === undefined || n > (after.get(from) ?? 0))) from = az;
    if (from === undefined) break;
    after.set(from, (after.get(from) ?? 0) - 1);
    left.set(from, (left.get(from) ?? 0) - 1);
  }
  return [...after];
}
