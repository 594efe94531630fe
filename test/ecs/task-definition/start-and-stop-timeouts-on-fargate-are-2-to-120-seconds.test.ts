import { describe, expect, it } from 'vitest';
import { normalizeTaskDefinition, validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, ec2, fargate, problems } from './builders.js';

// ecs-facts T-029 (stopTimeout) and T-032 (startTimeout): "The valid values for Fargate are 2-120 seconds."
describe('container start and stop timeouts', () => {
  it('on Fargate take 2 to 120 seconds', () => {
    expect(validateTaskDefinition(fargate({ containerDefinitions: [container({ stopTimeout: 2, startTimeout: 120 })] }))).toEqual([]);
    expect(problems(fargate({ containerDefinitions: [container({ stopTimeout: 1, startTimeout: 300 })] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].startTimeout: Invalid 'startTimeout' setting for container 'app'. The valid values for Fargate are 2-120 seconds (got 300).",
        "containerDefinitions[0].stopTimeout: Invalid 'stopTimeout' setting for container 'app'. The valid values for Fargate are 2-120 seconds (got 1).",
      ]
    `);
  });

  it('on EC2 have no documented maximum', () => {
    expect(validateTaskDefinition(ec2({ containerDefinitions: [container({ memory: 128, stopTimeout: 600 })] }))).toEqual([]);
  });

  it('are kept in ms', () => {
    const [c] = normalizeTaskDefinition(fargate({ containerDefinitions: [container({ stopTimeout: 90, startTimeout: 5 })] })).containerDefinitions;
    expect([c?.stopTimeoutMs, c?.startTimeoutMs]).toEqual([90_000, 5_000]);
  });
});
