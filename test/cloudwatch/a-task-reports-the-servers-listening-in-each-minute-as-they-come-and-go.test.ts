import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../src/cloudwatch/metric-store.js';
import { Simulation } from '../../src/engine/index.js';
import { EcsMetrics } from '../../src/ecs/metrics.js';
import type { ControlPlane } from '../../src/ecs/control-plane.js';
import type { ListeningServer, ServerWatcher, TaskServers } from '../../src/ecs/network/servers.js';

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
const server = (sim: Simulation, pct: number, fromMs: number) => ({ modelsMemory: false, usage: () => ({ atMs: sim.now, busyWorkerMs: 0, queuedMs: 0, cpuPercentMs: pct * (sim.now - fromMs), memoryMiBMs: 0 }) });

type Entry = ListeningServer;

/** The servers listening, as `TaskServers` keeps them: by address, watchers told of each one that comes or goes. */
class FakeServers {
  readonly open = new Map<string, Entry>();
  private readonly watchers: ServerWatcher[] = [];
  listening(): ReadonlyMap<string, Entry> {
    return this.open;
  }
  watch(w: ServerWatcher): void {
    this.watchers.push(w);
  }
  listen(address: string, taskArn: string, containerName: string, s: ReturnType<typeof server>): void {
    const entry = { taskArn, containerName, containerPort: Number(address.split(':')[1]), server: s } as unknown as Entry;
    const replaced = this.open.get(address);
    this.open.set(address, entry);
    for (const w of this.watchers) {
      if (replaced !== undefined) w.closed(address, replaced);
      w.opened(address, entry, replaced !== undefined);
    }
  }
  close(address: string): void {
    const entry = this.open.get(address);
    if (entry === undefined) return;
    this.open.delete(address);
    for (const w of this.watchers) w.closed(address, entry);
  }
}

describe('AWS/ECS CPUUtilization as servers come and go', () => {
  it('sums a task’s servers listening in the minute, counts a new server from its start, and reports 0% for a task left with none', () => {
    const sim = new Simulation({ seed: 1 });
    const store = new MetricStore(sim, { publicationDelayMs: 0 });
    const task = (taskArn: string) => ({ taskArn, group: 'service:web', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'EC2', cpu: '512', memory: '1024' });
    const cp = { clusterName: 'prod', tasks: new Map([['a', task('a')], ['b', task('b')]]), instances: [], resolve: () => undefined } as unknown as ControlPlane;
    const servers = new FakeServers();
    servers.listen('10.0.0.1:80', 'a', 'app', server(sim, 40, 0));
    servers.listen('10.0.0.1:81', 'a', 'side', server(sim, 10, 0));
    servers.listen('10.0.0.2:80', 'b', 'app', server(sim, 20, 0));
    new EcsMetrics(sim, cp, servers as unknown as TaskServers, store).start();
    // Minute 1: a's sidecar server stops. Minute 2: a's app server is replaced by one at 30%. Minute 3: b's only server stops.
    sim.at(MIN + 1, () => servers.close('10.0.0.1:81'));
    sim.at(2 * MIN + 1, () => {
      servers.close('10.0.0.1:80');
      servers.listen('10.0.0.3:80', 'a', 'app', server(sim, 30, 2 * MIN + 1));
    });
    sim.at(3 * MIN + 1, () => servers.close('10.0.0.2:80'));
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

  it('counts a server that replaced another at the same address instead of the old one', () => {
    const sim = new Simulation({ seed: 1 });
    const store = new MetricStore(sim, { publicationDelayMs: 0 });
    const task = { taskArn: 'a', group: 'service:web', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'EC2', cpu: '512', memory: '1024' };
    const cp = { clusterName: 'prod', tasks: new Map([['a', task]]), instances: [], resolve: () => undefined } as unknown as ControlPlane;
    const servers = new FakeServers();
    servers.listen('10.0.0.1:80', 'a', 'app', server(sim, 40, 0));
    servers.listen('10.0.0.1:81', 'a', 'side', server(sim, 10, 0));
    new EcsMetrics(sim, cp, servers as unknown as TaskServers, store).start();
    // In minute 1 the app server is replaced in place by one at 70% (counted from its start, 1 min + 1 ms).
    sim.at(MIN + 1, () => servers.listen('10.0.0.1:80', 'a', 'app', server(sim, 70, MIN + 1)));
    sim.run({ until: 3 * MIN });
    const metric = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: service };
    const max = [0, 1, 2].map((m) => store.stat(metric, 'Maximum', m * MIN, (m + 1) * MIN) as number);
    expect(max[0]).toBeCloseTo(50, 9);
    expect(max[1]).toBeCloseTo((70 * (MIN - 1)) / MIN + 10, 9);
    expect(max[2]).toBeCloseTo(80, 9);
  });
});
