import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances, runTaskAt } from './support.js';

// ecs-facts T-076: a disconnected agent's tasks keep their last known status meanwhile.
// When the agent reconnects it reports the state of its tasks (the agent keeps stopped
// tasks for ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION, 3 h, T-085), so ECS learns what
// happened while it was away.
//
// BUG (both specs): agent.ts `reconnect` re-reports only the runners still in
// `this.runners`, and a runner is deleted from it as soon as its task stops
// (`released`). A task that stopped while the agent was away is never reported again:
// control-plane.ts `agentReconnected` then sees no runner for it and, if its record still
// says PENDING or PROVISIONING, sends startTask again for the same task ARN. And a task
// whose startTask never arrived (placed in the minute before ECS noticed the silence) and
// which was then asked to stop gets only the stop re-sent; the agent has no such task, so
// the record stays PENDING with desiredStatus STOPPED, holding its reservation, forever.
describe('after an agent reconnects', () => {
  it('ECS learns that a task stopped while the agent was away, and frees its resources', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances()],
        definitions: [ec2Definition('api')],
        timeline: [
          runTaskAt(60_000, 'api', 'api'),
          { kind: 'disconnectAgent', atMs: 120_000, instance: 'pool/0' },
          { kind: 'killTask', atMs: 130_000, label: 'api', exitCode: 1 },
          { kind: 'reconnectAgent', atMs: 200_000, instance: 'pool/0' },
        ],
      }),
    );
    const result = m.run(400_000);
    expect(m.task('api')).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    expect(result.containerInstances[0]?.remainingResources).toEqual(result.containerInstances[0]?.registeredResources);
  });

  it('a task that failed to start while the agent was away stays stopped rather than starting again', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances()],
        definitions: [ec2Definition('api')],
        timeline: [
          { kind: 'failImagePulls', atMs: 50_000, forMs: 100_000 },
          runTaskAt(60_000, 'api', 'api'),
          // The start message arrives at 60.1 s; the pull fails at 71.1 s, while the agent is away.
          { kind: 'disconnectAgent', atMs: 61_000, instance: 'pool/0' },
          { kind: 'reconnectAgent', atMs: 200_000, instance: 'pool/0' },
        ],
      }),
    );
    m.run(400_000);
    const task = m.task('api');
    expect(task.history.some((h) => h.lastStatus === 'RUNNING')).toBe(false);
    expect(task).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart' });
  });

  it('a task that never reached the agent and was stopped meanwhile ends STOPPED, giving back its resources', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances()],
        definitions: [ec2Definition('api')],
        timeline: [
          { kind: 'disconnectAgent', atMs: 60_000, instance: 'pool/0' },
          // ECS notices the silence only at 120 s, so this is placed and its start message lost.
          runTaskAt(90_000, 'api', 'api'),
          { kind: 'stopTask', atMs: 150_000, label: 'api' },
          { kind: 'reconnectAgent', atMs: 200_000, instance: 'pool/0' },
        ],
      }),
    );
    const result = m.run(400_000);
    expect(m.task('api')).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated' });
    expect(result.containerInstances[0]?.remainingResources).toEqual(result.containerInstances[0]?.registeredResources);
  });
});
