import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../src/ecs/task/task-record.js';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, killTask, messages } from './support.js';

// ecs-facts S-041: when tasks keep failing to reach RUNNING, the time between restart
// attempts grows step by step up to 15 minutes, and ECS never gives up. S-042: the event
// "(service X) is unable to consistently start tasks successfully.", said when the throttle
// starts. S-043: tasks that stop after reaching RUNNING do not start it.
const FIFTEEN_MINUTES = 15 * 60_000;
const HOUR = 3_600_000;

/** When ECS learned the task stopped: its STOPPED history entry (stoppedAt is the host's time, a message earlier). */
const learnedStoppedAt = (t: TaskRecord): number => t.history.find((h) => h.lastStatus === 'STOPPED')?.t ?? Number.NaN;

describe('the start-failure throttle (S-041 to S-043)', () => {
  const m = buildModel(
    ecsConfig({
      instanceGroups: [instances({ count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] })],
      definitions: [ec2Definition('broken'), ec2Definition('web')],
      timeline: [
        { kind: 'failImagePulls', atMs: 0, forMs: 10 * HOUR, image: 'broken:1' },
        createService(60_000, 'broken', 'broken', { desiredCount: 1 }),
        createService(60_000, 'web', 'web', { desiredCount: 2 }),
        ...[5, 10, 15, 20, 25, 30].map((min) => killTask(min * 60_000, 'web')),
      ],
    }),
  );
  const r = m.run(3 * HOUR);
  const broken = m.tasks('broken');
  const gaps = broken.slice(1).map((t, i) => t.createdAt - learnedStoppedAt(broken[i] as TaskRecord));

  it('keeps relaunching a service whose image cannot be pulled, none reaching RUNNING', () => {
    expect(broken.length).toBeGreaterThan(10);
    expect(broken.every((t) => t.startedAt === undefined && t.stopCode === 'TaskFailedToStart')).toBe(true);
    // Never gives up: a task was launched in the last 15 minutes of the run.
    expect(broken.at(-1)?.createdAt).toBeGreaterThan(3 * HOUR - FIFTEEN_MINUTES - 60_000);
  });

  it('writes "(service X) is unable to consistently start tasks successfully." exactly once', () => {
    expect(messages(r, 'broken').filter((x) => x === '(service broken) is unable to consistently start tasks successfully.')).toHaveLength(1);
    expect(messages(r, 'broken').some((x) => x.includes('steady state'))).toBe(false);
  });

  it('lets the gaps between relaunches grow and never exceed 15 minutes', () => {
    expect(gaps.length).toBeGreaterThan(8);
    for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1] as number);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(FIFTEEN_MINUTES);
    // It does grow to the cap: the later relaunches are 15 minutes apart, the first few seconds.
    expect(gaps[0]).toBeLessThan(10_000);
    expect(gaps.at(-1)).toBeGreaterThan(10 * 60_000);
  });

  it('says it after tasks have failed, before the first long wait', () => {
    const said = r.services.broken?.events.find((e) => e.message.includes('unable to consistently'))?.createdAt ?? Number.NaN;
    const firstLongGap = gaps.findIndex((g) => g > 10_000);
    expect(said).toBeGreaterThan(learnedStoppedAt(broken[0] as TaskRecord) - 1);
    expect(said).toBeLessThanOrEqual((broken[firstLongGap + 1] as TaskRecord).createdAt);
  });

  it('never throttles a service whose tasks run, however often they are killed (S-043)', () => {
    expect(m.tasks('web')).toHaveLength(2 + 6 * 2);
    expect(messages(r, 'web').some((x) => x.includes('unable to consistently start'))).toBe(false);
    expect(r.services.web).toMatchObject({ runningCount: 2 });
  });

  it('recovers once the image can be pulled again, within one 15-minute wait', () => {
    const healed = buildModel(
      ecsConfig({
        instanceGroups: [instances({ count: 1 })],
        definitions: [ec2Definition('broken')],
        timeline: [{ kind: 'failImagePulls', atMs: 0, forMs: HOUR, image: 'broken:1' }, createService(60_000, 'broken', 'broken', { desiredCount: 1 })],
      }),
    );
    const rr = healed.run(2 * HOUR);
    expect(rr.services.broken?.runningCount).toBe(1);
    expect(rr.services.broken?.steadyStateAt).toBeLessThanOrEqual(HOUR + FIFTEEN_MINUTES + 60_000);
  });
});
