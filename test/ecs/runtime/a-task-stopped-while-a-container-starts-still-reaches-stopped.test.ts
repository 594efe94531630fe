import { describe, expect, it } from 'vitest';
import { container, LATENCY, PULL_MS, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-014: StopTask may come at any point, e.g. while the task is still PENDING.
// Whatever the container was doing, the task must end STOPPED.
describe('a task stopped while docker is starting a container', () => {
  // BUG: task-runner.ts beginStop cancels every timer in startTimers, which include the
  // `later(containerStart, () => containerStarted(c))` timer, so `c.starting` stays true;
  // afterContainerChange then waits forever for that container and finishStop never runs.
  // The task hangs in STOPPING (on EC2 its record never reaches STOPPED).
  it('reaches STOPPED', () => {
    const h = startTask(taskDefinition([container('app')]));
    // The pull ends at 1 s; docker create/start runs until 1.5 s.
    h.stopAt(PULL_MS + LATENCY.containerStart / 2);
    h.sim.run({ until: 600_000 });
    expect(h.last().lastStatus).toBe('STOPPED');
    expect(h.everRan('app')).toBe(false);
  });

  it('reaches STOPPED when the stop comes during the pull', () => {
    const h = startTask(taskDefinition([container('app')]));
    h.stopAt(PULL_MS / 2);
    h.sim.run({ until: 600_000 });
    expect(h.statuses()).toEqual(['PENDING', 'STOPPING', 'STOPPED']);
    expect(h.everRan('app')).toBe(false);
  });
});
