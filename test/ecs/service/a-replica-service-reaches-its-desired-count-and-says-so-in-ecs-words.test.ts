import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, idOf, messages, updateService } from './support.js';

// ecs-facts S-034: a REPLICA service places and keeps desiredCount tasks. S-061: "(service
// X) has started N tasks: (task a) (task b)." ("tasks" even for 1, each id in parentheses,
// a trailing period); S-060: "(service X) has reached a steady state."; S-058: events are
// {id, createdAt, message} with a UUID id, newest first, at most 100; S-038: runningCount
// and pendingCount count the tasks in RUNNING and PENDING.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const cluster = (timeline: Parameters<typeof ecsConfig>[0]['timeline']) =>
  ecsConfig({ instanceGroups: [instances({ count: 3, availabilityZones: AZS })], definitions: [ec2Definition('web')], timeline: timeline ?? [] });

describe('a REPLICA service (S-034, S-038, S-058, S-060, S-061)', () => {
  it('reaches desiredCount RUNNING tasks and says "has started" with every task, then "has reached a steady state."', () => {
    const m = buildModel(cluster([createService(60_000, 'web', 'web', { desiredCount: 3 })]));
    const r = m.run(10 * 60_000);
    const ids = m.tasks('web').map((t) => idOf(t.taskArn));
    expect(ids).toHaveLength(3);
    expect(m.tasks('web').every((t) => t.lastStatus === 'RUNNING')).toBe(true);
    expect(messages(r, 'web')).toEqual([`(service web) has started 3 tasks: (task ${ids[0]}) (task ${ids[1]}) (task ${ids[2]}).`, '(service web) has reached a steady state.']);
    expect(r.services.web).toMatchObject({ status: 'ACTIVE', desiredCount: 3, runningCount: 3, pendingCount: 0 });
  });

  it('keeps "tasks" plural and the parentheses for a single task (S-061)', () => {
    const m = buildModel(cluster([createService(60_000, 'one', 'web', { desiredCount: 1 })]));
    const r = m.run(10 * 60_000);
    expect(messages(r, 'one')[0]).toBe(`(service one) has started 1 tasks: (task ${idOf(m.task('one').taskArn)}).`);
    expect(messages(r, 'one')[0]).toMatch(/^\(service one\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);
  });

  it('counts PENDING tasks as pendingCount while their images pull, and RUNNING ones as runningCount after (S-038)', () => {
    const m = buildModel(cluster([createService(60_000, 'web', 'web', { desiredCount: 3 })]));
    // Placed at 61 s; the 1000 MB image takes 11 s to pull.
    const pulling = m.run(65_000);
    expect(m.tasks('web').map((t) => t.lastStatus)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect(pulling.services.web).toMatchObject({ desiredCount: 3, runningCount: 0, pendingCount: 3 });
    expect(pulling.services.web?.steadyStateAt).toBeUndefined();
    const after = m.run(5 * 60_000);
    expect(after.services.web).toMatchObject({ runningCount: 3, pendingCount: 0 });
    expect(after.services.web?.deployments[0]).toMatchObject({ status: 'PRIMARY', desiredCount: 3, runningCount: 3, pendingCount: 0 });
  });

  it('writes "has reached a steady state." only once every task is RUNNING', () => {
    const m = buildModel(cluster([createService(60_000, 'web', 'web', { desiredCount: 3 })]));
    const r = m.run(10 * 60_000);
    const lastStart = Math.max(...m.tasks('web').map((t) => t.startedAt ?? Number.POSITIVE_INFINITY));
    expect(r.services.web?.steadyStateAt).toBeGreaterThanOrEqual(lastStart);
  });

  it('gives each event a UUID id and lists the newest first, at most 100 of them (S-058)', () => {
    // 60 scale changes, each with a start or stop event and a steady-state event.
    const changes = Array.from({ length: 60 }, (_, k) => updateService(2 * 60_000 + k * 60_000, 'web', k % 2 === 0 ? 1 : 2));
    const m = buildModel(cluster([createService(60_000, 'web', 'web', { desiredCount: 2 }), ...changes]));
    const r = m.run(70 * 60_000);
    const web = r.services.web;
    if (web === undefined) throw new Error('no service web');
    expect(web.eventCount).toBeGreaterThan(100);
    expect(web.events).toHaveLength(100);
    for (const e of web.events) expect(e.id).toMatch(UUID);
    expect(new Set(web.events.map((e) => e.id)).size).toBe(100);
    const times = web.events.map((e) => e.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // The newest is the steady state after the last change (to 2 tasks, at 61 min).
    expect(web.events[0]?.message).toBe('(service web) has reached a steady state.');
    expect(web.events[0]?.createdAt).toBeGreaterThan(61 * 60_000);
  });

  it('pins the events of a tiny service (inline snapshot, task ids masked)', () => {
    const m = buildModel(cluster([createService(60_000, 'web', 'web', { desiredCount: 2 }), updateService(5 * 60_000, 'web', 1)]));
    const r = m.run(10 * 60_000);
    const events = [...(r.services.web?.events ?? [])].reverse().map((e) => `${e.createdAt} ${e.message.replace(/[0-9a-f]{32}/g, '<id>')}`);
    // Steady once both tasks are healthy: no checks, so 40 s after RUNNING (S-045, EF-007).
    expect(events).toMatchInlineSnapshot(`
      [
        "61000 (service web) has started 2 tasks: (task <id>) (task <id>).",
        "113700 (service web) has reached a steady state.",
        "301000 (service web) has stopped 1 running tasks: (task <id>).",
        "302000 (service web) has reached a steady state.",
      ]
    `);
  });
});
