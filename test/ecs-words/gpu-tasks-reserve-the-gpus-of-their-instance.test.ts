import { describe, expect, it } from 'vitest';
import { instanceType, resolveInstanceType } from '../../src/ecs/capacity/instance-types.js';
import { taskNeeds } from '../../src/ecs/placement/resources.js';
import { normalizeTaskDefinition } from '../../src/ecs/task-definition/normalize.js';
import { runYaml } from '../ecs/model/support.js';
import { buildModel, ec2Definition, ecsConfig, instances, runTaskAt } from '../ecs/model/support.js';

// Issue 18, GPUs. ecs-facts T-115: GPUs per instance type; T-116: the agent registers one GPU
// resource per GPU, a container's resourceRequirements of type GPU reserves that many, and a
// task is placed only where that many are free (failure reason RESOURCE:GPU).
const gpuContainer = (gpus: number) => ({ memory: 1024, resourceRequirements: [{ type: 'GPU', value: String(gpus) }] });

function runTasks(type: string, gpus: number, count: number) {
  const m = buildModel(ecsConfig({ instanceGroups: [instances({ instanceType: type })], definitions: [ec2Definition('train', gpuContainer(gpus))], timeline: [runTaskAt(60_000, 'train', 'train', { count })] }));
  const result = m.run(120_000);
  const outcome = result.runTask[0];
  if (outcome === undefined) throw new Error('no RunTask outcome');
  return { outcome, instance: result.containerInstances[0] };
}

describe('GPU instance types (ecs-facts T-115)', () => {
  it('carry their GPUs: g4dn, g5, g6, p3, p4d and p5', () => {
    const gpus = Object.fromEntries(['g4dn.xlarge', 'g4dn.12xlarge', 'g4dn.metal', 'g5.xlarge', 'g5.12xlarge', 'g5.48xlarge', 'g6.xlarge', 'g6.12xlarge', 'g6.48xlarge', 'p3.2xlarge', 'p3.8xlarge', 'p3.16xlarge', 'p4d.24xlarge', 'p5.48xlarge'].map((t) => [t, instanceType(t)?.gpus]));
    expect(gpus).toEqual({ 'g4dn.xlarge': 1, 'g4dn.12xlarge': 4, 'g4dn.metal': 8, 'g5.xlarge': 1, 'g5.12xlarge': 4, 'g5.48xlarge': 8, 'g6.xlarge': 1, 'g6.12xlarge': 4, 'g6.48xlarge': 8, 'p3.2xlarge': 1, 'p3.8xlarge': 4, 'p3.16xlarge': 8, 'p4d.24xlarge': 8, 'p5.48xlarge': 8 });
    expect(instanceType('c5.large')?.gpus).toBeUndefined();
    expect(resolveInstanceType('m5.large', { 'm5.large': { gpus: 2 } }).gpus).toBe(2);
  });

  it('a task\'s GPU requirement is the sum over its containers', () => {
    const def = normalizeTaskDefinition({ family: 'two', containerDefinitions: [{ name: 'a', image: 'a', memory: 64, resourceRequirements: [{ type: 'GPU', value: '1' }] }, { name: 'b', image: 'b', memory: 64, resourceRequirements: [{ type: 'GPU', value: '2' }] }] });
    expect(taskNeeds(def).gpu).toBe(3);
  });
});

describe('placement honours GPUs (ecs-facts T-116)', () => {
  it('two 1-GPU tasks on a 1-GPU instance: one runs, the other fails with RESOURCE:GPU', () => {
    const { outcome, instance } = runTasks('g4dn.xlarge', 1, 2);
    expect(outcome.tasks).toHaveLength(1);
    expect(outcome.failures).toEqual([{ arn: instance?.containerInstanceArn, reason: 'RESOURCE:GPU' }]);
  });

  it('a 4-GPU instance takes four 1-GPU tasks or two 2-GPU tasks, and no more', () => {
    expect(runTasks('g4dn.12xlarge', 1, 5).outcome.tasks).toHaveLength(4);
    expect(runTasks('g4dn.12xlarge', 2, 3).outcome.tasks).toHaveLength(2);
  });

  it('a GPU task does not fit an instance without GPUs', () => {
    expect(runTasks('c5.xlarge', 1, 1).outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:GPU']);
  });

  it('describe output shows registered and remaining GPUs, and only where the type has them', () => {
    const { instance } = runTasks('g5.12xlarge', 1, 3);
    expect(instance?.registeredResources.gpu).toBe(4);
    expect(instance?.remainingResources.gpu).toBe(1);
    expect(runTasks('c5.xlarge', 0, 0).instance?.registeredResources).not.toHaveProperty('gpu');
  });

  it('a scenario\'s GPU service fills the GPUs and reports the rest unplaced', () => {
    const result = runYaml(`name: gpu
until: 5m
ecs:
  instances:
    - { name: gpu, count: 2, instanceType: g4dn.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: infer
        containerDefinitions:
          - { name: infer, image: "shop/infer:1", memory: 2048, resourceRequirements: [{ type: GPU, value: "1" }] }
timeline:
  - at: 1m
    createService: { serviceName: infer, taskDefinition: infer, desiredCount: 3 }
`);
    expect(result.ecs?.services['infer']?.runningCount).toBe(2);
    expect(result.ecs?.containerInstances.map((i) => i.remainingResources.gpu)).toEqual([0, 0]);
  });
});
