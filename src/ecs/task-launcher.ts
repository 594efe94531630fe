import type { Simulation } from '../engine/simulation.js';
import type { Agent } from './capacity/agent.js';
import type { CapacityProviders } from './capacity/capacity-providers.js';
import { liveTasksByProvider } from './capacity/capacity-providers.js';
import type { ContainerInstance } from './capacity/container-instance.js';
import { FARGATE_CAPACITY_UNAVAILABLE, type Fargate } from './capacity/fargate.js';
import { ProvisioningQueue, type WaitingTask } from './capacity/provisioning.js';
import type { TaskNetwork } from './network/task-network.js';
import { placementFields } from './decisions/records.js';
import type { PlacementDecision } from './placement/framework.js';
import { place, scanContext } from './placement/place.js';
import type { PlacementRegistry } from './placement/registry.js';
import { taskNeeds } from './placement/resources.js';
import type { PlacementIndex } from './placement/twin-index.js';
import type { TaskDefinition } from './task-definition/types.js';
import type { TaskStatus } from './task/lifecycle.js';
import type { TaskRecord } from './task/task-record.js';
import { newTaskRecord, type TaskStore } from './task-store.js';
import type { LaunchOptions, LaunchResult, PlacementRecord, Registered, RunTaskFailure } from './types.js';

/**
 * Placing and starting one task (RunTask and the service scheduler both launch through
 * here): the capacity provider by base and weight (ecs-facts A-028), an instance chosen by
 * the placement framework or a Fargate AZ with capacity, or PROVISIONING until a
 * managed-scaling provider has an instance. Placement decisions are kept for the
 * summary and `explain`.
 */

/** What launching asks of the control plane. */
export interface TaskLauncherHost {
  readonly clusterArn: string;
  readonly agents: ReadonlyMap<string, Agent>;
  readonly fargate: Fargate | undefined;
  readonly capacityProviders: CapacityProviders;
  newTaskArn(): string;
  /** A task started waiting in PROVISIONING (cluster auto scaling's clock). */
  waiting(record: TaskRecord): void;
}

export class TaskLauncher {
  /** Failed placements, and every placement when explanations were asked for. */
  readonly placements: PlacementRecord[] = [];
  /** ecs-facts A-027: tasks of a managed-scaling provider waiting in PROVISIONING for an instance. */
  readonly provisioning: ProvisioningQueue;

  constructor(
    private readonly sim: Simulation,
    private readonly store: TaskStore,
    private readonly network: TaskNetwork,
    private readonly placement: { readonly registry: PlacementRegistry; readonly explain: boolean },
    /** Placement asks once per distinct instance state, not once per instance. */
    private readonly placementIndex: PlacementIndex,
    private readonly host: TaskLauncherHost,
  ) {
    this.provisioning = new ProvisioningQueue(sim, (record, entry) => this.placeWaiting(record, entry));
  }

  launch(registered: Registered, options: LaunchOptions): LaunchResult {
    const def = registered.definition;
    const t = this.sim.now;
    if (options.capacityProviderStrategy !== undefined && options.capacityProviderName === undefined) {
      // ecs-facts A-028: the provider by base and weight, over the group's live tasks.
      const target = this.host.capacityProviders.target(options.capacityProviderStrategy, liveTasksByProvider(this.store.liveTasksOf(options.group), options.group), options.instances);
      if (target === undefined) return { failures: [{ reason: 'MISSING', detail: 'no capacity provider in the strategy can take a task' }] };
      return this.launch(registered, { ...options, ...target, mayProvision: options.instances === undefined });
    }
    if (options.launchType === 'FARGATE') {
      const fargate = this.host.fargate;
      if (fargate === undefined) return { failures: [{ reason: 'MISSING', detail: 'no Fargate capacity in this scenario' }] };
      const vcpu = (def.cpu ?? 0) / 1024;
      const spot = options.capacityProviderName === 'FARGATE_SPOT';
      const az = fargate.choose(options.group, vcpu, spot);
      if (az === undefined) return { failures: [{ reason: FARGATE_CAPACITY_UNAVAILABLE }] };
      const taskArn = this.host.newTaskArn();
      const record = this.newRecord(taskArn, def, options, az, 'PROVISIONING', undefined);
      this.network.connect(record, def, undefined, undefined);
      fargate.startTask(taskArn, def, registered.behaviour, az, vcpu, options.group, spot);
      this.store.emitTaskChange(record);
      return { taskArn };
    }
    const request = { needs: taskNeeds(def), group: options.group, constraints: [...def.placementConstraints, ...options.constraints], strategy: options.strategy };
    const groupOf = (arn: string): string | undefined => this.store.tasks.get(arn)?.group;
    const rng = this.sim.rng(`placement/${options.group}`);
    // Decision records need every instance's verdict: the full scan, which draws as the twin index does (same log).
    const explain = this.placement.explain || this.sim.decisions.on;
    const decision =
      options.instances === undefined
        ? place(this.placement.registry, this.placementIndex.context(options.launchType, groupOf, rng), request, explain, { index: this.placementIndex, launchType: options.launchType })
        : place(this.placement.registry, scanContext(options.instances, groupOf, rng), request, explain);
    if (decision.status !== 'Success' || decision.chosen === undefined) {
      this.recordPlacement(decision, options.label, options.group, undefined);
      // ecs-facts A-027: with managed scaling the task waits in PROVISIONING for capacity.
      if (options.capacityProviderName !== undefined && options.mayProvision === true && this.host.capacityProviders.managesScaling(options.capacityProviderName)) return { taskArn: this.park(registered, options) };
      const failures: RunTaskFailure[] = decision.failures.length > 0 ? decision.failures.map((f) => ({ arn: f.arn, reason: f.reason })) : [{ reason: 'MISSING', detail: 'no ACTIVE container instance' }];
      return { failures, decision };
    }
    const { instance, reservation } = decision.chosen;
    const taskArn = this.host.newTaskArn();
    instance.reserve(taskArn, reservation, t);
    const initial: TaskStatus = def.networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING';
    const record = this.newRecord(taskArn, def, options, instance.availabilityZone, initial, instance);
    this.network.connect(record, def, instance, reservation);
    this.recordPlacement(decision, options.label, options.group, taskArn);
    const agent = this.host.agents.get(instance.containerInstanceArn);
    agent?.inbound.send(() => agent.startTask({ taskArn, definition: def, behaviour: registered.behaviour, initialStatus: initial }));
    this.store.emitTaskChange(record);
    return { taskArn };
  }

