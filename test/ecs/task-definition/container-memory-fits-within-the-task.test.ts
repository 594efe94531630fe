import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, ec2, fargate, problems } from './builders.js';

// ecs-facts T-057.
describe('container memory', () => {
  it('a container may not ask for more memory than the task has', () => {
    expect(problems(fargate({ memory: '512', containerDefinitions: [container({ memory: 1024 })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].memory: The 'memory' setting for container 'app' is greater than for the task. (1024 MiB > 512 MiB)",
      ]
    `);
  });

  it('the containers together may reserve up to the task memory, and not a MiB more', () => {
    const two = (a: number, b: number) => fargate({ cpu: '256', memory: '1024', containerDefinitions: [container({ memoryReservation: a }), container({ name: 'sidecar', memory: b, essential: false })] });
    expect(validateTaskDefinition(two(768, 256))).toEqual([]);
    expect(problems(two(769, 256))).toMatchInlineSnapshot(`
      [
        "memory: The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'. (1025 MiB > 1024 MiB)",
      ]
    `);
    expect(problems(fargate({ memory: '512', containerDefinitions: [container({ memory: 300 }), container({ name: 'b', memory: 300 })] }))).toMatchInlineSnapshot(`
      [
        "memory: The sum of all container 'memory' values cannot be greater than the value of the task 'memory'. (600 MiB > 512 MiB)",
      ]
    `);
  });

  it('memoryReservation may equal memory but not exceed it', () => {
    expect(validateTaskDefinition(ec2({ containerDefinitions: [container({ memory: 512, memoryReservation: 512 })] }))).toEqual([]);
    expect(problems(ec2({ containerDefinitions: [container({ memory: 256, memoryReservation: 512 })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].memoryReservation: Invalid setting for container 'app'. 'memoryReservation' (512 MiB) cannot be greater than 'memory' (256 MiB).",
      ]
    `);
  });

  it('container cpu may not add up to more than the task cpu', () => {
    expect(problems(fargate({ containerDefinitions: [container({ cpu: 200 }), container({ name: 'b', cpu: 100 })] }))).toMatchInlineSnapshot(`
      [
        "cpu: The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'. (300 > 256 units)",
      ]
    `);
  });
});
