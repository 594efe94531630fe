import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { Agent } from './capacity/agent.js';
import type { ContainerInstance } from './capacity/container-instance.js';
import type { TaskStatus } from './task/lifecycle.js';
import type { TaskRecord } from './task/task-record.js';

/**
 * Faults and instance state changes as the control plane sees them (ecs-facts T-020,
 * T-074, T-077, T-079, T-084): an instance terminated, an agent that disconnects and
 * reconnects, and UpdateContainerInstancesState. ECS notices a lost instance or agent
 * only after a detection delay.
 */

/** What faults ask of the control plane. */
export interface FaultsHost {
  readonly agents: ReadonlyMap<string, Agent>;
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly detection: { readonly hostTermination: Distribution; readonly agentDisconnect: Distribution; readonly rng: RandomStream };
  /** The container instance state change (event, trace, observers). */
  instanceEvent(instance: ContainerInstance): void;
  /** The service scheduler hears of instances that came, went or started draining. */
  instancesChanged(draining?: boolean): void;
  move(record: TaskRecord, status: TaskStatus): void;
  bump(record: TaskRecord): void;
}

export class Faults {
  constructor(
    private readonly sim: Simulation,
    private readonly host: FaultsHost,
  ) {}

  /**
   * The EC2 instance is terminated. Its agent is gone at once; ECS notices after a delay,
   * deregisters the instance and stops its tasks (ecs-facts T-020, T-077).
   */
  terminateInstance(instance: ContainerInstance): void {
    const agent = this.host.agents.get(instance.containerInstanceArn);
    if (agent === undefined || agent.terminated) return;
    agent.terminate();
    instance.terminatedAtMs = this.sim.now;
    const detectMs = this.host.detection.hostTermination.sampleMs(this.host.detection.rng);
    this.sim.schedule(detectMs, () => {
      instance.status = 'INACTIVE';
      instance.agentConnected = false;
      this.host.instanceEvent(instance);
      this.host.instancesChanged();
      for (const record of this.host.tasks.values()) {
        if (record.containerInstanceArn !== instance.containerInstanceArn || record.lastStatus === 'STOPPED') continue;
        record.desiredStatus = 'STOPPED';
        record.stoppingAt ??= this.sim.now;
        // ecs-facts T-020 (stopCode unverified there).
        record.stopCode ??= 'TerminationNotice';
        record.stoppedReason ??= `Host EC2 (instance ${instance.ec2InstanceId}) terminated.`;
        this.host.move(record, 'STOPPED');
        this.host.bump(record);
      }
    });
  }

  /**
   * UpdateContainerInstancesState (ecs-facts T-079): DRAINING only from ACTIVE; no new
   * placements there, and services replace their tasks on it. Back to ACTIVE ends it.
   * @returns what happened, in words.
   */
  setInstanceState(instance: ContainerInstance, status: 'ACTIVE' | 'DRAINING'): string {
    if (status === 'DRAINING' && instance.status !== 'ACTIVE') return `InvalidParameterException: container instance ${instance.id} is ${instance.status}, not ACTIVE`;
    if (status === 'ACTIVE' && instance.status !== 'DRAINING') return `container instance ${instance.id} is ${instance.status}; nothing to do`;
    instance.status = status;
    this.host.instanceEvent(instance);
    this.host.instancesChanged(true);
    return `${instance.ec2InstanceId} is ${status}`;
  }

  /**
   * The agent's connection drops. Messages stop at once both ways, but ECS marks the
   * instance disconnected (and stops placing there) only when the heartbeat times out
   * (ecs-facts T-074, T-084); tasks placed in between wait for the reconnect.
   */
  disconnectAgent(instance: ContainerInstance): void {
    const agent = this.host.agents.get(instance.containerInstanceArn);
    if (agent === undefined || agent.terminated || !agent.connected) return;
    agent.disconnect();
    this.sim.schedule(this.host.detection.agentDisconnect.sampleMs(this.host.detection.rng), () => {
      if (agent.connected || !instance.agentConnected) return;
      instance.agentConnected = false;
      this.host.instanceEvent(instance);
    });
  }

  reconnectAgent(instance: ContainerInstance): void {
    this.host.agents.get(instance.containerInstanceArn)?.reconnect();
  }
}
