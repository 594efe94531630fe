import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { Agent, ControlPlaneLink } from './capacity/agent.js';
import { CapacityProviders } from './capacity/capacity-providers.js';
import { DrainingCount, type ContainerInstance } from './capacity/container-instance.js';
import type { Fargate, FargateLink, SpotNoticeLink } from './capacity/fargate.js';
import type { RunTaskAction, TaskBehaviour } from './config.js';
import { RunnableDefinitions } from './definitions.js';
import { Faults } from './faults.js';
import { HostCommands } from './host-commands.js';
import { AddressPool } from './network/addresses.js';
import type { ContainerEndpoint } from './network/bindings.js';
import { TaskNetwork } from './network/task-network.js';
import { EcsObservers } from './observers.js';
import type { PlacementDecision, PlacementStrategy, StrategyPlugin } from './placement/framework.js';
import type { PlacementRegistry } from './placement/registry.js';
import { PlacementIndex } from './placement/twin-index.js';
import { launchCount, RUN_TASK_DEFAULT_STRATEGY, runTaskLaunchOptions, runTaskRefusal } from './run-task.js';
import { startTasks, type StartTaskAction } from './start-task.js';
import type { TaskStateReport } from './runtime/task-runner.js';
import type { LoadBalancingLink, TaskTarget } from './service/load-balancers.js';
import { ServiceScheduler } from './service/scheduler.js';
import type { Service } from './service/service.js';
import { meetsServiceConstraints, unableToPlaceEvent } from './service/service-placement.js';
import { TARGET_REGISTRATION_MS, TargetRegistration } from './target-registration.js';
import type { TaskDefinition } from './task-definition/types.js';
import { TaskLauncher } from './task-launcher.js';
import { TaskStore, type EcsEvent } from './task-store.js';
import { isStopping, type StopCode, type TaskStatus } from './task/lifecycle.js';
import type { TaskRecord } from './task/task-record.js';
import type { LaunchOptions, LaunchResult, PlacementRecord, Registered, RunTaskFailure, RunTaskOutcome } from './types.js';

export type { LaunchOptions, LaunchResult, PlacementRecord, Registered, RunTaskFailure, RunTaskOutcome };

/**
 * The ECS control plane: the API (RunTask, StopTask), the desired state of every task,
 * and the view it builds from what agents and Fargate report. Like real ECS it holds the
 * desired state and learns the actual state only from reports. This class is the API
 * (RunTask, StopTask, UpdateContainerInstancesState, the hosts' reports) and wires its
 * parts: the task store (task-store.ts, its steps in task/transitions.ts), launching
 * (task-launcher.ts, run-task.ts), what it tells the hosts (host-commands.ts), target
 * registration (target-registration.ts), faults (faults.ts) and the service scheduler
 * (service/scheduler.ts; its placement checks in service/service-placement.ts).
 */

export type { EcsEvent };
export { RUN_TASK_DEFAULT_STRATEGY };

