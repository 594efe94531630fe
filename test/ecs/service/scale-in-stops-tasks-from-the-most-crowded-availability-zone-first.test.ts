import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, idOf, messages, updateService } from './support.js';

// ecs-facts S-010: with no strategy, scale-in stops tasks in the AZ with the most tasks of
// the service (A=1, B=2, C=2 ⇒ B or C), then on the instance with the most; S-011: with an
// AZ spread ECS picks the task whose removal leaves the best spread; S-012: under binpack
// it stops the task on the instance that will have the most left. T-015/S-054: stopCode
// ServiceSchedulerInitiated, stoppedReason "Scaling activity initiated by (deployment
// ecs-svc/...)"; S-061: "(service X) has stopped N running tasks: (task a)."; S-038: a
// desiredCount change starts no new deployment.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const perAz = (tasks: readonly { availabilityZone: string }[]) => AZS.map((az) => tasks.filter((t) => t.availabilityZone === az).length);
const running = <T extends { lastStatus: string }>(tasks: readonly T[]): T[] => tasks.filter((t) => t.lastStatus === 'RUNNING');

function sixScaledTo(desired: number, seed: number) {
  const m = buildModel(
    ecsConfig({
      instanceGroups: [instances({ count: 3, availabilityZones: AZS })],
      definitions: [ec2Definition('web')],
      timeline: [createService(60_000, 'web', 'web', { desiredCount: 6 }), updateService(5 * 60_000, 'web', desired)],
    }),
    seed,
  );
  const r = m.run(10 * 60_000);
  return { m, r };
}

describe('scale-in (S-010 to S-012, T-015, S-061)', () => {
  it('stops tasks with ServiceSchedulerInitiated and "Scaling activity initiated by (deployment <id>)"', () => {
    const { m, r } = sixScaledTo(3, 1);
    const stopped = m.tasks('web').filter((t) => t.lastStatus === 'STOPPED');
    expect(stopped).toHaveLength(3);
    const deployment = r.services.web?.deployments[0]?.id;
    expect(deployment).toMatch(/^ecs-svc\/\d{19}$/);
    for (const t of stopped) {
      expect(t.stopCode).toBe('ServiceSchedulerInitiated');
      expect(t.stoppedReason).toBe(`Scaling activity initiated by (deployment ${deployment})`);
    }
  });

  it('says "(service X) has stopped N running tasks: (task a) (task b) (task c)." naming the stopped tasks', () => {
    const { m, r } = sixScaledTo(3, 1);
    const stoppedIds = m.tasks('web').filter((t) => t.lastStatus === 'STOPPED').map((t) => idOf(t.taskArn));
    const message = messages(r, 'web').find((x) => x.includes('has stopped'));
    expect(message).toMatch(/^\(service web\) has stopped 3 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    expect([...(message ?? '').matchAll(/\(task ([0-9a-f]{32})\)/g)].map((x) => x[1]).sort()).toEqual([...stoppedIds].sort());
    expect(messages(r, 'web').at(-1)).toBe('(service web) has reached a steady state.');
    expect(r.services.web).toMatchObject({ desiredCount: 3, runningCount: 3 });
  });

  it('starts no new deployment for a desiredCount change (S-038)', () => {
    const before = sixScaledTo(6, 1).r.services.web?.deployments;
    const after = sixScaledTo(3, 1).r.services.web?.deployments;
    expect(after).toHaveLength(1);
    expect(after?.[0]?.id).toBe(before?.[0]?.id);
    expect(after?.[0]).toMatchObject({ status: 'PRIMARY', desiredCount: 3, runningCount: 3 });
  });

  it('from one crowded AZ stops there: 2/2/1 scaled to 4 keeps the AZ with 1 (S-010)', () => {
    // us-east-1c's instance registers late, so the first 4 tasks go 2/2/0; the fifth goes to 1c.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const m = buildModel(
        ecsConfig({
          instanceGroups: [instances({ name: 'ab', count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] }), instances({ name: 'c', count: 1, availabilityZones: ['us-east-1c'], launchAtMs: 3 * 60_000 })],
          definitions: [ec2Definition('web')],
          timeline: [createService(60_000, 'web', 'web', { desiredCount: 4 }), updateService(5 * 60_000, 'web', 5), updateService(10 * 60_000, 'web', 4)],
        }),
        seed,
      );
      m.run(15 * 60_000);
      const left = perAz(running(m.tasks('web')));
      expect(left[2]).toBe(1);
      expect([...left].sort()).toEqual([1, 1, 2]);
    }
  });

  // BUG: scaleInOrder (src/ecs/service/scheduler.ts) ranks every task by its AZ's count as
  // it was before any stop and takes the first N, so several stops can come out of one AZ:
  // 2/2/2 scaled to 3 leaves 2/0/1 or 1/0/2 for seeds 4, 7 and 10. ECS removes one task at
  // a time from the then most crowded AZ (S-010), leaving the best spread (S-011): 1/1/1.
  it('2/2/2 scaled to 3 leaves 1/1/1, whatever the seed (S-010, S-011)', () => {
    for (let seed = 1; seed <= 10; seed += 1) {
      const { m } = sixScaledTo(3, seed);
      expect(perAz(running(m.tasks('web'))), `seed ${seed}`).toEqual([1, 1, 1]);
    }
  });

  it('under binpack on memory stops the task on the instance that will have the most memory left (S-012)', () => {
    // 1024 MiB tasks, 3 to a c5.large (3713 MiB): 4 tasks pack 3 + 1; scaling to 3 empties the second.
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 2, availabilityZones: ['us-east-1a'] })],
        definitions: [ec2Definition('web', { memory: 1024 })],
        timeline: [createService(60_000, 'web', 'web', { desiredCount: 4, placementStrategy: [{ type: 'binpack', field: 'memory' }] }), updateService(5 * 60_000, 'web', 3)],
      }),
    );
    m.run(10 * 60_000);
    const byInstance = new Map<string | undefined, number>();
    for (const t of m.tasks('web')) byInstance.set(t.containerInstanceArn, (byInstance.get(t.containerInstanceArn) ?? 0) + 1);
    const lone = [...byInstance].find(([, n]) => n === 1)?.[0];
    expect(lone).toBeDefined();
    const stopped = m.tasks('web').filter((t) => t.lastStatus === 'STOPPED');
    expect(stopped.map((t) => t.containerInstanceArn)).toEqual([lone]);
  });
});
