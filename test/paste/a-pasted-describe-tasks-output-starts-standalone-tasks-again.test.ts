import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { fixture, pasted, runJson, scenarioFile } from './support.js';

/**
 * Issue 18: `ecs.runningTasks` takes a describe-tasks output (ecs-facts I-010), read by the
 * import's own `runningTasks`: a service's tasks are left to the service (its createService
 * starts its desiredCount; the warning names them), standalone tasks are started again by
 * runTask entries with their revision, group, startedBy and launch type (at 0s on Fargate,
 * at 3m on EC2, once the instances have registered), stopped tasks are left out. ECS places
 * them again: a scenario cannot pin a task to an instance. A RunTask is labelled after its
 * family, `-task` added where a service of that name labels its own tasks.
 */
const scenario = (tasks: unknown): string => `
name: pasted running tasks
until: 6m
ecs:
  region: us-west-2
  instances:
    - { name: pool, count: 3, instanceType: m5.large, availabilityZones: [us-west-2a, us-west-2b] }
  taskDefinitions:
    - file: describe-task-definition-web-app.json
    - file: describe-task-definition-worker.json
  runningTasks: ${pasted(tasks, 4)}
elb:
  targetGroups: ${pasted(fixture('describe-target-groups.json'), 4)}
  loadBalancers: ${pasted(fixture('describe-load-balancers.json'), 4)}
  listeners: ${pasted(fixture('describe-listeners.json'), 4)}
timeline:
  - at: 0s
    createService: ${pasted(fixture('describe-services-two.json'), 6)}
`;
const FIXTURES = ['describe-task-definition-web-app.json', 'describe-task-definition-worker.json'];

describe('a pasted describe-tasks output', () => {
  it('starts its standalone tasks again by RunTask and leaves a service\'s tasks to the service', async () => {
    const r = await runJson(scenarioFile(scenario(fixture('describe-tasks.json')), FIXTURES));
    const worker = r.ecs?.tasksByLabel['worker-task'] ?? [];
    expect(worker.map((t) => [t.launchType, t.lastStatus, t.startedBy, t.group, t.createdAt])).toEqual([['FARGATE', 'RUNNING', 'events-rule/nightly-report', 'family:worker', 0]]);
    const batch = r.ecs?.tasksByLabel['web-app-task'] ?? [];
    expect(batch.map((t) => [t.launchType, t.lastStatus, t.startedBy, t.group, t.createdAt])).toEqual([['EC2', 'RUNNING', 'events-rule/warm-cache', 'batch', 180_000]]);
    expect(r.ecs?.services['web-app']?.runningCount).toBe(3);
    const w = r.warnings?.find((x) => x.at === 'ecs.runningTasks');
    expect(w?.message).toContain('a describe-tasks output: 6 tasks; 2 standalone tasks started again by 2 runTask entries at the end of the timeline (worker-task at 0s, web-app-task at 3m), with an ecs.fargate section for them (zones us-west-2b)');
    expect(w?.message).toContain('ecs.runningTasks.tasks[0] and ecs.runningTasks.tasks[1]: service web-app had 2 tasks running (web-app:3, web-app:4)');
    expect(w?.message).toContain('web-app:3 is not its revision');
    expect(w?.fields).toEqual([
      'ecs.runningTasks.tasks[5]: 1 task stopping or stopped',
      'ecs.runningTasks.tasks[4]: 1 task of service gone (the service is not among the imported ones)',
    ]);
  });

  it('starts a standalone task again on its instance by StartTask when ecs.instances is the pasted describe-container-instances output', async () => {
    const yaml = scenario(fixture('describe-tasks.json')).replace(
      /  instances:\n    - \{ name: pool[^\n]*\n/,
      `  instances: ${pasted(fixture('describe-container-instances.json'), 4)}\n`,
    );
    const r = await runJson(scenarioFile(yaml, FIXTURES));
    // The batch task ran on container instance 53ac7152…, the first of the output: c5-xlarge-us-west-2a/0.
    const batch = r.ecs?.tasksByLabel['web-app-task'] ?? [];
    const instance = r.ecs?.containerInstances.find((i) => i.ref === 'c5-xlarge-us-west-2a/0');
    expect(batch.map((t) => [t.instanceRef, t.lastStatus, t.group, t.startedBy, t.createdAt])).toEqual([['c5-xlarge-us-west-2a/0', 'RUNNING', 'batch', 'events-rule/warm-cache', instance?.registeredAt]]);
    const w = r.warnings?.find((x) => x.at === 'ecs.runningTasks');
    expect(w?.message).toContain('2 standalone tasks started again by 1 runTask entry and 1 startTask entry at the end of the timeline (web-app-task on c5-xlarge-us-west-2a/0 as it registers, worker-task at 0s)');
  });

  it('a task whose revision the scenario lacks points into the pasted output', async () => {
    const tasks = fixture('describe-tasks.json') as { tasks: Record<string, unknown>[] };
    tasks.tasks[3] = { ...tasks.tasks[3], taskDefinitionArn: 'arn:aws:ecs:us-west-2:123456789012:task-definition/web-app:9' };
    const r = await cli('validate', scenarioFile(scenario(tasks), FIXTURES));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+ {2}ecs\.runningTasks\.tasks\[3\]\.taskDefinitionArn: task definition family "web-app" has no revision 9; it has web-app:4/);
  });
});
