import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, idOf, messages } from './support.js';

// ecs-facts S-002: a task no instance can take stays unplaced and ECS keeps trying.
// S-030/S-031: the event "(service X) was unable to place a task because no container
// instance met all of its requirements. The closest matching (container-instance <id>) has
// insufficient memory available. For more information, see the Troubleshooting section of
// the Amazon ECS Developer Guide." S-059: repeated scheduler messages are said once until
// the cause is resolved.
const MINUTE = 60_000;
const insufficientMemory = (service: string, instanceId: string) =>
  `(service ${service}) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${instanceId}) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`;

describe('a service that asks for more than the cluster holds (S-002, S-030, S-031)', () => {
  // 1024 MiB tasks: a c5.large (3713 MiB registered) takes 3 of the 5.
  const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 1 })], definitions: [ec2Definition('big', { memory: 1024 })], timeline: [createService(MINUTE, 'big', 'big', { desiredCount: 5 })] }));
  const r = m.run(60 * MINUTE);
  const instanceId = idOf(r.containerInstances[0]?.containerInstanceArn ?? '');

  it('places the tasks that fit and keeps the rest wanted', () => {
    expect(m.tasks('big')).toHaveLength(3);
    expect(r.services.big).toMatchObject({ desiredCount: 5, runningCount: 3, pendingCount: 0 });
    expect(r.services.big?.steadyStateAt).toBeUndefined();
  });

  it('says why in ECS\'s words, naming the closest instance', () => {
    expect(messages(r, 'big')).toContain(insufficientMemory('big', instanceId));
  });

  it('says it once for the cause, not on every retry over an hour', () => {
    expect(messages(r, 'big').filter((x) => x.includes('was unable to place a task'))).toHaveLength(1);
    expect(messages(r, 'big')).toHaveLength(2);
    // ...while it did retry: the failed placements are recorded each time.
    expect(r.placements.filter((p) => p.group === 'service:big' && p.status !== 'Success').length).toBeGreaterThan(10);
  });

  it('says it once too when several full instances could be the closest', () => {
    const three = buildModel(
      ecsConfig({ instanceGroups: [instances({ count: 3, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] })], definitions: [ec2Definition('big', { memory: 1024 })], timeline: [createService(MINUTE, 'big', 'big', { desiredCount: 12 })] }),
    );
    const rr = three.run(60 * MINUTE);
    expect(rr.services.big?.runningCount).toBe(9);
    expect(messages(rr, 'big').filter((x) => x.includes('was unable to place a task'))).toHaveLength(1);
  });

  it('places the rest and reaches a steady state when capacity arrives', () => {
    const grown = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 1 }), instances({ name: 'late', count: 1, launchAtMs: 20 * MINUTE })],
        definitions: [ec2Definition('big', { memory: 1024 })],
        timeline: [createService(MINUTE, 'big', 'big', { desiredCount: 5 })],
      }),
    );
    const rr = grown.run(40 * MINUTE);
    expect(rr.services.big).toMatchObject({ runningCount: 5 });
    expect(messages(rr, 'big').at(-1)).toBe('(service big) has reached a steady state.');
    expect(messages(rr, 'big').filter((x) => x.includes('was unable to place a task'))).toHaveLength(1);
  });

  it('says it again for a new cause: no instance at all, then not enough memory', () => {
    // The pool launches at 5 min (registers at 5 min 35 s): the first tries find no instance at all (S-031).
    const late = buildModel(
      ecsConfig({ instanceGroups: [instances({ count: 1, launchAtMs: 5 * MINUTE })], definitions: [ec2Definition('big', { memory: 1024 })], timeline: [createService(MINUTE, 'big', 'big', { desiredCount: 5 })] }),
    );
    const rr = late.run(30 * MINUTE);
    const placementEvents = messages(rr, 'big').filter((x) => x.includes('was unable to place a task'));
    expect(placementEvents).toEqual(['(service big) was unable to place a task. Reason: No Container Instances were found in your cluster.', insufficientMemory('big', idOf(rr.containerInstances[0]?.containerInstanceArn ?? ''))]);
  });
});
