import { describe, expect, it } from 'vitest';
import { messagesFrom, rollingConfig, runWatched, UPDATE_AT } from './support.js';

// ecs-facts S-067: floor = ceil(desired × min/100) healthy tasks (S-045), ceiling =
// floor(desired × max/100) RUNNING + PENDING tasks. S-068: the worked examples. S-069,
// S-065: when neither a start nor a stop is allowed the deployment sticks and says so.
const stopped = /^\(service web\) has stopped (\d+) running tasks: /;
const started = /^\(service web\) has started (\d+) tasks: /;

describe('a rolling update within minimumHealthyPercent and maximumPercent (S-067, S-068)', () => {
  it('a rolling update with 50%/200% never drops below 2 of 4 healthy tasks nor runs more than 8', () => {
    const { r, minHealthy, maxLive } = runWatched(rollingConfig(4, 50, 200));
    expect(minHealthy).toBeGreaterThanOrEqual(2);
    expect(minHealthy).toBe(2);
    expect(maxLive).toBeLessThanOrEqual(8);
    expect(r.services['web']?.deployments).toMatchObject([{ status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 4 }]);
  });

  it('with 4 tasks at 50%/100% the scheduler stops 2 old tasks before it starts 2 new ones (S-068)', () => {
    const { r, minHealthy, maxLive } = runWatched(rollingConfig(4, 50, 100));
    const after = messagesFrom(r, UPDATE_AT).filter((x) => stopped.test(x) || started.test(x));
    expect(after.slice(0, 2).map((x) => x.replace(/: .*/, ''))).toEqual(['(service web) has stopped 2 running tasks', '(service web) has started 2 tasks']);
    expect(minHealthy).toBe(2);
    expect(maxLive).toBeLessThanOrEqual(4);
    expect(r.services['web']?.deployments[0]?.rolloutState).toBe('COMPLETED');
  });

  it('with 4 tasks at 100%/200% the scheduler starts 4 new tasks before it stops any old one (S-068)', () => {
    const { r, minHealthy, maxLive } = runWatched(rollingConfig(4, 100, 200));
    const after = messagesFrom(r, UPDATE_AT).filter((x) => stopped.test(x) || started.test(x));
    expect(after[0]).toMatch(/^\(service web\) has started 4 tasks: /);
    expect(after.slice(1).every((x) => stopped.test(x))).toBe(true);
    expect(minHealthy).toBe(4);
    expect(maxLive).toBe(8);
  });

  it('with 2 tasks at minimumHealthyPercent 75 (floor 2) and maximumPercent 100 it can neither stop nor start, and says so once (S-068, S-069)', () => {
    const { r, maxLive } = runWatched(rollingConfig(2, 75, 100));
    const after = messagesFrom(r, UPDATE_AT);
    expect(after).toEqual([
      '(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.',
    ]);
    expect(maxLive).toBe(2);
    const deployments = r.services['web']?.deployments ?? [];
    // EF-004: PRIMARY first, as DescribeServices lists them.
    expect(deployments.map((d) => [d.status, d.rolloutState, d.runningCount])).toEqual([
      ['PRIMARY', 'IN_PROGRESS', 0],
      ['ACTIVE', 'COMPLETED', 2],
    ]);
  });

  it('with 3 tasks at maximumPercent 125 (ceiling 3) and minimumHealthyPercent 100 it can neither start nor stop (S-068, S-069)', () => {
    const { r, maxLive } = runWatched(rollingConfig(3, 100, 125));
    expect(messagesFrom(r, UPDATE_AT)).toEqual([expect.stringMatching(/^\(service web\) was unable to stop or start tasks during a deployment/)]);
    expect(maxLive).toBe(3);
    expect(r.services['web']?.deployments.find((d) => d.status === 'PRIMARY')?.rolloutState).toBe('IN_PROGRESS');
  });
});
