import type { Simulation } from '../../engine/simulation.js';
import type { DeploymentCircuitBreaker } from '../config.js';
import type { EcsObservers } from '../observers.js';
import type { TaskDefinition } from '../task-definition/types.js';
import type { AlarmWatcher } from './alarm-watcher.js';
import type { BlueGreenEngine } from './blue-green-engine.js';
import { isBlueGreenFamily, type DeploymentOptions } from './deployment-strategy.js';
import type { DeploymentTracker } from './deployments.js';
import { Service, type ServiceSpec } from './service.js';

/**
 * The service API verbs: CreateService, UpdateService and DeleteService (ecs-facts S-038
 * to S-040, S-073, S-120, S-126). Each changes a service's desired state (its spec, desired
 * count, deployments, status) and asks the scheduler to reconcile; the reconciliation
 * itself is the scheduler's (scheduler.ts). ContinueServiceDeployment and CodeDeploy's
 * CreateDeployment belong to the blue/green engine (blue-green-engine.ts).
 */

/** UpdateService's fields beyond desiredCount (ecs-facts S-120), the task definition resolved. */
export interface ServiceUpdate extends DeploymentOptions {
  readonly taskDefinition?: TaskDefinition;
  readonly forceNewDeployment?: boolean;
  readonly minimumHealthyPercent?: number;
  readonly maximumPercent?: number;
  readonly deploymentCircuitBreaker?: DeploymentCircuitBreaker;
  readonly availabilityZoneRebalancing?: 'ENABLED' | 'DISABLED';
}

/** What the API verbs need of the scheduler: its services, ARN parts, deployment parts and its reconciliation. */
export interface ServiceApiLink {
  readonly services: Map<string, Service>;
  /** `arn:aws:ecs:<region>:<account>`. */
  readonly arnPrefix: string;
  /** The cluster's name, for the service's long ARN. */
  readonly clusterName: string;
  readonly deployments: DeploymentTracker;
  readonly alarms: AlarmWatcher;
  readonly blueGreen: BlueGreenEngine;
  /** Reconciles the service soon. */
  poke(service: Service): void;
}

export class ServiceApi {
  constructor(
    private readonly sim: Simulation,
    private readonly observers: EcsObservers,
    private readonly link: ServiceApiLink,
  ) {}

  /** CreateService: the service and its PRIMARY deployment (ecs-facts S-126). */
  create(spec: ServiceSpec): Service {
    const { deployments, alarms, blueGreen } = this.link;
    // The long ARN format, with the cluster's name (the default for accounts since 2021).
    const service = new Service(`${this.link.arnPrefix}:service/${this.link.clusterName}/${spec.serviceName}`, spec, this.sim.now);
    const first = deployments.newDeployment(spec.taskDefinition, spec.desiredCount, false);
    service.deployments.push(first);
    this.link.services.set(spec.serviceName, service);
    // ecs-facts S-090: a CODE_DEPLOY service starts with one task set, PRIMARY at 100 %.
    if (spec.deploymentController?.type === 'CODE_DEPLOY') blueGreen.addTaskSet(service, first, 'PRIMARY', 100, undefined, (spec.loadBalancers ?? []).map((lb) => lb.targetGroupArn));
    alarms.start(service, first);
    this.observers.deploymentChanged(service, first, 'started');
    this.sim.probe(`ecs.services.${spec.serviceName}.desiredCount`).set(spec.desiredCount);
    this.sim.trace.emit('ecs', 'createService', { service: spec.serviceName, desiredCount: spec.desiredCount });
    this.link.poke(service);
    return service;
  }

  /** UpdateService's desiredCount, which starts no deployment (ecs-facts S-038). */
  setDesiredCount(service: Service, desiredCount: number): void {
    service.desiredCount = desiredCount;
    this.sim.probe(`ecs.services.${service.serviceName}.desiredCount`).set(desiredCount);
    this.sim.trace.emit('ecs', 'updateService', { service: service.serviceName, desiredCount });
    this.link.poke(service);
  }

  /**
   * UpdateService's other fields. A new task definition or forceNewDeployment starts a
   * deployment (ecs-facts S-073, S-074): a new PRIMARY, the old one ACTIVE until its tasks
   * are replaced. deploymentConfiguration and availabilityZoneRebalancing start none.
   * @returns the id of the deployment started, if any.
   */
  update(service: Service, change: ServiceUpdate): string | undefined {
    const { deployments, alarms, blueGreen } = this.link;
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
      const deployment = deployments.newDeployment(definition, service.desiredCount, true);
      service.deployments.push(deployment);
      started = deployment.id;
      alarms.start(service, deployment);
      const blue = blueGreen.blueOf(service) ?? current;
      // ecs-facts S-041: a new task definition resets the throttle.
      if (changed) {
        service.consecutiveStartFailures = 0;
        service.throttledUntilMs = 0;
      }
      service.blockedNoticed = false;
      this.sim.trace.emit('ecs', 'deploymentStarted', { service: service.serviceName, deployment: deployment.id, taskDefinition: definition.taskDefinitionArn });
      this.observers.deploymentChanged(service, deployment, 'started');
      // ecs-facts S-098: the blue/green family runs its lifecycle (S-104); blue is what serves production now.
      if (isBlueGreenFamily(service.spec.strategy) && service.spec.schedulingStrategy === 'REPLICA' && blue !== undefined) blueGreen.startBlueGreen(service, deployment, blue);
      else blueGreen.endBlueGreen(service);
    }
    this.link.poke(service);
    return started;
  }

  /** DeleteService (ecs-facts S-039, S-040): DRAINING until its tasks are gone, then INACTIVE. */
  delete(service: Service): void {
    this.link.blueGreen.endBlueGreen(service);
    service.status = 'DRAINING';
    service.desiredCount = 0;
    this.sim.trace.emit('ecs', 'deleteService', { service: service.serviceName });
    this.link.poke(service);
  }
}
