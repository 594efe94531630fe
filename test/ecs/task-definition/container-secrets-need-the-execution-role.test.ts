import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';

const definition = (executionRoleArn?: string) => ({
  family: 'api',
  ...(executionRoleArn === undefined ? {} : { executionRoleArn }),
  containerDefinitions: [
    { name: 'api', image: 'api:1', memory: 512, secrets: [{ name: 'DB_URL', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }] },
  ],
});

describe('container secrets (ecs-facts T-097)', () => {
  it('need an execution role on any launch type, with ECS text at the secrets path', () => {
    expect(validateTaskDefinition(definition())).toEqual([
      { path: ['containerDefinitions', 0, 'secrets'], message: "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'." },
    ]);
  });
  it('are fine with one', () => {
    expect(validateTaskDefinition(definition('arn:aws:iam::123456789012:role/ecsTaskExecutionRole'))).toEqual([]);
  });
});
