import { TaskServers } from './network/servers.js';
import { Network } from '../traffic/http.js';
import { makeDistribution, type Distribution } from '../engine/distributions.js';
import type { Simulation } from '../engine/simulation.js';
import { Agent } from './capacity/agent.js';
import { ContainerInstance } from './capacity/container-instance.js';
import { AutoScalingGroup } from './capacity/auto-scaling-group.js';
import { Fargate } from './capacity/fargate.js';
import { cannotPullText, ImagePuller, type PullEnvironment } from './capacity/image-puller.js';
import { DEFAULT_RESERVED_PORTS, maxAwsvpcTasks, registeredMemoryMiB, resolveInstanceType } from './capacity/instance-types.js';
import type { EcsConfig, Latencies, TimelineAction } from './config.js';
import { ControlPlane } from './control-plane.js';
import { pickDeploymentOptions } from './service/deployment-strategy.js';
import { codeDeployMessages } from './service/codedeploy.js';
import { interruptFargateSpot, interruptSpotInstance } from './capacity/spot-interruptions.js';
import { PlacementRegistry } from './placement/registry.js';
import { checkInvariants } from './invariants.js';
import { buildEcsResult, describeServices, type DescribeServicesSnapshot, type EcsResult } from './result.js';

/**
 * The ECS model: builds the control plane, the instances with their agents and Fargate
 * from a config, and plays the timeline. Everything happens on the given simulation.
 */
export interface EcsModelOptions {
  /** Placement plug-ins by name; ECS's built-ins when absent. */
  readonly placementRegistry?: PlacementRegistry | undefined;
  /** Keep every placement decision with each instance's verdict and ranks (for `explain`). */
  readonly explainPlacement?: boolean | undefined;
  /** The VPC network shared with the load balancers; a private one when absent. */
  readonly network?: Network | undefined;
}

export class EcsModel {
  readonly controlPlane: ControlPlane;
  /** Instances by scenario reference (`<group>/<index>`), in launch order. */
  readonly instancesByRef = new Map<string, ContainerInstance>();
  /** Auto Scaling groups by instance-group name, for groups that have one. */
  readonly autoScalingGroups = new Map<string, AutoScalingGroup>();
  readonly actionLog: { readonly t: number; readonly action: string; readonly outcome: string }[] = [];
  readonly pullLog = { pulls: 0, cacheHits: 0, totalPullMs: 0 };
  private readonly latency: Record<keyof Latencies, Distribution>;
  private pullFailureUntilMs = -1;
  private pullFailureImage: string | undefined;
  private readonly pullers = new Map<string, ImagePuller>();
  readonly violations: string[] = [];
  /** `describe-services` at each of `config.describeServicesAtMs`, as taken. */
  readonly serviceSnapshots: DescribeServicesSnapshot[] = [];
  /** Containers' request servers, listening on the VPC's network. */
  readonly servers: TaskServers;

