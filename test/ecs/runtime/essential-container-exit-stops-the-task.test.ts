import { describe, expect, it } from 'vitest';
import { container, runTask, taskDefinition } from './support.js';

describe('a task whose essential container exits', () => {
  it('stops with EssentialContainerExited, after the other containers get SIGTERM (ecs-facts T-013, T-034)', () => {
    const def = taskDefinition([container('app'), container('sidecar', { essential: false })]);
    const { sim, statuses, last } = runTask(def, { containers: { app: { exit: { after: { constant: 5000 }, code: 1 } } } });
    sim.run();
    expect(statuses()).toEqual(['PENDING', 'RUNNING', 'STOPPING', 'STOPPED']);
    expect(last().stopCode).toBe('EssentialContainerExited');
    expect(last().stoppedReason).toBe('Essential container in task exited');
    expect(last().containers.map((c) => [c.name, c.lastStatus, c.exitCode])).toEqual([
      ['app', 'STOPPED', 1],
      ['sidecar', 'STOPPED', 0],
    ]);
  });

  it('does not stop the task when a non-essential container exits', () => {
    const def = taskDefinition([container('app'), container('init', { essential: false })]);
    const { sim, last } = runTask(def, { containers: { init: { exit: { after: { constant: 1000 }, code: 0 } } } });
    sim.run({ until: 60_000 });
    expect(last().lastStatus).toBe('RUNNING');
    expect(last().containers.find((c) => c.name === 'init')?.exitCode).toBe(0);
  });
});
