import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { ec2, problems } from './builders.js';

// ecs-facts T-103, T-104.
describe('a task definition for EXTERNAL instances (ECS Anywhere)', () => {
  it('uses bridge, host or none', () => {
    for (const networkMode of ['bridge', 'host', 'none'] as const) {
      expect(validateTaskDefinition(ec2({ requiresCompatibilities: ['EXTERNAL'], networkMode }))).toEqual([]);
    }
  });

  it('cannot use awsvpc', () => {
    expect(problems(ec2({ requiresCompatibilities: ['EXTERNAL'], networkMode: 'awsvpc' }))).toMatchInlineSnapshot(`
      [
        "networkMode: The EXTERNAL launch type does not support network mode 'awsvpc'. Use bridge, host or none on Linux, or the default mode on Windows.",
      ]
    `);
  });
});