export class ControlPlane implements ControlPlaneLink, FargateLink, SpotNoticeLink {
  /** The tasks and their state changes (task-store.ts; the steps in task/transitions.ts). */
  private readonly store: TaskStore;
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly tasksByLabel: ReadonlyMap<string, TaskRecord[]>;
  readonly events: readonly EcsEvent[];
  /** Load-balancer target registration of service tasks (target-registration.ts). */
  private readonly registration: TargetRegistration;
  private readonly faults: Faults;
  /** StopTask, Spot notices, and what a reconnected agent missed (host-commands.ts). */
  private readonly commands: HostCommands;
  readonly instances: ContainerInstance[] = [];
  private readonly instancesByArn = new Map<string, ContainerInstance>();
  /** Moves on every instance event (registration, status, agent connection): the scheduler's caches of instance scans check it. */
  instancesVersion = 0;
  /** How many of this cluster's instances are DRAINING (anyDraining). */
  private readonly draining = new DrainingCount();
  /** Placement asks once per distinct instance state, not once per instance. */
  private readonly placementIndex = new PlacementIndex(this.instances);
  readonly agents = new Map<string, Agent>();
  /** Private IPs of instances and task ENIs, one subnet per AZ. */
  readonly addresses = new AddressPool();
  /** Where each task's container ports can be reached (what its host knows of its network). */
  private readonly network = new TaskNetwork(this.addresses);
  readonly runTaskOutcomes: RunTaskOutcome[] = [];
  readonly placements: readonly PlacementRecord[];
  readonly scheduler: ServiceScheduler;
  /** Read-only observers (EventBridge, deployment history): see observers.ts. */
  readonly observers = new EcsObservers();
  /** The cluster's capacity providers (ecs-facts ). */
  readonly capacityProviders = new CapacityProviders();
  /** What RunTask and services can run, by family, `family:revision` or ARN (definitions.ts). */
  private readonly definitions = new RunnableDefinitions();
  /** ecs-facts A-027: tasks of a managed-scaling provider waiting in PROVISIONING for an instance, oldest first. */
  readonly provisioningTasks: readonly TaskRecord[];
  /** Placing and starting tasks (task-launcher.ts). */
  private readonly launcher: TaskLauncher;
  /** Told of each task that starts waiting in PROVISIONING (cluster auto scaling's clock). */
  provisioningListener: ((record: TaskRecord) => void) | undefined;
  private runTaskCalls = 0;
  /** StartTask's calls, in call order (start-task.ts). */
  readonly startTaskOutcomes: RunTaskOutcome[] = [];
  /** Told once an instance registers, by its ARN (`whenRegistered`). */
  private readonly registrationWaiters = new Map<string, (() => void)[]>();

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
    const cp = this;
    this.launcher = new TaskLauncher(sim, this.store, this.network, placement, this.placementIndex, {
      clusterArn,
      agents: this.agents,
      fargate,
      capacityProviders: this.capacityProviders,
      newTaskArn: () => this.newTaskArn(),
      waiting: (record) => cp.provisioningListener?.(record),
    });
    this.placements = this.launcher.placements;
    this.provisioningTasks = this.launcher.provisioning.tasks;
    this.store.hooks = { moved: (record, status) => this.moved(record, status), changed: (record) => this.changed(record) };
    this.registration = new TargetRegistration(sim, {
      loadBalancersOf: (record) => this.scheduler.blueGreen.loadBalancersOf(record),
      endpointsOf: (taskArn) => this.endpointsOf(taskArn),
      serviceEvent: (record, message) => this.scheduler.serviceEvent(record, message),
      targetHealthChanged: (taskArn) => this.scheduler.targetHealthChanged(taskArn),
      move: (record, status, atMs) => this.store.move(record, status, atMs),
      bump: (record) => this.store.bump(record),
      sendStop: (record) => this.commands.sendStop(record),
    });
    this.commands = new HostCommands(sim, {
      tasks: this.tasks,
      agents: this.agents,
      fargate,
      store: this.store,
      registration: this.registration,
      provisioning: this.launcher.provisioning,
      resolve: (reference) => this.resolve(reference),
    });
    this.faults = new Faults(sim, {
      agents: this.agents,
      tasks: this.tasks,
      detection: this.detection,
      instanceEvent: (instance) => this.instanceEvent(instance),
      instancesChanged: (draining) => this.scheduler.instancesChanged(draining),
      move: (record, status) => this.store.move(record, status),
      bump: (record) => this.store.bump(record),
    });
    this.scheduler = new ServiceScheduler(sim, this, this.detection.serviceScheduler, sim.rng('ecs/service-scheduler'), ids, `arn:aws:ecs:${region}:${accountId}`, this.observers);
  }

  get clusterName(): string {
    return this.clusterArn.slice(this.clusterArn.lastIndexOf('/') + 1);
  }

  /** Makes a definition runnable by family, `family:revision` or ARN. */
  register(definition: TaskDefinition, behaviour: TaskBehaviour): void {
    this.definitions.register(definition, behaviour);
  }

  resolve(reference: string): Registered | undefined {
    return this.definitions.resolve(reference);
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

  /** RunTask (run-task.ts). */
  runTask(action: RunTaskAction): RunTaskOutcome {
    this.runTaskCalls += 1;
    const label = action.label ?? `runTask-${this.runTaskCalls}`;
    const registered = this.resolve(action.taskDefinition);
    const refused = runTaskRefusal(action, registered, this.instances, this.fargate !== undefined);
    const t = this.sim.now;
    const outcome: RunTaskOutcome =
      refused !== undefined || registered === undefined
        ? { t, label, tasks: [], failures: [], exception: refused ?? '' }
        : { t, label, ...launchCount(action.count, runTaskLaunchOptions(action, registered, label), (options) => this.launch(registered, options)) };
    this.runTaskOutcomes.push(outcome);
    this.sim.trace.emit('ecs', 'runTask', { label, taskDefinition: action.taskDefinition, count: action.count, placed: outcome.tasks.length, failures: outcome.failures.length, ...(outcome.exception === undefined ? {} : { exception: outcome.exception }) });
    return outcome;
  }

  /** StartTask (start-task.ts): one task on each container instance named (ARN or ID), no placement strategy. */
  startTask(action: StartTaskAction): RunTaskOutcome {
    const label = action.label ?? `startTask-${this.startTaskOutcomes.length + 1}`;
    const outcome = startTasks(action, this.resolve(action.taskDefinition), label, this.sim.now, (ref) => this.instanceByArn(ref) ?? this.instances.find((i) => i.containerInstanceArn.endsWith(`/${ref}`)), (registered, options) => this.launch(registered, options));
    this.startTaskOutcomes.push(outcome);
    this.sim.trace.emit('ecs', 'startTask', { label, taskDefinition: action.taskDefinition, containerInstances: action.containerInstances.length, placed: outcome.tasks.length, failures: outcome.failures.length, ...(outcome.exception === undefined ? {} : { exception: outcome.exception }) });
    return outcome;
  }

  /** Calls `then` once the instance with this ARN has registered: now if it has, else at its registration, before services look at it. */
  whenRegistered(containerInstanceArn: string, then: () => void): void {
    const instance = this.instancesByArn.get(containerInstanceArn);
    if (instance !== undefined && instance.registeredAtMs !== undefined) {
      then();
      return;
    }
    const waiting = this.registrationWaiters.get(containerInstanceArn);
    if (waiting === undefined) this.registrationWaiters.set(containerInstanceArn, [then]);
    else waiting.push(then);
  }

  /**
   * Places and starts one task: on an instance chosen by the placement framework, or on
   * Fargate in an AZ with capacity (task-launcher.ts). RunTask and the service scheduler both use it.
   */
  launch(registered: Registered, options: LaunchOptions): LaunchResult {
    return this.launcher.launch(registered, options);
  }

  /** Places waiting PROVISIONING tasks, oldest first, on their provider's instances. */
  placeProvisioning(): void {
    this.launcher.provisioning.placeAll();
  }

  /** Where the task's container ports can be reached; empty once it has stopped. */
  endpointsOf(taskArn: string): readonly ContainerEndpoint[] {
    return this.network.endpointsOf(taskArn);
  }

  private newTaskArn(): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:task/${this.clusterName}/${this.newId()}`;
  }

  /** StopTask (ecs-facts T-014, T-113; host-commands.ts). */
  stopTask(taskArn: string, reason?: string, stopCode: StopCode = 'UserInitiated'): boolean {
    return this.commands.stopTask(taskArn, reason, stopCode);
  }

  /** Fargate Spot's two-minute warning (ecs-facts; host-commands.ts): whether the task was live. */
  spotInterruptionNotice(taskArn: string): boolean {
    return this.commands.spotInterruptionNotice(taskArn);
  }

  // ---- What hosts report ---------------------------------------------------------------

  agentRegistered(instance: ContainerInstance): void {
    if (!this.instancesByArn.has(instance.containerInstanceArn)) {
      this.instances.push(instance);
      this.instancesByArn.set(instance.containerInstanceArn, instance);
      instance.joinCluster(this.draining);
    }
    instance.status = 'ACTIVE';
    instance.agentConnected = true;
    instance.registeredAtMs = this.sim.now;
    instance.sample(this.sim.now);
    this.instanceEvent(instance);
    this.registered(instance);
    this.scheduler.instancesChanged();
    this.launcher.provisioning.retry();
  }

  /** Runs what waited for this instance's registration (`whenRegistered`). */
  private registered(instance: ContainerInstance): void {
    if (this.registrationWaiters.size === 0) return;
    const waiting = this.registrationWaiters.get(instance.containerInstanceArn);
    if (waiting === undefined) return;
    this.registrationWaiters.delete(instance.containerInstanceArn);
    for (const then of waiting) then();
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
    this.commands.resend(instance, known);
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
    if (status === 'STOPPED') this.network.forget(record.taskArn);
  }

  private changed(record: TaskRecord): void {
    this.observers.taskChanged(record);
    this.scheduler.taskChanged(record);
  }

  private releaseReservation(record: TaskRecord): void {
    if (record.containerInstanceArn === undefined) return;
    this.instancesByArn.get(record.containerInstanceArn)?.release(record.taskArn, this.sim.now);
    this.launcher.provisioning.retry();
  }

  /** How many tasks are in `status` now (`ecs.tasks.<lastStatus>`, kept by the state changes, not counted by a scan). */
  taskCount(status: TaskStatus): number {
    return this.store.taskCount(status);
  }

  // ---- Load balancers (ecs-facts L-042 to L-049; target-registration.ts) -------------------

  /** Connects ECS to Elastic Load Balancing: ECS registers service tasks as targets and watches their health. */
  connectLoadBalancing(link: LoadBalancingLink): void {
    this.registration.connect(link);
    this.scheduler.blueGreen.connectTraffic(link);
  }

  targetsOf(taskArn: string): readonly TaskTarget[] {
    return this.registration.targetsOf(taskArn);
  }

  /** The cluster's instance with this ARN, if registered. */
  /** Whether some instance of the cluster is DRAINING now: false lets the scheduler skip asking each task's instance. */
  anyDraining(): boolean {
    return this.draining.draining > 0;
  }

  instanceByArn(containerInstanceArn: string | undefined): ContainerInstance | undefined {
    return containerInstanceArn === undefined ? undefined : this.instancesByArn.get(containerInstanceArn);
  }

  strategyPlugin(strategy: PlacementStrategy): StrategyPlugin {
    return this.placement.registry.strategy(strategy.type, strategy.field);
  }

  /** Whether the instance meets the service's placement constraints (service/service-placement.ts). */
  meetsConstraints(instance: ContainerInstance, service: Service): boolean {
    return meetsServiceConstraints(this.placement.registry, this.instances, (arn) => this.tasks.get(arn)?.group, this.sim.rng(`placement/${service.group}`), instance, service);
  }

  /** ECS's event when a service's task cannot be placed (service/service-placement.ts). */
  unableToPlace(service: Service, decision: PlacementDecision | undefined, failures: readonly RunTaskFailure[]): string {
    return unableToPlaceEvent(service, decision, failures, this.instances);
  }

  private instanceEvent(instance: ContainerInstance): void {
    this.instancesVersion += 1;
    this.store.emitInstanceChange(instance);
    this.observers.instanceChanged(instance);
  }

  // ---- Faults (faults.ts) -------------------------------------------------------------------

  terminateInstance(instance: ContainerInstance): void {
    this.faults.terminateInstance(instance);
  }

  setInstanceState(instance: ContainerInstance, status: 'ACTIVE' | 'DRAINING'): string {
    return this.faults.setInstanceState(instance, status);
  }

  disconnectAgent(instance: ContainerInstance): void {
    this.faults.disconnectAgent(instance);
  }

  reconnectAgent(instance: ContainerInstance): void {
    this.faults.reconnectAgent(instance);
  }
}

export { TARGET_REGISTRATION_MS };
