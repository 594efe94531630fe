import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../src/cloudwatch/metric-store.js';
import { Simulation } from '../../src/engine/index.js';
import { EcsMetrics } from '../../src/ecs/metrics.js';
import type { ControlPlane } from '../../src/ecs/control-plane.js';
import type { ListeningServer, ServerWatcher, TaskServers } from '../../src/ecs/network/servers.js';

// ECS's per-minute publisher reuses each service's sample arrays from minute to minute
// (issue 14: no per-minute garbage). Whatever it keeps, each minute's datapoint must hold
// exactly one sample per task RUNNING at the minute's end (C-005) with that task's use,
// as the service's task count falls and rises again, and none for a minute with no
// RUNNING task (C-001).

const MIN = 60_000;
const web = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];

class NoServers {
  listening(): ReadonlyMap<string, ListeningServer> {
    return new Map();
  }
  watch(_w: ServerWatcher): void {}
}

describe('AWS/ECS service utilization as the RUNNING count changes', () => {
  it('puts one sample per RUNNING task each minute, no more and no fewer, as tasks stop and start', () => {
    const sim = new Simulation({ seed: 1 });
    const store = new MetricStore(sim, { publicationDelayMs: 0 });
    type T = { taskArn: string; group: string; lastStatus: string; desiredStatus: string; launchType: string; cpu: string; memory: string };
    const tasks = new Map<string, T>();
    const add = (taskArn: string, group = 'service:web') => tasks.set(taskArn, { taskArn, group, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'EC2', cpu: '512', memory: '1024' });
    const stop = (taskArn: string) => Object.assign(tasks.get(taskArn) as T, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED' });
    for (const arn of ['a', 'b', 'c', 'd', 'e']) add(arn);
    add('x', 'service:api');
    const cp = { clusterName: 'prod', tasks, instances: [], resolve: () => undefined } as unknown as ControlPlane;
    // A fluid model serves both services: every task of web uses 25%, of api 70%.
    const fluid = new Map([
      ['web', { cpuPercentMsAt: (t: number) => 25 * t }],
      ['api', { cpuPercentMsAt: (t: number) => 70 * t }],
    ]);
    new EcsMetrics(sim, cp, new NoServers() as unknown as TaskServers, store, fluid).start();
    // Web: 5 tasks, then 2, then none, then 1, then 4 (a new task among them), then 6.
    sim.at(MIN + 1, () => ['c', 'd', 'e'].forEach(stop));
    sim.at(2 * MIN + 1, () => ['a', 'b'].forEach(stop));
    sim.at(3 * MIN + 1, () => add('f'));
    sim.at(4 * MIN + 1, () => ['g', 'h', 'i'].forEach((arn) => add(arn)));
    sim.at(5 * MIN + 1, () => ['j', 'k'].forEach((arn) => add(arn)));
    sim.run({ until: 6 * MIN });
    const metric = (dims: typeof web) => ({ Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims });
    const per = (dims: typeof web, s: 'SampleCount' | 'Sum') => [0, 1, 2, 3, 4, 5].map((m) => store.stat(metric(dims), s, m * MIN, (m + 1) * MIN));
    expect(per(web, 'SampleCount')).toEqual([5, 2, undefined, 1, 4, 6]);
    const sums = per(web, 'Sum');
    expect(sums[2]).toBeUndefined();
    [0, 1, 3, 4, 5].forEach((m) => expect(sums[m]).toBeCloseTo(25 * ([5, 2, 0, 1, 4, 6][m] as number), 9));
    const memory = [0, 1, 2, 3, 4, 5].map((m) => store.stat({ ...metric(web), MetricName: 'MemoryUtilization' }, 'SampleCount', m * MIN, (m + 1) * MIN));
    expect(memory).toEqual([5, 2, undefined, 1, 4, 6]);
    // The other service's one task is counted once a minute throughout.
    const api = [web[0] as (typeof web)[0], { Name: 'ServiceName', Value: 'api' }];
    expect(per(api, 'SampleCount')).toEqual([1, 1, 1, 1, 1, 1]);
    per(api, 'Sum').forEach((v) => expect(v).toBeCloseTo(70, 9));
  });
});
