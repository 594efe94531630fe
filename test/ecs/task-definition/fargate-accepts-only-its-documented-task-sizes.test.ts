import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, fargate, problems } from './builders.js';

// ecs-facts T-055 (sizes) and T-056 (ECS's "Invalid 'cpu' setting for task.").
const accepted = (cpu: number, memory: number, os?: 'WINDOWS_SERVER_2022_CORE'): boolean =>
  validateTaskDefinition(
    fargate({
      cpu: String(cpu),
      memory: String(memory),
      ...(os === undefined ? {} : { runtimePlatform: { operatingSystemFamily: os } }),
    }),
  ).length === 0;

describe('Fargate task sizes', () => {
  it('a Fargate task definition with 256 CPU accepts 512, 1024 and 2048 MiB and nothing else', () => {
    const memories = [256, 512, 768, 1024, 1536, 2048, 3072, 4096];
    expect(memories.filter((m) => accepted(256, m))).toEqual([512, 1024, 2048]);
  });

  it('8 vCPU takes 16 to 60 GB in 4 GB steps, 16 vCPU takes 32 to 120 GB in 8 GB steps', () => {
    expect(accepted(8192, 16384) && accepted(8192, 61440) && !accepted(8192, 17408) && !accepted(8192, 65536)).toBe(true);
    expect(accepted(16384, 32768) && accepted(16384, 122880) && !accepted(16384, 36864) && !accepted(16384, 131072)).toBe(true);
  });

  it('names the allowed memory of the row when the pair does not fit', () => {
    expect(problems(fargate({ cpu: '256', memory: '4096' }))).toMatchInlineSnapshot(`
      [
        "memory: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values. With 256 CPU units, Fargate accepts memory of 512, 1024 or 2048 MiB (got 4096).",
      ]
    `);
    expect(problems(fargate({ cpu: '1024', memory: '1024' }))).toMatchInlineSnapshot(`
      [
        "memory: No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values. With 1024 CPU units, Fargate accepts memory of 2048 to 8192 MiB in steps of 1024 (got 1024).",
      ]
    `);
  });

  it('refuses a cpu value Fargate has no size for', () => {
    expect(problems(fargate({ cpu: '300', memory: '512' }))).toMatchInlineSnapshot(`
      [
        "cpu: No Fargate configuration exists for given values: 300 CPU, 512 memory. See the Amazon ECS documentation for the valid values. Fargate supports 256, 512, 1024, 2048, 4096, 8192 or 16384 CPU units (got 300).",
      ]
    `);
  });

  it('reads the string forms ECS accepts before checking the size', () => {
    expect(accepted(1024, 2048)).toBe(true);
    expect(validateTaskDefinition(fargate({ cpu: '1 vCPU', memory: '2GB' }))).toEqual([]);
    expect(validateTaskDefinition(fargate({ cpu: '.25 vcpu', memory: '0.5 GB' }))).toEqual([]);
    expect(validateTaskDefinition(fargate({ cpu: 4096, memory: 8192 }))).toEqual([]);
  });

  it('gives Windows containers only the 1, 2 and 4 vCPU rows', () => {
    expect(accepted(1024, 2048, 'WINDOWS_SERVER_2022_CORE')).toBe(true);
    expect(accepted(4096, 30720, 'WINDOWS_SERVER_2022_CORE')).toBe(true);
    expect(problems(fargate({ cpu: '512', memory: '1024', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }))).toMatchInlineSnapshot(`
      [
        "cpu: The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate. (got 512)",
      ]
    `);
    expect(problems(fargate({ cpu: '8192', memory: '16384', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } }))).toMatchInlineSnapshot(`
      [
        "cpu: Invalid 'cpu' setting for task. Windows containers on Fargate take 1024, 2048 or 4096 CPU units (got 8192).",
      ]
    `);
  });

  it('requires both sizes at the task level, even when the containers have their own', () => {
    expect(problems(fargate({ cpu: null, memory: undefined, containerDefinitions: [container({ cpu: 256, memory: 512 })] }))).toMatchInlineSnapshot(`
      [
        "cpu: Fargate requires that 'cpu' be defined at the task level.",
        "memory: Fargate requires that 'memory' be defined at the task level.",
      ]
    `);
  });
});
