import { makeDistribution, type Distribution, type DistributionSpec } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation, Timer } from '../../engine/simulation.js';
import type { ContainerBehaviour, TaskBehaviour } from '../config.js';
import type { ContainerStatus, HealthStatus, StopCode, TaskStatus } from '../task/lifecycle.js';
import { taskHealth } from '../task/lifecycle.js';
import type { ContainerDefinition, TaskDefinition } from '../task-definition/types.js';

/**
 * The actual state of one task on its host: what the agent (EC2, EXTERNAL) or Fargate
 * does with it. Pulls images, fetches secrets, starts containers in `dependsOn` order,
 * runs health checks, and stops containers with SIGTERM then SIGKILL. It reports each
 * change through `host.report`; the control plane learns only from those reports.
 */

export interface ContainerState {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  lastStatus: ContainerStatus;
  exitCode?: number;
  reason?: string;
  healthStatus: HealthStatus;
  readonly hasHealthCheck: boolean;
  /** Internal: started = docker container started; ready = app ready; exited. */
  startedAtMs?: number;
}

export interface TaskStateReport {
  readonly taskArn: string;
  /** When the change happened on the host (the report arrives later). */
  readonly atMs: number;
  readonly lastStatus: TaskStatus;
  readonly healthStatus: HealthStatus;
  readonly containers: readonly Readonly<ContainerState>[];
  readonly stopCode?: StopCode;
  readonly stoppedReason?: string;
  readonly pullStartedAtMs?: number;
  readonly pullStoppedAtMs?: number;
  readonly executionStoppedAtMs?: number;
}

/** What a runner needs from where it runs. */
export interface TaskHost {
  readonly sim: Simulation;
  readonly rng: RandomStream;
  /** Pulls one image; calls back with an error text (CannotPullContainerError ...) or undefined. */
  pullImage(image: string, done: (error: string | undefined) => void): void;
  /** Sends a state report to the control plane. */
  report(state: TaskStateReport): void;
  /** Releases the task's host resources once it has stopped. */
  released(taskArn: string): void;
  readonly needsEni: boolean;
  readonly latency: {
    readonly eniAttach: Distribution;
    readonly eniDetach: Distribution;
    readonly secretsFetch: Distribution;
    readonly containerStart: Distribution;
  };
  /** Secrets (valueFrom) that fail to fetch. */
  readonly failingSecrets: ReadonlySet<string>;
  /** Starts the container's request server once its application is ready; returns what closes it. */
  serve?(taskArn: string, containerName: string, behaviour: ContainerBehaviour): (() => void) | undefined;
  /** `Fetching secret data ...` text differs between EC2 and Fargate (ecs-facts T-100, T-101). */
  readonly platform: 'EC2' | 'FARGATE' | 'EXTERNAL';
  readonly region: string;
}

interface Runtime {
  readonly def: ContainerDefinition;
  readonly behaviour: ContainerBehaviour;
  readonly state: ContainerState;
  readonly timers: Timer[];
  /** docker create/start is under way. */
  starting: boolean;
  ready: boolean;
  failingSinceMs: number;
  consecutiveFailures: number;
  stopRequested: boolean;
  /** Closes the container's request server (its requests are reset). */
  closeServer?: (() => void) | undefined;
}

const ZERO: Distribution = makeDistribution({ constant: 0 });
const dist = (spec: DistributionSpec | undefined, fallback: Distribution = ZERO): Distribution => (spec === undefined ? fallback : makeDistribution(spec));

/** ecs-facts T-030: 30 s when neither the container nor the agent sets one. */
export const DEFAULT_STOP_TIMEOUT_MS = 30_000;
/** ecs-facts T-037: SIGKILL exit status. */
const SIGKILL_EXIT = 137;

export class TaskRunner {
  lastStatus: TaskStatus;
  private readonly containers: Runtime[];
  private readonly byName = new Map<string, Runtime>();
  private stopCode: StopCode | undefined;
  private stoppedReason: string | undefined;
  private pullStartedAtMs: number | undefined;
  private pullStoppedAtMs: number | undefined;
  private executionStoppedAtMs: number | undefined;
  private stopping = false;
  private readonly startTimers: Timer[] = [];

