import type { RandomStream } from '../../engine/random.js';
import type { Probe } from '../../engine/probe.js';
import type { Simulation } from '../../engine/simulation.js';
import type { EcsObservers } from '../observers.js';
import type { TaskDefinition } from '../task-definition/types.js';
import type { TaskRecord } from '../task/task-record.js';
import type { Registered } from '../types.js';
import { alarmMessages } from './deployment-alarms.js';
import { serviceMessages, type Deployment, type Service } from './service.js';
import { deploymentId, newDeployment } from './service-tasks.js';

/**
 * A service's deployments over time (ecs-facts S-063 to S-077, S-086, S-087): new ones,
 * rollbacks, older ones going INACTIVE and the PRIMARY COMPLETED, and the counts each
 * deployment and the service's probes show.
 */

/** What the deployment tracker asks of the scheduler. */
export interface DeploymentTrackerLink {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  resolve(reference: string): Registered | undefined;
  event(service: Service, message: string): void;
  healthy(t: TaskRecord, service: Service): boolean;
  /** How many tasks a DAEMON service wants: its eligible instances. */
  daemonCount(service: Service): number;
  resetOnHealthy(service: Service): void;
  startAlarmWatch(service: Service, deployment: Deployment): void;
  /** Whether the deployment's alarm bake time is over (S-089). */
  bakeDone(service: Service, deployment: Deployment): boolean;
}

type ServiceProbe = 'runningCount' | 'healthyCount' | 'deploymentHealthyShortfall';

export class DeploymentTracker {
  /** Tasks the observers have been told are healthy (only kept when there are observers). */
  private readonly seenHealthyByObservers = new Set<string>();
  /** Per deployment of the service being counted: wanted, running, pending (reused by every count). */
  private readonly countsScratch: number[] = [];
  /** Each service's probes, looked up once each (every reconciliation sets them). */
  private readonly probes = new Map<Service, Partial<Record<ServiceProbe, Probe>>>();

  constructor(
    private readonly sim: Simulation,
    private readonly ids: RandomStream,
    private readonly observers: EcsObservers,
    private readonly link: DeploymentTrackerLink,
  ) {}

  newDeployment(definition: TaskDefinition, desiredCount: number, fromUpdate: boolean): Deployment {
    return newDeployment(deploymentId(this.ids), definition, desiredCount, fromUpdate, this.sim.now);
  }

  taskStopped(taskArn: string): void {
    this.seenHealthyByObservers.delete(taskArn);
  }

  /**
   * ecs-facts S-086, S-087: a *new* PRIMARY deployment to the last COMPLETED deployment's
   * task definition; the failed one becomes ACTIVE and is replaced like any old deployment.
   * With no COMPLETED deployment there is nothing to roll back to: the FAILED one stays.
   */
  rollBack(service: Service, failed: Deployment, by: 'breaker' | 'alarms'): void {
    const target = [...service.deployments].reverse().find((d) => d !== failed && d.rolloutState === 'COMPLETED');
    const registered = target === undefined ? undefined : this.link.resolve(target.taskDefinition);
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
    this.link.event(service, serviceMessages.rollingBack(service.serviceName, target.id));
    this.sim.trace.emit('ecs', 'deploymentStarted', { service: service.serviceName, deployment: deployment.id, taskDefinition: registered.definition.taskDefinitionArn, rollbackTo: target.id });
    this.observers.deploymentChanged(service, deployment, 'started', { rollbackTo: target.id });
    this.link.startAlarmWatch(service, deployment);
  }

  /**
   * An older deployment with no task left becomes INACTIVE (ecs-facts S-075); once none is
   * left and the service is steady, the PRIMARY is COMPLETED (S-076, S-077), and one that
   * UpdateService started says so before the steady-state event (S-063, S-066).
   */
  settle(service: Service, steady: boolean): void {
    // Which deployments still own tasks matters only to an ACTIVE one (usually there is none).
    let owners: Set<string | undefined> | undefined;
    for (const d of service.deployments) {
      if (d.status !== 'ACTIVE') continue;
      if (owners === undefined) {
        owners = new Set<string | undefined>();
        for (const t of service.liveRecords.values()) if (t.lastStatus !== 'STOPPED') owners.add(t.startedBy);
      }
      if (owners.has(d.id)) continue;
      d.status = 'INACTIVE';
      d.updatedAt = this.sim.now;
      this.sim.trace.emit('ecs', 'deploymentInactive', { service: service.serviceName, deployment: d.id });
      this.observers.deploymentChanged(service, d, 'inactive');
    }
    const primary = service.primary;
    if (primary === undefined || primary.rolloutState !== 'IN_PROGRESS' || !steady || service.deployments.some((d) => d.status === 'ACTIVE')) return;
    if (!this.link.bakeDone(service, primary)) return;
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = serviceMessages.rolloutCompleted(primary.id);
    primary.updatedAt = this.sim.now;
    if (primary.fromUpdate) this.link.event(service, serviceMessages.deploymentCompleted(service.serviceName, primary.id));
    this.observers.deploymentChanged(service, primary, 'completed');
  }