  constructor(
    private readonly sim: Simulation,
    private readonly config: EcsConfig,
    options: EcsModelOptions = {},
  ) {
    this.latency = Object.fromEntries(Object.entries(config.latencies).map(([k, spec]) => [k, makeDistribution(spec)])) as Record<keyof Latencies, Distribution>;
    const clusterArn = `arn:aws:ecs:${config.region}:${config.accountId}:cluster/${config.clusterName}`;
    const env: PullEnvironment = { imageSizeMB: (image) => this.imageSizeMB(image), pullFailure: (image) => this.pullFailure(image) };
    const fargate =
      config.fargate === undefined
        ? undefined
        : new Fargate(
            sim,
            sim.rng('ecs/fargate'),
            config.fargate,
            env,
            {
              provisioning: this.latency.fargateProvisioning,
              deprovisioning: this.latency.fargateDeprovisioning,
              message: this.latency.agentMessage,
              pullOverhead: this.latency.pullOverhead,
              secretsFetch: this.latency.secretsFetch,
              containerStart: this.latency.containerStart,
            },
            new Set(config.failingSecrets),
            config.region,
            { fargateTaskStateChanged: (report) => this.controlPlane.fargateTaskStateChanged(report) },
            (image, ms) => this.pulled('fargate', image, ms, false, undefined),
          );
    const placement = { registry: options.placementRegistry ?? PlacementRegistry.withBuiltins(), explain: options.explainPlacement ?? false };
    this.controlPlane = new ControlPlane(sim, sim.rng('ecs/ids'), clusterArn, config.region, config.accountId, fargate, placement, {
      hostTermination: this.latency.hostTerminationDetection,
      agentDisconnect: this.latency.agentDisconnectDetection,
      serviceScheduler: this.latency.serviceScheduler,
      rng: sim.rng('ecs/control-plane'),
    });
    // ecs-facts A-028, A-029: declared providers, and Fargate's Spot notices to the control plane.
    for (const p of config.capacityProviders ?? []) this.controlPlane.capacityProviders.define(p);
    if (fargate !== undefined) fargate.spotLink = this.controlPlane;
    this.servers = new TaskServers(sim, options.network ?? new Network(), (taskArn) => this.controlPlane.endpointsOf(taskArn));
    if (fargate !== undefined) fargate.servers = this.servers;
    for (const { definition, behaviour } of config.taskDefinitions) this.controlPlane.register(definition, behaviour);
    if (config.lambdaFunctions !== undefined) this.controlPlane.scheduler.lambdaFunctions = config.lambdaFunctions;
    if (config.codeDeploy !== undefined) this.controlPlane.scheduler.codeDeploy = config.codeDeploy;
    this.controlPlane.scheduler.clusterName = config.clusterName;
    config.instanceGroups.forEach((group, g) => {
      const asgSettings = group.autoScalingGroup;
      if (asgSettings !== undefined) {
        // An Auto Scaling group owns these instances (capacity/auto-scaling-group.ts).
        const name = group.name ?? `group-${g}`;
        const asg = new AutoScalingGroup(sim, name, asgSettings, group.count, { launch: (i) => this.launch(name, i, g), terminate: (instance) => this.controlPlane.terminateInstance(instance) });
        this.autoScalingGroups.set(name, asg);
        sim.at(group.launchAtMs, () => asg.start());
        return;
      }
      for (let i = 0; i < group.count; i += 1) {
        sim.at(group.launchAtMs, () => this.launch(group.name ?? `group-${g}`, i, g));
      }
    });
    for (const action of config.timeline) {
      // A service's probes exist from the start, so `throughout` expectations can name them.
      if (action.kind === 'createService') {
        sim.probe(`ecs.services.${action.service.serviceName}.runningCount`);
        sim.probe(`ecs.services.${action.service.serviceName}.desiredCount`);
        sim.probe(`ecs.services.${action.service.serviceName}.healthyCount`);
        sim.probe(`ecs.services.${action.service.serviceName}.deploymentHealthyShortfall`);
      }
      sim.at(action.atMs, () => this.apply(action));
    }
    for (const atMs of config.describeServicesAtMs ?? []) sim.at(atMs, () => this.snapshotServices());
  }

  /**
   * Records describe-services after everything that happens at this instant: while other
   * events at this time are queued (ones scheduled during it too), it re-queues itself
   * behind them. It only reads and writes no trace record, and its timers sort after every
   * other timer at the same time, so no other actor's order or random draws change.
   */
  private snapshotServices(): void {
    if (this.sim.peekTime() === this.sim.now) {
      this.sim.at(this.sim.now, () => this.snapshotServices());
      return;
    }
    // A deep copy: the live services keep changing after this instant.
    this.serviceSnapshots.push({ at: this.sim.now, services: structuredClone(describeServices(this.controlPlane)) });
  }