  constructor(
    private readonly host: TaskHost,
    readonly taskArn: string,
    private readonly taskDefinition: TaskDefinition,
    behaviour: TaskBehaviour,
    initialStatus: TaskStatus,
  ) {
    this.lastStatus = initialStatus;
    this.containers = taskDefinition.containerDefinitions.map((def) => {
      const runtime: Runtime = {
        def,
        behaviour: behaviour.containers[def.name] ?? {},
        state: { name: def.name, image: def.image, essential: def.essential, lastStatus: 'PENDING', healthStatus: 'UNKNOWN', hasHealthCheck: def.healthCheck !== undefined },
        timers: [],
        starting: false,
        ready: false,
        failingSinceMs: Number.POSITIVE_INFINITY,
        consecutiveFailures: 0,
        stopRequested: false,
      };
      this.byName.set(def.name, runtime);
      return runtime;
    });
  }

  /** Begins: ENI (awsvpc), then image pulls, secrets, containers. */
  start(): void {
    const sim = this.host.sim;
    if (this.host.needsEni && this.lastStatus === 'PROVISIONING') {
      this.later(this.host.latency.eniAttach, () => {
        this.move('PENDING');
        this.pull();
      });
      return;
    }
    this.move('PENDING');
    sim.schedule(0, () => this.pull());
  }

  private pull(): void {
    if (this.stopping) return;
    const sim = this.host.sim;
    this.pullStartedAtMs = sim.now;
    let left = this.containers.length;
    let failure: string | undefined;
    for (const c of this.containers) {
      this.host.pullImage(c.def.image, (error) => {
        if (error !== undefined && failure === undefined) {
          failure = error;
          c.state.reason = error;
        }
        left -= 1;
        if (left > 0) return;
        this.pullStoppedAtMs = sim.now;
        if (this.stopping) return;
        if (failure !== undefined) {
          // ecs-facts T-098, T-102: a failed pull stops the task before any container runs.
          this.failToStart(failure);
          return;
        }
        this.report();
        this.fetchSecrets();
      });
    }
  }

  private fetchSecrets(): void {
    const secrets = this.containers.flatMap((c) => c.def.secrets.map((s) => s.valueFrom));
    if (secrets.length === 0) {
      this.startReadyContainers();
      return;
    }
    this.later(this.host.latency.secretsFetch, () => {
      const failed = secrets.find((s) => this.host.failingSecrets.has(s));
      if (failed !== undefined) {
        this.failToStart(this.secretError(failed));
        return;
      }
      this.startReadyContainers();
    });
  }

  private secretError(valueFrom: string): string {
    const fromSsm = valueFrom.includes(':ssm:') || !valueFrom.startsWith('arn:');
    // ecs-facts T-100 (Fargate, PV 1.4.0) and T-101 (EC2 agent).
    if (this.host.platform === 'FARGATE') {
      return fromSsm
        ? `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User is not authorized to perform: ssm:GetParameters on resource: ${valueFrom}`
        : `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${valueFrom} from secrets manager: AccessDeniedException`;
    }
    return fromSsm
      ? `Fetching secret data from SSM Parameter Store in ${this.host.region}: invalid parameters: ${valueFrom}`
      : `Fetching secret data from AWS Secrets Manager in region ${this.host.region}: secret ${valueFrom}: AccessDeniedException`;
  }

  /** Starts every container whose dependencies are met; fails the task on a broken dependency. */
  private startReadyContainers(): void {
    if (this.stopping) return;
    for (const c of this.containers) {
      if (c.state.lastStatus !== 'PENDING' || c.starting) continue;
      const verdict = this.dependencies(c);
      if (verdict === 'wait') continue;
      if (verdict !== 'go') {
        this.failToStart(verdict);
        return;
      }
      c.starting = true;
      // Not a start timer: a stop that comes meanwhile lets docker finish, then the
      // container counts as never started (containerStarted checks `stopping`).
      this.host.sim.schedule(this.host.latency.containerStart.sampleMs(this.host.rng), () => this.containerStarted(c));
    }
  }

