import { describe, expect, it } from 'vitest';
import type { ContainerDefinition, HealthCheck } from '../../../src/ecs/task-definition/types.js';
import { container, LATENCY, STARTED_AT, startTask, taskDefinition } from './recording-host.js';

const check: HealthCheck = { command: ['CMD-SHELL', 'true'], intervalMs: 5_000, timeoutMs: 2_000, retries: 3, startPeriodMs: 0 };
const timedOut = (dependency: string, target: string) => `dependency graph: container ordering dependency [${dependency}] for target [${target}] has timed out.`;

// ecs-facts T-032: if the dependency does not reach COMPLETE, SUCCESS or HEALTHY within
// its startTimeout, the target gives up and the task stops. T-036: the agent's text. The
// timeout is the dependency's own, counted from the dependency's start (the agent's
// hasDependencyTimedOut).
describe("a dependency's startTimeout", () => {
  it.each(['COMPLETE', 'SUCCESS'] as const)('stops the task when a %s dependency has not exited startTimeout after it started', (condition) => {
    const def = taskDefinition([container('init', { essential: false, startTimeoutMs: 10_000 }), container('app', { dependsOn: [{ containerName: 'init', condition }] })]);
    const h = startTask(def, { containers: { init: { exit: { after: { constant: 30_000 }, code: 0 } } } });
    h.sim.run({ until: 120_000 });
    expect(h.everRan('app')).toBe(false);
    expect(h.taskAt('STOPPING')).toBe(STARTED_AT + 10_000);
    expect(h.last()).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: timedOut('init', 'app') });
  });

  it('stops the task when a HEALTHY dependency is not healthy startTimeout after it started', () => {
    const def = taskDefinition([container('app', { startTimeoutMs: 20_000, healthCheck: check }), container('envoy', { dependsOn: [{ containerName: 'app', condition: 'HEALTHY' }] })]);
    const h = startTask(def, { containers: { app: { healthCheck: { failProbability: 1 } } } });
    h.sim.run({ until: 120_000 });
    expect(h.everRan('envoy')).toBe(false);
    expect(h.taskAt('STOPPING')).toBe(STARTED_AT + 20_000);
    expect(h.last()).toMatchObject({ stopCode: 'TaskFailedToStart', stoppedReason: timedOut('app', 'envoy') });
  });

  it("is not bounded by the target's own startTimeout", () => {
    const def = taskDefinition([container('init', { essential: false }), container('app', { startTimeoutMs: 2_000, dependsOn: [{ containerName: 'init', condition: 'COMPLETE' }] })]);
    const h = startTask(def, { containers: { init: { exit: { after: { constant: 30_000 }, code: 0 } } } });
    h.sim.run({ until: 120_000 });
    expect(h.containerAt('app', 'RUNNING')).toBe(STARTED_AT + 30_000 + LATENCY.containerStart);
    expect(h.last().lastStatus).toBe('RUNNING');
  });

  it('does not fire when the dependency completes in time', () => {
    const def = taskDefinition([container('init', { essential: false, startTimeoutMs: 10_000 }), container('app', { dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] })]);
    const h = startTask(def, { containers: { init: { exit: { after: { constant: 9_000 }, code: 0 } } } });
    h.sim.run({ until: 120_000 });
    expect(h.last().lastStatus).toBe('RUNNING');
  });

  it('counts from when the dependency started, not from when the task did', () => {
    // init itself waits for db to be HEALTHY (first check 5 s after db starts), so it starts
    // at STARTED_AT + 5 s + docker start; its 10 s runs from there.
    const db: ContainerDefinition = container('db', { healthCheck: check });
    const init = container('init', { essential: false, startTimeoutMs: 10_000, dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] });
    const def = taskDefinition([db, init, container('app', { dependsOn: [{ containerName: 'init', condition: 'COMPLETE' }] })]);
    const h = startTask(def, { containers: { init: { exit: { after: { constant: 60_000 }, code: 0 } } } });
    h.sim.run({ until: 120_000 });
    const initStarted = STARTED_AT + 5_000 + LATENCY.containerStart;
    expect(h.containerAt('init', 'RUNNING')).toBe(initStarted);
    expect(h.taskAt('STOPPING')).toBe(initStarted + 10_000);
    expect(h.last().stoppedReason).toBe(timedOut('init', 'app'));
  });
});
