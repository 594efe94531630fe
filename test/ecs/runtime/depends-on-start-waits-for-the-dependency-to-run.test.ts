import { describe, expect, it } from 'vitest';
import { container, LATENCY, STARTED_AT, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-035: condition START — "the dependency has started".
describe('dependsOn START', () => {
  it('starts containers without dependencies together', () => {
    const h = startTask(taskDefinition([container('db'), container('app')]));
    h.sim.run({ until: 60_000 });
    expect([h.containerAt('db', 'RUNNING'), h.containerAt('app', 'RUNNING')]).toEqual([STARTED_AT, STARTED_AT]);
  });

  // BUG: task-runner.ts containerStarted never calls startReadyContainers, so a container
  // waiting on START is not looked at again when its dependency starts: it stays PENDING
  // (and the task with it) until some other event (an exit, a HEALTHY check) re-runs the scan.
  it('starts the dependent container as soon as its dependency is running, not before', () => {
    const def = taskDefinition([container('db'), container('app', { dependsOn: [{ containerName: 'db', condition: 'START' }] })]);
    const h = startTask(def, { containers: { db: { startup: { constant: 30_000 } } } });
    h.sim.run({ until: 60_000 });
    expect(h.containerAt('db', 'RUNNING')).toBe(STARTED_AT);
    // START waits for the container to run, not for the app inside it to be ready.
    expect(h.containerAt('app', 'RUNNING')).toBe(STARTED_AT + LATENCY.containerStart);
    expect(h.last().lastStatus).toBe('RUNNING');
  });

  it('never starts the dependent container before its dependency runs', () => {
    const def = taskDefinition([container('db'), container('app', { dependsOn: [{ containerName: 'db', condition: 'START' }] })]);
    const h = startTask(def);
    h.sim.run({ until: 60_000 });
    const appAt = h.containerAt('app', 'RUNNING');
    if (appAt !== undefined) expect(appAt).toBeGreaterThanOrEqual((h.containerAt('db', 'RUNNING') ?? Infinity) + LATENCY.containerStart);
    expect(h.containerAt('db', 'RUNNING')).toBe(STARTED_AT);
  });
});