  /**
   * 'go', 'wait', or the agent's dependency error text (ecs-facts T-035, T-036; the agent's
   * dependencygraph/graph.go). Only a SUCCESS dependency that exited non-zero fails fast;
   * an unhealthy HEALTHY dependency is waited on until its startTimeout, if it has one.
   */
  private dependencies(c: Runtime): 'go' | 'wait' | string {
    for (const dep of c.def.dependsOn) {
      const d = this.byName.get(dep.containerName);
      if (d === undefined) continue;
      const s = d.state;
      switch (dep.condition) {
        case 'START':
          if (s.lastStatus === 'PENDING') return 'wait';
          break;
        case 'COMPLETE':
          if (s.lastStatus !== 'STOPPED') return 'wait';
          break;
        case 'SUCCESS':
          if (s.lastStatus !== 'STOPPED') return 'wait';
          if (s.exitCode !== 0) return `dependency graph: failed to resolve container ordering dependency [${dep.containerName}] for target [${c.def.name}] as dependency did not exit successfully.`;
          break;
        case 'HEALTHY':
          if (s.healthStatus !== 'HEALTHY') return 'wait';
          break;
      }
    }
    return 'go';
  }

  /**
   * A dependency's startTimeout runs from its own start: if a container waiting on it for
   * COMPLETE, SUCCESS or HEALTHY has not started by then, the task gives up (ecs-facts
   * T-032; the agent's hasDependencyTimedOut).
   */
  private armDependencyTimeouts(dependency: Runtime): void {
    const timeoutMs = dependency.def.startTimeoutMs;
    if (timeoutMs === undefined) return;
    for (const target of this.containers) {
      const on = target.def.dependsOn.find((d) => d.containerName === dependency.def.name && d.condition !== 'START');
      if (on === undefined) continue;
      dependency.timers.push(
        this.host.sim.schedule(timeoutMs, () => {
          if (this.stopping || target.starting || target.state.lastStatus !== 'PENDING' || dependency.state.lastStatus === 'STOPPED') return;
          this.failToStart(`dependency graph: container ordering dependency [${dependency.def.name}] for target [${target.def.name}] has timed out.`);
        }),
      );
    }
  }

  private containerStarted(c: Runtime): void {
    c.starting = false;
    if (this.stopping) {
      // The task began to stop while docker started this one: it never runs.
      this.afterContainerChange();
      return;
    }
    const sim = this.host.sim;
    c.state.lastStatus = 'RUNNING';
    c.state.startedAtMs = sim.now;
    c.timers.push(sim.schedule(dist(c.behaviour.startup).sampleMs(this.host.rng), () => this.appReady(c)));
    const exit = c.behaviour.exit;
    if (exit !== undefined && (exit.probability === undefined || this.host.rng.next() < exit.probability)) {
      c.timers.push(sim.schedule(makeDistribution(exit.after).sampleMs(this.host.rng), () => this.containerExited(c, exit.code, undefined)));
    }
    const failAfter = c.behaviour.healthCheck?.failAfter;
    if (failAfter !== undefined) c.failingSinceMs = sim.now + makeDistribution(failAfter).sampleMs(this.host.rng);
    if (c.def.healthCheck !== undefined) this.scheduleHealthCheck(c);
    this.armDependencyTimeouts(c);
    // Containers waiting for this one to START may go now.
    this.startReadyContainers();
    this.afterContainerChange();
  }

  private appReady(c: Runtime): void {
    c.ready = true;
    if (c.behaviour.server !== undefined) c.closeServer = this.host.serve?.(this.taskArn, c.def.name, c.behaviour);
  }

  /** Docker runs the first check one interval after start (ecs-facts T-039, T-040). */
  private scheduleHealthCheck(c: Runtime): void {
    const hc = c.def.healthCheck;
    if (hc === undefined) return;
    c.timers.push(this.host.sim.schedule(hc.intervalMs, () => this.runHealthCheck(c)));
  }

