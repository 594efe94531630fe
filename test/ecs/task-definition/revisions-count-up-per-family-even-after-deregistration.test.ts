import { describe, expect, it } from 'vitest';
import { TaskDefinitionRegistry } from '../../../src/ecs/task-definition/index.js';
import { ec2, fargate } from './builders.js';

// ecs-facts T-048, T-063.
describe('task definition revisions', () => {
  it('start at 1 and count up per family', () => {
    const registry = new TaskDefinitionRegistry();
    expect([registry.register(fargate()), registry.register(fargate()), registry.register(ec2({ family: 'worker' }))].map((td) => `${td.family}:${td.revision}`)).toEqual([
      'web:1',
      'web:2',
      'worker:1',
    ]);
  });

  it('keep counting after a revision is deregistered, which leaves it INACTIVE and discoverable', () => {
    const registry = new TaskDefinitionRegistry({ region: 'eu-west-1', accountId: '111122223333' });
    registry.register(fargate());
    registry.register(fargate());
    expect(registry.deregister('web:2').status).toBe('INACTIVE');
    expect(registry.register(fargate()).taskDefinitionArn).toBe('arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3');
    expect(registry.resolve('web:2').status).toBe('INACTIVE');
    expect(registry.list().map((td) => `${td.family}:${td.revision} ${td.status}`)).toEqual(['web:1 ACTIVE', 'web:2 INACTIVE', 'web:3 ACTIVE']);
  });

  it('deregistering needs a revision', () => {
    const registry = new TaskDefinitionRegistry();
    registry.register(fargate());
    expect(() => registry.deregister('web')).toThrowErrorMatchingInlineSnapshot(`[TaskDefinitionError: A revision is required: deregister takes "family:revision" or a full ARN (got "web").]`);
  });
});
