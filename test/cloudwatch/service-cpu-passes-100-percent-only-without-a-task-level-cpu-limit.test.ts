import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../src/cloudwatch/metric-store.js';
import { Simulation } from '../../src/engine/index.js';
import { EcsMetrics } from '../../src/ecs/metrics.js';
import type { ControlPlane } from '../../src/ecs/control-plane.js';
import type { TaskServers } from '../../src/ecs/network/servers.js';

/**
 * ecs-facts C-003/C-004: service CPUUtilization is the tasks' CPU used × 100 / their CPU
 * units. With container-level `cpu` only (EC2), containers may use unreserved CPU on the
 * instance, so it can pass 100% (AWS's example: 400%); with task-level `cpu`, it cannot go
 * above the task's limit, however many containers share it.
 */
const MIN = 60_000;
const dims = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];

/** One RUNNING EC2 task with two containers, each serving at `percent` of the task's CPU. */
function serviceCpuMaximum(taskLevelCpu: number | undefined, percent: number): number {
  const sim = new Simulation({ seed: 1 });
  const store = new MetricStore(sim, { publicationDelayMs: 0 });
  const t = { taskArn: 't1', taskDefinitionArn: 'arn:td/web:1', group: 'service:web', lastStatus: 'RUNNING', launchType: 'EC2', cpu: '512', memory: '1024' };
  const cp = {
    clusterName: 'prod',
    tasks: new Map([[t.taskArn, t]]),
    instances: [],
    resolve: (ref: string) => (ref === t.taskDefinitionArn ? { definition: taskLevelCpu === undefined ? {} : { cpu: taskLevelCpu } } : undefined),
  } as unknown as ControlPlane;
  const server = (): object => ({ usage: () => ({ atMs: sim.now, busyWorkerMs: 0, queuedMs: 0, cpuPercentMs: percent * sim.now, memoryMiBMs: 0 }) });
  const listening = new Map([
    ['10.0.0.1:80', { taskArn: 't1', containerName: 'web', containerPort: 80, server: server() }],
    ['10.0.0.1:81', { taskArn: 't1', containerName: 'worker', containerPort: 81, server: server() }],
  ]);
  const servers = { listening: () => listening, watch: () => undefined } as unknown as TaskServers;
  new EcsMetrics(sim, cp, servers, store).start();
  sim.run({ until: 2 * MIN });
  return store.stat({ Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims }, 'Maximum', 0, MIN) as number;
}

describe('service CPUUtilization of a task whose two containers are each 90% busy', () => {
  it('passes 100% with container-level cpu only: the containers use unreserved CPU (C-004)', () => {
    expect(serviceCpuMaximum(undefined, 90)).toBeCloseTo(180, 9);
  });

  it('stops at 100% with task-level cpu: the task cannot use more than its limit (C-004)', () => {
    expect(serviceCpuMaximum(512, 90)).toBe(100);
  });

  it('is unchanged below the limit', () => {
    expect(serviceCpuMaximum(512, 30)).toBeCloseTo(60, 9);
  });
});