  private runHealthCheck(c: Runtime): void {
    const hc = c.def.healthCheck;
    if (hc === undefined || c.state.lastStatus !== 'RUNNING') return;
    const sim = this.host.sim;
    const model = c.behaviour.healthCheck;
    const durationMs = dist(model?.duration).sampleMs(this.host.rng);
    const passes =
      c.ready && sim.now < c.failingSinceMs && !(model?.failProbability !== undefined && this.host.rng.next() < model.failProbability) && durationMs <= hc.timeoutMs;
    const inStartPeriod = sim.now - (c.state.startedAtMs ?? 0) < hc.startPeriodMs;
    c.timers.push(
      sim.schedule(Math.min(durationMs, hc.timeoutMs), () => {
        if (c.state.lastStatus !== 'RUNNING') return;
        const before = c.state.healthStatus;
        if (passes) {
          c.consecutiveFailures = 0;
          c.state.healthStatus = 'HEALTHY';
        } else if (!inStartPeriod || c.state.healthStatus === 'HEALTHY') {
          // ecs-facts T-040: failures in the start period do not count toward retries,
          // unless a check has passed already (then the container is no longer starting).
          c.consecutiveFailures += 1;
          if (c.consecutiveFailures >= hc.retries) c.state.healthStatus = 'UNHEALTHY';
        }
        if (c.state.healthStatus !== before) {
          // A container waiting for this one to be HEALTHY may start now.
          if (c.state.healthStatus === 'HEALTHY') this.startReadyContainers();
          this.afterContainerChange();
        }
        this.scheduleHealthCheckAfter(c, hc.intervalMs);
      }),
    );
  }

  private scheduleHealthCheckAfter(c: Runtime, intervalMs: number): void {
    c.timers.push(this.host.sim.schedule(intervalMs, () => this.runHealthCheck(c)));
  }

  private containerExited(c: Runtime, exitCode: number, reason: string | undefined): void {
    if (c.state.lastStatus === 'STOPPED') return;
    for (const t of c.timers) this.host.sim.cancel(t);
    c.timers.length = 0;
    // The process is gone: its connections reset, its address answers nothing.
    c.closeServer?.();
    c.closeServer = undefined;
    c.state.lastStatus = 'STOPPED';
    c.state.exitCode = exitCode;
    if (reason !== undefined) c.state.reason = reason;
    if (c.def.essential && !this.stopping) {
      // ecs-facts T-009, T-013, T-034: an essential container's exit stops the task.
      this.beginStop('EssentialContainerExited', 'Essential container in task exited');
      return;
    }
    if (this.stopping) this.signalStoppable();
    else this.startReadyContainers();
    this.afterContainerChange();
  }

  /** Recomputes the task status from its containers (ecs-facts T-009) and reports. */
  private afterContainerChange(): void {
    if (this.stopping) {
      if (this.containers.every((c) => c.state.lastStatus === 'STOPPED' || (c.state.lastStatus === 'PENDING' && !c.starting))) this.finishStop();
      else this.report();
      return;
    }
    const running = this.containers.every((c) => c.state.lastStatus === 'RUNNING' || (c.state.lastStatus === 'STOPPED' && !c.def.essential));
    if (running && this.lastStatus === 'PENDING') this.move('RUNNING');
    else this.report();
  }

  /** Stops the task (StopTask, a scheduler decision, or an essential exit). */
  stop(stopCode: StopCode, reason: string): void {
    if (this.stopping) return;
    this.beginStop(stopCode, reason);
  }

  private failToStart(reason: string): void {
    this.beginStop('TaskFailedToStart', reason);
  }

  private beginStop(stopCode: StopCode, reason: string): void {
    this.stopping = true;
    this.stopCode = stopCode;
    this.stoppedReason = reason;
    for (const t of this.startTimers) this.host.sim.cancel(t);
    if (this.lastStatus !== 'STOPPING' && this.lastStatus !== 'DEPROVISIONING' && this.lastStatus !== 'STOPPED') this.move('STOPPING');
    this.stopContainers();
  }

  private stopContainers(): void {
    this.signalStoppable();
    for (const c of this.containers) {
      if (c.state.lastStatus === 'PENDING') {
        for (const t of c.timers) this.host.sim.cancel(t);
        c.timers.length = 0;
      }
    }
    this.afterContainerChange();
  }

