import type { ForwardWeight, LoadBalancingLink, ServiceLoadBalancer } from './load-balancers.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation, Timer } from '../../engine/simulation.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { Registered } from '../types.js';
import { deploymentId, drainingInstanceArns, newDeployment, serviceOf, taskCounts, wantedTasks } from './service-tasks.js';
import type { TaskHealth } from './task-health.js';
import { greenScales, planBlue, planGreen, stageStep } from './blue-green-plan.js';
import type { TaskDefinition } from '../task-definition/types.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import { scaleInFields } from '../decisions/records.js';
import type { EcsObservers } from '../observers.js';
import { HEALTHY_WITHOUT_CHECKS_MS, serviceMessages, type Deployment, type Service } from './service.js';
import type { DeploymentAlarms } from './deployment-alarms.js';
import { trafficSteps, type DeploymentLifecycleHook, type HookStage, type LambdaFunctionBehaviour, type LifecycleStage } from './deployment-strategy.js';
import { StageHooks } from './lifecycle-hooks.js';
import { blueGreenMessages } from './blue-green.js';
import {
  beginLifecycleEvent,
  codeDeployDeploymentId,
  codeDeployMessages,
  codeDeploySteps,
  computedDesiredCount,
  endLifecycleEvents,
  EVENT_OF_STAGE,
  hooksFromAppSpec,
  newCodeDeployDeployment,
  PREDEFINED_DEPLOYMENT_CONFIGS,
  type AutoRollbackEvent,
  type CodeDeployConfig,
  type CodeDeployDeployment,
  type CreateDeploymentRequest,
  type EcsDeploymentGroup,
  type TaskSetResult,
} from './codedeploy.js';

/**
 * The blue/green deployment engine: ECS-native blue/green, linear and canary deployments
 * (ecs-facts S-098 to S-108) and CodeDeploy's deployments and task sets for services with
 * the CODE_DEPLOY deployment controller (S-090 to S-097), which run through the same
 * lifecycle. The service scheduler owns one and delegates to it: while a run is in
 * progress the scheduler's loop for that service is this engine's (reconcile).
 */

/**
 * What the engine needs of the service scheduler: its services and the cluster's tasks
 * and instances (read-only), launching and stopping tasks, service events, alarm watches
 * and the scheduler's reconciliation (poke). Health is judged by the scheduler's
 * TaskHealth, and task views and new deployments are shared pure functions
 * (service-tasks.ts); the clock, observers and ids are passed directly.
 */
export interface BlueGreenScheduler {
  readonly services: ReadonlyMap<string, Service>;
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly instances: readonly ContainerInstance[];
  /** For service and task set ARNs. */
  readonly arnPrefix: string;
  readonly clusterName: string;
  resolve(reference: string): Registered | undefined;
  /** Reconciles the service soon (not before `atLeastMs`). */
  poke(service: Service, atLeastMs?: number): void;
  /** Writes a service event. */
  event(service: Service, message: string): void;
  startAlarmWatch(service: Service, deployment: Deployment): void;
  launchReplicas(service: Service, missing: number, deployment?: Deployment): string[];
  /** Stops tasks for the scheduler; the ARNs of those that stopped. */
  stop(service: Service, tasks: readonly TaskRecord[]): readonly string[];
  scaleInOrder(service: Service, tasks: readonly TaskRecord[]): TaskRecord[];
  updateCounts(service: Service): void;
}

/** An ECS-native blue/green, linear or canary deployment in progress (ecs-facts S-098 to S-108). */
interface BlueGreenRun {
  readonly green: Deployment;
  readonly blue: Deployment;
  /** Per `loadBalancers` entry, the target group each side's tasks are registered in (S-101). */
  readonly blueGroups: readonly string[];
  readonly greenGroups: readonly string[];
  stage: LifecycleStage;
  readonly steps: readonly { readonly percent: number; readonly waitMs: number }[];
  step: number;
  hooks: StageHooks | undefined;
  timer: Timer | undefined;
  /** FAILED and rolled back: traffic is back on blue and green scales down. */
  rollingBack: boolean;
  /** FAILED without rollback: nothing moves any more. */
  halted: boolean;
  readonly invocations: Map<DeploymentLifecycleHook, number>;
  /** Present when CodeDeploy drives the run (deploymentController CODE_DEPLOY, ecs-facts S-090 to S-097). */
  readonly codeDeploy?: CodeDeployRun;
}

/** What a CodeDeploy deployment adds to a blue/green run: its record, group, AppSpec hooks and alarms. */
interface CodeDeployRun {
  readonly record: CodeDeployDeployment;
  readonly group: EcsDeploymentGroup;
  readonly hooks: readonly DeploymentLifecycleHook[];
  readonly alarms: DeploymentAlarms | undefined;
}

/** A task set of a CODE_DEPLOY service (ecs-facts S-097); its id is the internal deployment's. */
interface TaskSetInfo {
  readonly id: string;
  readonly serviceName: string;
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  scale: number;
  readonly externalId?: string;
  readonly createdAt: number;
  updatedAt: number;
  readonly targetGroups: readonly string[];
}

