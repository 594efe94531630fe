import { describe, expect, it } from 'vitest';
import { EcsObservers } from '../../../src/ecs/observers.js';
import type { ControlPlane } from '../../../src/ecs/control-plane.js';
import { DeploymentHistory } from '../../../src/ecs/service/deployment-history.js';
import type { Deployment, Service } from '../../../src/ecs/service/service.js';
import type { TaskRecord } from '../../../src/ecs/task/task-record.js';
import type { DesiredStatus, TaskStatus } from '../../../src/ecs/task/lifecycle.js';

/**
 * The critical path's definition, played by hand: one service of 1 task behind a load
 * balancer, updated at t=0. The replacement cannot be placed at first (S-029), starts
 * (PROVISIONING, PENDING with an image pull, ACTIVATING, L-043), turns healthy (S-045);
 * then the old task is deregistered for 300 s (S-071, S-072) and stops.
 */
describe('deployment history: the critical path of one replacement', () => {
  const clock = { now: 0 };
  const observers = new EcsObservers();
  const tasks = new Map<string, TaskRecord>();
  const history = DeploymentHistory.attach(clock, { observers, tasks } as unknown as ControlPlane);
  const service = { serviceName: 'web', liveTasks: new Set<string>(), spec: { minimumHealthyPercent: 100, maximumPercent: 200 } } as unknown as Service;
  const deployment = (id: string): Deployment => ({ id, taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2', desiredCount: 1 }) as Deployment;
  const task = (id: string, startedBy: string, lastStatus: TaskStatus): TaskRecord => {
    const record = { taskArn: `arn:aws:ecs:us-east-1:123456789012:task/c/${id}`, group: 'service:web', startedBy, createdAt: clock.now, lastStatus, desiredStatus: 'RUNNING', history: [{ t: clock.now, lastStatus, desiredStatus: 'RUNNING' }] } as unknown as TaskRecord;
    tasks.set(record.taskArn, record);
    service.liveTasks.add(record.taskArn);
    return record;
  };
  const move = (record: TaskRecord, lastStatus: TaskStatus, desiredStatus: DesiredStatus = record.desiredStatus): void => {
    record.lastStatus = lastStatus;
    record.desiredStatus = desiredStatus;
    record.history.push({ t: clock.now, lastStatus, desiredStatus });
    if (lastStatus === 'STOPPED') record.stoppedAt = clock.now;
    observers.taskChanged(record);
  };
  const at = (t: number, fn: () => void): void => {
    clock.now = t;
    fn();
  };

  const old = task('old', 'ecs-svc/1', 'RUNNING');
  const update = deployment('ecs-svc/2');
  let fresh: TaskRecord;
  at(0, () => {
    observers.taskHealthy(service, old);
    observers.deploymentChanged(service, update, 'started');
  });
  at(1_000, () => observers.serviceEvent(service, { id: 'e1', createdAt: 1_000, message: '(service web) was unable to place a task. Reason: No Container Instances were found in your cluster.' }));
  at(5_000, () => {
    fresh = task('fresh', 'ecs-svc/2', 'PROVISIONING');
    observers.serviceEvent(service, { id: 'e2', createdAt: 5_000, message: '(service web) has started 1 tasks: (task fresh).' });
  });
  at(7_000, () => {
    fresh.pullStartedAt = 8_000;
    fresh.pullStoppedAt = 12_000;
    move(fresh, 'PENDING');
  });
  at(13_000, () => move(fresh, 'ACTIVATING'));
  at(14_000, () => move(fresh, 'RUNNING'));
  at(30_000, () => observers.taskHealthy(service, fresh));
  at(31_000, () => move(old, 'DEACTIVATING', 'STOPPED'));
  at(331_000, () => move(old, 'STOPPING'));
  at(332_000, () => move(old, 'DEPROVISIONING'));
  at(333_000, () => move(old, 'STOPPED'));
  at(334_000, () => observers.deploymentChanged(service, update, 'completed'));
  const [record] = history.result(400_000);

  it('walks back from the end through the old task, the replacement turning healthy, and the wait to place it', () => {
    expect(record?.criticalPath.map((s) => [s.taskId, s.phase, s.startMs, s.endMs])).toEqual([
      [null, 'placement', 0, 5_000],
      ['fresh', 'provisioning', 5_000, 8_000],
      ['fresh', 'imagePull', 8_000, 12_000],
      ['fresh', 'containerStart', 12_000, 13_000],
      ['fresh', 'registration', 13_000, 14_000],
      ['fresh', 'healthChecks', 14_000, 30_000],
      [null, 'scheduler', 30_000, 31_000],
      ['old', 'deregistrationDelay', 31_000, 331_000],
      ['old', 'stopping', 331_000, 333_000],
      [null, 'scheduler', 333_000, 334_000],
    ]);
  });

  it('reports the outcome, the counts and the bounds', () => {
    expect(record).toMatchObject({ id: 'ecs-svc/2', outcome: 'COMPLETED', startMs: 0, endMs: 334_000, durationMs: 334_000, strategy: 'ROLLING' });
    expect(record).toMatchObject({ healthyFloor: 1, runningCeiling: 2, minHealthyCount: 1, maxRunningCount: 2, tasksStarted: 1, tasksStopped: 1 });
    expect(record?.phases.find((p) => p.name === 'deregistrationDelay')).toEqual({ name: 'deregistrationDelay', totalMs: 300_000, criticalPathMs: 300_000 });
  });

  it('puts a bake span recorded for the deployment on the path when it ends last', () => {
    const h = DeploymentHistory.attach(clock, { observers: new EcsObservers(), tasks } as unknown as ControlPlane);
    clock.now = 0;
    h.deploymentChanged(service, deployment('ecs-svc/3'), 'started');
    h.recordSpan('ecs-svc/3', 'bake', 10_000, 70_000);
    clock.now = 71_000;
    h.deploymentChanged(service, deployment('ecs-svc/3'), 'completed');
    expect(h.result(80_000)[0]?.criticalPath.map((s) => [s.phase, s.startMs, s.endMs])).toEqual([
      ['scheduler', 0, 10_000],
      ['bake', 10_000, 70_000],
      ['scheduler', 70_000, 71_000],
    ]);
    expect(() => h.recordSpan('ecs-svc/9', 'bake', 0, 1)).toThrow(/no deployment ecs-svc\/9/);
    expect(() => h.recordSpan('ecs-svc/3', 'bake', 5, 1)).toThrow(/must end at or after its start/);
  });

  it('ends a deployment that a newer one replaced while IN_PROGRESS as SUPERSEDED, and an unfinished one at the end of the run', () => {
    const h = DeploymentHistory.attach(clock, { observers: new EcsObservers(), tasks: new Map() } as unknown as ControlPlane);
    clock.now = 0;
    h.deploymentChanged(service, deployment('ecs-svc/4'), 'started');
    clock.now = 20_000;
    h.deploymentChanged(service, deployment('ecs-svc/5'), 'started');
    const [first, second] = h.result(50_000);
    expect(first).toMatchObject({ outcome: 'SUPERSEDED', startMs: 0, endMs: 20_000, durationMs: 20_000 });
    expect(second).toMatchObject({ outcome: 'IN_PROGRESS', startMs: 20_000, endMs: 50_000, durationMs: 30_000 });
    expect(second?.criticalPath).toEqual([{ taskId: null, phase: 'scheduler', startMs: 20_000, endMs: 50_000 }]);
  });
});
