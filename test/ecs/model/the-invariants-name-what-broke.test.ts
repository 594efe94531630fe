import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../../src/ecs/invariants.js';
import type { TaskRecord } from '../../../src/ecs/task/task-record.js';
import { createService } from '../service/support.js';
import { buildModel, ec2Definition, ecsConfig, instances } from './support.js';

/**
 * The invariants (src/ecs/invariants.ts) hold in a sound run and each one fires, naming
 * what broke, when the state is corrupted the way a model bug would corrupt it.
 */
const sound = () => {
  const m = buildModel(
    ecsConfig({
      instanceGroups: [instances({ count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] })],
      definitions: [ec2Definition('web')],
      timeline: [createService(60_000, 'web', 'web', { desiredCount: 2 })],
    }),
  );
  const r = m.run(5 * 60_000, true);
  expect(r.invariantViolations).toEqual([]);
  expect(checkInvariants(m.cp, m.sim.now)).toEqual([]);
  const tasks = [...m.cp.tasks.values()];
  return { m, tasks, first: tasks[0] as TaskRecord & Record<string, unknown> };
};

describe('the model invariants', () => {
  it('find nothing wrong in a sound run', () => {
    sound();
  });

  it('catch timestamps out of their lifecycle order (ecs-facts T-022)', () => {
    const { m, first } = sound();
    first.startedAt = first.createdAt - 1;
    expect(checkInvariants(m.cp, m.sim.now)).toContainEqual(expect.stringMatching(/startedAt \d+ is before createdAt \d+/));
  });

  it('catch a state history that goes back in time', () => {
    const { m, first } = sound();
    (first.history as { t: number }[]).push({ ...first.history[0]!, t: 0, lastStatus: 'RUNNING' } as never);
    expect(checkInvariants(m.cp, m.sim.now)).toContainEqual(expect.stringMatching(/moved back from RUNNING|history goes back in time/));
  });

  it('catch a RUNNING task that holds no resources on its instance (nothing lost, S-055)', () => {
    const { m, first } = sound();
    const instance = m.cp.instances.find((i) => i.containerInstanceArn === first.containerInstanceArn)!;
    (instance.reservations as Map<string, unknown>).delete(first.taskArn);
    expect(checkInvariants(m.cp, m.sim.now)).toContainEqual(expect.stringMatching(/is RUNNING on i-[0-9a-f]+ but holds no resources there/));
  });

  it('catch a STOPPED task whose target is still registered (L-043)', () => {
    const { m, first } = sound();
    first.lastStatus = 'STOPPED';
    const cp = Object.create(m.cp, { targetsOf: { value: (arn: string) => (arn === first.taskArn ? [{ Id: '10.0.0.1', Port: 8080 }] : []) } });
    expect(checkInvariants(cp, m.sim.now)).toContainEqual(expect.stringMatching(/is STOPPED with 1 registered target\(s\) \(10\.0\.0\.1:8080\)/));
  });

  it('catch a service with two PRIMARY deployments (S-075)', () => {
    const { m } = sound();
    const service = m.cp.scheduler.services.get('web')!;
    service.deployments.push({ ...service.deployments[0]!, id: 'ecs-svc/2' });
    expect(checkInvariants(m.cp, m.sim.now)).toContain('service web is ACTIVE with 2 PRIMARY deployments');
  });

  it('catch a task started beyond the rolling ceiling (S-067)', () => {
    const { m, tasks } = sound();
    const service = m.cp.scheduler.services.get('web')!;
    service.desiredCount = 1;
    service.spec = { ...service.spec, maximumPercent: 100 };
    tasks[1]!.createdAt = m.sim.now;
    expect(checkInvariants(m.cp, m.sim.now)).toContainEqual(expect.stringMatching(/service web started a task beyond its ceiling: 2 RUNNING or PENDING of at most 1/));
    // Not at a time when none of its tasks started: a lower desired count is reached by stopping.
    expect(checkInvariants(m.cp, m.sim.now + 1).filter((v) => v.includes('ceiling'))).toEqual([]);
  });
});