  private launch(groupName: string, index: number, g: number): ContainerInstance | undefined {
    const group = this.config.instanceGroups[g];
    if (group === undefined) return undefined;
    const sim = this.sim;
    const ids = sim.rng('ecs/ids');
    const type = resolveInstanceType(group.instanceType, this.config.customInstanceTypes);
    const az = group.availabilityZones[index % group.availabilityZones.length] ?? 'us-east-1a';
    const id = this.controlPlane.newId();
    const ec2InstanceId = group.launchType === 'EXTERNAL' ? `mi-${hex(ids, 17)}` : `i-${hex(ids, 17)}`;
    const arn = `arn:aws:ecs:${this.config.region}:${this.config.accountId}:container-instance/${this.config.clusterName}/${id}`;
    const arch = type.cpuArchitecture;
    const attributes: Record<string, string> = {
      // ecs-facts T-083: built-in attributes.
      'ecs.instance-type': type.name,
      'ecs.availability-zone': az,
      'ecs.os-type': group.osType,
      'ecs.os-family': group.osType === 'windows' ? 'WINDOWS_SERVER_2022_FULL' : 'LINUX',
      'ecs.cpu-architecture': arch,
      'ecs.ami-id': 'ami-0ecs0sim0000000000',
      ...(group.launchType === 'EXTERNAL' ? { 'ecs.capability.external': '' } : {}),
      ...group.attributes,
    };
    const registered = {
      // ecs-facts T-068: CPU = vCPUs × 1024; MEMORY = MemTotal − ECS_RESERVED_MEMORY.
      cpu: type.vcpus * 1024,
      memory: registeredMemoryMiB(type, { reservedMemoryMiB: group.reservedMemoryMiB, os: group.osType }),
      // ecs-facts T-081, T-104: EXTERNAL instances do not support awsvpc.
      eni: group.launchType === 'EXTERNAL' ? 0 : maxAwsvpcTasks(type, { trunking: group.awsvpcTrunking }),
    };
    const instance = new ContainerInstance(arn, ec2InstanceId, type.name, az, group.launchType, registered, DEFAULT_RESERVED_PORTS[group.osType], attributes);
    instance.privateIpAddress = this.controlPlane.addresses.next(az);
    instance.launchedAtMs = sim.now;
    if (group.spot === true) instance.instanceLifecycle = 'spot';
    const ref = `${groupName}/${index}`;
    this.instancesByRef.set(ref, instance);
    const rng = sim.rng(`ecs/instance/${ref}`);
    const puller = new ImagePuller(
      sim,
      rng,
      { imageSizeMB: (image) => this.imageSizeMB(image), pullFailure: (image) => this.pullFailure(image) },
      this.latency.pullOverhead,
      group.pullBandwidthMBps,
      group.imagePullBehavior,
      true,
      (image, ms, fromCache, error, skipped) => this.pulled(ec2InstanceId, image, ms, fromCache, error, skipped),
    );
    this.pullers.set(ref, puller);
    const agent = new Agent(
      sim,
      instance,
      this.controlPlane,
      puller,
      rng,
      this.latency.agentMessage,
      { eniAttach: this.latency.eniAttach, eniDetach: this.latency.eniDetach, secretsFetch: this.latency.secretsFetch, containerStart: this.latency.containerStart },
      new Set(this.config.failingSecrets),
      this.config.region,
    );
    agent.servers = this.servers;
    agent.spotInstanceDraining = group.spotInstanceDraining ?? false;
    this.controlPlane.capacityProviders.instanceLaunched(groupName, instance);
    this.controlPlane.attachAgent(instance, agent);
    sim.trace.emit('ecs', 'instanceLaunched', { instance: ec2InstanceId, ref, instanceType: type.name, availabilityZone: az });
    agent.boot(this.latency.instanceBoot.sampleMs(rng) + this.latency.agentRegistration.sampleMs(rng));
    return instance;
  }

  private imageSizeMB(image: string): number {
    return this.config.images[image]?.sizeMB ?? this.config.defaultImageSizeMB;
  }

  private pullFailure(image: string): string | undefined {
    if (this.sim.now >= this.pullFailureUntilMs) return undefined;
    if (this.pullFailureImage !== undefined && this.pullFailureImage !== image) return undefined;
    return cannotPullText(image);
  }

  private pulled(host: string, image: string, ms: number, fromCache: boolean, error: string | undefined, skipped = false): void {
    if (!skipped) this.pullLog.pulls += 1;
    if (fromCache) this.pullLog.cacheHits += 1;
    this.pullLog.totalPullMs += ms;
    this.sim.trace.emit('agent', 'imagePulled', { host, image, ms, fromCache, ...(error === undefined ? {} : { error }) });
  }

