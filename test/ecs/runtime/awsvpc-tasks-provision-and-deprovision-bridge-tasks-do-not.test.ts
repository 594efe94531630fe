import { describe, expect, it } from 'vitest';
import { container, LATENCY, PULL_MS, startTask, taskDefinition } from './recording-host.js';

// ecs-facts T-002 (PROVISIONING: the ENI is attached before the task exists), T-006
// (DEPROVISIONING: the ENI is detached after the containers stop), T-008 (a bridge-mode
// task goes roughly PENDING → RUNNING → STOPPED).
describe('the lifecycle by network mode', () => {
  const STOP_AT = 60_000;

  it('takes an awsvpc task PROVISIONING → PENDING → RUNNING, and STOPPING → DEPROVISIONING → STOPPED', () => {
    const h = startTask(taskDefinition([container('app')], { networkMode: 'awsvpc' }), { containers: { app: { shutdown: { constant: 2_000 } } } });
    expect(h.runner.lastStatus).toBe('PROVISIONING');
    h.stopAt(STOP_AT);
    h.sim.run({ until: LATENCY.eniAttach - 1 });
    // Nothing reported while the ENI attaches: the control plane's record still says PROVISIONING.
    expect([h.runner.lastStatus, h.reports.length]).toEqual(['PROVISIONING', 0]);
    h.sim.run();
    expect(h.statuses()).toEqual(['PENDING', 'RUNNING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    expect(h.taskAt('PENDING')).toBe(LATENCY.eniAttach);
    expect(h.taskAt('RUNNING')).toBe(LATENCY.eniAttach + PULL_MS + LATENCY.containerStart);
    expect(h.taskAt('DEPROVISIONING')).toBe(STOP_AT + 2_000);
    expect(h.taskAt('STOPPED')).toBe(STOP_AT + 2_000 + LATENCY.eniDetach);
  });

  it('takes a bridge task PENDING → RUNNING → STOPPING → STOPPED, with no PROVISIONING or DEPROVISIONING', () => {
    const h = startTask(taskDefinition([container('app')]), { containers: { app: { shutdown: { constant: 2_000 } } } });
    expect(h.runner.lastStatus).toBe('PENDING');
    h.stopAt(STOP_AT);
    h.sim.run();
    expect(h.statuses()).toEqual(['PENDING', 'RUNNING', 'STOPPING', 'STOPPED']);
    expect(h.taskAt('RUNNING')).toBe(PULL_MS + LATENCY.containerStart);
    expect(h.taskAt('STOPPED')).toBe(STOP_AT + 2_000);
  });
});