export class BlueGreenEngine {
  /** Simulated Lambda functions behind lifecycle hooks, by ARN or name (ecs-facts S-105). */
  lambdaFunctions: Readonly<Record<string, LambdaFunctionBehaviour>> = {};
  /** Elastic Load Balancing, for blue/green traffic shifts (ecs-facts S-101). */
  private traffic: LoadBalancingLink | undefined;
  /** Blue/green-family deployments in progress, by service name. */
  private readonly blueGreen = new Map<string, BlueGreenRun>();
  /** Per service, per `loadBalancers` entry: the target group serving production; the roles swap with each blue/green deployment. */
  private readonly productionGroups = new Map<string, string[]>();
  private hookRng: RandomStream | undefined;
  /** CodeDeploy's deployment groups and custom configurations (ecs-facts S-090 to S-094). */
  codeDeploy: CodeDeployConfig = { deploymentGroups: [], deploymentConfigs: {} };
  /** Every CodeDeploy deployment, in creation order. */
  readonly codeDeployDeployments: CodeDeployDeployment[] = [];
  /** Task sets of CODE_DEPLOY services, by id, in creation order. */
  private readonly taskSets = new Map<string, TaskSetInfo>();

  constructor(
    private readonly sim: Simulation,
    private readonly ids: RandomStream,
    private readonly observers: EcsObservers,
    private readonly health: TaskHealth,
    private readonly scheduler: BlueGreenScheduler,
  ) {}

  // ---- What the scheduler asks of the engine ----------------------------------------------

  /** The scheduler's loop for a service with a run in progress: whether there was one (and it reconciled). */
  reconcile(service: Service): boolean {
    const run = this.blueGreen.get(service.serviceName);
    if (run === undefined) return false;
    this.reconcileBlueGreen(service, run);
    return true;
  }

  /** The blue (production) side of the run in progress, if any. */
  blueOf(service: Service): Deployment | undefined {
    return this.blueGreen.get(service.serviceName)?.blue;
  }

  /** The alarms of the service's CodeDeploy deployment in progress (its deployment group's, ecs-facts S-094). */
  codeDeployAlarmsOf(service: Service): DeploymentAlarms | undefined {
    return this.blueGreen.get(service.serviceName)?.codeDeploy?.alarms;
  }

  /**
   * A deployment alarm stopped the service's deployment: when CodeDeploy drives it, records
   * ALARM_ACTIVE on its deployment (ecs-facts S-094, DEPLOYMENT_STOP_ON_ALARM). Whether it did.
   */
  alarmStopped(service: Service, alarmNames: readonly string[]): boolean {
    const codeDeploy = this.blueGreen.get(service.serviceName)?.codeDeploy;
    if (codeDeploy === undefined) return false;
    codeDeploy.record.errorInformation = { code: 'ALARM_ACTIVE', message: codeDeployMessages.alarmStopped(alarmNames) };
    return true;
  }

  // ---- ECS-native blue/green, linear and canary (ecs-facts S-098 to S-108) ---------------

  /** Connects the listener rules ECS shifts blue/green traffic on (ecs-facts S-101). */
  connectTraffic(link: LoadBalancingLink): void {
    this.traffic = link;
  }

  /**
   * The service's load balancers for one task, with the target group its deployment uses:
   * green tasks of a blue/green deployment go to the group not serving production (S-101,
   * S-104 SCALE_UP), every other task to the one that is.
   */
  loadBalancersOf(record: TaskRecord): readonly ServiceLoadBalancer[] {
    const service = serviceOf(this.scheduler.services, record);
    const lbs = service?.spec.loadBalancers ?? [];
    if (service === undefined || !lbs.some((lb) => lb.advancedConfiguration !== undefined)) return lbs;
    const run = this.blueGreen.get(service.serviceName);
    const groups = run !== undefined && record.startedBy === run.green.id ? run.greenGroups : this.production(service);
    return lbs.map((lb, i) => ({ ...lb, targetGroupArn: groups[i] ?? lb.targetGroupArn }));
  }

  /**
   * ContinueServiceDeployment (ecs-facts S-107): resumes the PAUSE hook the service's
   * deployment waits on, named by hookId or stage (or the only one). What ECS answers.
   */
  continueDeployment(service: Service, request: { readonly hookId?: string; readonly lifecycleStage?: string; readonly action: 'CONTINUE' | 'ROLLBACK' }): string {
    const run = this.blueGreen.get(service.serviceName);
    const awaiting = run?.hooks?.awaiting;
    // Assumption: ECS's exception text for a deployment with no hook awaiting action was not found.
    if (run === undefined || awaiting === undefined) return `InvalidParameterException: service ${service.serviceName} has no lifecycle hook awaiting action`;
    if ((request.hookId !== undefined && request.hookId !== awaiting.hookId) || (request.lifecycleStage !== undefined && request.lifecycleStage !== awaiting.stage)) {
      return `InvalidParameterException: no hook ${request.hookId ?? request.lifecycleStage ?? ''} awaits action (${awaiting.hookId} waits in ${awaiting.stage})`;
    }
    run.hooks?.resume(request.action);
    return `hook ${awaiting.hookId} (${awaiting.stage}) continued with ${request.action}`;
  }

  /** Per `loadBalancers` entry, the target group serving production now. */
  private production(service: Service): string[] {
    let groups = this.productionGroups.get(service.serviceName);
    if (groups === undefined) {
      groups = (service.spec.loadBalancers ?? []).map((lb) => lb.targetGroupArn);
      this.productionGroups.set(service.serviceName, groups);
    }
    return groups;
  }

  private groupArn(ref: string): string {
    return this.traffic?.targetGroup(ref)?.arn ?? ref;
  }

