import { describe, expect, it } from 'vitest';
import { MetricStore } from '../../src/cloudwatch/metric-store.js';
import { Simulation } from '../../src/engine/index.js';
import { EcsMetrics } from '../../src/ecs/metrics.js';
import { shareInstanceCpu } from '../../src/ecs/cpu-shares.js';
import type { ControlPlane } from '../../src/ecs/control-plane.js';
import type { TaskServers } from '../../src/ecs/network/servers.js';

/**
 * ecs-facts EF-003 (container `cpu` is a Docker CPU share, T-038), C-003, C-004. AWS's own
 * example: a 512-unit single-container task alone on a single-core (1,024-unit) instance
 * "could use the full 1,024 CPU unit share"; with a second copy beside it, each task "is
 * guaranteed a minimum of 512 CPU units when needed", each "could float to higher CPU usage
 * if the other container was not using it", and "if both tasks were 100% active all of the
 * time, they would be limited to 512 CPU units".
 */
describe('the CPU shares of the tasks on one instance', () => {
  it('a task alone on the instance gets all it asks for, up to the whole instance', () => {
    expect(shareInstanceCpu(1024, [1024], [512])).toEqual([1024]);
    expect(shareInstanceCpu(1024, [4096], [512])).toEqual([1024]);
  });

  it('two copies both fully active are limited to their 512 units each', () => {
    expect(shareInstanceCpu(1024, [1024, 1024], [512, 512])).toEqual([512, 512]);
  });

  it('a task floats above its share while the other does not use its own', () => {
    expect(shareInstanceCpu(1024, [1024, 100], [512, 512])).toEqual([924, 100]);
  });

  it('under contention the shares are relative weights', () => {
    expect(shareInstanceCpu(3072, [3072, 3072], [2048, 1024])).toEqual([2048, 1024]);
    // The smaller task wants less than its part: the rest goes to the larger one.
    expect(shareInstanceCpu(3072, [3072, 500], [2048, 1024])).toEqual([2572, 500]);
  });

  it('a container with no cpu still weighs Docker’s minimum of 2 shares', () => {
    const [big, none] = shareInstanceCpu(1026, [2000, 2000], [1024, 0]);
    expect(big).toBeCloseTo(1024, 9);
    expect(none).toBeCloseTo(2, 9);
  });
});

const MIN = 60_000;
const service = [
  { Name: 'ClusterName', Value: 'prod' },
  { Name: 'ServiceName', Value: 'web' },
];

/** 512-unit EC2 tasks of service web on one 1,024-unit instance; each task's server asks for a constant % of its 512 units. */
function serviceCpu(percents: number[], taskLevelCpu: number | undefined, instanceCpu = 1024): { avg: number; max: number; cluster: number } {
  const sim = new Simulation({ seed: 1 });
  const store = new MetricStore(sim, { publicationDelayMs: 0 });
  const instanceArn = 'arn:aws:ecs:us-east-1:111122223333:container-instance/prod/i1';
  const tasks = percents.map((_, k) => ({
    taskArn: `t${k}`,
    taskDefinitionArn: 'arn:td/web:1',
    group: 'service:web',
    lastStatus: 'RUNNING',
    launchType: 'EC2',
    cpu: '512',
    memory: '512',
    containerInstanceArn: instanceArn,
  }));
  const instance = { containerInstanceArn: instanceArn, status: 'ACTIVE', registered: { cpu: instanceCpu, memory: 4096 }, remaining: { cpu: instanceCpu - 512 * tasks.length, memory: 0 } };
  const cp = {
    clusterName: 'prod',
    tasks: new Map(tasks.map((t) => [t.taskArn, t])),
    instances: [instance],
    resolve: () => ({ definition: taskLevelCpu === undefined ? {} : { cpu: taskLevelCpu } }),
  } as unknown as ControlPlane;
  const listening = new Map(
    percents.map((pct, k) => [
      `10.0.0.${k}:80`,
      { taskArn: `t${k}`, containerName: 'web', containerPort: 80, server: { usage: () => ({ atMs: sim.now, busyWorkerMs: 0, queuedMs: 0, cpuPercentMs: pct * sim.now, memoryMiBMs: 0 }) } },
    ]),
  );
  new EcsMetrics(sim, cp, { listening: () => listening, watch: () => undefined } as unknown as TaskServers, store).start();
  sim.run({ until: 2 * MIN });
  const stat = (s: 'Average' | 'Maximum', dims: typeof service): number => store.stat({ Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims }, s, 0, MIN) as number;
  return { avg: stat('Average', service), max: stat('Maximum', service), cluster: stat('Average', service.slice(0, 1)) };
}

describe('service CPUUtilization on EC2 without a task-level cpu (C-003, C-004, EF-003)', () => {
  it('a task alone on the instance passes 100%, up to the instance’s whole CPU: 200% of 512 units on 1,024', () => {
    expect(serviceCpu([150], undefined).max).toBeCloseTo(150, 9);
    expect(serviceCpu([300], undefined).max).toBeCloseTo(200, 9);
    expect(serviceCpu([300], undefined).cluster).toBeCloseTo(100, 9);
  });

  it('two busy copies on the instance stop at 100% each: the instance is full', () => {
    const both = serviceCpu([300, 300], undefined);
    expect(both.avg).toBeCloseTo(100, 9);
    expect(both.max).toBeCloseTo(100, 9);
  });

  it('one copy floats above 100% on what the other leaves idle', () => {
    const r = serviceCpu([300, 20], undefined);
    // 1,024 − 102.4 units idle-left: (1024 − 102.4) / 512 = 180%.
    expect(r.max).toBeCloseTo(180, 9);
    expect(r.avg).toBeCloseTo((180 + 20) / 2, 9);
  });

  it('with task-level cpu the task stops at its limit even on an idle instance', () => {
    expect(serviceCpu([300], 512, 4096).max).toBe(100);
  });
});
