import type { TaskServers } from '../network/servers.js';
import type { Distribution } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { TaskBehaviour } from '../config.js';
import { Channel } from '../runtime/channel.js';
import { TaskRunner, type TaskHost, type TaskStateReport } from '../runtime/task-runner.js';
import type { StopCode, TaskStatus } from '../task/lifecycle.js';
import type { TaskDefinition } from '../task-definition/types.js';
import type { ContainerInstance } from './container-instance.js';
import type { ImagePuller } from './image-puller.js';

/**
 * The ECS container agent on one instance (EC2 or EXTERNAL). It holds the actual state:
 * it starts and stops what the control plane asks, and reports back over a channel.
 * While disconnected, its tasks keep running, but nothing it reports arrives and nothing
 * the control plane asks of it arrives either (ecs-facts T-074, T-076).
 */
export interface ControlPlaneLink {
  agentRegistered(instance: ContainerInstance): void;
  taskStateChanged(instance: ContainerInstance, report: TaskStateReport): void;
  /** A new session: `known` are all the tasks the agent has (running or stopped but not yet cleaned up). */
  agentReconnected(instance: ContainerInstance, known: ReadonlySet<string>): void;
  /** UpdateContainerInstancesState, which the agent calls itself on a Spot notice (ecs-facts A-034). */
  setInstanceState(instance: ContainerInstance, status: 'ACTIVE' | 'DRAINING'): string;
}

/** ecs-facts T-085: ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION, how long a stopped task is kept. */
export const TASK_CLEANUP_WAIT_MS = 3 * 3_600_000;

export interface StartTaskMessage {
  readonly taskArn: string;
  readonly definition: TaskDefinition;
  readonly behaviour: TaskBehaviour;
  readonly initialStatus: TaskStatus;
}

export class Agent {
  readonly runners = new Map<string, TaskRunner>();
  /** Each task's last report, kept until clean-up, so a new session can tell what happened. */
  private readonly lastReports = new Map<string, TaskStateReport>();
  /** Control plane → agent. */
  readonly inbound: Channel;
  /** Agent → control plane. */
  readonly outbound: Channel;
  private readonly host: TaskHost;
  terminated = false;
  /** ECS_ENABLE_SPOT_INSTANCE_DRAINING: the agent's default is false (ecs-facts A-034, T-080). */
  spotInstanceDraining = false;
  /** Where containers' request servers listen (set by the model when the scenario has traffic). */
  servers: TaskServers | undefined;

  constructor(
    private readonly sim: Simulation,
    readonly instance: ContainerInstance,
    private readonly controlPlane: ControlPlaneLink,
    private readonly puller: ImagePuller,
    rng: RandomStream,
    messageLatency: Distribution,
    hostLatency: TaskHost['latency'],
    failingSecrets: ReadonlySet<string>,
    region: string,
  ) {
    this.inbound = new Channel(sim, messageLatency, rng, `${instance.ec2InstanceId}/inbound`);
    this.outbound = new Channel(sim, messageLatency, rng, `${instance.ec2InstanceId}/outbound`);
    this.host = {
      sim,
      rng,
      needsEni: false,
      latency: hostLatency,
      failingSecrets,
      platform: instance.launchType,
      region,
      pullImage: (image, done) => this.puller.pull(image, done),
      report: (state) => {
        this.lastReports.set(state.taskArn, state);
        this.outbound.send(() => this.controlPlane.taskStateChanged(this.instance, state));
      },
      released: (taskArn) => {
        this.runners.delete(taskArn);
        this.sim.schedule(TASK_CLEANUP_WAIT_MS, () => this.lastReports.delete(taskArn));
      },
      serve: (taskArn, containerName, behaviour) => this.servers?.serve(taskArn, containerName, behaviour.server),
    };
  }

  /** The instance has booted: the agent registers (after `registrationMs`). */
  boot(registrationMs: number): void {
    this.sim.schedule(registrationMs, () => {
      if (this.terminated) return;
      this.controlPlane.agentRegistered(this.instance);
    });
  }

  startTask(message: StartTaskMessage): void {
    // A task the agent already has (running, or stopped and not yet cleaned up) never starts twice.
    if (this.terminated || this.runners.has(message.taskArn) || this.lastReports.has(message.taskArn)) return;
    const host: TaskHost = message.definition.networkMode === 'awsvpc' ? { ...this.host, needsEni: true } : this.host;
    const runner = new TaskRunner(host, message.taskArn, message.definition, message.behaviour, message.initialStatus);
    this.runners.set(message.taskArn, runner);
    runner.start();
  }

  stopTask(taskArn: string, stopCode: StopCode, reason: string): void {
    this.runners.get(taskArn)?.stop(stopCode, reason);
  }

  disconnect(): void {
    this.inbound.up = false;
    this.outbound.up = false;
  }

  reconnect(): void {
    if (this.terminated) return;
    this.inbound.up = true;
    this.outbound.up = true;
    // On a new session the agent reports every task it knows, then the control plane
    // reconciles: tasks it never received are started or marked stopped, and what was
    // asked while it was away is asked again.
    for (const report of this.lastReports.values()) this.outbound.send(() => this.controlPlane.taskStateChanged(this.instance, report));
    const known = new Set(this.lastReports.keys());
    for (const arn of this.runners.keys()) known.add(arn);
    this.outbound.send(() => this.controlPlane.agentReconnected(this.instance, known));
  }

  /**
   * EC2's two-minute Spot notice reaches the agent (ecs-facts A-034, T-080). With
   * ECS_ENABLE_SPOT_INSTANCE_DRAINING the agent sets its instance DRAINING, so ECS stops
   * placing there and services replace their tasks; without it nothing happens until
   * the instance is gone. Assumption: the agent sees the notice at once (its polling of
   * the instance metadata is not modelled); the call takes one message latency.
   * @returns whether the agent asked for DRAINING.
   */
  spotInterruptionNotice(): boolean {
    if (this.terminated) return false;
    this.sim.trace.emit('agent', 'spotInterruptionNotice', { instance: this.instance.ec2InstanceId, draining: this.spotInstanceDraining });
    if (!this.spotInstanceDraining) return false;
    this.outbound.send(() => this.controlPlane.setInstanceState(this.instance, 'DRAINING'));
    return true;
  }

  /** The instance is gone: its containers die with it and nothing more is said. */
  terminate(): void {
    this.terminated = true;
    this.disconnect();
    for (const runner of this.runners.values()) runner.vanish();
    this.runners.clear();
  }

  get connected(): boolean {
    return this.outbound.up;
  }
}
