import { describe, expect, it } from 'vitest';
import type { TaskStateReport } from '../../../src/ecs/runtime/task-runner.js';
import type { TaskStatus } from '../../../src/ecs/task/lifecycle.js';
import type { ContainerRecord, TaskRecord } from '../../../src/ecs/task/task-record.js';
import { reportStep, sameContainers, statusPatch } from '../../../src/ecs/task/transitions.js';

/**
 * The task store's state changes as pure steps (STYLE §4, src/ecs/task/transitions.ts):
 * one row per arrow of the lifecycle (ecs-facts T-001, S-052), then what a host's report
 * changes (T-022), with no simulation.
 */
const container = (over: Partial<ContainerRecord> = {}): ContainerRecord => ({ name: 'app', image: 'web:1', lastStatus: 'RUNNING', healthStatus: 'UNKNOWN', ...over });

function task(over: Partial<TaskRecord> = {}): TaskRecord {
  return {
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/default',
    launchType: 'EC2',
    group: 'service:web',
    cpu: '256',
    memory: '512',
    availabilityZone: 'us-east-1a',
    label: 'web',
    lastStatus: 'PENDING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    createdAt: 0,
    version: 1,
    containers: [container({ lastStatus: 'PENDING' })],
    history: [],
    ...over,
  };
}

/** A container as a host reports it. */
const rc = (lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED', healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN') => ({ name: 'app', image: 'web:1', lastStatus, healthStatus, essential: true, hasHealthCheck: false });

function report(over: Partial<TaskStateReport> = {}): TaskStateReport {
  return { taskArn: task().taskArn, atMs: 5_000, lastStatus: 'PENDING', healthStatus: 'UNKNOWN', containers: [rc('PENDING', 'UNKNOWN')], ...over };
}

describe('statusPatch: what a move does to the task (T-001, S-052, S-055, T-024)', () => {
  const rows: { from: TaskStatus; to: TaskStatus; over?: Partial<TaskRecord>; patch: object }[] = [
    { from: 'PROVISIONING', to: 'PENDING', patch: { lastStatus: 'PENDING', connectivity: 'CONNECTED', connectivityAt: 5_000 } },
    { from: 'PROVISIONING', to: 'PENDING', over: { connectivity: 'CONNECTED', connectivityAt: 1_000 }, patch: { lastStatus: 'PENDING' } },
    { from: 'PENDING', to: 'ACTIVATING', patch: { lastStatus: 'ACTIVATING' } },
    { from: 'PENDING', to: 'RUNNING', patch: { lastStatus: 'RUNNING', startedAt: 5_000 } },
    { from: 'ACTIVATING', to: 'RUNNING', patch: { lastStatus: 'RUNNING', startedAt: 5_000 } },
    { from: 'RUNNING', to: 'DEACTIVATING', patch: { lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stoppingAt: 5_000 } },
    { from: 'RUNNING', to: 'STOPPING', over: { stoppingAt: 2_000 }, patch: { lastStatus: 'STOPPING', desiredStatus: 'STOPPED', stoppingAt: 2_000 } },
    { from: 'STOPPING', to: 'DEPROVISIONING', over: { stoppingAt: 2_000 }, patch: { lastStatus: 'DEPROVISIONING', desiredStatus: 'STOPPED', stoppingAt: 2_000 } },
  ];
  for (const r of rows) {
    it(`${r.from} → ${r.to}${r.over === undefined ? '' : ` (given ${Object.keys(r.over).join(', ')})`}`, () => {
      expect(statusPatch(task({ lastStatus: r.from, ...r.over }), r.to, 5_000)).toEqual(r.patch);
    });
  }

  it('→ STOPPED ends the task and every container not yet STOPPED, keeping an earlier executionStoppedAt', () => {
    const stopped = container({ name: 'side', lastStatus: 'STOPPED', exitCode: 0 });
    const t = task({ lastStatus: 'STOPPING', stoppingAt: 2_000, executionStoppedAt: 4_000, containers: [container(), stopped] });
    const patch = statusPatch(t, 'STOPPED', 5_000);
    expect(patch).toEqual({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stoppingAt: 2_000,
      stoppedAt: 5_000,
      executionStoppedAt: 4_000,
      containers: [container({ lastStatus: 'STOPPED' }), stopped],
    });
    expect(patch.containers?.[1]).toBe(stopped);
    // The task itself is left as it was: the caller applies the patch.
    expect(t.lastStatus).toBe('STOPPING');
  });
});

