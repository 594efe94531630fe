import { describe, expect, it } from 'vitest';
import { TaskDefinitionRegistry } from '../../../src/ecs/task-definition/index.js';
import { fargate } from './builders.js';

// ecs-facts T-060, T-067.
describe('resolving a task definition reference', () => {
  const registry = new TaskDefinitionRegistry();
  const [one, two, three] = [registry.register(fargate()), registry.register(fargate()), registry.register(fargate())];
  registry.deregister(three.taskDefinitionArn);

  it('"family" is the latest ACTIVE revision', () => {
    expect(registry.resolve('web').revision).toBe(two.revision);
  });

  it('"family:revision" and the full ARN name one revision, whatever its status', () => {
    expect(registry.resolve('web:1')).toBe(one);
    expect(registry.resolve(three.taskDefinitionArn).status).toBe('INACTIVE');
    expect(registry.resolve('arn:aws:ecs:us-east-1:123456789012:task-definition/web:2')).toBe(two);
  });

  it('anything else is ECS\'s "Unable to describe task definition."', () => {
    expect(() => registry.resolve('web:9')).toThrowErrorMatchingInlineSnapshot(`[TaskDefinitionError: Unable to describe task definition. ("web:9" matches no revision)]`);
    expect(() => registry.resolve('api')).toThrowErrorMatchingInlineSnapshot(`[TaskDefinitionError: Unable to describe task definition. ("api" matches no ACTIVE revision)]`);
    expect(registry.find('arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1')).toBeUndefined();
  });

  it('a family whose revisions are all INACTIVE resolves to nothing by name', () => {
    const r = new TaskDefinitionRegistry();
    r.register(fargate({ family: 'old' }));
    r.deregister('old:1');
    expect(r.find('old')).toBeUndefined();
    expect(r.find('old:1')?.status).toBe('INACTIVE');
  });
});
