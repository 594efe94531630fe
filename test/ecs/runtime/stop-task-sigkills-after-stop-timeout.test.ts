import { describe, expect, it } from 'vitest';
import { container, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-005, T-031: StopTask sends SIGTERM, waits stopTimeout, then sends SIGKILL;
// no SIGKILL if the container exits in time. T-037: 137 is what SIGKILL leaves.
describe('StopTask: SIGTERM, then SIGKILL after stopTimeout', () => {
  const STOP_AT = 60_000;

  it('kills a container still shutting down at its stopTimeout with exit 137, exactly stopTimeout after the stop (T-005, T-031)', () => {
    const def = taskDefinition([container('app', { stopTimeoutMs: 10_000 }), container('sidecar', { essential: false, stopTimeoutMs: 10_000 })]);
    const h = startTask(def, { containers: { app: { shutdown: { constant: 25_000 } }, sidecar: { shutdown: { constant: 4_000 } } } });
    h.stopAt(STOP_AT);
    h.sim.run();
    expect(h.containerAt('app', 'STOPPED')).toBe(STOP_AT + 10_000);
    expect(h.containerNow('app').exitCode).toBe(137);
    expect(h.taskAt('STOPPED')).toBe(STOP_AT + 10_000);
    expect(h.last()).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' });
  });

  it('lets a container that shuts down within its stopTimeout exit 0 when it is done, with no SIGKILL (T-031)', () => {
    const def = taskDefinition([container('app', { stopTimeoutMs: 10_000 }), container('sidecar', { essential: false, stopTimeoutMs: 10_000 })]);
    const h = startTask(def, { containers: { app: { shutdown: { constant: 25_000 } }, sidecar: { shutdown: { constant: 4_000 } } } });
    h.stopAt(STOP_AT);
    h.sim.run();
    expect(h.containerAt('sidecar', 'STOPPED')).toBe(STOP_AT + 4_000);
    expect(h.containerNow('sidecar').exitCode).toBe(0);
  });

  it('waits 30 s before SIGKILL when the container sets no stopTimeout (T-030)', () => {
    const def = taskDefinition([container('app')]);
    const h = startTask(def, { containers: { app: { shutdown: { constant: 45_000 } } } });
    h.stopAt(STOP_AT);
    h.sim.run();
    expect(h.containerAt('app', 'STOPPED')).toBe(STOP_AT + 30_000);
    expect(h.containerNow('app').exitCode).toBe(137);
  });

  it('does not SIGKILL a container without a stopTimeout that exits just inside the default 30 s (T-030)', () => {
    const def = taskDefinition([container('app')]);
    const h = startTask(def, { containers: { app: { shutdown: { constant: 29_999 } } } });
    h.stopAt(STOP_AT);
    h.sim.run();
    expect(h.containerAt('app', 'STOPPED')).toBe(STOP_AT + 29_999);
    expect(h.containerNow('app').exitCode).toBe(0);
  });
});