describe('reportStep: what a host report changes (T-001, T-022)', () => {
  it('a forward status is a move and a change', () => {
    expect(reportStep(task(), report({ lastStatus: 'RUNNING', containers: [rc('PENDING', 'UNKNOWN')] }), false)).toEqual({ move: 'RUNNING', patch: {}, changed: true });
  });

  it('a backward or unchanged status moves nothing; the same report twice changes nothing', () => {
    const t = task({ lastStatus: 'RUNNING' });
    expect(reportStep(t, report({ lastStatus: 'PENDING' }), false)).toEqual({ patch: {}, changed: false });
    expect(reportStep(t, report({ lastStatus: 'RUNNING' }), false)).toEqual({ patch: {}, changed: false });
  });

  it('RUNNING while the target registration is under way waits for it (T-004, L-043)', () => {
    expect(reportStep(task({ lastStatus: 'ACTIVATING' }), report({ lastStatus: 'RUNNING' }), true)).toEqual({ patch: {}, changed: false });
  });

  it('health and containers as reported, each a change; bindings stay the task\'s own', () => {
    const bindings = [{ containerPort: 80, hostPort: 32768, protocol: 'tcp' as const }];
    const t = task({ lastStatus: 'RUNNING', containers: [container({ networkBindings: bindings as never })] });
    const step = reportStep(t, report({ lastStatus: 'RUNNING', healthStatus: 'HEALTHY', containers: [rc('RUNNING', 'HEALTHY')] }), false);
    expect(step).toEqual({ patch: { healthStatus: 'HEALTHY', containers: [container({ healthStatus: 'HEALTHY', networkBindings: bindings as never })] }, changed: true });
    expect(step.patch.containers?.[0]?.networkBindings).toBe(bindings);
  });

  it('pull and execution times are set once and are no change of their own', () => {
    const step = reportStep(task(), report({ pullStartedAtMs: 1_000, pullStoppedAtMs: 3_000 }), false);
    expect(step).toEqual({ patch: { pullStartedAt: 1_000, pullStoppedAt: 3_000 }, changed: false });
    expect(reportStep(task({ pullStartedAt: 500 }), report({ pullStartedAtMs: 1_000 }), false).patch).toEqual({});
  });

  it('a stop the host made by itself carries its code and reason (T-012, T-014)', () => {
    const step = reportStep(task({ lastStatus: 'RUNNING' }), report({ lastStatus: 'RUNNING', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' }), false);
    expect(step).toEqual({ patch: { desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited', stoppingAt: 5_000 }, changed: true });
  });

  it('a stop the control plane asked for keeps its own code and reason', () => {
    const t = task({ lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user', stoppingAt: 1_000 });
    expect(reportStep(t, report({ lastStatus: 'RUNNING', stopCode: 'EssentialContainerExited' }), false)).toEqual({ patch: {}, changed: false });
  });

  it('→ STOPPED compares the containers with what the move leaves: all STOPPED, the report\'s own kept when it differs', () => {
    const t = task({ lastStatus: 'RUNNING', containers: [container()] });
    // The report says STOPPED with the container still PENDING (it never started): the report wins.
    const never = reportStep(t, report({ lastStatus: 'STOPPED', containers: [rc('PENDING', 'UNKNOWN')] }), false);
    expect(never.move).toBe('STOPPED');
    expect(never.patch.containers).toEqual([container({ lastStatus: 'PENDING' })]);
    // The report's containers equal what the move leaves: nothing more to change.
    const same = reportStep(t, report({ lastStatus: 'STOPPED', containers: [rc('STOPPED', 'UNKNOWN')] }), false);
    expect(same.patch).toEqual({});
    // The move's executionStoppedAt comes first: the report's later one is not taken.
    expect(reportStep(t, report({ lastStatus: 'STOPPED', executionStoppedAtMs: 4_000 }), false).patch.executionStoppedAt).toBeUndefined();
  });
});

describe('sameContainers', () => {
  it('compares field by field, in order', () => {
    expect(sameContainers([container()], [container()])).toBe(true);
    expect(sameContainers([container()], [container({ exitCode: 1 })])).toBe(false);
    expect(sameContainers([container()], [container(), container({ name: 'b' })])).toBe(false);
    expect(sameContainers([container({ name: 'a' }), container({ name: 'b' })], [container({ name: 'b' }), container({ name: 'a' })])).toBe(false);
    expect(sameContainers([container({ networkBindings: [] })], [container({ networkBindings: [] })])).toBe(true);
  });
});
