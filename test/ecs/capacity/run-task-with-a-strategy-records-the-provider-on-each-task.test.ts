import { describe, expect, it } from 'vitest';
import { runYaml } from '../model/support.js';

// ecs-facts A-028, S-123: RunTask takes a capacityProviderStrategy instead of a launchType;
// describe-tasks then shows each task's capacityProviderName (the base and weights count
// the task group's live tasks, here family:job).
describe('RunTask with a capacity provider strategy (A-028)', () => {
  it('runs 5 tasks as base 1 on FARGATE, then 1:3 with FARGATE_SPOT, all on Fargate', () => {
    const r = runYaml(`
name: run task
seed: 2
until: 2m
ecs:
  fargate: { availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: job
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        cpu: "256"
        memory: "512"
        containerDefinitions: [{ name: job, image: job:1, essential: true }]
timeline:
  - at: 10s
    runTask:
      taskDefinition: job
      count: 5
      label: jobs
      capacityProviderStrategy: [{ capacityProvider: FARGATE, base: 1, weight: 1 }, { capacityProvider: FARGATE_SPOT, weight: 3 }]
`);
    const tasks = r.ecs?.tasksByLabel['jobs'] ?? [];
    expect(tasks[0]?.capacityProviderName).toBe('FARGATE');
    // 4 beyond the base, split 1:3.
    expect(tasks.filter((t) => t.capacityProviderName === 'FARGATE')).toHaveLength(2);
    expect(tasks.filter((t) => t.capacityProviderName === 'FARGATE_SPOT')).toHaveLength(3);
    expect(tasks.every((t) => t.launchType === 'FARGATE' && t.lastStatus === 'RUNNING')).toBe(true);
  });
});
