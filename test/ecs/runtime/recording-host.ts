import { makeDistribution, Simulation } from '../../../src/engine/index.js';
import type { ContainerStatus, HealthStatus, StopCode, TaskStatus } from '../../../src/ecs/task/lifecycle.js';
import type { TaskBehaviour } from '../../../src/ecs/config.js';
import type { TaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { TaskRunner, type TaskHost, type TaskStateReport } from '../../../src/ecs/runtime/task-runner.js';

/**
 * Extends ./support.ts: runs one TaskRunner on a recording host whose platform, latencies
 * and pulls a test can set, and answers "when did X happen" from the recorded reports.
 * Every latency is a constant, so times in the specs are exact.
 */
export { container, taskDefinition } from './support.js';

export const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef';

export interface HostLatencies {
  readonly eniAttach: number;
  readonly eniDetach: number;
  readonly secretsFetch: number;
  readonly containerStart: number;
}

/** The defaults match ./support.ts: ENI attach 2 s, detach 1 s, secrets 300 ms, docker start 500 ms, pulls 1 s. */
export const LATENCY: HostLatencies = { eniAttach: 2_000, eniDetach: 1_000, secretsFetch: 300, containerStart: 500 };
export const PULL_MS = 1_000;

export interface HostOptions {
  readonly platform?: TaskHost['platform'];
  readonly latency?: Partial<HostLatencies>;
  /** How long one image pull takes. */
  readonly pullMs?: number;
  /** Pulls fail with this text (all images, or only those listed in `failingImages`). */
  readonly pullError?: string;
  readonly failingImages?: readonly string[];
  readonly failingSecrets?: readonly string[];
  readonly region?: string;
}

export type Report = TaskStateReport & { readonly t: number };

export function startTask(def: TaskDefinition, behaviour: TaskBehaviour = { containers: {} }, options: HostOptions = {}) {
  const sim = new Simulation({ seed: 1 });
  const reports: Report[] = [];
  const pulled: { image: string; t: number }[] = [];
  const latency = { ...LATENCY, ...options.latency };
  const fixed = (ms: number) => makeDistribution({ constant: ms });
  const released: number[] = [];
  const host: TaskHost = {
    sim,
    rng: sim.rng('test'),
    needsEni: def.networkMode === 'awsvpc',
    latency: { eniAttach: fixed(latency.eniAttach), eniDetach: fixed(latency.eniDetach), secretsFetch: fixed(latency.secretsFetch), containerStart: fixed(latency.containerStart) },
    failingSecrets: new Set(options.failingSecrets ?? []),
    platform: options.platform ?? 'EC2',
    region: options.region ?? 'us-east-1',
    pullImage: (image, done) =>
      sim.schedule(options.pullMs ?? PULL_MS, () => {
        pulled.push({ image, t: sim.now });
        const fails = options.pullError !== undefined && (options.failingImages === undefined || options.failingImages.includes(image));
        done(fails ? options.pullError : undefined);
      }),
    report: (state) => reports.push({ ...state, t: sim.now }),
    released: () => released.push(sim.now),
  };
  const runner = new TaskRunner(host, TASK_ARN, def, behaviour, def.networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING');
  runner.start();

  const container = (r: TaskStateReport, name: string) => {
    const c = r.containers.find((x) => x.name === name);
    if (c === undefined) throw new Error(`no container ${name} in the report`);
    return c;
  };
  return {
    sim,
    runner,
    reports,
    pulled,
    released,
    /** StopTask reaching the host at `atMs` (SIGTERM, then SIGKILL after stopTimeout). */
    stopAt(atMs: number, stopCode: StopCode = 'UserInitiated', reason = 'Task stopped by user'): void {
      sim.at(atMs, () => runner.stop(stopCode, reason));
    },
    /** The task statuses reported, without repeats. */
    statuses(): TaskStatus[] {
      return reports.map((r) => r.lastStatus).filter((s, i, all) => i === 0 || all[i - 1] !== s);
    },
    last(): Report {
      const r = reports[reports.length - 1];
      if (r === undefined) throw new Error('nothing was reported');
      return r;
    },
    /** When the task was first reported in `status`. */
    taskAt(status: TaskStatus): number | undefined {
      return reports.find((r) => r.lastStatus === status)?.t;
    },
    /** When container `name` was first reported in `status`. */
    containerAt(name: string, status: ContainerStatus): number | undefined {
      return reports.find((r) => container(r, name).lastStatus === status)?.t;
    },
    /** When container `name` was first reported with `health`. */
    healthAt(name: string, health: HealthStatus): number | undefined {
      return reports.find((r) => container(r, name).healthStatus === health)?.t;
    },
    /** Container `name` as last reported. */
    containerNow(name: string) {
      const r = reports[reports.length - 1];
      if (r === undefined) throw new Error('nothing was reported');
      return container(r, name);
    },
    /** Whether any report ever showed container `name` RUNNING. */
    everRan(name: string): boolean {
      return reports.some((r) => container(r, name).lastStatus === 'RUNNING');
    },
  };
}

/** When a container started on this host, with pulls of PULL_MS and no secrets: pull, then docker start. */
export const STARTED_AT = PULL_MS + LATENCY.containerStart;
