import { describe, expect, it } from 'vitest';
import { container, LATENCY, STARTED_AT, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-035: condition COMPLETE — "the dependency has exited", whatever its code.
// T-009: a finished non-essential container does not hold the task back from RUNNING.
describe('dependsOn COMPLETE', () => {
  it.each([0, 1])('starts the dependent container once the dependency has exited (exit code %i)', (code) => {
    const def = taskDefinition([container('init', { essential: false }), container('app', { dependsOn: [{ containerName: 'init', condition: 'COMPLETE' }] })]);
    const h = startTask(def, { containers: { init: { exit: { after: { constant: 3_000 }, code } } } });
    h.sim.run({ until: 60_000 });
    expect(h.containerAt('init', 'STOPPED')).toBe(STARTED_AT + 3_000);
    expect(h.containerNow('init').exitCode).toBe(code);
    expect(h.containerAt('app', 'RUNNING')).toBe(STARTED_AT + 3_000 + LATENCY.containerStart);
    expect(h.taskAt('RUNNING')).toBe(STARTED_AT + 3_000 + LATENCY.containerStart);
  });

  it('keeps the dependent container PENDING while the dependency runs', () => {
    const def = taskDefinition([container('init', { essential: false }), container('app', { dependsOn: [{ containerName: 'init', condition: 'COMPLETE' }] })]);
    const h = startTask(def);
    h.sim.run({ until: 600_000 });
    expect(h.everRan('app')).toBe(false);
    expect(h.last().lastStatus).toBe('PENDING');
  });
});
