import { describe, expect, it } from 'vitest';
import { container, LATENCY, STARTED_AT, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-035: condition SUCCESS — the dependency exited with code 0. T-036: otherwise
// the agent gives up with its dependency-graph text, and the task stops.
describe('dependsOn SUCCESS', () => {
  const def = taskDefinition([container('migrate', { essential: false }), container('app', { dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] })]);

  it('starts the dependent container after the dependency exits 0', () => {
    const h = startTask(def, { containers: { migrate: { exit: { after: { constant: 3_000 }, code: 0 } } } });
    h.sim.run({ until: 60_000 });
    expect(h.containerAt('app', 'RUNNING')).toBe(STARTED_AT + 3_000 + LATENCY.containerStart);
    expect(h.last().lastStatus).toBe('RUNNING');
  });

  it("stops the task with the agent's text when the dependency exits non-zero, and the target never runs (T-036)", () => {
    const h = startTask(def, { containers: { migrate: { exit: { after: { constant: 3_000 }, code: 2 } } } });
    h.sim.run({ until: 60_000 });
    expect(h.everRan('app')).toBe(false);
    expect(h.taskAt('STOPPED')).toBe(STARTED_AT + 3_000);
    expect(h.last()).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'dependency graph: failed to resolve container ordering dependency [migrate] for target [app] as dependency did not exit successfully.',
    });
    expect(h.containerNow('app').exitCode).toBeUndefined();
  });
});
