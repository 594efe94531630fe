import { makeDistribution, Simulation } from '../../../src/engine/index.js';
import type { TaskBehaviour } from '../../../src/ecs/config.js';
import { TaskRunner, type TaskHost, type TaskStateReport } from '../../../src/ecs/runtime/task-runner.js';
import type { ContainerDefinition, TaskDefinition } from '../../../src/ecs/task-definition/types.js';

/** A container definition with ECS's defaults, overridable per test. */
export function container(name: string, extra: Partial<ContainerDefinition> = {}): ContainerDefinition {
  return { name, image: `${name}:1`, cpu: 0, memory: 256, essential: true, portMappings: [], dependsOn: [], secrets: [], environment: [], ...extra };
}

export function taskDefinition(containers: ContainerDefinition[], extra: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    family: 'app',
    revision: 1,
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/app:1',
    status: 'ACTIVE',
    networkMode: 'bridge',
    requiresCompatibilities: [],
    compatibilities: ['EC2'],
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    containerDefinitions: containers,
    placementConstraints: [],
    ephemeralStorageGiB: 20,
    ignoredFields: [],
    ...extra,
  };
}

/** Runs one task on a host whose pulls take `pullMs` (failing with `pullError` if given) and records its reports. */
export function runTask(def: TaskDefinition, behaviour: TaskBehaviour = { containers: {} }, options: { pullMs?: number; pullError?: string; failingSecrets?: string[] } = {}) {
  const sim = new Simulation({ seed: 1 });
  const reports: (TaskStateReport & { t: number })[] = [];
  const fixed = (ms: number) => makeDistribution({ constant: ms });
  const host: TaskHost = {
    sim,
    rng: sim.rng('test'),
    needsEni: def.networkMode === 'awsvpc',
    latency: { eniAttach: fixed(2_000), eniDetach: fixed(1_000), secretsFetch: fixed(300), containerStart: fixed(500) },
    failingSecrets: new Set(options.failingSecrets ?? []),
    platform: 'EC2',
    region: 'us-east-1',
    pullImage: (_image, done) => sim.schedule(options.pullMs ?? 1_000, () => done(options.pullError)),
    report: (state) => reports.push({ ...state, t: sim.now }),
    released: () => undefined,
  };
  const runner = new TaskRunner(host, 'arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef', def, behaviour, def.networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING');
  runner.start();
  const statuses = () => reports.map((r) => r.lastStatus).filter((s, i, all) => i === 0 || all[i - 1] !== s);
  const last = () => reports[reports.length - 1] as TaskStateReport & { t: number };
  const firstAt = (status: string) => reports.find((r) => r.lastStatus === status)?.t;
  return { sim, runner, reports, statuses, last, firstAt };
}