  /**
   * A new blue/green-family deployment: green gets the target group of each load balancer
   * that is not serving production (S-101; so roles swap each time), and the production
   * rule forwards to both, blue 100 and green 0 (which also puts green's group behind the
   * load balancer, so its targets are health-checked). Then the stages of S-104 begin.
   */
  startBlueGreen(service: Service, green: Deployment, blue: Deployment, codeDeploy?: CodeDeployRun, steps?: readonly { readonly percent: number; readonly waitMs: number }[]): void {
    this.endBlueGreen(service);
    const lbs = service.spec.loadBalancers ?? [];
    const blueGroups = this.production(service);
    const greenGroups = lbs.map((lb, i) => {
      const own = blueGroups[i] ?? lb.targetGroupArn;
      const adv = lb.advancedConfiguration;
      if (adv === undefined) return own;
      return this.groupArn(own) === this.groupArn(lb.targetGroupArn) ? adv.alternateTargetGroupArn : lb.targetGroupArn;
    });
    const run: BlueGreenRun = { green, blue, blueGroups: [...blueGroups], greenGroups, stage: 'PRE_SCALE_UP', steps: steps ?? trafficSteps(service.spec), step: -1, hooks: undefined, timer: undefined, rollingBack: false, halted: false, invocations: new Map(), ...(codeDeploy === undefined ? {} : { codeDeploy }) };
    this.blueGreen.set(service.serviceName, run);
    // Not steady until the deployment is over (so the steady-state event follows it, as after a rolling update).
    service.steady = false;
    this.setWeights(service, run, 'production', 0, false);
    this.setWeights(service, run, 'test', 0, false);
    this.enterStage(service, run, 'PRE_SCALE_UP');
  }

  /** Drops a run in progress (a newer deployment or DeleteService replaces it). */
  endBlueGreen(service: Service): void {
    const run = this.blueGreen.get(service.serviceName);
    if (run === undefined) return;
    run.hooks?.cancel();
    this.sim.cancel(run.timer);
    this.blueGreen.delete(service.serviceName);
  }

  private recordStage(service: Service, run: BlueGreenRun, stage: LifecycleStage): void {
    run.stage = stage;
    run.green.lifecycleStage = stage;
    run.green.updatedAt = this.sim.now;
    this.sim.trace.emit('ecs', 'deploymentLifecycleStage', { service: service.serviceName, deployment: run.green.id, stage });
    this.observers.deploymentLifecycle(service, run.green, stage);
    const codeDeploy = run.codeDeploy;
    if (codeDeploy === undefined || run.rollingBack) return;
    const event = EVENT_OF_STAGE[stage];
    if (event !== undefined) beginLifecycleEvent(codeDeploy.record, event, this.sim.now);
    // Install: CodeDeploy creates the replacement task set, ACTIVE and scaled to 100 % (ecs-facts S-090, S-092, S-097).
    if (stage === 'SCALE_UP' && codeDeploy.record.status === 'InProgress') this.addTaskSet(service, run.green, 'ACTIVE', 100, codeDeploy.record.deploymentId, run.greenGroups);
    // The termination wait follows AfterAllowTraffic (ecs-facts S-093).
    if (stage === 'BAKE_TIME') endLifecycleEvents(codeDeploy.record, 'Succeeded', this.sim.now);
    if (stage === 'CLEAN_UP') this.setTaskSet(run.blue.id, 'DRAINING', 0);
  }

  /** ecs-facts S-104: each stage in order; hooks of a stage run before the next begins (S-103). */
  private enterStage(service: Service, run: BlueGreenRun, stage: LifecycleStage): void {
    if (run.rollingBack || run.halted || this.blueGreen.get(service.serviceName) !== run) return;
    this.recordStage(service, run, stage);
    const next = (to: LifecycleStage) => (): void => this.enterStage(service, run, to);
    switch (stage) {
      case 'RECONCILE_SERVICE':
        this.runHooks(service, run, 'RECONCILE_SERVICE', next('PRE_SCALE_UP'));
        return;
      case 'PRE_SCALE_UP':
        this.runHooks(service, run, 'PRE_SCALE_UP', next('SCALE_UP'));
        return;
      case 'SCALE_UP':
        // Green scales to the desired count (reconcileBlueGreen), then POST_SCALE_UP.
        this.scheduler.poke(service);
        return;
      case 'POST_SCALE_UP':
        this.runHooks(service, run, 'POST_SCALE_UP', next('TEST_TRAFFIC_SHIFT'));
        return;
      case 'TEST_TRAFFIC_SHIFT':
        this.setWeights(service, run, 'test', 100, true);
        this.runHooks(service, run, 'TEST_TRAFFIC_SHIFT', next('POST_TEST_TRAFFIC_SHIFT'));
        return;
      case 'POST_TEST_TRAFFIC_SHIFT':
        if (run.codeDeploy === undefined) this.runHooks(service, run, 'POST_TEST_TRAFFIC_SHIFT', next('PRODUCTION_TRAFFIC_SHIFT'));
        else {
          // CodeDeploy: AfterAllowTestTraffic, the reroute wait (S-093), then BeforeAllowTraffic once (S-092), still in
          // this stage so the history counts the hook as a hook; AllowTraffic is PRODUCTION_TRAFFIC_SHIFT.
          const codeDeploy = run.codeDeploy;
          this.runHooks(service, run, 'POST_TEST_TRAFFIC_SHIFT', () =>
            this.awaitReroute(service, run, () => {
              beginLifecycleEvent(codeDeploy.record, 'BeforeAllowTraffic', this.sim.now);
              this.runHooks(service, run, 'PRE_PRODUCTION_TRAFFIC_SHIFT', next('PRODUCTION_TRAFFIC_SHIFT'));
            }),
          );
        }
        return;
      case 'PRODUCTION_TRAFFIC_SHIFT':
        this.nextTrafficStep(service, run);
        return;
      case 'POST_PRODUCTION_TRAFFIC_SHIFT':
        this.runHooks(service, run, 'POST_PRODUCTION_TRAFFIC_SHIFT', next('BAKE_TIME'));
        return;
      case 'BAKE_TIME':
        // ecs-facts S-098: blue and green both run for bakeTimeInMinutes (assumption: 0 when not given).
        if (run.codeDeploy !== undefined) {
          // ecs-facts S-093: the original task set is deleted terminationWaitTimeInMinutes after success; KEEP_ALIVE keeps it.
          const termination = run.codeDeploy.group.blueGreenDeploymentConfiguration.terminateBlueInstancesOnDeploymentSuccess;
          if (termination.action === 'TERMINATE') run.timer = this.sim.schedule(termination.terminationWaitTimeInMinutes * 60_000, next('CLEAN_UP'));
          else this.codeDeploySucceeded(run);
          return;
        }
        run.timer = this.sim.schedule((service.spec.bakeTimeInMinutes ?? 0) * 60_000, next('CLEAN_UP'));
        return;
      case 'CLEAN_UP':
        // Blue's tasks are stopped (deregistered first, with the deregistration delay); done when none is left.
        this.scheduler.poke(service);
        return;
    }
  }

