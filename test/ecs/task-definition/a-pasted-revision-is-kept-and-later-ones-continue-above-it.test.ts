import { describe, expect, it } from 'vitest';
import { TaskDefinitionRegistry, type TaskDefinitionInput } from '../../../src/ecs/task-definition/index.js';
import { describeWebApi, fargate } from './builders.js';

describe('a describe output pasted into the registry', () => {
  it('keeps its revision and ARN, so references copied from the real account resolve', () => {
    const registry = new TaskDefinitionRegistry();
    const pasted = registry.register(describeWebApi());
    expect(registry.resolve('web-api:14')).toBe(pasted);
    expect(registry.resolve('arn:aws:ecs:eu-west-1:111122223333:task-definition/web-api:14')).toBe(pasted);
    expect(registry.resolve('web-api')).toBe(pasted);
  });

  it('later registrations of the family continue above it', () => {
    const registry = new TaskDefinitionRegistry();
    registry.register(describeWebApi());
    const next = registry.register({ ...(describeWebApi() as { taskDefinition: TaskDefinitionInput }).taskDefinition, revision: null, taskDefinitionArn: null });
    expect([next.revision, next.taskDefinitionArn]).toEqual([15, 'arn:aws:ecs:us-east-1:123456789012:task-definition/web-api:15']);
  });

  it('may fill a gap below the highest revision, but never take a revision twice', () => {
    const registry = new TaskDefinitionRegistry();
    registry.register(fargate({ revision: 5 }));
    expect(registry.register(fargate({ revision: 2 })).revision).toBe(2);
    expect(registry.register(fargate()).revision).toBe(6);
    expect(() => registry.register(fargate({ revision: 5 }))).toThrowErrorMatchingInlineSnapshot(`[TaskDefinitionError: revision: Revision 5 of family 'web' is already registered.]`);
  });

  it('keeps a pasted INACTIVE status', () => {
    const registry = new TaskDefinitionRegistry();
    registry.register(fargate({ revision: 3, status: 'INACTIVE' }));
    expect(registry.find('web')).toBeUndefined();
    expect(registry.resolve('web:3').status).toBe('INACTIVE');
  });
});
