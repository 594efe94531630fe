import { EcsModel } from '../../src/ecs/model.js';
import type { EcsConfig, InstanceGroup, Latencies, TimelineAction } from '../../src/ecs/config.js';
import { TaskDefinitionRegistry } from '../../src/ecs/task-definition/registry.js';
import type { TaskDefinitionInput } from '../../src/ecs/task-definition/schema.js';
import { ElasticLoadBalancing } from '../../src/elb/elb.js';
import { parseElbSection } from '../../src/elb/schema.js';
import { Simulation } from '../../src/engine/simulation.js';
import { Network } from '../../src/traffic/http.js';
import { ecsVerbActions } from '../../src/scenario/timeline/registry.js';

/**
 * Small real models for the cost specs: an ECS model with constant latencies (times are
 * exact) and a one-ALB Elastic Load Balancing. Imports go to the modules, not
 * src/index.ts, so these specs do not depend on unrelated parts of the public barrel.
 */

export const HOUR = 3_600_000;

const LATENCIES: Latencies = {
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

export function instances(overrides: Partial<InstanceGroup> = {}): InstanceGroup {
  return {
    name: 'pool',
    count: 1,
    instanceType: 'm5.large',
    availabilityZones: ['us-east-1a'],
    attributes: {},
    launchType: 'EC2',
    osType: 'linux',
    reservedMemoryMiB: 0,
    imagePullBehavior: 'default',
    awsvpcTrunking: false,
    pullBandwidthMBps: { constant: 1_000 },
    launchAtMs: 0,
    ...overrides,
  };
}

/** A Fargate definition of 1 vCPU / 2 GB (Linux x86 unless `extra` says otherwise). */
export function oneVcpuTwoGb(family: string, extra: Record<string, unknown> = {}): TaskDefinitionInput {
  return { family, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '1024', memory: '2048', containerDefinitions: [{ name: 'app', image: `${family}:1` }], ...extra } as TaskDefinitionInput;
}

export function fargateRun(family: string, label: string, atMs = 0, extra: Record<string, unknown> = {}): TimelineAction {
  return { kind: 'runTask', atMs, runTask: { taskDefinition: family, count: 1, launchType: 'FARGATE', label, ...extra } } as TimelineAction;
}

export function config(parts: { instanceGroups?: InstanceGroup[]; fargate?: boolean; definitions?: TaskDefinitionInput[]; timeline?: TimelineAction[] }): EcsConfig {
  const registry = new TaskDefinitionRegistry();
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    clusterName: 'default',
    instanceGroups: parts.instanceGroups ?? [],
    ...(parts.fargate === true ? { fargate: { availabilityZones: ['us-east-1a'], pullBandwidthMBps: { constant: 1_000 } } } : {}),
    images: {},
    defaultImageSizeMB: 1_000,
    taskDefinitions: (parts.definitions ?? []).map((d) => ({ definition: registry.register(d), behaviour: { containers: {} } })),
    latencies: LATENCIES,
    timeline: parts.timeline ?? [],
    failingSecrets: [],
  };
}

/** A real model on a fresh simulation; `run(until)` runs it. */
export function build(cfg: EcsConfig, withAlb = false, seed = 1) {
  const sim = new Simulation({ seed });
  const network = new Network();
  const model = new EcsModel(sim, cfg, { network, verbs: ecsVerbActions });
  const elb = withAlb ? new ElasticLoadBalancing(sim, network, parseElbSection(ALB_SECTION)) : undefined;
  return {
    sim,
    model,
    elb,
    run(untilMs: number): void {
      sim.run({ until: untilMs });
    },
    task(label: string) {
      const t = model.controlPlane.tasksByLabel.get(label)?.[0];
      if (t === undefined) throw new Error(`no task ${label}`);
      return t;
    },
  };
}

/** One ALB `front` forwarding to target group `web`. */
export const ALB_SECTION = {
  targetGroups: [{ Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health' }],
  loadBalancers: [{ Name: 'front', Type: 'application', AvailabilityZones: ['us-east-1a', 'us-east-1b'], Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'web' }] }] }],
};