  /**
   * ecs-facts S-099, S-103, S-104: one production step. PRE_PRODUCTION_TRAFFIC_SHIFT hooks
   * run before it, PRODUCTION_TRAFFIC_SHIFT hooks after each shift; then the step's bake
   * (none after 100 %).
   */
  private nextTrafficStep(service: Service, run: BlueGreenRun): void {
    if (run.rollingBack || run.halted || this.blueGreen.get(service.serviceName) !== run) return;
    run.step += 1;
    const step = run.steps[run.step];
    if (step === undefined) {
      this.enterStage(service, run, 'POST_PRODUCTION_TRAFFIC_SHIFT');
      return;
    }
    // CodeDeploy's BeforeAllowTraffic ran once, before this stage (ecs-facts S-092); ECS's hooks run before each step (S-103).
    const before = run.codeDeploy !== undefined ? (then: () => void): void => then() : (then: () => void): void => this.runHooks(service, run, 'PRE_PRODUCTION_TRAFFIC_SHIFT', then);
    before(() => {
      this.setWeights(service, run, 'production', step.percent, true);
      this.runHooks(service, run, 'PRODUCTION_TRAFFIC_SHIFT', () => {
        if (step.percent >= 100) this.enterStage(service, run, 'POST_PRODUCTION_TRAFFIC_SHIFT');
        else run.timer = this.sim.schedule(step.waitMs, () => this.nextTrafficStep(service, run));
      });
    });
  }

  private runHooks(service: Service, run: BlueGreenRun, stage: HookStage, then: () => void): void {
    const hooks = (run.codeDeploy?.hooks ?? service.spec.lifecycleHooks ?? []).filter((h) => h.lifecycleStages.includes(stage));
    if (hooks.length === 0) {
      then();
      return;
    }
    this.hookRng ??= this.sim.rng('ecs/lifecycle-hooks');
    const stageHooks = new StageHooks(
      this.sim,
      this.hookRng,
      this.lambdaFunctions,
      hooks,
      stage,
      { service: service.serviceName, deployment: run.green.id },
      (outcome) => {
        if (run.hooks === stageHooks) run.hooks = undefined;
        if (outcome.status === 'SUCCEEDED') then();
        else this.hookFailed(service, run, outcome.reason);
      },
      run.invocations,
    );
    run.hooks = stageHooks;
    stageHooks.start();
  }

  /** ecs-facts S-105, S-107: a failed, timed-out (ROLLBACK) or rolled-back hook fails the deployment and rolls it back. */
  private hookFailed(service: Service, run: BlueGreenRun, reason: string): void {
    const green = run.green;
    if (green.rolloutState !== 'IN_PROGRESS') return;
    if (run.codeDeploy !== undefined) {
      const event = run.codeDeploy.record.lifecycleEvents.find((e) => e.status === 'InProgress')?.lifecycleEventName ?? 'BeforeInstall';
      run.codeDeploy.record.errorInformation = { code: 'HOOK_EXECUTION_FAILURE', message: codeDeployMessages.hookFailed(event) };
      this.codeDeployEnded(service, run, 'Failed', 'DEPLOYMENT_FAILURE', reason);
      return;
    }
    green.rolloutState = 'FAILED';
    green.rolloutStateReason = blueGreenMessages.rolloutHookFailed(reason);
    green.updatedAt = this.sim.now;
    this.scheduler.event(service, blueGreenMessages.deploymentFailedHook(service.serviceName, green.id));
    this.sim.trace.emit('ecs', 'deploymentFailed', { service: service.serviceName, deployment: green.id, hook: reason });
    this.observers.deploymentChanged(service, green, 'failed', { reason: green.rolloutStateReason });
    this.rollBackBlueGreen(service, run);
  }

  /**
   * After the breaker or an alarm failed `deployment`: when it is the green side of the run
   * in progress, roll back (or halt) as its method's flag says (S-088). Whether it was; if
   * not, the scheduler's rolling rollback applies.
   */
  afterFailure(service: Service, deployment: Deployment, rollback: boolean, by: 'breaker' | 'alarms'): boolean {
    const run = this.blueGreen.get(service.serviceName);
    if (run?.codeDeploy !== undefined && run.green === deployment) {
      this.codeDeployEnded(service, run, by === 'alarms' ? 'Stopped' : 'Failed', by === 'alarms' ? 'DEPLOYMENT_STOP_ON_ALARM' : 'DEPLOYMENT_FAILURE');
      return true;
    }
    if (run?.green === deployment) {
      if (rollback) this.rollBackBlueGreen(service, run);
      else {
        run.halted = true;
        run.hooks?.cancel();
        this.sim.cancel(run.timer);
      }
      return true;
    }
    return false;
  }

