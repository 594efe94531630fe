import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../src/cloudwatch/metric-store.js';
import { Simulation } from '../../src/engine/index.js';
import { EcsMetrics } from '../../src/ecs/metrics.js';
import type { ControlPlane } from '../../src/ecs/control-plane.js';
import type { TaskServers } from '../../src/ecs/network/servers.js';

// ECS's per-minute publisher keeps each server's and each task's sums from minute to minute
// (issue 14: nothing built per minute). What it reports must stay what the servers
// listening in that minute used: a task sums its servers, a server that stops listening
// stops counting, a new one counts from its start, and a task left with no server reports
// 0% (C-003, C-005: one sample per RUNNING task).

const MIN = 60_000;
const service = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];

/** A server using a constant `pct` % of its task's CPU from `fromMs` on. */
const server = (sim: Simulation, pct: number, fromMs: number) => ({ usage: () => ({ atMs: sim.now, busyWorkerMs: 0, queuedMs: 0, cpuPercentMs: pct * (sim.now - fromMs), memoryMiBMs: 0 }) });

describe('AWS/ECS CPUUtilization as servers come and go', () => {
  it('sums a task’s servers listening in the minute, counts a new server from its start, and reports 0% for a task left with none', () => {
    const sim = new Simulation({ seed: 1 });
    const store = new MetricStore(sim, { publicationDelayMs: 0 });
    const task = (taskArn: string) => ({ taskArn, group: 'service:web', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'EC2', cpu: '512', memory: '1024' });
    const cp = { clusterName: 'prod', tasks: new Map([['a', task('a')], ['b', task('b')]]), instances: [], resolve: () => undefined } as unknown as ControlPlane;
    const open = new Map<string, { taskArn: string; containerName: string; containerPort: number; server: ReturnType<typeof server> }>([
      ['10.0.0.1:80', { taskArn: 'a', containerName: 'app', containerPort: 80, server: server(sim, 40, 0) }],
      ['10.0.0.1:81', { taskArn: 'a', containerName: 'side', containerPort: 81, server: server(sim, 10, 0) }],
      ['10.0.0.2:80', { taskArn: 'b', containerName: 'app', containerPort: 80, server: server(sim, 20, 0) }],
    ]);
    new EcsMetrics(sim, cp, { listening: () => open } as unknown as TaskServers, store).start();
    // Minute 1: a's sidecar server stops. Minute 2: a's app server is replaced by one at 30%. Minute 3: b's only server stops.
    sim.at(MIN + 1, () => open.delete('10.0.0.1:81'));
    sim.at(2 * MIN + 1, () => {
      open.delete('10.0.0.1:80');
      open.set('10.0.0.3:80', { taskArn: 'a', containerName: 'app', containerPort: 80, server: server(sim, 30, 2 * MIN + 1) });
    });
    sim.at(3 * MIN + 1, () => open.delete('10.0.0.2:80'));
    sim.run({ until: 4 * MIN });
    const metric = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: service };
    const stat = (s: 'SampleCount' | 'Maximum' | 'Minimum') => [0, 1, 2, 3].map((m) => store.stat(metric, s, m * MIN, (m + 1) * MIN) as number);
    expect(stat('SampleCount')).toEqual([2, 2, 2, 2]);
    // a: 40 + 10, then 40 alone, then the new server from 2 min + 1 ms (counted from its start: 30% of 59,999 ms of the minute), then 30.
    const a = [50, 40, (30 * (MIN - 1)) / MIN, 30];
    // b: 20 until its server stops, then 0 (a task with no server model reports 0%).
    const b = [20, 20, 20, 0];
    stat('Maximum').forEach((v, m) => expect(v).toBeCloseTo(Math.max(a[m] as number, b[m] as number), 9));
    stat('Minimum').forEach((v, m) => expect(v).toBeCloseTo(Math.min(a[m] as number, b[m] as number), 9));
  });
});
