import { describe, expect, it } from 'vitest';
import { InputError, simulate } from '../../../src/index.js';

/**
 * StartTask (ecs-facts T-117): one task on each container instance named, no placement
 * strategy. An instance that cannot take it gets a failure with ECS's reason (T-075):
 * `RESOURCE:CPU` when the CPU is taken, `MISSING` when it has not registered, `DRAINING`,
 * `AGENT` when its agent is disconnected, `INACTIVE` once deregistered. ecs-sim's own
 * `waitForRegistration` makes the call at the moment each instance has registered.
 */
const scenario = (timeline: unknown[], definition: Record<string, unknown> = {}) => ({
  name: 'start task',
  seed: 3,
  until: '12m',
  ecs: {
    instances: [{ name: 'pool', count: 4, instanceType: 'm5.large', availabilityZones: ['us-east-1a', 'us-east-1b'] }],
    taskDefinitions: [
      { definition: { family: 'big', cpu: '1536', memory: '1024', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'app', image: 'app:1' }], ...definition } },
    ],
  },
  timeline,
});

describe('startTask', () => {
  it('starts each task on the instance named, at the moment it registers when asked to wait', async () => {
    const r = await simulate(scenario([
      { at: '0s', startTask: { taskDefinition: 'big', containerInstances: ['pool/1'], waitForRegistration: true, label: 'kept', startedBy: 'import' } },
      { at: '0s', startTask: { taskDefinition: 'big', containerInstances: ['pool/2'], label: 'early' } },
    ]));
    const ecs = r.ecs!;
    const [kept] = ecs.tasksByLabel['kept'] ?? [];
    expect(kept?.instanceRef).toBe('pool/1');
    expect(kept?.lastStatus).toBe('RUNNING');
    expect(kept?.startedBy).toBe('import');
    expect(kept?.group).toBe('family:big');
    // Started in the instant the instance registered.
    const registeredAt = ecs.containerInstances.find((i) => i.ref === 'pool/1')?.registeredAt;
    expect(registeredAt).toBeGreaterThan(0);
    expect(kept?.createdAt).toBe(registeredAt);
    // Without waiting, at 0s no instance has registered: MISSING.
    const early = ecs.startTask?.find((o) => o.label === 'early');
    expect(early?.tasks).toEqual([]);
    expect(early?.failures.map((f) => f.reason)).toEqual(['MISSING']);
  });

  it('fails per instance with ECS reason codes: RESOURCE:CPU, DRAINING, AGENT, INACTIVE', async () => {
    const r = await simulate(scenario([
      { at: '3m', startTask: { taskDefinition: 'big', containerInstances: ['pool/0'], label: 'first' } },
      { at: '4m', startTask: { taskDefinition: 'big', containerInstances: ['pool/0', 'pool/1'], label: 'second' } },
      { at: '5m', updateContainerInstancesState: { instance: 'pool/2', status: 'DRAINING' } },
      // ECS notices a disconnected agent within 1-2 minutes (ecs-facts T-084).
      { at: '5m', disconnectAgent: 'pool/3' },
      { at: '8m', startTask: { taskDefinition: 'big', containerInstances: ['pool/2', 'pool/3'], label: 'third' } },
      { at: '7m', terminateInstance: 'pool/0' },
      { at: '10m', startTask: { taskDefinition: 'big', containerInstances: ['pool/0'], label: 'fourth' } },
    ]));
    const outcomes = Object.fromEntries((r.ecs?.startTask ?? []).map((o) => [o.label, [o.tasks.length, o.failures.map((f) => f.reason)]]));
    expect(outcomes).toEqual({
      first: [1, []],
      // pool/0 has 2048 CPU units and the first task reserves 1536.
      second: [1, ['RESOURCE:CPU']],
      third: [0, ['DRAINING', 'AGENT']],
      fourth: [0, ['INACTIVE']],
    });
    expect((r.ecs?.tasksByLabel['second'] ?? []).map((t) => t.instanceRef)).toEqual(['pool/1']);
    const failure = r.ecs?.startTask?.find((o) => o.label === 'second')?.failures[0];
    expect(failure?.arn).toBe(r.ecs?.containerInstances.find((i) => i.ref === 'pool/0')?.containerInstanceArn);
  });

  it('refuses an instance the scenario does not have and a task definition it lacks, before the run', async () => {
    let error: unknown;
    try {
      await simulate(scenario([{ at: '1m', startTask: { taskDefinition: 'bigg', containerInstances: ['pool/7'] } }]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const messages = (error as InputError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'timeline.0.startTask.taskDefinition: no task definition "bigg" in this scenario; did you mean "big"?',
      'timeline.0.startTask.containerInstances.0: group "pool" has 4 instances (0 to 3), got 7',
    ]);
  });

  it('takes at most 10 container instances and names an unknown field as the AWS CLI does', async () => {
    const refs = Array.from({ length: 11 }, () => 'pool/0');
    await expect(simulate(scenario([{ at: '1m', startTask: { taskDefinition: 'big', containerInstances: refs } }]))).rejects.toThrow(/containerInstances/);
    await expect(simulate(scenario([{ at: '1m', startTask: { taskDefinition: 'big', containerInstance: ['pool/0'] } }]))).rejects.toThrow(/Unknown parameter in input: "containerInstance", must be one of: taskDefinition, containerInstances/);
  });

  it('accepts the rest of the StartTask request, as a pasted start-task --cli-input-json gives it, and names what it does not model', async () => {
    const r = await simulate(scenario([
      {
        at: '3m',
        startTask: {
          cluster: 'default',
          taskDefinition: 'big',
          containerInstances: ['pool/1'],
          overrides: { containerOverrides: [{ name: 'app', environment: [{ name: 'MODE', value: 'batch' }] }] },
          enableECSManagedTags: true,
          propagateTags: 'TASK_DEFINITION',
          tags: [{ key: 'team', value: 'data' }],
          referenceId: 'import-1',
          label: 'pasted',
        },
      },
    ]));
    expect(r.ecs?.startTask?.find((o) => o.label === 'pasted')?.tasks.length).toBe(1);
    expect(r.ignoredFields).toContainEqual({ at: 'timeline[0].startTask', fields: ['cluster', 'overrides', 'tags', 'enableECSManagedTags', 'propagateTags', 'referenceId'] });
  });
});
