import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, ec2, problems } from './builders.js';

// ecs-facts T-057, T-058.
describe('an EC2 task definition without task memory', () => {
  it('needs memory or memoryReservation on every container', () => {
    expect(problems(ec2({ containerDefinitions: [container({ memoryReservation: 128 }), container({ name: 'sidecar' })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[1]: Invalid setting for container 'sidecar'. At least one of 'memory' or 'memoryReservation' must be specified.",
      ]
    `);
  });

  it('does not once the task has memory', () => {
    expect(validateTaskDefinition(ec2({ memory: '1 GB', containerDefinitions: [container()] }))).toEqual([]);
  });

  it('keeps task cpu within 128 to 196608 units (ecs-facts T-054)', () => {
    expect(validateTaskDefinition(ec2({ cpu: '192 vCPU' }))).toEqual([]);
    expect(problems(ec2({ cpu: '64' }))).toMatchInlineSnapshot(`
      [
        "cpu: Invalid 'cpu' setting for task. On EC2, task cpu must be from 128 to 196608 units (0.125 to 192 vCPU) (got 64).",
      ]
    `);
  });
});
