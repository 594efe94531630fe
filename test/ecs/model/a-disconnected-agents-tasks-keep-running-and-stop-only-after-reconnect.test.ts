import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances, runTaskAt } from './support.js';

// ecs-facts T-074: a disconnected agent's instance takes no new placements (RunTask
// failure AGENT, T-075). T-076: its tasks keep their last known status and keep running;
// nothing said to the agent meanwhile arrives, so a StopTask takes effect only after it
// reconnects. T-014: StopTask sets desiredStatus STOPPED and stoppingAt at once.
// ECS marks the agent disconnected 60 s after it goes silent (the heartbeat, T-084).
const DISCONNECT_AT = 120_000;
const STOP_AT = 200_000;
const RECONNECT_AT = 400_000;

function scenario() {
  const m = buildModel(
    ecsConfig({
      instanceGroups: [instances()],
      definitions: [ec2Definition('api', {}, {})],
      timeline: [
        runTaskAt(60_000, 'api', 'api'),
        { kind: 'disconnectAgent', atMs: DISCONNECT_AT, instance: 'pool/0' },
        // Placed before ECS notices the silence: the start message is lost with the link.
        runTaskAt(150_000, 'api', 'unnoticed'),
        { kind: 'stopTask', atMs: STOP_AT, label: 'api' },
        runTaskAt(300_000, 'api', 'refused'),
        { kind: 'reconnectAgent', atMs: RECONNECT_AT, instance: 'pool/0' },
      ],
    }),
  );
  return m;
}

describe('a disconnected agent (T-074, T-076)', () => {
  it('keeps its task running, and ECS keeps showing RUNNING with desiredStatus STOPPED, until it reconnects', () => {
    const m = scenario();
    m.run(RECONNECT_AT - 1);
    const task = m.task('api');
    expect(task).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stoppingAt: STOP_AT, stoppedReason: 'Task stopped by user' });
    const instance = m.cp.instances[0];
    expect(instance).toMatchObject({ status: 'ACTIVE', agentConnected: false });
    // The containers really are still running on the host.
    expect(m.cp.agents.get(instance?.containerInstanceArn ?? '')?.runners.get(task.taskArn)?.lastStatus).toBe('RUNNING');
  });

  it('refuses new placements on the instance with failure reason AGENT (T-075)', () => {
    const m = scenario();
    const result = m.run(600_000);
    const refused = result.runTask.find((o) => o.label === 'refused');
    expect(refused?.tasks).toEqual([]);
    expect(refused?.failures.map((f) => f.reason)).toEqual(['AGENT']);
  });

  it('applies the StopTask only after the reconnect', () => {
    const m = scenario();
    m.run(600_000);
    const task = m.task('api');
    expect(task.lastStatus).toBe('STOPPED');
    expect(task.stoppedAt).toBeGreaterThan(RECONNECT_AT);
    expect(task.history.filter((h) => h.lastStatus !== 'RUNNING' && h.t > 60_000 + 1_000).every((h) => h.t > RECONNECT_AT)).toBe(true);
    expect(task).toMatchObject({ stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' });
  });

  it('starts a task placed before ECS noticed the disconnect once the agent is back', () => {
    const m = scenario();
    m.run(600_000);
    const task = m.task('unnoticed');
    expect(task.lastStatus).toBe('RUNNING');
    expect(task.startedAt).toBeGreaterThan(RECONNECT_AT);
  });

  it('breaks no invariant on the way', () => {
    const m = scenario();
    expect(m.run(600_000, true).invariantViolations).toEqual([]);
  });
});
