import { describe, expect, it } from 'vitest';
import { maxTotal, minHealthy, planReplacementStops, planStarts, sortTasks, type RollingBounds, type RollingTask } from '../../../src/ecs/service/rolling.js';

/**
 * The rolling update planner (src/ecs/service/rolling.ts), pure: which tasks are replaced
 * (ecs-facts T-079, S-067, L-045), how many start or how far to scale in (S-051, S-041,
 * S-076, S-010), and which replaced RUNNING tasks may stop within minimumHealthyPercent
 * (S-051, L-045, S-065). One row per decision, no simulation.
 */
const ok: RollingTask = { running: true, onDraining: false, unhealthy: false, outdated: false };
const bounds = (over: Partial<RollingBounds> = {}): RollingBounds => ({ desired: 4, keep: 4, maximumPercent: 200, minimumHealthyPercent: 100, daemon: false, ...over });

describe('sortTasks', () => {
  const tasks: Record<string, RollingTask> = {
    stays: ok,
    draining: { ...ok, onDraining: true },
    drainingPending: { ...ok, onDraining: true, running: false },
    unhealthy: { ...ok, unhealthy: true },
    outdated: { ...ok, outdated: true },
  };
  const names = Object.keys(tasks);

  it('a REPLICA service replaces tasks on DRAINING instances, unhealthy ones and older deployments\'; pending ones stop at once', () => {
    expect(sortTasks(names, (n) => tasks[n] as RollingTask, false)).toEqual({ replacePending: ['drainingPending'], replaceRunning: ['draining', 'unhealthy', 'outdated'], rest: ['stays'] });
  });

  it('asks each task\'s view once, in the tasks\' order (the scheduler computes views on demand)', () => {
    const asked: string[] = [];
    sortTasks(names, (n) => (asked.push(n), tasks[n] as RollingTask), false);
    expect(asked).toEqual(names);
  });

  it('a DAEMON service keeps its task on a DRAINING instance (its instance decides, S-034)', () => {
    expect(sortTasks(names, (n) => tasks[n] as RollingTask, true)).toEqual({ replacePending: [], replaceRunning: ['unhealthy', 'outdated'], rest: ['stays', 'draining', 'drainingPending'] });
  });
});

describe('bounds (S-051): the ceiling rounds down, the floor up', () => {
  it.each([
    [3, 150, 4],
    [3, 200, 6],
    [5, 100, 5],
  ])('desired %i at maximumPercent %i: at most %i tasks', (desired, maximumPercent, out) => expect(maxTotal({ desired, maximumPercent })).toBe(out));
  it.each([
    [3, 50, 2],
    [4, 50, 2],
    [3, 0, 0],
  ])('desired %i at minimumHealthyPercent %i: at least %i healthy', (desired, minimumHealthyPercent, out) => expect(minHealthy({ desired, minimumHealthyPercent })).toBe(out));
});

describe('planStarts', () => {
  const state = (rest: number, replaceRunning = 0, over: { failed?: boolean; throttledForMs?: number } = {}) => ({ rest, replaceRunning, failed: false, throttledForMs: 0, ...over });

  it('starts what is missing when nothing is being replaced', () => expect(planStarts(bounds(), state(1))).toEqual({ kind: 'start', count: 3 }));
  it('while replacing, starts only within maximumPercent (S-067)', () => expect(planStarts(bounds({ maximumPercent: 125 }), state(1, 3))).toEqual({ kind: 'start', count: 1 }));
  it('starts nothing when maximumPercent leaves no room', () => expect(planStarts(bounds({ maximumPercent: 100 }), state(1, 3))).toEqual({ kind: 'none' }));
  it('starts nothing for a FAILED deployment (S-076)', () => expect(planStarts(bounds(), state(1, 0, { failed: true }))).toEqual({ kind: 'none' }));
  it('waits out the throttle (S-041)', () => expect(planStarts(bounds(), state(1, 0, { throttledForMs: 30_000 }))).toEqual({ kind: 'wait', ms: 30_000 }));
  it('keeps AZ rebalancing\'s extra tasks (keep above desired, S-027)', () => expect(planStarts(bounds({ keep: 5 }), state(4))).toEqual({ kind: 'start', count: 1 }));
  it('scales in a REPLICA service to keep (S-010)', () => expect(planStarts(bounds(), state(6))).toEqual({ kind: 'scaleIn', keep: 4 }));
  it('never scales in a DAEMON service (its instances decide)', () => expect(planStarts(bounds({ daemon: true }), state(6))).toEqual({ kind: 'none' }));
  it('does nothing at the desired count', () => expect(planStarts(bounds(), state(4))).toEqual({ kind: 'none' }));
});

describe('planReplacementStops', () => {
  const r = (task: string, healthy: boolean) => ({ task, healthy });

  it('with replacements healthy, stops every healthy old task above minimumHealthyPercent', () => {
    // 4 new healthy + 4 old healthy, floor 4: all 4 old may stop.
    expect(planReplacementStops(bounds(), 4, [r('a', true), r('b', true), r('c', true), r('d', true)], 8)).toEqual({ stop: ['a', 'b', 'c', 'd'], lookAgain: false, blocked: false });
  });

  it('before replacements are healthy, a healthy old task waits (and the planner looks again)', () => {
    expect(planReplacementStops(bounds(), 4, [r('a', true), r('b', true)], 2)).toEqual({ stop: [], lookAgain: true, blocked: false });
  });

  it('minimumHealthyPercent 50 lets half go at once', () => {
    expect(planReplacementStops(bounds({ minimumHealthyPercent: 50 }), 0, [r('a', true), r('b', true), r('c', true), r('d', true)], 4)).toEqual({ stop: ['a', 'b'], lookAgain: true, blocked: false });
  });

  it('an unhealthy task goes first, once a healthy task stands in for it (L-045)', () => {
    // desired 4: 3 healthy stay, 1 unhealthy; 1 replacement healthy → healthy 4 ≥ desired - 1.
    expect(planReplacementStops(bounds(), 4, [r('sick', false)], 4)).toEqual({ stop: ['sick'], lookAgain: false, blocked: false });
    expect(planReplacementStops(bounds(), 3, [r('sick', false)], 2)).toEqual({ stop: [], lookAgain: true, blocked: false });
  });

  it('an unhealthy task stops at once when no replacement can start (maximumPercent 100)', () => {
    expect(planReplacementStops(bounds({ maximumPercent: 100 }), 3, [r('sick', false)], 3)).toEqual({ stop: ['sick'], lookAgain: false, blocked: false });
  });

  it('neither a start nor a stop allowed is blocked (S-065)', () => {
    expect(planReplacementStops(bounds({ maximumPercent: 100 }), 0, [r('a', true), r('b', true), r('c', true), r('d', true)], 4)).toEqual({ stop: [], lookAgain: true, blocked: true });
  });
});
