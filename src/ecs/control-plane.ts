import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { RunTaskAction, TaskBehaviour } from './config.js';
import type { Agent, ControlPlaneLink } from './capacity/agent.js';
import type { ContainerInstance, Reservation } from './capacity/container-instance.js';
import { AddressPool } from './network/addresses.js';
import { containerEndpoints, networkBindings, type ContainerEndpoint, type NetworkBinding } from './network/bindings.js';
import { FARGATE_CAPACITY_UNAVAILABLE, type Fargate, type FargateLink } from './capacity/fargate.js';
import type { CandidateExplanation, PlacementDecision, PlacementStrategy, StrategyPlugin } from './placement/framework.js';
import { place, scanContext, unableToPlaceMessage } from './placement/place.js';
import { PlacementIndex } from './placement/twin-index.js';
import { ServiceScheduler } from './service/scheduler.js';
import { EcsObservers } from './observers.js';
import { CapacityProviders, liveTasksByProvider } from './capacity/capacity-providers.js';
import { FARGATE_SPOT_STOP_CODE, FARGATE_SPOT_STOPPED_REASON, type SpotNoticeLink } from './capacity/fargate.js';
import type { LoadBalancingLink, TaskTarget } from './service/load-balancers.js';
import type { Service } from './service/service.js';
import type { PlacementRegistry } from './placement/registry.js';
import { taskNeeds } from './placement/resources.js';
import type { TaskStateReport } from './runtime/task-runner.js';
import { isStopping, type StopCode, type TaskStatus } from './task/lifecycle.js';
import { taskId, type TaskRecord } from './task/task-record.js';
import type { TaskDefinition } from './task-definition/types.js';
import type { LaunchOptions, LaunchResult, Registered, RunTaskFailure } from './types.js';
import { TaskStore, type EcsEvent } from './task-store.js';
import { TARGET_REGISTRATION_MS, TargetRegistration } from './target-registration.js';

export type { LaunchOptions, LaunchResult, Registered, RunTaskFailure };

/**
 * The ECS control plane: the API (RunTask, StopTask), the desired state of every task,
 * and the view it builds from what agents and Fargate report. Like real ECS it holds the
 * desired state and learns the actual state only from reports.
 */

/** ecs-facts T-112: `{ tasks, failures }`, or an exception for a cluster with no instances. */
export interface RunTaskOutcome {
  readonly t: number;
  readonly label: string;
  readonly tasks: readonly string[];
  readonly failures: readonly RunTaskFailure[];
  readonly exception?: string;
}

/** One placement decision, kept for `explain` (every instance) or when it failed (the summary). */
export interface PlacementRecord {
  readonly t: number;
  readonly label: string;
  readonly group: string;
  readonly status: PlacementDecision['status'];
  readonly taskArn?: string;
  readonly chosen?: string;
  readonly strategies: readonly string[];
  /** Per instance, when explanations were asked for. */
  readonly candidates?: readonly CandidateExplanation[];
  /** What stopped the closest instance, when nothing fitted. */
  readonly closest?: { readonly containerInstanceArn: string; readonly reason: string; readonly detail: string };
}

/** RunTask's default when no strategy is given: random across the cluster (ecs-facts T-109). */
export const RUN_TASK_DEFAULT_STRATEGY: readonly PlacementStrategy[] = [{ type: 'random' }];

export type { EcsEvent };

