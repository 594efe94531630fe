import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, messages } from './support.js';

// ecs-facts S-034: a DAEMON service runs exactly one task on each active container
// instance that meets the placement constraints, needs no desiredCount, and stops tasks
// that no longer meet the constraints. S-036: new instances get the daemon.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const MINUTE = 60_000;
const daemon = createService(MINUTE, 'agent', 'agent', { schedulingStrategy: 'DAEMON' });

function perInstance(tasks: readonly { containerInstanceArn?: string; lastStatus: string }[]): Map<string | undefined, number> {
  const out = new Map<string | undefined, number>();
  for (const t of tasks) if (t.lastStatus === 'RUNNING') out.set(t.containerInstanceArn, (out.get(t.containerInstanceArn) ?? 0) + 1);
  return out;
}

describe('a DAEMON service (S-034, S-036)', () => {
  it('runs one task on each ACTIVE instance, its desiredCount the number of instances', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 3, availabilityZones: AZS })], definitions: [ec2Definition('agent')], timeline: [daemon] }));
    const r = m.run(10 * MINUTE);
    const counts = perInstance(m.tasks('agent'));
    expect([...counts.keys()].sort()).toEqual(r.containerInstances.map((i) => i.containerInstanceArn).sort());
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect(r.services.agent).toMatchObject({ schedulingStrategy: 'DAEMON', desiredCount: 3, runningCount: 3, pendingCount: 0 });
    expect(messages(r, 'agent').at(-1)).toBe('(service agent) has reached a steady state.');
  });

  it('starts a task on an instance that registers later, and only there', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 2, availabilityZones: AZS }), instances({ name: 'late', count: 1, availabilityZones: ['us-east-1c'], launchAtMs: 10 * MINUTE })],
        definitions: [ec2Definition('agent')],
        timeline: [daemon],
      }),
    );
    const r = m.run(20 * MINUTE);
    const late = r.containerInstances.find((i) => i.ref === 'late/0');
    expect(m.tasks('agent')).toHaveLength(3);
    expect(m.task('agent', 2).containerInstanceArn).toBe(late?.containerInstanceArn);
    expect(m.task('agent', 2).createdAt).toBeGreaterThanOrEqual(late?.registeredAt ?? Number.POSITIVE_INFINITY);
    expect([...perInstance(m.tasks('agent')).values()]).toEqual([1, 1, 1]);
    expect(r.services.agent).toMatchObject({ desiredCount: 3, runningCount: 3 });
  });

  it('does not replace the task of a terminated instance elsewhere', () => {
    const m = buildModel(
      ecsConfig({ instanceGroups: [instances({ count: 3, availabilityZones: AZS })], definitions: [ec2Definition('agent')], timeline: [daemon, { kind: 'terminateInstance', atMs: 5 * MINUTE, instance: 'pool/0' }] }),
    );
    const r = m.run(15 * MINUTE);
    expect(m.tasks('agent')).toHaveLength(3);
    expect(m.tasks('agent').filter((t) => t.stopCode === 'TerminationNotice')).toHaveLength(1);
    expect([...perInstance(m.tasks('agent')).values()]).toEqual([1, 1]);
    expect(r.services.agent).toMatchObject({ desiredCount: 2, runningCount: 2 });
    expect(messages(r, 'agent').at(-1)).toBe('(service agent) has reached a steady state.');
  });

  it('runs beside a REPLICA service without counting its tasks', () => {
    const m = buildModel(
      ecsConfig({ instanceGroups: [instances({ count: 2, availabilityZones: AZS })], definitions: [ec2Definition('agent'), ec2Definition('web')], timeline: [daemon, createService(MINUTE, 'web', 'web', { desiredCount: 4 })] }),
    );
    const r = m.run(10 * MINUTE);
    expect(r.services.agent).toMatchObject({ desiredCount: 2, runningCount: 2 });
    expect(r.services.web).toMatchObject({ desiredCount: 4, runningCount: 4 });
  });

  // BUG: daemonInstances (src/ecs/service/scheduler.ts) takes every ACTIVE instance of the
  // launch type and ignores the service's placement constraints, so the instance outside
  // memberOf counts toward desiredCount (3, not 2), each reconciliation tries to place on it
  // and writes "was unable to place a task ... is missing an attribute", and the service
  // never reaches a steady state. S-034: a daemon runs on each instance *that meets the
  // placement constraints*. Fix: filter eligible instances through the constraints (the
  // service's and the task definition's memberOf/distinctInstance) before counting.
  it('runs only on the instances that meet its placement constraints, and is steady (S-034)', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 3, availabilityZones: ['us-east-1a', 'us-east-1a', 'us-east-1b'] })],
        definitions: [ec2Definition('agent')],
        timeline: [createService(MINUTE, 'agent', 'agent', { schedulingStrategy: 'DAEMON', placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1a' }] })],
      }),
    );
    const r = m.run(10 * MINUTE);
    expect(m.tasks('agent').every((t) => t.availabilityZone === 'us-east-1a')).toBe(true);
    expect(r.services.agent).toMatchObject({ desiredCount: 2, runningCount: 2 });
    expect(messages(r, 'agent').filter((x) => x.includes('unable to place'))).toEqual([]);
    expect(messages(r, 'agent').at(-1)).toBe('(service agent) has reached a steady state.');
  });
});