  private sigterm(c: Runtime): void {
    const sim = this.host.sim;
    c.stopRequested = true;
    for (const t of c.timers) sim.cancel(t);
    c.timers.length = 0;
    const timeoutMs = c.def.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    const exitMs = dist(c.behaviour.shutdown).sampleMs(this.host.rng);
    // ecs-facts T-005, T-031: SIGTERM, then SIGKILL after stopTimeout unless it exited.
    if (exitMs <= timeoutMs) c.timers.push(sim.schedule(exitMs, () => this.stoppedBySignal(c, 0)));
    else c.timers.push(sim.schedule(timeoutMs, () => this.stoppedBySignal(c, SIGKILL_EXIT)));
  }

  private stoppedBySignal(c: Runtime, exitCode: number): void {
    c.timers.length = 0;
    c.state.lastStatus = 'STOPPED';
    c.state.exitCode = exitCode;
    this.signalStoppable();
    this.afterContainerChange();
  }

  /**
   * SIGTERM each running container that no running container depends on: shutdown runs
   * in reverse dependency order (ecs-facts T-035). A cycle (which validation forbids)
   * would stop all at once rather than hang.
   */
  private signalStoppable(): void {
    const running = this.containers.filter((c) => c.state.lastStatus === 'RUNNING');
    const unsignalled = running.filter((c) => !c.stopRequested);
    const free = unsignalled.filter((c) => !running.some((d) => d !== c && d.def.dependsOn.some((x) => x.containerName === c.def.name)));
    const cycle = free.length === 0 && unsignalled.length === running.length;
    for (const c of cycle ? unsignalled : free) this.sigterm(c);
  }

  private finishStop(): void {
    if (this.lastStatus === 'DEPROVISIONING' || this.lastStatus === 'STOPPED') return;
    const sim = this.host.sim;
    this.executionStoppedAtMs = sim.now;
    // Containers that never started are reported STOPPED too, with no exit code (ecs-facts T-037).
    for (const c of this.containers) if (c.state.lastStatus === 'PENDING') c.state.lastStatus = 'STOPPED';
    if (this.host.needsEni) {
      this.move('DEPROVISIONING');
      this.later(this.host.latency.eniDetach, () => this.stopped());
    } else {
      this.stopped();
    }
  }

  private stopped(): void {
    this.move('STOPPED');
    this.host.released(this.taskArn);
  }

  /** The host vanished (terminated): containers die with it; nothing is reported. */
  vanish(): void {
    for (const c of this.containers) {
      for (const t of c.timers) this.host.sim.cancel(t);
      c.closeServer?.();
      c.closeServer = undefined;
    }
    this.stopping = true;
  }

  /** A container is killed from outside (OOM, a fault), as if its process exited. */
  killContainer(name: string | undefined, exitCode: number): boolean {
    const c = name === undefined ? this.containers.find((x) => x.def.essential && x.state.lastStatus === 'RUNNING') : this.byName.get(name);
    if (c === undefined || c.state.lastStatus !== 'RUNNING') return false;
    this.containerExited(c, exitCode, exitCode === SIGKILL_EXIT ? 'OutOfMemoryError: Container killed due to memory usage' : undefined);
    return true;
  }

  private move(to: TaskStatus): void {
    this.lastStatus = to;
    this.report();
  }

  report(): void {
    const state: TaskStateReport = {
      taskArn: this.taskArn,
      atMs: this.host.sim.now,
      lastStatus: this.lastStatus,
      healthStatus: taskHealth(this.containers.filter((c) => c.def.essential).map((c) => c.state)),
      containers: this.containers.map((c) => ({ ...c.state })),
      ...(this.stopCode === undefined ? {} : { stopCode: this.stopCode }),
      ...(this.stoppedReason === undefined ? {} : { stoppedReason: this.stoppedReason }),
      ...(this.pullStartedAtMs === undefined ? {} : { pullStartedAtMs: this.pullStartedAtMs }),
      ...(this.pullStoppedAtMs === undefined ? {} : { pullStoppedAtMs: this.pullStoppedAtMs }),
      ...(this.executionStoppedAtMs === undefined ? {} : { executionStoppedAtMs: this.executionStoppedAtMs }),
    };
    this.host.report(state);
  }

  private later(d: Distribution, fn: () => void): void {
    this.startTimers.push(this.host.sim.schedule(d.sampleMs(this.host.rng), fn));
  }

  /** The task definition this runner runs (for hosts that account resources). */
  get definition(): TaskDefinition {
    return this.taskDefinition;
  }
}