export class ControlPlane implements ControlPlaneLink, FargateLink, SpotNoticeLink {
  /** The tasks and their state changes (task-store.ts; the steps in task/transitions.ts). */
  private readonly store: TaskStore;
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly tasksByLabel: ReadonlyMap<string, TaskRecord[]>;
  readonly events: readonly EcsEvent[];
  /** Load-balancer target registration of service tasks (target-registration.ts). */
  private readonly registration: TargetRegistration;
  readonly instances: ContainerInstance[] = [];
  private readonly instancesByArn = new Map<string, ContainerInstance>();
  /** Placement asks once per distinct instance state, not once per instance. */
  private readonly placementIndex = new PlacementIndex(this.instances);
  readonly agents = new Map<string, Agent>();
  /** Private IPs of instances and task ENIs, one subnet per AZ. */
  readonly addresses = new AddressPool();
  /** Where each task's container ports can be reached (what its host knows of its network). */
  private readonly endpoints = new Map<string, readonly ContainerEndpoint[]>();
  readonly runTaskOutcomes: RunTaskOutcome[] = [];
  readonly placements: PlacementRecord[] = [];
  readonly scheduler: ServiceScheduler;
  /** Read-only observers (EventBridge, deployment history): see observers.ts. */
  readonly observers = new EcsObservers();
  /** The cluster's capacity providers (ecs-facts ). */
  readonly capacityProviders = new CapacityProviders();
  private readonly definitions = new Map<string, Registered>();
  /** ecs-facts A-027: tasks of a managed-scaling provider waiting in PROVISIONING for an instance, oldest first. */
  readonly provisioningTasks: TaskRecord[] = [];
  private readonly parked = new Map<string, { readonly registered: Registered; readonly options: LaunchOptions }>();
  private provisioningRetry: ReturnType<Simulation['schedule']> | undefined;
  /** Told of each task that starts waiting in PROVISIONING (cluster auto scaling's clock). */
  provisioningListener: ((record: TaskRecord) => void) | undefined;
  private runTaskCalls = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly ids: RandomStream,
    readonly clusterArn: string,
    private readonly region: string,
    private readonly accountId: string,
    readonly fargate: Fargate | undefined,
    private readonly placement: { readonly registry: PlacementRegistry; readonly explain: boolean },
    private readonly detection: { readonly hostTermination: Distribution; readonly agentDisconnect: Distribution; readonly serviceScheduler: Distribution; readonly rng: RandomStream },
  ) {
    this.store = new TaskStore(sim);
    this.tasks = this.store.tasks;
    this.tasksByLabel = this.store.tasksByLabel;
    this.events = this.store.events;
    this.store.hooks = { moved: (record, status) => this.moved(record, status), changed: (record) => this.changed(record) };
    this.registration = new TargetRegistration(sim, {
      loadBalancersOf: (record) => this.scheduler.loadBalancersOf(record),
      endpointsOf: (taskArn) => this.endpointsOf(taskArn),
      serviceEvent: (record, message) => this.scheduler.serviceEvent(record, message),
      targetHealthChanged: (taskArn) => this.scheduler.targetHealthChanged(taskArn),
      move: (record, status, atMs) => this.store.move(record, status, atMs),
      bump: (record) => this.store.bump(record),
      sendStop: (record) => this.sendStop(record),
    });
    this.scheduler = new ServiceScheduler(sim, this, this.detection.serviceScheduler, sim.rng('ecs/service-scheduler'), ids, `arn:aws:ecs:${region}:${accountId}`, this.observers);
  }

  get clusterName(): string {
    return this.clusterArn.slice(this.clusterArn.lastIndexOf('/') + 1);
  }

  /** Makes a definition runnable by family, `family:revision` or ARN. */
  register(definition: TaskDefinition, behaviour: TaskBehaviour): void {
    const entry = { definition, behaviour };
    this.definitions.set(`${definition.family}:${definition.revision}`, entry);
    this.definitions.set(definition.taskDefinitionArn, entry);
    const latest = this.definitions.get(definition.family);
    if (latest === undefined || latest.definition.revision < definition.revision) this.definitions.set(definition.family, entry);
  }

  resolve(reference: string): Registered | undefined {
    return this.definitions.get(reference);
  }

  /** An instance launched; ECS knows it only once its agent registers. */
  attachAgent(instance: ContainerInstance, agent: Agent): void {
    this.agents.set(instance.containerInstanceArn, agent);
  }

  /** A 32-hex-digit id, as ECS uses for tasks and container instances (ecs-facts S-061). */
  newId(): string {
    let out = '';
    for (let i = 0; i < 4; i += 1) out += Math.floor(this.ids.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return out;
  }

  // ---- RunTask / StopTask -------------------------------------------------------------

  runTask(action: RunTaskAction): RunTaskOutcome {
    this.runTaskCalls += 1;
    const label = action.label ?? `runTask-${this.runTaskCalls}`;
    const registered = this.resolve(action.taskDefinition);
    const t = this.sim.now;
    let outcome: RunTaskOutcome;
    if (registered === undefined) {
      outcome = { t, label, tasks: [], failures: [], exception: `ClientException: Unable to find task definition '${action.taskDefinition}'.` };
    } else if (!registered.definition.compatibilities.includes(action.launchType)) {
      // Observed RunTask text for a definition that was not validated for the launch type.
      outcome = { t, label, tasks: [], failures: [], exception: `InvalidParameterException: Task definition does not support launch_type ${action.launchType}.` };
    } else if (action.launchType === 'FARGATE') {
      outcome = this.runOnFargate(registered, action, label);
    } else {
      outcome = this.runOnInstances(registered, action, label);
    }
    this.runTaskOutcomes.push(outcome);
    this.sim.trace.emit('ecs', 'runTask', { label, taskDefinition: action.taskDefinition, count: action.count, placed: outcome.tasks.length, failures: outcome.failures.length, ...(outcome.exception === undefined ? {} : { exception: outcome.exception }) });
    return outcome;
  }

  private runOnInstances(registered: Registered, action: RunTaskAction, label: string): RunTaskOutcome {
    const t = this.sim.now;
    if (!this.instances.some((i) => i.launchType === action.launchType && i.status !== 'INACTIVE')) {
      // ecs-facts T-112.
      return { t, label, tasks: [], failures: [], exception: 'InvalidParameterException: No Container Instances were found in your cluster.' };
    }
    return this.runCount(registered, action, label);
  }

  private runOnFargate(registered: Registered, action: RunTaskAction, label: string): RunTaskOutcome {
    if (this.fargate === undefined) return { t: this.sim.now, label, tasks: [], failures: [], exception: 'InvalidParameterException: The scenario has no Fargate capacity (add a fargate section).' };
    return this.runCount(registered, action, label);
  }

  private runCount(registered: Registered, action: RunTaskAction, label: string): RunTaskOutcome {
    const tasks: string[] = [];
    const failures: RunTaskFailure[] = [];
    const options: LaunchOptions = {
      launchType: action.launchType,
      group: action.group ?? `family:${registered.definition.family}`,
      label,
      ...(action.startedBy === undefined ? {} : { startedBy: action.startedBy }),
      constraints: action.placementConstraints ?? [],
      strategy: action.placementStrategy ?? RUN_TASK_DEFAULT_STRATEGY,
      ...(action.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: action.capacityProviderStrategy }),
    };
    for (let n = 0; n < action.count; n += 1) {
      const launched = this.launch(registered, options);
      if ('taskArn' in launched) {
        tasks.push(launched.taskArn);
        continue;
      }
      // ecs-facts T-075, T-112: one failure per instance that could not take a task; a
      // failure with no instance (Fargate capacity) is one per task.
      const seen = new Set(failures.map((f) => `${f.arn ?? ''} ${f.reason}`));
      for (const f of launched.failures) if (f.arn === undefined || !seen.has(`${f.arn} ${f.reason}`)) failures.push(f);
    }
    return { t: this.sim.now, label, tasks, failures };
  }

  /**
   * Places and starts one task: on an instance chosen by the placement framework, or on
   * Fargate in an AZ with capacity. RunTask and the service scheduler both use it.
   */
  launch(registered: Registered, options: LaunchOptions): LaunchResult {
    const def = registered.definition;
    const t = this.sim.now;
    if (options.capacityProviderStrategy !== undefined && options.capacityProviderName === undefined) {
      // ecs-facts A-028: the provider by base and weight, over the group's live tasks.
      const target = this.capacityProviders.target(options.capacityProviderStrategy, liveTasksByProvider(this.store.liveTasksOf(options.group), options.group), options.instances);
      if (target === undefined) return { failures: [{ reason: 'MISSING', detail: 'no capacity provider in the strategy can take a task' }] };
      return this.launch(registered, { ...options, ...target, mayProvision: options.instances === undefined });
    }
    if (options.launchType === 'FARGATE') {
      const fargate = this.fargate;
      if (fargate === undefined) return { failures: [{ reason: 'MISSING', detail: 'no Fargate capacity in this scenario' }] };
      const vcpu = (def.cpu ?? 0) / 1024;
      const spot = options.capacityProviderName === 'FARGATE_SPOT';
      const az = fargate.choose(options.group, vcpu, spot);
      if (az === undefined) return { failures: [{ reason: FARGATE_CAPACITY_UNAVAILABLE }] };
      const taskArn = this.newTaskArn();
      const record = this.newRecord(taskArn, def, options, az, 'PROVISIONING', undefined);
      this.connect(record, def, undefined, undefined);
      fargate.startTask(taskArn, def, registered.behaviour, az, vcpu, options.group, spot);
      this.store.emitTaskChange(record);
      return { taskArn };
    }
    const request = { needs: taskNeeds(def), group: options.group, constraints: [...def.placementConstraints, ...options.constraints], strategy: options.strategy };
    const groupOf = (arn: string): string | undefined => this.tasks.get(arn)?.group;
    const rng = this.sim.rng(`placement/${options.group}`);
    const decision =
      options.instances === undefined
        ? place(this.placement.registry, this.placementIndex.context(options.launchType, groupOf, rng), request, this.placement.explain, { index: this.placementIndex, launchType: options.launchType })
        : place(this.placement.registry, scanContext(options.instances, groupOf, rng), request, this.placement.explain);
    if (decision.status !== 'Success' || decision.chosen === undefined) {
      this.recordPlacement(decision, options.label, options.group, undefined);
      // ecs-facts A-027: with managed scaling the task waits in PROVISIONING for capacity.
      if (options.capacityProviderName !== undefined && options.mayProvision === true && this.capacityProviders.managesScaling(options.capacityProviderName)) return { taskArn: this.park(registered, options) };
      const failures: RunTaskFailure[] = decision.failures.length > 0 ? decision.failures.map((f) => ({ arn: f.arn, reason: f.reason })) : [{ reason: 'MISSING', detail: 'no ACTIVE container instance' }];
      return { failures, decision };
    }
    const { instance, reservation } = decision.chosen;
    const taskArn = this.newTaskArn();
    instance.reserve(taskArn, reservation, t);
    const initial: TaskStatus = def.networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING';
    const record = this.newRecord(taskArn, def, options, instance.availabilityZone, initial, instance);
    this.connect(record, def, instance, reservation);
    this.recordPlacement(decision, options.label, options.group, taskArn);
    const agent = this.agents.get(instance.containerInstanceArn);
    agent?.inbound.send(() => agent.startTask({ taskArn, definition: def, behaviour: registered.behaviour, initialStatus: initial }));
    this.store.emitTaskChange(record);
    return { taskArn };
  }

  /** ecs-facts A-027: a PROVISIONING task with no instance yet; placed by `placeProvisioning`. */
  private park(registered: Registered, options: LaunchOptions): string {
    const taskArn = this.newTaskArn();
    const record = this.newRecord(taskArn, registered.definition, options, '', 'PROVISIONING', undefined);
    this.provisioningTasks.push(record);
    this.parked.set(taskArn, { registered, options });
    this.store.emitTaskChange(record);
    this.provisioningListener?.(record);
    return taskArn;
  }

  /** Retries the waiting tasks soon (after the current event), when capacity may have come. */
  private retryProvisioning(): void {
    if (this.provisioningTasks.length === 0 || this.provisioningRetry !== undefined) return;
    this.provisioningRetry = this.sim.schedule(0, () => {
      this.provisioningRetry = undefined;
      this.placeProvisioning();
    });
  }

  /** Places waiting PROVISIONING tasks, oldest first, on their provider's instances. */
  placeProvisioning(): void {
    for (const record of [...this.provisioningTasks]) {
      const entry = this.parked.get(record.taskArn);
      if (entry === undefined || record.desiredStatus !== 'RUNNING') continue;
      const { registered, options } = entry;
      const def = registered.definition;
      const instances = this.capacityProviders.instancesOf(record.capacityProviderName ?? '');
      const request = { needs: taskNeeds(def), group: options.group, constraints: [...def.placementConstraints, ...options.constraints], strategy: options.strategy };
      const decision = place(this.placement.registry, scanContext(instances, (arn) => this.tasks.get(arn)?.group, this.sim.rng(`placement/${options.group}`)), request, this.placement.explain);
      if (decision.status !== 'Success' || decision.chosen === undefined) continue;
      const { instance, reservation } = decision.chosen;
      this.unpark(record);
      instance.reserve(record.taskArn, reservation, this.sim.now);
      const placed = record as { availabilityZone: string; containerInstanceArn?: string; ec2InstanceId?: string };
      placed.availabilityZone = instance.availabilityZone;
      placed.containerInstanceArn = instance.containerInstanceArn;
      placed.ec2InstanceId = instance.ec2InstanceId;
      this.connect(record, def, instance, reservation);
      this.recordPlacement(decision, options.label, options.group, record.taskArn);
      const initial: TaskStatus = def.networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING';
      if (initial !== record.lastStatus) this.store.move(record, initial);
      const agent = this.agents.get(instance.containerInstanceArn);
      agent?.inbound.send(() => agent.startTask({ taskArn: record.taskArn, definition: def, behaviour: registered.behaviour, initialStatus: initial }));
      this.store.bump(record);
    }
  }

  private unpark(record: TaskRecord): boolean {
    if (!this.parked.delete(record.taskArn)) return false;
    this.provisioningTasks.splice(this.provisioningTasks.indexOf(record), 1);
    return true;
  }

  /**
   * The task's network as describe-tasks shows it: an ENI attachment with its private IP
   * (awsvpc; ecs-facts T-024), or host-port bindings on the instance (bridge, host).
   */
  private connect(record: TaskRecord, def: TaskDefinition, instance: ContainerInstance | undefined, reservation: Reservation | undefined): void {
    let taskAddress: string | undefined;
    if (def.networkMode === 'awsvpc') {
      taskAddress = this.addresses.next(record.availabilityZone);
      const id = taskId(record.taskArn);
      record.attachments = [
        {
          // An attachment id derived from the task id: no random draw, so other ids keep theirs.
          id: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
          type: 'ElasticNetworkInterface',
          status: 'PRECREATED',
          details: [{ name: 'privateIPv4Address', value: taskAddress }],
        },
      ];
    }
    const bindings = reservation === undefined || def.networkMode === 'awsvpc' ? new Map<string, NetworkBinding[]>() : networkBindings(def, reservation);
    if (bindings.size > 0) record.containers = record.containers.map((c) => (bindings.has(c.name) ? { ...c, networkBindings: bindings.get(c.name) as NetworkBinding[] } : c));
    const endpoints = containerEndpoints(def, taskAddress, instance?.privateIpAddress, bindings);
    if (endpoints.length > 0) this.endpoints.set(record.taskArn, endpoints);
  }

  /** Where the task's container ports can be reached; empty once it has stopped. */
  endpointsOf(taskArn: string): readonly ContainerEndpoint[] {
    return this.endpoints.get(taskArn) ?? [];
  }

  private newTaskArn(): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:task/${this.clusterName}/${this.newId()}`;
  }

  private recordPlacement(decision: PlacementDecision, label: string, group: string, taskArn: string | undefined): void {
    if (!this.placement.explain && decision.status === 'Success') return;
    const closest = decision.closest;
    this.placements.push({
      t: this.sim.now,
      label,
      group,
      status: decision.status,
      ...(taskArn === undefined ? {} : { taskArn }),
      ...(decision.chosen === undefined ? {} : { chosen: decision.chosen.instance.containerInstanceArn }),
      strategies: decision.strategies,
      ...(decision.explanation === undefined ? {} : { candidates: decision.explanation }),
      ...(closest === undefined ? {} : { closest: { containerInstanceArn: closest.instance.containerInstanceArn, reason: closest.rejection.reason, detail: closest.rejection.detail } }),
    });
  }

  private newRecord(taskArn: string, def: TaskDefinition, options: LaunchOptions, az: string, initial: TaskStatus, instance: ContainerInstance | undefined): TaskRecord {
    const label = options.label;
    const needs = taskNeeds(def);
    const record: TaskRecord = {
      taskArn,
      taskDefinitionArn: def.taskDefinitionArn,
      clusterArn: this.clusterArn,
      launchType: options.launchType,
      ...(options.capacityProviderName === undefined ? {} : { capacityProviderName: options.capacityProviderName }),
      // ecs-facts T-025, T-107: standalone tasks default to family:<family>; service tasks are service:<name>.
      group: options.group,
      ...(options.startedBy === undefined ? {} : { startedBy: options.startedBy }),
      cpu: String(needs.cpu),
      memory: String(needs.memory),
      availabilityZone: az,
      ...(instance === undefined ? {} : { containerInstanceArn: instance.containerInstanceArn, ec2InstanceId: instance.ec2InstanceId }),
      label,
      lastStatus: initial,
      desiredStatus: 'RUNNING',
      healthStatus: 'UNKNOWN',
      ...(def.networkMode === 'awsvpc' ? {} : { connectivity: 'CONNECTED' as const }),
      createdAt: this.sim.now,
      version: 1,
      containers: def.containerDefinitions.map((c) => ({ name: c.name, image: c.image, lastStatus: 'PENDING', healthStatus: 'UNKNOWN' })),
      history: [{ t: this.sim.now, lastStatus: initial, desiredStatus: 'RUNNING' }],
    };
    this.store.add(record);
    return record;
  }

  /**
   * StopTask (ecs-facts T-014, T-113): desiredStatus STOPPED and stoppingAt at once; the
   * host then stops the containers (SIGTERM, SIGKILL after stopTimeout).
   */
  stopTask(taskArn: string, reason?: string, stopCode: StopCode = 'UserInitiated'): boolean {
    const record = this.tasks.get(taskArn);
    if (record === undefined || record.desiredStatus === 'STOPPED') return false;
    const text = reason ?? 'Task stopped by user';
    record.desiredStatus = 'STOPPED';
    record.stoppingAt = this.sim.now;
    record.stopCode = stopCode;
    record.stoppedReason = text;
    if (this.unpark(record)) {
      // Never placed: nothing to stop on a host.
      this.store.move(record, 'STOPPED');
      this.store.bump(record);
      return true;
    }
    const waits = (record.lastStatus === 'RUNNING' || record.lastStatus === 'ACTIVATING') && this.registration.deactivate(record, true);
    this.store.bump(record);
    if (!waits) this.sendStop(record);
    return true;
  }

  /**
   * Fargate Spot's two-minute warning (ecs-facts ): desiredStatus STOPPED with
   * Spot's code and reason, a task state change at once, and SIGTERM to the containers
   * without waiting for a deregistration. A-033: FARGATE_SPOT tasks may not be
   * deregistered until they are STOPPED, so by default the targets stay registered until
   * then; with `fargate.deregisterSpotTargetsAtNotice` they leave as the task stops.
   * @returns whether the task was live.
   */
  spotInterruptionNotice(taskArn: string): boolean {
    const record = this.tasks.get(taskArn);
    if (record === undefined || record.lastStatus === 'STOPPED') return false;
    // Already stopping: it keeps its own code; the reclaim two minutes on still applies.
    if (record.desiredStatus === 'STOPPED') return true;
    record.desiredStatus = 'STOPPED';
    record.stoppingAt ??= this.sim.now;
    record.stopCode = FARGATE_SPOT_STOP_CODE;
    record.stoppedReason = FARGATE_SPOT_STOPPED_REASON;
    if (this.fargate?.config.deregisterSpotTargetsAtNotice !== true) this.registration.holdSpotTargets(taskArn);
    this.store.bump(record);
    this.sendStop(record);
    return true;
  }

  private sendStop(record: TaskRecord): void {
    const stopCode = record.stopCode ?? 'UserInitiated';
    const reason = record.stoppedReason ?? 'Task stopped by user';
    if (record.launchType === 'FARGATE') {
      this.fargate?.stopTask(record.taskArn, stopCode, reason);
      return;
    }
    const agent = record.containerInstanceArn === undefined ? undefined : this.agents.get(record.containerInstanceArn);
    agent?.inbound.send(() => agent.stopTask(record.taskArn, stopCode, reason));
  }

  // ---- What hosts report ---------------------------------------------------------------

  agentRegistered(instance: ContainerInstance): void {
    if (!this.instancesByArn.has(instance.containerInstanceArn)) {
      this.instances.push(instance);
      this.instancesByArn.set(instance.containerInstanceArn, instance);
    }
    instance.status = 'ACTIVE';
    instance.agentConnected = true;
    instance.registeredAtMs = this.sim.now;
    instance.sample(this.sim.now);
    this.instanceEvent(instance);
    this.scheduler.instancesChanged();
    this.retryProvisioning();
  }

  /**
   * A new agent session, after the agent re-sent its tasks' reports. What was asked while
   * it was away never arrived: stops are asked again, a task it never got is started if
   * still wanted, or else marked STOPPED (it never ran).
   */
  agentReconnected(instance: ContainerInstance, known: ReadonlySet<string>): void {
    if (!instance.agentConnected) {
      instance.agentConnected = true;
      this.instanceEvent(instance);
    }
    const agent = this.agents.get(instance.containerInstanceArn);
    if (agent === undefined) return;
    for (const record of this.tasks.values()) {
      if (record.containerInstanceArn !== instance.containerInstanceArn || record.lastStatus === 'STOPPED') continue;
      if (known.has(record.taskArn)) {
        if (record.desiredStatus === 'STOPPED') this.sendStop(record);
        continue;
      }
      if (record.desiredStatus === 'STOPPED') {
        this.store.move(record, 'STOPPED');
        this.store.bump(record);
        continue;
      }
      const registered = this.resolve(record.taskDefinitionArn);
      if (registered !== undefined) {
        agent.inbound.send(() => agent.startTask({ taskArn: record.taskArn, definition: registered.definition, behaviour: registered.behaviour, initialStatus: record.lastStatus }));
      }
    }
  }

  taskStateChanged(_instance: ContainerInstance, report: TaskStateReport): void {
    this.applyReport(report);
  }

  fargateTaskStateChanged(report: TaskStateReport): void {
    this.applyReport(report);
  }

  /** A host's report (task/transitions.ts `reportStep`): RUNNING goes through target registration when the task has targets. */
  private applyReport(report: TaskStateReport): void {
    this.store.applyReport(
      report,
      (taskArn) => this.registration.isActivating(taskArn),
      (record, atMs) => {
        if (!this.registration.activate(record, atMs)) this.store.move(record, 'RUNNING', atMs);
      },
    );
  }

  /** The effects of a move (its fields are already patched): targets, reservations, the ENI, endpoints. */
  private moved(record: TaskRecord, status: TaskStatus): void {
    this.registration.moved(record, status, isStopping(status));
    // ecs-facts S-055: resources count as free once the task moves to stopping.
    if (isStopping(status)) this.releaseReservation(record);
    const eni = record.attachments?.[0];
    if (eni !== undefined) {
      // ecs-facts T-024: ATTACHED once provisioned, DELETED once stopped.
      if (status === 'STOPPED') eni.status = 'DELETED';
      else if (status !== 'PROVISIONING' && eni.status === 'PRECREATED') eni.status = 'ATTACHED';
    }
    if (status === 'STOPPED') this.endpoints.delete(record.taskArn);
  }

  private changed(record: TaskRecord): void {
    this.observers.taskChanged(record);
    this.scheduler.taskChanged(record);
  }

  private releaseReservation(record: TaskRecord): void {
    if (record.containerInstanceArn === undefined) return;
    this.instancesByArn.get(record.containerInstanceArn)?.release(record.taskArn, this.sim.now);
    this.retryProvisioning();
  }

  /** How many tasks are in `status` now (`ecs.tasks.<lastStatus>`, kept by the state changes, not counted by a scan). */
  taskCount(status: TaskStatus): number {
    return this.store.taskCount(status);
  }

  // ---- Load balancers (ecs-facts L-042 to L-049; target-registration.ts) -------------------

  /** Connects ECS to Elastic Load Balancing: ECS registers service tasks as targets and watches their health. */
  connectLoadBalancing(link: LoadBalancingLink): void {
    this.registration.connect(link);
    this.scheduler.connectTraffic(link);
  }

  targetsOf(taskArn: string): readonly TaskTarget[] {
    return this.registration.targetsOf(taskArn);
  }

  /** The cluster's instance with this ARN, if registered. */
  instanceByArn(containerInstanceArn: string | undefined): ContainerInstance | undefined {
    return containerInstanceArn === undefined ? undefined : this.instancesByArn.get(containerInstanceArn);
  }

  strategyPlugin(strategy: PlacementStrategy): StrategyPlugin {
    return this.placement.registry.strategy(strategy.type, strategy.field);
  }

  meetsConstraints(instance: ContainerInstance, service: Service): boolean {
    const constraints = [...service.spec.taskDefinition.placementConstraints, ...service.spec.placementConstraints].filter((c) => c.type !== 'distinctInstance');
    const ctx = scanContext(this.instances, (arn) => this.tasks.get(arn)?.group, this.sim.rng(`placement/${service.group}`));
    const request = { needs: taskNeeds(service.spec.taskDefinition), group: service.group, constraints, strategy: [] };
    return constraints.every((c) => this.placement.registry.constraint(c.type, c.expression).filter(ctx, request, instance) === undefined);
  }

  /** ECS's event when a service's task cannot be placed (ecs-facts S-029 to S-031, S-065). */
  unableToPlace(service: Service, decision: PlacementDecision | undefined, failures: readonly RunTaskFailure[]): string {
    if (decision === undefined) return `(service ${service.serviceName}) was unable to place a task. Reason: ${failures[0]?.reason ?? 'Internal error.'}`;
    const count = this.instances.filter((i) => i.launchType === service.spec.launchType && i.status !== 'INACTIVE').length;
    return unableToPlaceMessage(service.serviceName, decision, count);
  }

  private instanceEvent(instance: ContainerInstance): void {
    this.store.emitInstanceChange(instance);
    this.observers.instanceChanged(instance);
  }

  // ---- Faults ---------------------------------------------------------------------------

  /**
   * The EC2 instance is terminated. Its agent is gone at once; ECS notices after a delay,
   * deregisters the instance and stops its tasks (ecs-facts T-020, T-077).
   */
  terminateInstance(instance: ContainerInstance): void {
    const agent = this.agents.get(instance.containerInstanceArn);
    if (agent === undefined || agent.terminated) return;
    agent.terminate();
    instance.terminatedAtMs = this.sim.now;
    const detectMs = this.detection.hostTermination.sampleMs(this.detection.rng);
    this.sim.schedule(detectMs, () => {
      instance.status = 'INACTIVE';
      instance.agentConnected = false;
      this.instanceEvent(instance);
      this.scheduler.instancesChanged();
      for (const record of this.tasks.values()) {
        if (record.containerInstanceArn !== instance.containerInstanceArn || record.lastStatus === 'STOPPED') continue;
        record.desiredStatus = 'STOPPED';
        record.stoppingAt ??= this.sim.now;
        // ecs-facts T-020 (stopCode unverified there).
        record.stopCode ??= 'TerminationNotice';
        record.stoppedReason ??= `Host EC2 (instance ${instance.ec2InstanceId}) terminated.`;
        this.store.move(record, 'STOPPED');
        this.store.bump(record);
      }
    });
  }

  /**
   * The agent's connection drops. Messages stop at once both ways, but ECS marks the
   * instance disconnected (and stops placing there) only when the heartbeat times out
   * (ecs-facts T-074, T-084); tasks placed in between wait for the reconnect.
   */
  /**
   * UpdateContainerInstancesState (ecs-facts T-079): DRAINING only from ACTIVE; no new
   * placements there, and services replace their tasks on it. Back to ACTIVE ends it.
   * @returns what happened, in words.
   */
  setInstanceState(instance: ContainerInstance, status: 'ACTIVE' | 'DRAINING'): string {
    if (status === 'DRAINING' && instance.status !== 'ACTIVE') return `InvalidParameterException: container instance ${instance.id} is ${instance.status}, not ACTIVE`;
    if (status === 'ACTIVE' && instance.status !== 'DRAINING') return `container instance ${instance.id} is ${instance.status}; nothing to do`;
    instance.status = status;
    this.instanceEvent(instance);
    this.scheduler.instancesChanged(true);
    return `${instance.ec2InstanceId} is ${status}`;
  }

  disconnectAgent(instance: ContainerInstance): void {
    const agent = this.agents.get(instance.containerInstanceArn);
    if (agent === undefined || agent.terminated || !agent.connected) return;
    agent.disconnect();
    this.sim.schedule(this.detection.agentDisconnect.sampleMs(this.detection.rng), () => {
      if (agent.connected || !instance.agentConnected) return;
      instance.agentConnected = false;
      this.instanceEvent(instance);
    });
  }

  reconnectAgent(instance: ContainerInstance): void {
    this.agents.get(instance.containerInstanceArn)?.reconnect();
  }
}

export { TARGET_REGISTRATION_MS };
