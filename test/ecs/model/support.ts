import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EcsModel } from '../../../src/ecs/model.js';
import { HashSink, Simulation } from '../../../src/engine/index.js';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario, type RunResult } from '../../../src/scenario/runner.js';
import { InputError } from '../../../src/issues/index.js';
import { TaskDefinitionRegistry, type TaskDefinitionInput } from '../../../src/ecs/task-definition/index.js';
import type { EcsConfig, InstanceGroup, Latencies, TaskBehaviour, TimelineAction } from '../../../src/ecs/config.js';
import type { TaskRecord } from '../../../src/ecs/task/task-record.js';
import { tempDir } from '../../support.js';
import { ecsVerbActions } from '../../../src/scenario/timeline/registry.js';

/**
 * Model-level helpers: an EcsConfig built by hand with constant latencies (so times in
 * the specs are exact), a run of it on a fresh simulation, and scenario YAML run from a
 * temp directory the way the CLI runs it.
 */

/** Every latency constant: instances register at 35 s; messages take 100 ms; pulls 1 s plus the layers; a silent agent is marked disconnected after 60 s. */
export const FIXED_LATENCIES: Latencies = {
  instanceBoot: { constant: 30_000 },
  agentRegistration: { constant: 5_000 },
  agentMessage: { constant: 100 },
  fargateProvisioning: { constant: 10_000 },
  fargateDeprovisioning: { constant: 5_000 },
  eniAttach: { constant: 2_000 },
  eniDetach: { constant: 1_000 },
  pullOverhead: { constant: 1_000 },
  secretsFetch: { constant: 300 },
  containerStart: { constant: 500 },
  hostTerminationDetection: { constant: 30_000 },
  agentDisconnectDetection: { constant: 60_000 },
  serviceScheduler: { constant: 1_000 },
};

/** When the instances of a group launched at 0 have registered (boot + registration). */
export const REGISTERED_AT = 35_000;

export function instances(overrides: Partial<InstanceGroup> = {}): InstanceGroup {
  return {
    name: 'pool',
    count: 1,
    instanceType: 'c5.large',
    availabilityZones: ['us-east-1a'],
    attributes: {},
    launchType: 'EC2',
    osType: 'linux',
    reservedMemoryMiB: 0,
    imagePullBehavior: 'default',
    awsvpcTrunking: false,
    // 100 MB/s: a 1000 MB image takes 10 s of layers after the 1 s overhead.
    pullBandwidthMBps: { constant: 100 },
    launchAtMs: 0,
    ...overrides,
  };
}

/** An EC2 definition input: one essential container, bridge mode. */
export function ec2Definition(family: string, container: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): TaskDefinitionInput {
  return { family, containerDefinitions: [{ name: 'app', image: `${family}:1`, memory: 256, ...container }], ...extra } as TaskDefinitionInput;
}

/** A Fargate definition input: awsvpc, task-level cpu and memory. */
export function fargateDefinition(family: string, cpu = '256', memory = '512', container: Record<string, unknown> = {}): TaskDefinitionInput {
  return { family, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu, memory, containerDefinitions: [{ name: 'app', image: `${family}:1`, ...container }] } as TaskDefinitionInput;
}

export interface ConfigParts {
  readonly instanceGroups?: readonly InstanceGroup[];
  readonly fargate?: EcsConfig['fargate'];
  readonly definitions?: readonly (TaskDefinitionInput | { readonly input: TaskDefinitionInput; readonly behaviour: TaskBehaviour })[];
  readonly timeline?: readonly TimelineAction[];
  readonly images?: EcsConfig['images'];
  readonly failingSecrets?: readonly string[];
  readonly latencies?: Partial<Latencies>;
}

export function ecsConfig(parts: ConfigParts): EcsConfig {
  const registry = new TaskDefinitionRegistry();
  const taskDefinitions = (parts.definitions ?? []).map((d) => ('input' in d ? { definition: registry.register(d.input), behaviour: d.behaviour } : { definition: registry.register(d), behaviour: { containers: {} } }));
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    clusterName: 'default',
    instanceGroups: parts.instanceGroups ?? [],
    ...(parts.fargate === undefined ? {} : { fargate: parts.fargate }),
    images: parts.images ?? {},
    defaultImageSizeMB: 1_000,
    taskDefinitions,
    latencies: { ...FIXED_LATENCIES, ...parts.latencies },
    timeline: parts.timeline ?? [],
    failingSecrets: parts.failingSecrets ?? [],
  };
}

/** A RunTask on the timeline. */
export function runTaskAt(atMs: number, taskDefinition: string, label: string, extra: { count?: number; launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL'; group?: string } = {}): TimelineAction {
  return { kind: 'runTask', atMs, runTask: { taskDefinition, count: extra.count ?? 1, launchType: extra.launchType ?? 'EC2', label, ...(extra.group === undefined ? {} : { group: extra.group }) } };
}

/** Builds the model on a fresh simulation with a hash sink; run it with `run`. */
export function buildModel(config: EcsConfig, seed: string | number = 1) {
  const hash = new HashSink();
  const sim = new Simulation({ seed, sinks: [hash] });
  const model = new EcsModel(sim, config, { verbs: ecsVerbActions });
  return {
    sim,
    model,
    cp: model.controlPlane,
    /** Runs to `untilMs`, checking the invariants after every event when `everyEvent`. */
    run(untilMs: number, everyEvent = false) {
      if (everyEvent) {
        sim.run({
          until: untilMs,
          stopWhen: () => {
            model.check();
            return false;
          },
        });
      } else {
        sim.run({ until: untilMs });
      }
      model.check();
      return model.result();
    },
    tasks(label: string): TaskRecord[] {
      return model.controlPlane.tasksByLabel.get(label) ?? [];
    },
    task(label: string, index = 0): TaskRecord {
      const t = model.controlPlane.tasksByLabel.get(label)?.[index];
      if (t === undefined) throw new Error(`no task ${label}[${index}]`);
      return t;
    },
    hash: () => hash.digest(),
  };
}

/** Writes `files` (name → text) to a fresh temp dir; returns the dir. */
export function writeFiles(files: Readonly<Record<string, string>>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Loads `scenario.yaml` (plus any other files) from a temp dir and runs it. */
export function runYaml(yaml: string, files: Readonly<Record<string, string>> = {}): RunResult {
  const dir = writeFiles({ 'scenario.yaml': yaml, ...files });
  return runScenario(loadScenarioFile(join(dir, 'scenario.yaml'))).result;
}

/** The InputError message for a scenario that is refused before running, with the temp dir replaced by `<dir>`. */
export function refusal(yaml: string, files: Readonly<Record<string, string>> = {}): string {
  const dir = writeFiles({ 'scenario.yaml': yaml, ...files });
  try {
    runScenario(loadScenarioFile(join(dir, 'scenario.yaml')));
  } catch (error) {
    if (error instanceof InputError) return error.message.split(dir).join('<dir>');
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}
