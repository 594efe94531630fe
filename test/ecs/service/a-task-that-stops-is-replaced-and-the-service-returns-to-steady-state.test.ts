import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, idOf, killTask, messages } from './support.js';

// ecs-facts S-034: a REPLICA service keeps desiredCount tasks, so one that stops is
// replaced (the scheduler reconciles whatever the cause). S-043: tasks stopped after
// reaching RUNNING (e.g. a container that exits) do not start the throttle or its message.
// T-020: tasks of a terminated instance stop, and the service places them elsewhere.
const AZS = ['us-east-1a', 'us-east-1b'];

describe('replacement of stopped service tasks (S-034, S-043)', () => {
  it('starts a new task when the essential container of the only task is killed, and is steady again', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 2, availabilityZones: AZS })], definitions: [ec2Definition('web')], timeline: [createService(60_000, 'web', 'web', { desiredCount: 1 }), killTask(5 * 60_000, 'web')] }));
    const r = m.run(10 * 60_000);
    const [first, second] = m.tasks('web');
    expect(m.tasks('web')).toHaveLength(2);
    expect(first).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(second?.lastStatus).toBe('RUNNING');
    expect(second?.createdAt).toBeGreaterThanOrEqual(first?.stoppedAt ?? Number.POSITIVE_INFINITY);
    expect(messages(r, 'web')).toEqual([
      `(service web) has started 1 tasks: (task ${idOf(first?.taskArn ?? '')}).`,
      '(service web) has reached a steady state.',
      `(service web) has started 1 tasks: (task ${idOf(second?.taskArn ?? '')}).`,
      '(service web) has reached a steady state.',
    ]);
    expect(r.services.web?.steadyStateAt).toBeGreaterThan(second?.startedAt ?? Number.POSITIVE_INFINITY);
    expect(r.services.web).toMatchObject({ runningCount: 1, pendingCount: 0 });
  });

  it('does not say the scheduler stopped the killed task: it keeps the host\'s stop code', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 1 })], definitions: [ec2Definition('web')], timeline: [createService(60_000, 'web', 'web', { desiredCount: 1 }), killTask(5 * 60_000, 'web')] }));
    const r = m.run(10 * 60_000);
    expect(messages(r, 'web').some((x) => x.includes('has stopped'))).toBe(false);
    expect(m.task('web', 0).stoppedReason).toBe('Essential container in task exited');
  });

  it('replaces tasks killed again and again after they ran, and is never throttled (S-043)', () => {
    const kills = Array.from({ length: 12 }, (_, k) => killTask(2 * 60_000 + k * 60_000, 'web'));
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 2, availabilityZones: AZS })], definitions: [ec2Definition('web')], timeline: [createService(60_000, 'web', 'web', { desiredCount: 2 }), ...kills] }));
    const r = m.run(20 * 60_000);
    expect(m.tasks('web')).toHaveLength(2 + 12 * 2);
    expect(messages(r, 'web').filter((x) => x.includes('unable to consistently start'))).toEqual([]);
    // Each replacement is placed one scheduler delay (1 s) after ECS learns of the stop.
    const stopped = m.tasks('web').filter((t) => t.lastStatus === 'STOPPED');
    for (const t of stopped) {
      const replacement = m.tasks('web').find((n) => n.createdAt > (t.stoppedAt ?? 0));
      expect((replacement?.createdAt ?? Number.POSITIVE_INFINITY) - (t.stoppedAt ?? 0)).toBeLessThanOrEqual(2_000);
    }
    expect(r.services.web).toMatchObject({ runningCount: 2, pendingCount: 0 });
  });

  it('replaces the tasks of a terminated instance on the instances left (T-020)', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 2, availabilityZones: AZS })],
        definitions: [ec2Definition('web')],
        timeline: [createService(60_000, 'web', 'web', { desiredCount: 4 }), { kind: 'terminateInstance', atMs: 5 * 60_000, instance: 'pool/0' }],
      }),
    );
    const r = m.run(10 * 60_000);
    const lost = r.containerInstances.find((i) => i.ref === 'pool/0')?.containerInstanceArn;
    const live = m.tasks('web').filter((t) => t.lastStatus === 'RUNNING');
    expect(m.tasks('web').filter((t) => t.stopCode === 'TerminationNotice')).toHaveLength(2);
    expect(live).toHaveLength(4);
    expect(live.every((t) => t.containerInstanceArn !== lost)).toBe(true);
    expect(messages(r, 'web').at(-1)).toBe('(service web) has reached a steady state.');
  });
});
