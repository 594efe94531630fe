import { describe, expect, it } from 'vitest';
import { container, PULL_MS, LATENCY, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-098 (a documented CannotPullContainerError text), T-102 (pull failures stop
// the task with TaskFailedToStart and the error as stoppedReason), T-037 (no exitCode for
// a container that never ran), T-003 (pulls happen while the task is PENDING).
const PULL_ERROR = 'CannotPullContainerError: API error (500): Get https://registry-1.docker.io/v2/: net/http: request canceled while waiting for connection';

describe('a failed image pull', () => {
  it('stops the task with TaskFailedToStart and the pull error as stoppedReason; no container ever runs', () => {
    const def = taskDefinition([container('app'), container('log-router', { essential: false })]);
    const h = startTask(def, undefined, { pullError: PULL_ERROR, failingImages: ['log-router:1'] });
    h.sim.run({ until: 60_000 });
    expect(h.statuses()).toEqual(['PENDING', 'STOPPING', 'STOPPED']);
    expect(h.taskAt('STOPPED')).toBe(PULL_MS);
    expect(h.last()).toMatchObject({ stopCode: 'TaskFailedToStart', stoppedReason: PULL_ERROR });
    expect(h.everRan('app') || h.everRan('log-router')).toBe(false);
    expect(h.last().containers.map((c) => [c.name, c.lastStatus, c.exitCode, c.reason])).toEqual([
      ['app', 'STOPPED', undefined, undefined],
      ['log-router', 'STOPPED', undefined, PULL_ERROR],
    ]);
  });

  it('goes through DEPROVISIONING for an awsvpc task (T-006)', () => {
    const def = taskDefinition([container('app')], { networkMode: 'awsvpc' });
    const h = startTask(def, undefined, { pullError: PULL_ERROR });
    h.sim.run({ until: 60_000 });
    expect(h.statuses()).toEqual(['PENDING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    expect(h.taskAt('STOPPED')).toBe(LATENCY.eniAttach + PULL_MS + LATENCY.eniDetach);
    expect(h.everRan('app')).toBe(false);
  });

  it('starts nothing while any image is still being pulled', () => {
    const def = taskDefinition([container('app'), container('sidecar', { essential: false })]);
    const h = startTask(def, undefined, { pullMs: 20_000 });
    h.sim.run({ until: 60_000 });
    expect(h.containerAt('app', 'RUNNING')).toBe(20_000 + LATENCY.containerStart);
  });
});
