import type { Simulation } from '../../engine/simulation.js';
import type { EcsObservers } from '../observers.js';
import { alarmBakeTimeMs, alarmMessages, type AlarmWatch, type DeploymentAlarms, type DeploymentAlarmsLink, type DeploymentAlarmState } from './deployment-alarms.js';
import type { Deployment, Service } from './service.js';

/**
 * Deployment alarm watching (ecs-facts S-088, S-089; the rules in deployment-alarms.ts):
 * a deployment watches its listed alarms from its first RUNNING task on, fails when one
 * is in ALARM, and bakes before it completes. An alarm already in ALARM when the
 * deployment starts makes ECS ignore alarms for it.
 */

/** What the watcher asks of the scheduler and its blue/green engine. */
export interface AlarmWatcherLink {
  readonly services: ReadonlyMap<string, Service>;
  /** Whether a task of the deployment has reached RUNNING. */
  reachedRunning(deploymentId: string): boolean;
  /** A CodeDeploy service's alarms are its deployment group's (ecs-facts S-094). */
  codeDeployAlarmsOf(service: Service): DeploymentAlarms | undefined;
  /** CodeDeploy stops its deployment on an alarm; whether it did (then ECS writes no event). */
  alarmStopped(service: Service, alarmNames: readonly string[]): boolean;
  event(service: Service, message: string): void;
  poke(service: Service, atLeastMs?: number): void;
  /** An alarm failed `deployment`: roll back or halt, as `rollback` says (S-088). */
  failed(service: Service, deployment: Deployment, rollback: boolean): void;
}

export class AlarmWatcher {
  /** CloudWatch, for deployment alarms (ecs-facts S-088); absent when the run has none. */
  private cloudWatch: DeploymentAlarmsLink | undefined;
  /** Deployment alarm watches, by deployment id (ecs-facts S-089). */
  private readonly watches = new Map<string, AlarmWatch>();

  constructor(
    private readonly sim: Simulation,
    private readonly observers: EcsObservers,
    private readonly link: AlarmWatcherLink,
  ) {}

  /** Connects CloudWatch: listed alarms entering ALARM fail the deployments that watch them. */
  connect(cloudWatch: DeploymentAlarmsLink): void {
    this.cloudWatch = cloudWatch;
    cloudWatch.onStateChange((name, state) => this.alarmChanged(name, state));
  }

  /** The service's deployment alarms, when enabled (ecs-facts S-088). */
  private alarmsOf(service: Service): DeploymentAlarms | undefined {
    // A CodeDeploy deployment watches its deployment group's alarms (ecs-facts S-094), ECS's deploymentConfiguration none.
    const alarms = service.spec.deploymentController?.type === 'CODE_DEPLOY' ? this.link.codeDeployAlarmsOf(service) : service.spec.alarms;
    return alarms?.enable === true && alarms.alarmNames.length > 0 ? alarms : undefined;
  }

  /** ecs-facts S-089: an alarm already in ALARM when the deployment starts makes ECS ignore alarms for it. */
  start(service: Service, deployment: Deployment): void {
    const alarms = this.alarmsOf(service);
    if (alarms === undefined) return;
    const inAlarm = alarms.alarmNames.filter((n) => this.cloudWatch?.stateOf(n) === 'ALARM');
    this.watches.set(deployment.id, { ignored: inAlarm.length > 0, watching: false });
    if (inAlarm.length > 0) this.sim.trace.emit('ecs', 'deploymentAlarmsIgnored', { service: service.serviceName, deployment: deployment.id, alarms: inAlarm.join(',') });
    // Already running tasks of this deployment (a rollback to a running revision) start the watch at once.
    if (this.link.reachedRunning(deployment.id)) this.watch(service, deployment.id);
  }

  /** ecs-facts S-089: watching starts once any task of the deployment is RUNNING; an alarm in ALARM then fails it. */
  watch(service: Service, deploymentId: string): void {
    const watch = this.watches.get(deploymentId);
    if (watch === undefined || watch.ignored || watch.watching) return;
    watch.watching = true;
    this.sim.trace.emit('ecs', 'deploymentAlarmsWatched', { service: service.serviceName, deployment: deploymentId });
    const alarms = this.alarmsOf(service);
    const firing = alarms?.alarmNames.filter((n) => this.cloudWatch?.stateOf(n) === 'ALARM') ?? [];
    const deployment = service.primary;
    if (firing.length > 0 && deployment?.id === deploymentId) this.failByAlarm(service, deployment, firing);
  }

  private alarmChanged(name: string, state: DeploymentAlarmState): void {
    if (state !== 'ALARM') return;
    for (const service of this.link.services.values()) {
      const alarms = this.alarmsOf(service);
      const deployment = service.primary;
      if (alarms === undefined || deployment === undefined || !alarms.alarmNames.includes(name)) continue;
      const watch = this.watches.get(deployment.id);
      if (this.sim.decisions.on) {
        const verdict = watch === undefined ? 'not watched' : watch.ignored ? 'ignored: in ALARM when the deployment started' : !watch.watching ? 'not watched yet' : alarms.rollback ? 'failed, roll back' : 'failed';
        this.sim.decisions.record('deploymentAlarm', { service: service.serviceName, deployment: deployment.id, alarm: name, state, verdict });
      }
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
    if (!this.link.alarmStopped(service, alarmNames)) this.link.event(service, alarmMessages.deploymentFailed(service.serviceName, deployment.id));
    this.sim.trace.emit('ecs', 'deploymentFailed', { service: service.serviceName, deployment: deployment.id, alarms: alarmNames.join(',') });
    this.observers.deploymentChanged(service, deployment, 'failed', { reason: deployment.rolloutStateReason });
    this.link.failed(service, deployment, alarms.rollback);
    this.link.poke(service);
  }

  /**
   * ecs-facts S-089: a deployment whose alarms are watched stays IN_PROGRESS for the bake
   * time after it would otherwise complete. Whether the bake is over (true when no watch).
   */
  bakeDone(service: Service, deployment: Deployment): boolean {
    const watch = this.watches.get(deployment.id);
    const alarms = this.alarmsOf(service);
    if (watch === undefined || watch.ignored || alarms === undefined) return true;
    if (watch.bakeUntilMs === undefined) {
      const bakeMs = alarmBakeTimeMs(alarms.alarmNames, this.cloudWatch);
      watch.bakeUntilMs = this.sim.now + bakeMs;
      this.sim.trace.emit('ecs', 'deploymentAlarmBake', { service: service.serviceName, deployment: deployment.id, bakeMs });
      // The alarms' bake time is the deployment's BAKE_TIME stage (ecs-facts S-089, S-104), for observers.
      this.observers.deploymentLifecycle(service, deployment, 'BAKE_TIME');
    }
    if (this.sim.now >= watch.bakeUntilMs) return true;
    this.link.poke(service, watch.bakeUntilMs - this.sim.now);
    return false;
  }
}