  /** ecs-facts A-027: a PROVISIONING task with no instance yet; placed by `placeProvisioning`. */
  private park(registered: Registered, options: LaunchOptions): string {
    const taskArn = this.host.newTaskArn();
    const record = this.newRecord(taskArn, registered.definition, options, '', 'PROVISIONING', undefined);
    this.provisioning.park(record, { registered, options });
    this.store.emitTaskChange(record);
    this.host.waiting(record);
    return taskArn;
  }

  /** Places one waiting task on its provider's instances, if one can take it now. */
  private placeWaiting(record: TaskRecord, entry: WaitingTask): void {
    const { registered, options } = entry;
    const def = registered.definition;
    const instances = this.host.capacityProviders.instancesOf(record.capacityProviderName ?? '');
    const request = { needs: taskNeeds(def), group: options.group, constraints: [...def.placementConstraints, ...options.constraints], strategy: options.strategy };
    const decision = place(this.placement.registry, scanContext(instances, (arn) => this.store.tasks.get(arn)?.group, this.sim.rng(`placement/${options.group}`)), request, this.placement.explain || this.sim.decisions.on);
    if (decision.status !== 'Success' || decision.chosen === undefined) return;
    const { instance, reservation } = decision.chosen;
    this.provisioning.unpark(record);
    instance.reserve(record.taskArn, reservation, this.sim.now);
    const placed = record as { availabilityZone: string; containerInstanceArn?: string; ec2InstanceId?: string };
    placed.availabilityZone = instance.availabilityZone;
    placed.containerInstanceArn = instance.containerInstanceArn;
    placed.ec2InstanceId = instance.ec2InstanceId;
    this.network.connect(record, def, instance, reservation);
    this.recordPlacement(decision, options.label, options.group, record.taskArn);
    const initial: TaskStatus = def.networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING';
    if (initial !== record.lastStatus) this.store.move(record, initial);
    const agent = this.host.agents.get(instance.containerInstanceArn);
    agent?.inbound.send(() => agent.startTask({ taskArn: record.taskArn, definition: def, behaviour: registered.behaviour, initialStatus: initial }));
    this.store.bump(record);
  }

  private recordPlacement(decision: PlacementDecision, label: string, group: string, taskArn: string | undefined): void {
    if (this.sim.decisions.on) this.sim.decisions.record('placement', placementFields(decision, { group, label, taskArn, filters: decision.filters ?? [] }));
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
      // Explained for the decision records alone: the result stays as it is without them.
      ...(decision.explanation === undefined || !this.placement.explain ? {} : { candidates: decision.explanation }),
      ...(closest === undefined ? {} : { closest: { containerInstanceArn: closest.instance.containerInstanceArn, reason: closest.rejection.reason, detail: closest.rejection.detail } }),
    });
  }

  private newRecord(taskArn: string, def: TaskDefinition, options: LaunchOptions, az: string, initial: TaskStatus, instance: ContainerInstance | undefined): TaskRecord {
    const record = newTaskRecord({ taskArn, clusterArn: this.host.clusterArn, def, options, az, initial, instance, now: this.sim.now });
    this.store.add(record);
    return record;
  }
}