  /**
   * Counts per deployment, each from its own tasks (ecs-facts S-075), and the service's probes.
   * @returns how many of the service's tasks are healthy (S-045), as the healthyCount probe now says.
   */
  updateCounts(service: Service): number {
    // One pass over the service's tasks counts the service and each deployment (taskCounts'
    // definition, ecs-facts S-038), instead of one pass for the service and one per deployment.
    const deployments = service.deployments;
    const own = this.countsScratch;
    own.length = 0;
    for (let j = 0; j < deployments.length; j += 1) own.push(0, 0, 0);
    let runningCount = 0;
    let pendingCount = 0;
    for (const t of service.liveRecords.values()) {
      const wanted = t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED' ? 1 : 0;
      const running = t.lastStatus === 'RUNNING' ? 1 : 0;
      const pending = running === 0 && (t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING') ? 1 : 0;
      runningCount += running;
      pendingCount += pending;
      if (t.startedBy === undefined) continue;
      for (let j = 0; j < deployments.length; j += 1) {
        if ((deployments[j] as Deployment).id !== t.startedBy) continue;
        own[3 * j] = (own[3 * j] as number) + wanted;
        own[3 * j + 1] = (own[3 * j + 1] as number) + running;
        own[3 * j + 2] = (own[3 * j + 2] as number) + pending;
      }
    }
    const primary = service.primary;
    for (let j = 0; j < deployments.length; j += 1) {
      const d = deployments[j] as Deployment;
      if (d.status === 'INACTIVE') continue;
      const ownWanted = own[3 * j] as number;
      const ownRunning = own[3 * j + 1] as number;
      const ownPending = own[3 * j + 2] as number;
      const desiredCount =
        d !== primary ? ownWanted : service.status === 'DRAINING' ? 0 : service.spec.schedulingStrategy === 'DAEMON' ? this.link.daemonCount(service) : service.desiredCount;
      // updatedAt moves when the deployment changes, not at every look the scheduler takes.
      if (desiredCount === d.desiredCount && ownRunning === d.runningCount && ownPending === d.pendingCount) continue;
      d.desiredCount = desiredCount;
      d.runningCount = ownRunning;
      d.pendingCount = ownPending;
      d.updatedAt = this.sim.now;
    }
    this.link.resetOnHealthy(service);
    this.probe(service, 'runningCount').set(runningCount);
    // Healthy in S-045's sense, as of the last reconciliation (so never ahead of the truth).
    let healthy = 0;
    for (const t of service.liveRecords.values()) {
      if (!this.link.healthy(t, service)) continue;
      healthy += 1;
      if (this.observers.any && !this.seenHealthyByObservers.has(t.taskArn)) {
        this.seenHealthyByObservers.add(t.taskArn);
        this.observers.taskHealthy(service, t);
      }
    }
    this.probe(service, 'healthyCount').set(healthy);
    if (this.observers.any) this.observers.serviceRecounted(service, { desiredCount: primary?.desiredCount ?? service.desiredCount, runningCount, pendingCount, healthyCount: healthy });
    // How far healthy tasks are below the desired count while an UpdateService deployment is in progress (0 otherwise), for `throughout` floors.
    const deploying = primary?.fromUpdate === true && primary.rolloutState === 'IN_PROGRESS';
    this.probe(service, 'deploymentHealthyShortfall').set(deploying ? Math.max(0, service.desiredCount - healthy) : 0);
    return healthy;
  }

  /** `ecs.services.<name>.<what>`, made on first use as before, then kept (no name built per reconciliation). */
  private probe(service: Service, what: ServiceProbe): Probe {
    let mine = this.probes.get(service);
    if (mine === undefined) {
      mine = {};
      this.probes.set(service, mine);
    }
    return (mine[what] ??= this.sim.probe(`ecs.services.${service.serviceName}.${what}`));
  }
}
