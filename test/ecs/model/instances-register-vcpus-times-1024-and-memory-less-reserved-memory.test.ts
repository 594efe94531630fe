import { describe, expect, it } from 'vitest';
import { registeredMemoryMiB, resolveInstanceType } from '../../../src/ecs/capacity/instance-types.js';
import { buildModel, ec2Definition, ecsConfig, instances, runTaskAt, runYaml } from './support.js';

// ecs-facts T-068: CPU = vCPUs × 1024; MEMORY = MemTotal − ECS_RESERVED_MEMORY.
// T-069: ECS_RESERVED_MEMORY defaults to 0. T-070: an m4.large registers 7985 MiB on Linux.
describe('registered resources of a container instance', () => {
  it('are vCPUs × 1024 CPU units and the instance-type memory model, less ECS_RESERVED_MEMORY', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [
          instances({ name: 'plain', instanceType: 'm5.large' }),
          instances({ name: 'reserved', instanceType: 'm5.large', reservedMemoryMiB: 256 }),
          instances({ name: 'big', instanceType: 'c5.xlarge' }),
          instances({ name: 'old', instanceType: 'm4.large' }),
        ],
      }),
    );
    const byRef = Object.fromEntries(m.run(60_000).containerInstances.map((i) => [i.ref, i.registeredResources]));
    const m5 = registeredMemoryMiB('m5.large');
    expect(byRef['plain/0']).toMatchObject({ cpu: resolveInstanceType('m5.large').vcpus * 1024, memory: m5 });
    expect(byRef['reserved/0']).toMatchObject({ cpu: 2048, memory: m5 - 256 });
    expect(byRef['big/0']).toMatchObject({ cpu: 4 * 1024, memory: registeredMemoryMiB('c5.xlarge') });
    expect(byRef['old/0']).toMatchObject({ cpu: 2048, memory: 7985 });
  });

  it('are what placement fills: a task of exactly the registered memory fits, one MiB more does not', () => {
    const memory = registeredMemoryMiB('m5.large') - 256;
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ instanceType: 'm5.large', reservedMemoryMiB: 256 })],
        definitions: [ec2Definition('exact', { memory }), ec2Definition('over', { memory: memory + 1 })],
        timeline: [runTaskAt(60_000, 'over', 'over'), runTaskAt(61_000, 'exact', 'exact')],
      }),
    );
    const result = m.run(120_000);
    expect(result.runTask[0]?.failures.map((f) => f.reason)).toEqual(['RESOURCE:MEMORY']);
    expect(result.runTask[1]?.tasks).toHaveLength(1);
    expect(result.containerInstances[0]?.remainingResources.memory).toBe(0);
  });

  it('take reservedMemoryMiB from a scenario file as ECS_RESERVED_MEMORY', () => {
    const result = runYaml(`name: reserved memory
until: 2m
ecs:
  instances:
    - { name: plain, count: 1, instanceType: r6i.large, availabilityZones: [us-east-1a] }
    - { name: reserved, count: 1, instanceType: r6i.large, availabilityZones: [us-east-1a], reservedMemoryMiB: 512 }
`);
    const [plain, reserved] = result.ecs?.containerInstances ?? [];
    expect(plain?.registeredResources).toMatchObject({ cpu: 2048, memory: registeredMemoryMiB('r6i.large') });
    expect(reserved?.registeredResources).toMatchObject({ cpu: 2048, memory: registeredMemoryMiB('r6i.large') - 512 });
  });
});