  private apply(action: TimelineAction): void {
    const log = (outcome: string): void => {
      this.actionLog.push({ t: this.sim.now, action: action.kind, outcome });
      this.sim.trace.emit('scenario', action.kind, { outcome });
    };
    const cp = this.controlPlane;
    switch (action.kind) {
      case 'runTask': {
        const r = cp.runTask(action.runTask);
        const failures = r.failures.map((f) => f.reason).join(', ');
        log(r.exception ?? `${r.tasks.length} of ${action.runTask.count} tasks placed (${r.label})${failures === '' ? '' : `; failures: ${failures}`}`);
        return;
      }
      case 'stopTask': {
        const stopped = (cp.tasksByLabel.get(action.label) ?? []).filter((t) => cp.stopTask(t.taskArn, action.reason));
        log(`${stopped.length} tasks of ${action.label} asked to stop`);
        return;
      }
      case 'killTask': {
        let killed = 0;
        for (const t of cp.tasksByLabel.get(action.label) ?? []) {
          if (t.lastStatus === 'STOPPED') continue;
          const ok = t.launchType === 'FARGATE' ? cp.fargate?.killContainer(t.taskArn, action.exitCode) === true : this.agentOf(t.containerInstanceArn)?.runners.get(t.taskArn)?.killContainer(undefined, action.exitCode) === true;
          if (ok) killed += 1;
        }
        log(`${killed} tasks of ${action.label} had their essential container killed (exit ${action.exitCode})`);
        return;
      }
      case 'terminateInstance':
      case 'disconnectAgent':
      case 'reconnectAgent': {
        const instance = this.instancesByRef.get(action.instance);
        if (instance === undefined) {
          log(`no instance ${action.instance} (instances: ${[...this.instancesByRef.keys()].join(', ') || 'none launched yet'})`);
          return;
        }
        if (action.kind === 'terminateInstance') cp.terminateInstance(instance);
        else if (action.kind === 'disconnectAgent') cp.disconnectAgent(instance);
        else cp.reconnectAgent(instance);
        log(`${action.kind} ${action.instance} (${instance.ec2InstanceId})`);
        return;
      }
      case 'loseAvailabilityZone': {
        const lost = [...this.instancesByRef.values()].filter((i) => i.availabilityZone === action.availabilityZone);
        for (const i of lost) cp.terminateInstance(i);
        // Not an ECS text: ECS documents no message for a lost AZ (see the issue note).
        cp.fargate?.loseAvailabilityZone(action.availabilityZone, 'InfrastructureHealth', `Availability Zone ${action.availabilityZone} is unavailable (ecs-sim fault)`);
        log(`${action.availabilityZone} lost: ${lost.length} instances terminated`);
        return;
      }
      case 'updateContainerInstancesState': {
        const instance = this.instancesByRef.get(action.instance);
        log(instance === undefined ? `no instance ${action.instance}` : cp.setInstanceState(instance, action.status));
        return;
      }
      case 'createService': {
        const s = action.service;
        const registered = cp.resolve(s.taskDefinition);
        if (registered === undefined) {
          log(`ClientException: TaskDefinition not found: ${s.taskDefinition}`);
          return;
        }
        const existing = cp.scheduler.services.get(s.serviceName);
        if (existing?.status === 'ACTIVE') {
          // ecs-facts S-040.
          log(`InvalidParameterException: Creation of service was not idempotent.`);
          return;
        }
        if (existing?.status === 'DRAINING') {
          // Seen in real ECS output (ewilde/faas-fargate#13, spinnaker/spinnaker#5476).
          log('InvalidParameterException: Unable to Start a service that is still Draining.');
          return;
        }
        cp.scheduler.create({ ...s, taskDefinition: registered.definition });
        log(`service ${s.serviceName} created with desiredCount ${s.desiredCount}`);
        return;
      }
      case 'updateService':
      case 'deleteService': {
        const service = cp.scheduler.services.get(action.service);
        if (service === undefined || service.status === 'INACTIVE') {
          log(`ServiceNotFoundException: Service not found.`);
          return;
        }
        if (action.kind === 'deleteService') {
          // ecs-facts S-040: a REPLICA service must be scaled to zero first, unless forced.
          if (!action.force && service.spec.schedulingStrategy === 'REPLICA' && service.desiredCount > 0) {
            log('InvalidParameterException: The service cannot be stopped while it is scaled above 0.');
            return;
          }
          cp.scheduler.delete(service);
          log(`service ${action.service} set to DRAINING`);
          return;
        }
        const registered = action.taskDefinition === undefined ? undefined : cp.resolve(action.taskDefinition);
        if (action.taskDefinition !== undefined && registered === undefined) {
          log(`ClientException: TaskDefinition not found: ${action.taskDefinition}`);
          return;
        }
        // ecs-facts S-096: under CODE_DEPLOY a new task definition (or a forced deployment) needs CodeDeploy; the whole call is refused.
        if (service.spec.deploymentController?.type === 'CODE_DEPLOY') {
          if (registered !== undefined && registered.definition.taskDefinitionArn !== service.spec.taskDefinition.taskDefinitionArn) {
            log(codeDeployMessages.taskDefinitionRefused());
            return;
          }
          if (action.forceNewDeployment === true) {
            log(codeDeployMessages.forceNewDeploymentRefused());
            return;
          }
        }
        if (action.desiredCount !== undefined) cp.scheduler.setDesiredCount(service, action.desiredCount);
        // ecs-facts S-073: only a new task definition or forceNewDeployment starts a deployment.
        const others = {
          ...(registered === undefined ? {} : { taskDefinition: registered.definition }),
          ...(action.forceNewDeployment === undefined ? {} : { forceNewDeployment: action.forceNewDeployment }),
          ...(action.minimumHealthyPercent === undefined ? {} : { minimumHealthyPercent: action.minimumHealthyPercent }),
          ...(action.maximumPercent === undefined ? {} : { maximumPercent: action.maximumPercent }),
          ...(action.deploymentCircuitBreaker === undefined ? {} : { deploymentCircuitBreaker: action.deploymentCircuitBreaker }),
          ...(action.availabilityZoneRebalancing === undefined ? {} : { availabilityZoneRebalancing: action.availabilityZoneRebalancing }),
          // ecs-facts S-120, S-073: the new strategy applies to the tasks started from now on; no deployment.
          ...(action.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: action.capacityProviderStrategy }),
          ...pickDeploymentOptions(action),
        };
        const deployment = Object.keys(others).length === 0 ? undefined : cp.scheduler.update(service, others);
        log(`service ${action.service} updated${action.desiredCount === undefined ? '' : `: desiredCount ${action.desiredCount}`}${deployment === undefined ? '' : `; deployment ${deployment} started`}`);
        return;
      }
      case 'interruptFargateSpot': {
        log(interruptFargateSpot(this.sim, cp, action));
        return;
      }
      case 'interruptSpotInstance': {
        const instance = this.instancesByRef.get(action.instance);
        log(instance === undefined ? `no instance ${action.instance}` : interruptSpotInstance(this.sim, cp, instance, this.agentOf(instance.containerInstanceArn)));
        return;
      }
      case 'continueServiceDeployment': {
        const service = cp.scheduler.services.get(action.service);
        log(service === undefined ? 'ServiceNotFoundException: Service not found.' : cp.scheduler.continueDeployment(service, action));
        return;
      }
      case 'createDeployment': {
        // CodeDeploy's CreateDeployment (ecs-facts S-090 to S-097): the AppSpec's task definition, resolved.
        const registered = cp.resolve(action.request.revision.taskDefinition);
        if (registered === undefined) {
          log(`InvalidRevisionException: TaskDefinition not found: ${action.request.revision.taskDefinition}`);
          return;
        }
        const outcome = cp.scheduler.createCodeDeployment(action.request, registered.definition);
        log(outcome.startsWith('d-') ? `CodeDeploy deployment ${outcome} created for ${action.request.applicationName}/${action.request.deploymentGroupName}` : outcome);
        return;
      }
      case 'failImagePulls': {
        this.pullFailureUntilMs = this.sim.now + action.forMs;
        this.pullFailureImage = action.image;
        log(`image pulls${action.image === undefined ? '' : ` of ${action.image}`} fail until ${this.pullFailureUntilMs} ms`);
        return;
      }
    }
  }

  private agentOf(containerInstanceArn: string | undefined): Agent | undefined {
    return containerInstanceArn === undefined ? undefined : this.controlPlane.agents.get(containerInstanceArn);
  }

  /** Checks the invariants now, recording any violation once. */
  check(): void {
    for (const v of checkInvariants(this.controlPlane)) {
      if (this.seenViolations.has(v)) continue;
      this.seenViolations.add(v);
      this.violations.push(`t=${this.sim.now} ms: ${v}`);
    }
  }

  private readonly seenViolations = new Set<string>();

  result(): EcsResult {
    return buildEcsResult(this);
  }
}

function hex(rng: { next(): number }, digits: number): string {
  let out = '';
  while (out.length < digits) out += Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return out.slice(0, digits);
}
