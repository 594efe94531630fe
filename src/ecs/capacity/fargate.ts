import type { TaskServers } from '../network/servers.js';
import type { Distribution } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { FargateConfig, TaskBehaviour } from '../config.js';
import { Channel } from '../runtime/channel.js';
import { TaskRunner, type TaskHost, type TaskStateReport } from '../runtime/task-runner.js';
import type { StopCode } from '../task/lifecycle.js';
import type { TaskDefinition } from '../task-definition/types.js';
import { ImagePuller, type PullEnvironment } from './image-puller.js';

/**
 * Fargate: no instances to manage. Each task gets its own capacity after a provisioning
 * delay, in an AZ chosen to keep the task group balanced across AZs (ecs-facts T-088,
 * S-015), pulls its whole image every time (T-091) and has its own ENI (T-088).
 * Per-AZ vCPU capacity can be limited to produce capacity-unavailable failures.
 */
export interface FargateLink {
  fargateTaskStateChanged(report: TaskStateReport): void;
}

/**
 * The RunTask failure reason when Fargate has no capacity. Seen in real RunTask
 * responses and service events; not in the facts file (see the issue note).
 */
export const FARGATE_CAPACITY_UNAVAILABLE = 'Capacity is unavailable at this time. Please try again later or in a different availability zone';

interface FargateTask {
  readonly runner: TaskRunner;
  readonly az: string;
  readonly vcpu: number;
  readonly group: string;
}

export class Fargate {
  /** Where containers' request servers listen (set by the model when the scenario has traffic). */
  servers: TaskServers | undefined;
  private readonly tasks = new Map<string, FargateTask>();
  private readonly vcpuInUse = new Map<string, number>();
  private readonly unavailableAzs = new Set<string>();
  private readonly channel: Channel;
  private readonly inbound: Channel;
  private readonly overhead: Distribution;

  constructor(
    private readonly sim: Simulation,
    private readonly rng: RandomStream,
    readonly config: FargateConfig,
    private readonly env: PullEnvironment,
    private readonly latency: {
      readonly provisioning: Distribution;
      readonly deprovisioning: Distribution;
      readonly message: Distribution;
      readonly pullOverhead: Distribution;
      readonly secretsFetch: Distribution;
      readonly containerStart: Distribution;
    },
    private readonly failingSecrets: ReadonlySet<string>,
    private readonly region: string,
    private readonly link: FargateLink,
    private readonly onPulled: (image: string, ms: number) => void,
  ) {
    this.channel = new Channel(sim, latency.message, rng, 'fargate/outbound');
    this.inbound = new Channel(sim, latency.message, rng, 'fargate/inbound');
    this.overhead = latency.pullOverhead;
    for (const az of config.availabilityZones) this.vcpuInUse.set(az, 0);
  }

  /**
   * Chooses an AZ for a task of `group` needing `vcpu`: the AZ with the fewest running
   * tasks of the group that has capacity, ties to the first listed.
   * @returns the AZ, or undefined when no AZ has capacity.
   */
  choose(group: string, vcpu: number): string | undefined {
    let best: string | undefined;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const az of this.config.availabilityZones) {
      if (this.unavailableAzs.has(az)) continue;
      const limit = this.config.vcpuCapacityPerAz?.[az] ?? Number.POSITIVE_INFINITY;
      if ((this.vcpuInUse.get(az) ?? 0) + vcpu > limit) continue;
      let count = 0;
      for (const t of this.tasks.values()) if (t.az === az && t.group === group) count += 1;
      if (count < bestCount) {
        best = az;
        bestCount = count;
      }
    }
    return best;
  }

  startTask(taskArn: string, definition: TaskDefinition, behaviour: TaskBehaviour, az: string, vcpu: number, group: string): void {
    const puller = new ImagePuller(this.sim, this.rng, this.env, this.overhead, this.config.pullBandwidthMBps, 'always', false, (image, ms) => this.onPulled(image, ms));
    const host: TaskHost = {
      sim: this.sim,
      rng: this.rng,
      // Provisioning covers finding capacity and attaching the task ENI (ecs-facts T-002).
      needsEni: true,
      latency: { eniAttach: this.latency.provisioning, eniDetach: this.latency.deprovisioning, secretsFetch: this.latency.secretsFetch, containerStart: this.latency.containerStart },
      failingSecrets: this.failingSecrets,
      platform: 'FARGATE',
      region: this.region,
      pullImage: (image, done) => puller.pull(image, done),
      report: (state) => this.channel.send(() => this.link.fargateTaskStateChanged(state)),
      released: (arn) => this.release(arn),
      serve: (arn, containerName, behaviour) => this.servers?.serve(arn, containerName, behaviour.server),
    };
    const runner = new TaskRunner(host, taskArn, definition, behaviour, 'PROVISIONING');
    this.tasks.set(taskArn, { runner, az, vcpu, group });
    this.vcpuInUse.set(az, (this.vcpuInUse.get(az) ?? 0) + vcpu);
    runner.start();
  }

  /** StopTask reaches the task's host after the control-plane message latency. */
  stopTask(taskArn: string, stopCode: StopCode, reason: string): void {
    this.inbound.send(() => this.tasks.get(taskArn)?.runner.stop(stopCode, reason));
  }

  killContainer(taskArn: string, exitCode: number): boolean {
    return this.tasks.get(taskArn)?.runner.killContainer(undefined, exitCode) ?? false;
  }

  /** An AZ becomes unavailable: its tasks stop and nothing new is placed there. */
  loseAvailabilityZone(az: string, stopCode: StopCode, reason: string): void {
    this.unavailableAzs.add(az);
    for (const [arn, t] of this.tasks) if (t.az === az) this.stopTask(arn, stopCode, reason);
  }

  runs(taskArn: string): boolean {
    return this.tasks.has(taskArn);
  }

  private release(taskArn: string): void {
    const t = this.tasks.get(taskArn);
    if (t === undefined) return;
    this.tasks.delete(taskArn);
    this.vcpuInUse.set(t.az, (this.vcpuInUse.get(t.az) ?? 0) - t.vcpu);
  }
}

