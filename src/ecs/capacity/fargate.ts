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
  readonly definition: TaskDefinition;
  readonly az: string;
  readonly vcpu: number;
  readonly group: string;
  /** Runs on Fargate Spot capacity (the FARGATE_SPOT provider). */
  readonly spot: boolean;
}

/** ecs-facts A-031, KC-FSPOT: the notice comes two minutes before the task is stopped. */
export const SPOT_INTERRUPTION_NOTICE_MS = 120_000;

/** ecs-facts A-032, T-019: the reason and code in AWS's Fargate Spot example event. */
export const FARGATE_SPOT_STOPPED_REASON = 'Your Spot Task was interrupted.';
/** ecs-facts A-032 (open question 7): AWS's example shows TerminationNotice, not SpotInterruption. */
export const FARGATE_SPOT_STOP_CODE: StopCode = 'TerminationNotice';

/** What Fargate asks of the control plane when it reclaims a Spot task. */
export interface SpotNoticeLink {
  /** The two-minute warning for a task (ecs-facts A-031): ECS marks it to stop and sends SIGTERM. */
  spotInterruptionNotice(taskArn: string): boolean;
}

/** SIGKILL's exit code (ecs-facts T-037). */
const SPOT_KILL_EXIT_CODE = 137;

export class Fargate {
  /** Where containers' request servers listen (set by the model when the scenario has traffic). */
  servers: TaskServers | undefined;
  private readonly tasks = new Map<string, FargateTask>();
  private readonly vcpuInUse = new Map<string, number>();
  /** Fargate Spot vCPUs in use per AZ (counted in vcpuInUse too). */
  private readonly spotVcpuInUse = new Map<string, number>();
  /** Where Spot notices go (set by the model once the control plane exists). */
  spotLink: SpotNoticeLink | undefined;
  /** Spot tasks interrupted so far, for the result. */
  spotInterruptions = 0;
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
   * tasks of the group that has capacity, ties to the first listed. A Fargate Spot task
   * also needs Spot capacity in the AZ (`spotVcpuCapacityPerAz`), which is limited apart
   * from On-Demand (ecs-facts A-031, T-093, T-095).
   * @returns the AZ, or undefined when no AZ has capacity.
   */
  choose(group: string, vcpu: number, spot = false): string | undefined {
    let best: string | undefined;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const az of this.config.availabilityZones) {
      if (this.unavailableAzs.has(az)) continue;
      const limit = this.config.vcpuCapacityPerAz?.[az] ?? Number.POSITIVE_INFINITY;
      if ((this.vcpuInUse.get(az) ?? 0) + vcpu > limit) continue;
      if (spot && (this.spotVcpuInUse.get(az) ?? 0) + vcpu > (this.config.spotVcpuCapacityPerAz?.[az] ?? Number.POSITIVE_INFINITY)) continue;
      let count = 0;
      for (const t of this.tasks.values()) if (t.az === az && t.group === group) count += 1;
      if (count < bestCount) {
        best = az;
        bestCount = count;
      }
    }
    return best;
  }

  startTask(taskArn: string, definition: TaskDefinition, behaviour: TaskBehaviour, az: string, vcpu: number, group: string, spot = false): void {
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
    this.tasks.set(taskArn, { runner, definition, az, vcpu, group, spot });
    this.vcpuInUse.set(az, (this.vcpuInUse.get(az) ?? 0) + vcpu);
    if (spot) {
      this.spotVcpuInUse.set(az, (this.spotVcpuInUse.get(az) ?? 0) + vcpu);
      this.scheduleRandomInterruption(taskArn);
    }
    runner.start();
  }

  /**
   * `fargate.spotInterruptions.ratePerTaskHour`: each Spot task is reclaimed after an
   * exponential time at that rate (a Poisson process per task-hour), drawn when it starts
   * from its own stream so other actors' draws do not move. An assumption: AWS publishes
   * no Fargate Spot interruption rate.
   */
  private scheduleRandomInterruption(taskArn: string): void {
    const rate = this.config.spotInterruptions?.ratePerTaskHour ?? 0;
    if (rate <= 0) return;
    const u = this.spotRng().next();
    const afterMs = Math.max(1, Math.round((-Math.log(1 - u) / rate) * 3_600_000));
    this.sim.schedule(afterMs, () => {
      if (this.tasks.has(taskArn)) this.interrupt(taskArn);
    });
  }

  private spotStream: RandomStream | undefined;

  private spotRng(): RandomStream {
    this.spotStream ??= this.sim.rng('ecs/fargate-spot/interruptions');
    return this.spotStream;
  }

  /** The Spot tasks Fargate runs now, in start order, with their group and AZ. */
  spotTasks(): { readonly taskArn: string; readonly group: string; readonly az: string }[] {
    const out: { taskArn: string; group: string; az: string }[] = [];
    for (const [taskArn, t] of this.tasks) if (t.spot) out.push({ taskArn, group: t.group, az: t.az });
    return out;
  }

  /**
   * Fargate reclaims a Spot task (ecs-facts ): the control plane gets the
   * two-minute notice at once (desiredStatus STOPPED, a task state change, SIGTERM to the
   * containers, which then stop as in any stop); if the task still runs two minutes
   * later, it is killed with its capacity.
   * @returns whether a running Spot task was interrupted.
   */
  interrupt(taskArn: string): boolean {
    const t = this.tasks.get(taskArn);
    if (t === undefined || !t.spot) return false;
    if (this.spotLink?.spotInterruptionNotice(taskArn) !== true) return false;
    this.spotInterruptions += 1;
    this.sim.trace.emit('fargate', 'spotInterruptionNotice', { task: taskArn.slice(taskArn.lastIndexOf('/') + 1), availabilityZone: t.az });
    this.sim.schedule(SPOT_INTERRUPTION_NOTICE_MS, () => this.reclaim(taskArn));
    return true;
  }

  /**
   * The end of the notice: a task still on its capacity dies with it. Its containers are
   * reported STOPPED with exit code 137 (SIGKILL), as when stopTimeout runs out (T-005).
   */
  private reclaim(taskArn: string): void {
    const t = this.tasks.get(taskArn);
    if (t === undefined) return;
    t.runner.vanish();
    this.release(taskArn);
    this.sim.trace.emit('fargate', 'spotTaskReclaimed', { task: taskArn.slice(taskArn.lastIndexOf('/') + 1) });
    const report: TaskStateReport = {
      taskArn,
      atMs: this.sim.now,
      lastStatus: 'STOPPED',
      healthStatus: 'UNKNOWN',
      containers: t.definition.containerDefinitions.map((c) => ({
        name: c.name,
        image: c.image,
        essential: c.essential,
        lastStatus: 'STOPPED' as const,
        exitCode: SPOT_KILL_EXIT_CODE,
        healthStatus: 'UNKNOWN' as const,
        hasHealthCheck: c.healthCheck !== undefined,
      })),
      stopCode: FARGATE_SPOT_STOP_CODE,
      stoppedReason: FARGATE_SPOT_STOPPED_REASON,
      executionStoppedAtMs: this.sim.now,
    };
    this.channel.send(() => this.link.fargateTaskStateChanged(report));
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
    if (t.spot) this.spotVcpuInUse.set(t.az, (this.spotVcpuInUse.get(t.az) ?? 0) - t.vcpu);
  }
}

