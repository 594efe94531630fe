import { TaskServers } from './network/servers.js';
import { Network } from '../traffic/http.js';
import { makeDistribution, type Distribution } from '../engine/distributions.js';
import type { Simulation } from '../engine/simulation.js';
import { Agent } from './capacity/agent.js';
import { ContainerInstance } from './capacity/container-instance.js';
import { AutoScalingGroup, type ClusterRoom } from './capacity/auto-scaling-group.js';
import { DEFAULT_SERVICE_QUOTAS, raiseHint } from './service-quotas.js';
import { Fargate } from './capacity/fargate.js';
import { cannotPullText, ImagePuller, type PullEnvironment } from './capacity/image-puller.js';
import { DEFAULT_RESERVED_PORTS, maxAwsvpcTasks, registeredMemoryMiB, resolveInstanceType } from './capacity/instance-types.js';
import type { EcsConfig, Latencies, TimelineAction } from './config.js';
import { ControlPlane } from './control-plane.js';
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
  /**
   * What each timeline action does, by its kind: the timeline verbs (ecs-sim's
   * `timelineVerbs`, src/scenario/timeline/). Needed when the config has a timeline.
   */
  readonly verbs?: TimelineVerbs | undefined;
}

/** A timeline verb's action on the model, by the action's kind. */
export interface TimelineVerbAction {
  /** When the action is scheduled, before the run. */
  prepare?(model: EcsModel, action: TimelineAction): void;
  /** At its time, through the model's operations: the outcome, logged as the action's. */
  apply(model: EcsModel, action: TimelineAction): string;
}

export type TimelineVerbs = ReadonlyMap<string, TimelineVerbAction>;

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
    readonly sim: Simulation,
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
    // ecs-facts: declared providers, and Fargate's Spot notices to the control plane.
    for (const p of config.capacityProviders ?? []) this.controlPlane.capacityProviders.define(p);
    if (fargate !== undefined) fargate.spotLink = this.controlPlane;
    this.servers = new TaskServers(sim, options.network ?? new Network(), (taskArn) => this.controlPlane.endpointsOf(taskArn));
    if (fargate !== undefined) fargate.servers = this.servers;
    for (const { definition, behaviour } of config.taskDefinitions) this.controlPlane.register(definition, behaviour);
    if (config.lambdaFunctions !== undefined) this.controlPlane.scheduler.blueGreen.lambdaFunctions = config.lambdaFunctions;
    if (config.codeDeploy !== undefined) this.controlPlane.scheduler.blueGreen.codeDeploy = config.codeDeploy;
    this.controlPlane.scheduler.clusterName = config.clusterName;
    config.instanceGroups.forEach((group, g) => {
      const asgSettings = group.autoScalingGroup;
      if (asgSettings !== undefined) {
        // An Auto Scaling group owns these instances (capacity/auto-scaling-group.ts).
        const name = group.name ?? `group-${g}`;
        const asg = new AutoScalingGroup(sim, name, asgSettings, group.count, { launch: (i) => this.launch(name, i, g), terminate: (instance) => this.controlPlane.terminateInstance(instance), clusterRoom: () => this.clusterRoom() });
        this.autoScalingGroups.set(name, asg);
        sim.at(group.launchAtMs, () => asg.start());
        return;
      }
      for (let i = 0; i < group.count; i += 1) {
        sim.at(group.launchAtMs, () => this.launch(group.name ?? `group-${g}`, i, g));
      }
    });
    for (const action of config.timeline) {
      const verb = options.verbs?.get(action.kind);
      if (verb === undefined) throw new Error(`no timeline verb "${action.kind}": pass the timeline verbs as EcsModelOptions.verbs (ecsVerbActions from ecs-sim, plus your own)`);
      // E.g. a service's probes exist from the start, so `throughout` expectations can name them.
      verb.prepare?.(this, action);
      sim.at(action.atMs, () => this.played(action, verb.apply(this, action)));
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

  /** ecs-facts S-131: how many more container instances the cluster registers, and why no more. */
  private clusterRoom(): ClusterRoom {
    const quota = this.config.containerInstancesPerCluster ?? DEFAULT_SERVICE_QUOTAS.containerInstancesPerCluster;
    let live = 0;
    for (const instance of this.instancesByRef.values()) if (instance.terminatedAtMs === undefined) live += 1;
    return { room: quota - live, why: `the cluster ${this.config.clusterName} has ${live} container instances ${raiseHint('containerInstancesPerCluster', quota)}` };
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
      // ecs-facts T-116: one GPU resource per GPU of the type.
      ...(type.gpus === undefined || type.gpus === 0 ? {} : { gpu: type.gpus }),
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

  /** Logs a timeline action's outcome (the result's actionLog, and the trace). */
  private played(action: TimelineAction, outcome: string): void {
    this.actionLog.push({ t: this.sim.now, action: action.kind, outcome });
    this.sim.trace.emit('scenario', action.kind, { outcome });
  }

  /** Image pulls (of `image`, or all) fail for `forMs` from now; returns when that ends. */
  failImagePulls(forMs: number, image: string | undefined): number {
    this.pullFailureUntilMs = this.sim.now + forMs;
    this.pullFailureImage = image;
    return this.pullFailureUntilMs;
  }

  /** The agent of a container instance, by its ARN. */
  agentOf(containerInstanceArn: string | undefined): Agent | undefined {
    return containerInstanceArn === undefined ? undefined : this.controlPlane.agents.get(containerInstanceArn);
  }

  /** Checks the invariants now, recording any violation once. */
  check(): void {
    for (const v of checkInvariants(this.controlPlane, this.sim.now)) {
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