  /**
   * Blue/green rollback: production and test traffic back to blue (ecs-facts S-105: ECS runs
   * the TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT stages again on rollback), blue
   * PRIMARY again, and green's tasks stopped. Blue never stopped serving, so no new
   * deployment is made (unlike a rolling rollback, S-087).
   */
  private rollBackBlueGreen(service: Service, run: BlueGreenRun): void {
    if (run.rollingBack) return;
    run.hooks?.cancel();
    run.hooks = undefined;
    this.sim.cancel(run.timer);
    run.halted = false;
    this.recordStage(service, run, 'TEST_TRAFFIC_SHIFT');
    this.setWeights(service, run, 'test', 0, true);
    this.recordStage(service, run, 'PRODUCTION_TRAFFIC_SHIFT');
    this.setWeights(service, run, 'production', 0, true);
    run.rollingBack = true;
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    run.blue.status = 'PRIMARY';
    const registered = this.scheduler.resolve(run.blue.taskDefinition);
    if (registered !== undefined) service.spec = { ...service.spec, taskDefinition: registered.definition };
    if (run.codeDeploy === undefined) this.scheduler.event(service, serviceMessages.rollingBack(service.serviceName, run.blue.id));
    else {
      // The replacement task set is scaled to 0 and deleted; the original serves production again.
      this.setTaskSet(run.green.id, 'DRAINING', 0);
      this.setTaskSet(run.blue.id, 'PRIMARY', 100);
    }
    this.sim.trace.emit('ecs', 'deploymentRolledBack', { service: service.serviceName, deployment: run.green.id, rollbackTo: run.blue.id });
    // ecs-facts S-105: the hooks of those two stages are invoked on the way back. Assumption:
    // traffic is already back on blue, and what they answer changes nothing.
    this.rollbackHooks(service, run, ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']);
    this.scheduler.poke(service);
  }

  private rollbackHooks(service: Service, run: BlueGreenRun, stages: readonly HookStage[]): void {
    const [stage, ...rest] = stages;
    if (stage === undefined) return;
    // CodeDeploy runs no hooks on the way back (assumption: S-105 is documented for ECS-native deployments only).
    const hooks = run.codeDeploy !== undefined ? [] : (service.spec.lifecycleHooks ?? []).filter((h) => h.targetType === 'AWS_LAMBDA' && h.lifecycleStages.includes(stage));
    if (hooks.length === 0) {
      this.rollbackHooks(service, run, rest);
      return;
    }
    this.hookRng ??= this.sim.rng('ecs/lifecycle-hooks');
    const stageHooks = new StageHooks(this.sim, this.hookRng, this.lambdaFunctions, hooks, stage, { service: service.serviceName, deployment: run.green.id }, () => this.rollbackHooks(service, run, rest), run.invocations);
    stageHooks.start();
  }

  /**
   * ecs-facts S-101, L-040: the forward weights of the production (or test) listener rules:
   * blue 100 − p, green p. Recorded on the deployment as ServiceDeployment shows them.
   */
  private setWeights(service: Service, run: BlueGreenRun, which: 'production' | 'test', percent: number, announce: boolean): void {
    const all: ForwardWeight[] = [];
    const bluePercent = Math.round((100 - percent) * 10) / 10;
    (service.spec.loadBalancers ?? []).forEach((lb, i) => {
      const adv = lb.advancedConfiguration;
      const rule = which === 'production' ? adv?.productionListenerRule : adv?.testListenerRule;
      if (adv === undefined || rule === undefined) return;
      const weights: ForwardWeight[] = [
        { targetGroupArn: this.groupArn(run.blueGroups[i] ?? lb.targetGroupArn), weight: bluePercent },
        { targetGroupArn: this.groupArn(run.greenGroups[i] ?? adv.alternateTargetGroupArn), weight: percent },
      ];
      this.traffic?.setForwardWeights?.(rule, weights);
      all.push(...weights);
    });
    const record = { [run.blue.id]: bluePercent, [run.green.id]: percent };
    if (which === 'production') run.green.productionTrafficWeights = record;
    else run.green.testTrafficWeights = record;
    if (!announce) return;
    if (run.codeDeploy !== undefined && which === 'production') {
      run.codeDeploy.record.trafficShifts.push({ at: this.sim.now, original: bluePercent, replacement: percent });
      // ecs-facts S-097: PRIMARY is the task set serving production.
      if (percent >= 100 && !run.rollingBack) {
        this.setTaskSet(run.green.id, 'PRIMARY', 100);
        this.setTaskSet(run.blue.id, 'ACTIVE', 100);
      }
    }
    this.sim.trace.emit('ecs', 'trafficShifted', { service: service.serviceName, deployment: run.green.id, listener: which, green: percent, blue: bluePercent });
    this.observers.trafficShifted(service, run.green, all);
  }

  /**
   * The scheduler's loop while a blue/green-family deployment runs: green is kept at the
   * desired count (assumption: SCALE_UP brings green to 100 % whatever maximumPercent says;
   * AWS documents the percentages for rolling updates only), blue is left alone until
   * CLEAN_UP stops it, and a rollback stops green.
   */
  private reconcileBlueGreen(service: Service, run: BlueGreenRun): void {
    const wanted = wantedTasks(service);
    const green = wanted.filter((t) => t.startedBy === run.green.id);
    const blue = wanted.filter((t) => t.startedBy === run.blue.id);
    // Decision records (docs/decisions.md): what this reconciliation stopped, and why.
    const on = this.sim.decisions.on;
    const stopped: { task: string; why: string }[] = [];
    const stop = (why: string, tasks: readonly TaskRecord[]): void => {
      const arns = this.scheduler.stop(service, tasks);
      if (on) for (const arn of arns) stopped.push({ task: taskId(arn), why });
    };
    stop(
      'olderDeployment',
      wanted.filter((t) => t.startedBy !== run.green.id && t.startedBy !== run.blue.id),
    );
    const plans: string[] = [];
    for (const t of wanted) this.health.announceUnhealthy(service, t);
    const desired = service.status === 'DRAINING' ? 0 : service.desiredCount;
    const active = !run.rollingBack && !run.halted && run.green.rolloutState === 'IN_PROGRESS';
    let started: string[] = [];
    if (run.rollingBack) stop('rollback', green);
    else if (active && greenScales(run.stage)) {
      const unhealthy = green.filter((t) => this.health.unhealthy(t, service));
      stop('unhealthy', unhealthy);
      const ok = green.filter((t) => !unhealthy.includes(t));
      const throttledForMs = Math.max(0, service.throttledUntilMs - this.sim.now);
      const plan = planGreen(desired, ok.length, throttledForMs);
      plans.push(`green ${plan.kind}`);
      if (plan.kind === 'wait') this.scheduler.poke(service, plan.ms);
      else if (plan.kind === 'start') started = this.scheduler.launchReplicas(service, plan.count);
      // One ranking, the extra ones from its head (unlike a rolling scale-in, which re-ranks after each stop).
      else if (plan.kind === 'scaleIn') {
        const order = this.scheduler.scaleInOrder(service, ok);
        const chosen = order.slice(0, ok.length - plan.keep);
        if (on) this.sim.decisions.record('scaleIn', scaleInFields(service.serviceName, plan.keep, order, chosen.map((t) => t.taskArn)));
        stop('scaleIn', chosen);
      }
      const bluePlan = planBlue(run.stage, desired, blue.length, started.length, throttledForMs > 0);
      plans.push(`blue ${bluePlan.kind}`);
      if (bluePlan.kind === 'stopAll') stop('blueCleanUp', blue);
      // Blue keeps serving production until CLEAN_UP: a blue task that stopped is replaced, on blue's revision.
      else if (bluePlan.kind === 'start') started = this.scheduler.launchReplicas(service, bluePlan.count, run.blue);
    }
    if (on && (started.length > 0 || stopped.length > 0)) {
      // Blue/green has no rolling floor or ceiling: green goes to the desired count, blue stays until clean-up.
      this.sim.decisions.record('serviceReconcile', { service: service.serviceName, deployment: run.green.id, desired, floor: null, ceiling: null, plan: plans.join(', ') || (run.rollingBack ? 'rollback' : 'none'), started: started.map(taskId), stopped });
    }
    if (started.length > 0) this.scheduler.event(service, serviceMessages.started(service.serviceName, started.map(taskId)));
    this.scheduler.updateCounts(service);
    const owners = new Set<string | undefined>();
    for (const arn of service.liveTasks) {
      const t = this.scheduler.tasks.get(arn);
      if (t !== undefined && t.lastStatus !== 'STOPPED') owners.add(t.startedBy);
    }
    for (const d of service.deployments) {
      if (d.status !== 'ACTIVE' || owners.has(d.id) || d === run.blue) continue;
      d.status = 'INACTIVE';
      d.updatedAt = this.sim.now;
      this.sim.trace.emit('ecs', 'deploymentInactive', { service: service.serviceName, deployment: d.id });
      this.observers.deploymentChanged(service, d, 'inactive');
    }
    if (run.rollingBack) {
      // Green is gone: the service is blue's again and the ordinary loop takes over.
      if (!owners.has(run.green.id)) {
        this.blueGreen.delete(service.serviceName);
        this.scheduler.poke(service);
      }
      return;
    }
    if (!active) return;
    const ready = green.length === desired && green.every((t) => t.lastStatus === 'RUNNING' && this.health.healthy(t, service));
    const next = stageStep(run.stage, ready, owners.has(run.blue.id));
    if (next.kind === 'enter') this.enterStage(service, run, next.stage);
    else if (next.kind === 'lookAgain') this.scheduler.poke(service, HEALTHY_WITHOUT_CHECKS_MS);
    else if (next.kind === 'complete') this.completeBlueGreen(service, run);
  }

  /** CLEAN_UP done: green is COMPLETED and its target groups now serve production (the next deployment swaps them back). */
  private completeBlueGreen(service: Service, run: BlueGreenRun): void {
    this.productionGroups.set(service.serviceName, [...run.greenGroups]);
    this.blueGreen.delete(service.serviceName);
    const green = run.green;
    green.rolloutState = 'COMPLETED';
    green.rolloutStateReason = serviceMessages.rolloutCompleted(green.id);
    green.updatedAt = this.sim.now;
    if (green.fromUpdate) this.scheduler.event(service, serviceMessages.deploymentCompleted(service.serviceName, green.id));
    this.observers.deploymentChanged(service, green, 'completed');
    if (run.codeDeploy !== undefined) this.codeDeploySucceeded(run);
    this.scheduler.poke(service);
  }

  // ---- CodeDeploy blue/green (deploymentController CODE_DEPLOY, ecs-facts S-090 to S-097) ----

  /**
   * CodeDeploy's CreateDeployment for an ECS deployment group: a replacement task set of
   * the AppSpec's task definition, run through the blue/green engine with CodeDeploy's
   * lifecycle (ecs-facts S-092) mapped onto ECS's stages (codedeploy.ts HOOK_STAGE_OF,
   * EVENT_OF_STAGE). What CodeDeploy answers: the deployment id, or an error.
   */
  createCodeDeployment(request: CreateDeploymentRequest, taskDefinition: TaskDefinition): string {
    const group = this.codeDeploy.deploymentGroups.find((g) => g.applicationName === request.applicationName && g.deploymentGroupName === request.deploymentGroupName);
    // Assumption: CodeDeploy's exception names, without their full texts.
    if (group === undefined) return `DeploymentGroupDoesNotExistException: No deployment group ${request.deploymentGroupName} in application ${request.applicationName}`;
    const service = this.scheduler.services.get(group.serviceName);
    if (service === undefined || service.status !== 'ACTIVE') return `InvalidECSServiceException: service ${group.serviceName} is not ACTIVE`;
    if (service.spec.deploymentController?.type !== 'CODE_DEPLOY') return `InvalidECSServiceException: service ${group.serviceName} does not use the CODE_DEPLOY deployment controller`;
    if (this.blueGreen.has(service.serviceName)) return `DeploymentLimitExceededException: deployment group ${group.deploymentGroupName} already has an active deployment`;
    const configName = request.deploymentConfigName ?? group.deploymentConfigName;
    const routing = PREDEFINED_DEPLOYMENT_CONFIGS[configName] ?? this.codeDeploy.deploymentConfigs[configName];
    if (routing === undefined) return `DeploymentConfigDoesNotExistException: No deployment configuration ${configName}`;
    const blue = service.primary;
    if (blue === undefined) return `InvalidECSServiceException: service ${group.serviceName} has no task set`;
    // The listeners and the second target group CodeDeploy shifts on, as ECS-native advancedConfiguration (ecs-facts S-090, S-101).
    const lbs = service.spec.loadBalancers ?? [];
    const loadBalancers = lbs.map((lb, i) => {
      if (i > 0) return lb;
      const own = this.groupArn(lb.targetGroupArn);
      const other = group.targetGroups.find((g) => this.groupArn(g) !== own) ?? group.targetGroups[1];
      return {
        ...lb,
        advancedConfiguration: {
          alternateTargetGroupArn: other,
          productionListenerRule: group.prodListener,
          ...(group.testListener === undefined ? {} : { testListenerRule: group.testListener }),
          roleArn: 'CodeDeploy',
        },
      };
    });
    const id = codeDeployDeploymentId(this.ids);
    const green = newDeployment(deploymentId(this.ids), taskDefinition, service.desiredCount, false, this.sim.now);
    const record = newCodeDeployDeployment({
      deploymentId: id,
      applicationName: group.applicationName,
      deploymentGroupName: group.deploymentGroupName,
      deploymentConfigName: configName,
      serviceName: service.serviceName,
      createTime: this.sim.now,
      taskDefinition: taskDefinition.taskDefinitionArn,
      originalTaskSet: blue.id,
      replacementTaskSet: green.id,
    });
    this.codeDeployDeployments.push(record);
    // Assumption: a deployment starts at once (Created → InProgress in the same instant).
    record.status = 'InProgress';
    const alarmConfiguration = group.alarmConfiguration;
    const alarms: DeploymentAlarms | undefined =
      alarmConfiguration?.enabled === true && alarmConfiguration.alarms.length > 0
        ? { alarmNames: alarmConfiguration.alarms.map((a) => a.name), enable: true, rollback: this.rollsBackOn(group, 'DEPLOYMENT_STOP_ON_ALARM') }
        : undefined;
    service.spec = { ...service.spec, taskDefinition, ...(loadBalancers.length === 0 ? {} : { loadBalancers }) };
    for (const d of service.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
    service.deployments.push(green);
    service.blockedNoticed = false;
    this.sim.trace.emit('ecs', 'deploymentStarted', { service: service.serviceName, deployment: green.id, taskDefinition: taskDefinition.taskDefinitionArn, codeDeploy: id });
    this.observers.deploymentChanged(service, green, 'started');
    this.startBlueGreen(service, green, blue, { record, group, hooks: hooksFromAppSpec(request.revision), alarms }, codeDeploySteps(routing));
    this.scheduler.startAlarmWatch(service, green);
    this.scheduler.poke(service);
    return id;
  }

  /** Whether the group rolls back on `event` (ecs-facts S-094). */
  private rollsBackOn(group: EcsDeploymentGroup, event: AutoRollbackEvent): boolean {
    return group.autoRollbackConfiguration.enabled && group.autoRollbackConfiguration.events.includes(event);
  }

  /**
   * ecs-facts S-093: with deploymentReadyOption STOP_DEPLOYMENT, CodeDeploy waits
   * waitTimeInMinutes for a ContinueDeployment (not modelled), then stops the deployment;
   * with CONTINUE_DEPLOYMENT traffic is rerouted at once.
   */
  private awaitReroute(service: Service, run: BlueGreenRun, then: () => void): void {
    const ready = run.codeDeploy?.group.blueGreenDeploymentConfiguration.deploymentReadyOption;
    if (ready === undefined || ready.actionOnTimeout === 'CONTINUE_DEPLOYMENT') {
      then();
      return;
    }
    run.timer = this.sim.schedule(ready.waitTimeInMinutes * 60_000, () => {
      if (run.codeDeploy === undefined || run.codeDeploy.record.status !== 'InProgress') return;
      run.codeDeploy.record.errorInformation = { code: 'TIMEOUT', message: codeDeployMessages.readyTimeout() };
      // Production never moved: the replacement task set is deleted whatever the rollback settings say.
      this.codeDeployEnded(service, run, 'Stopped', 'DEPLOYMENT_STOP_ON_REQUEST', 'the deployment ready wait ran out', true);
    });
  }

  /**
   * A CodeDeploy deployment fails or stops (ecs-facts S-092 to S-094): the event in
   * progress Failed, the rest Skipped. With the group's auto-rollback for `event`, traffic
   * returns to the original task set and the replacement is deleted; a BeforeInstall
   * failure has nothing to roll back (S-092), so no rollback is recorded, but nothing
   * was installed either. Without rollback, everything stays where it is.
   */
  private codeDeployEnded(service: Service, run: BlueGreenRun, status: 'Failed' | 'Stopped', event: AutoRollbackEvent, reason?: string, cleanUp = false): void {
    const codeDeploy = run.codeDeploy;
    if (codeDeploy === undefined || codeDeploy.record.status !== 'InProgress') return;
    const record = codeDeploy.record;
    const installed = record.lifecycleEvents.some((e) => e.lifecycleEventName === 'Install' && e.status !== 'Pending');
    endLifecycleEvents(record, 'Failed', this.sim.now);
    record.status = status;
    record.completeTime = this.sim.now;
    const green = run.green;
    if (green.rolloutState === 'IN_PROGRESS') {
      green.rolloutState = 'FAILED';
      green.rolloutStateReason = record.errorInformation?.message ?? reason ?? status;
      green.updatedAt = this.sim.now;
      this.observers.deploymentChanged(service, green, 'failed', { reason: green.rolloutStateReason });
    }
    this.sim.trace.emit('codedeploy', 'deploymentStatus', { deploymentId: record.deploymentId, status, ...(reason === undefined ? {} : { reason }) });
    const rollback = this.rollsBackOn(codeDeploy.group, event);
    if (rollback && installed) record.rollbackInfo = { rollbackMessage: `Traffic returned to the original task set ${record.originalTaskSet}; the replacement task set ${record.replacementTaskSet} is deleted.` };
    if (rollback || !installed || cleanUp) this.rollBackBlueGreen(service, run);
    else {
      run.halted = true;
      run.hooks?.cancel();
      this.sim.cancel(run.timer);
    }
    this.scheduler.poke(service);
  }

  /** ecs-facts S-093: Succeeded once the original task set is deleted (assumption: not before), or after AfterAllowTraffic with KEEP_ALIVE. */
  private codeDeploySucceeded(run: BlueGreenRun): void {
    const record = run.codeDeploy?.record;
    if (record === undefined || record.status !== 'InProgress') return;
    endLifecycleEvents(record, 'Succeeded', this.sim.now);
    record.status = 'Succeeded';
    record.completeTime = this.sim.now;
    this.sim.trace.emit('codedeploy', 'deploymentStatus', { deploymentId: record.deploymentId, status: 'Succeeded' });
  }

  addTaskSet(service: Service, deployment: Deployment, status: TaskSetInfo['status'], scale: number, externalId: string | undefined, targetGroups: readonly string[]): void {
    this.taskSets.set(deployment.id, { id: deployment.id, serviceName: service.serviceName, status, scale, ...(externalId === undefined ? {} : { externalId }), createdAt: this.sim.now, updatedAt: this.sim.now, targetGroups: [...targetGroups] });
  }

  private setTaskSet(id: string, status: TaskSetInfo['status'], scale: number): void {
    const set = this.taskSets.get(id);
    if (set === undefined || (set.status === status && set.scale === scale)) return;
    set.status = status;
    set.scale = scale;
    set.updatedAt = this.sim.now;
  }

  /**
   * `taskSets` of a CODE_DEPLOY service (ecs-facts S-097, S-125): a DRAINING task set with
   * no task left is deleted. stabilityStatus as S-079 defines it.
   */
  taskSetsOf(service: Service): TaskSetResult[] | undefined {
    if (service.spec.deploymentController?.type !== 'CODE_DEPLOY') return undefined;
    const out: TaskSetResult[] = [];
    const draining = drainingInstanceArns(this.scheduler.instances);
    for (const set of this.taskSets.values()) {
      if (set.serviceName !== service.serviceName) continue;
      const deployment = service.deployments.find((d) => d.id === set.id);
      if (deployment === undefined) continue;
      const counts = taskCounts(service, set.id);
      if (set.status === 'DRAINING' && counts.wanted === 0 && counts.runningCount === 0 && counts.pendingCount === 0) continue;
      if (set.status !== 'DRAINING' && deployment.status === 'INACTIVE') continue;
      const desired = computedDesiredCount(service.desiredCount, set.scale);
      const tasks = wantedTasks(service).filter((t) => t.startedBy === set.id);
      const steady =
        counts.runningCount === desired && counts.pendingCount === 0 && tasks.every((t) => this.health.healthy(t, service) && (t.containerInstanceArn === undefined || !draining.has(t.containerInstanceArn)));
      const lb = service.spec.loadBalancers ?? [];
      out.push({
        id: set.id,
        taskSetArn: `${this.scheduler.arnPrefix}:task-set/${this.scheduler.clusterName}/${service.serviceName}/${set.id}`,
        serviceArn: service.serviceArn,
        status: set.status,
        taskDefinition: deployment.taskDefinition,
        computedDesiredCount: desired,
        pendingCount: counts.pendingCount,
        runningCount: counts.runningCount,
        scale: { value: set.scale, unit: 'PERCENT' },
        stabilityStatus: steady ? 'STEADY_STATE' : 'STABILIZING',
        ...(set.externalId === undefined ? {} : { externalId: set.externalId }),
        launchType: service.spec.launchType,
        createdAt: set.createdAt,
        updatedAt: set.updatedAt,
        loadBalancers: lb.map((l, i) => ({ targetGroupArn: this.groupArn(set.targetGroups[i] ?? l.targetGroupArn), containerName: l.containerName, containerPort: l.containerPort })),
      });
    }
    return out;
  }

}
