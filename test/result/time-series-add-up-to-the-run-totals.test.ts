import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario, type RunResult } from '../../src/scenario/runner.js';
import { runResultSchema } from '../../src/result/index.js';
import { stepPoint } from '../../src/scenario/time-series.js';
import { ROOT } from '../support.js';

/**
 * `timeSeries` is the run over time, and it agrees with the run's own totals: requests per
 * minute add up to each workload's and load balancer's counts, 5xx split by origin add up,
 * a rolling deployment's service stays inside its band, instance reservations match the
 * instances' resources at the end, alarm states follow DescribeAlarmHistory. Recording it
 * never moves the log hash.
 */
const results = new Map<string, RunResult>();
function run(file: string, options: { timeSeries?: boolean } = {}): RunResult {
  const key = `${file}:${options.timeSeries ?? true}`;
  let r = results.get(key);
  if (r === undefined) {
    r = runScenario(loadScenarioFile(join(ROOT, 'scenarios', file)), options).result;
    results.set(key, r);
  }
  return r;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

const TRAFFIC = ['09-alb-web-service.yaml', '13-rolling-deployment.yaml', '17-blue-green-canary-alarm-rollback.yaml', '21-target-tracking-traffic-spike.yaml'];

describe('timeSeries', () => {
  it('is described by the result schema, and recording it moves no log hash', () => {
    const on = run('13-rolling-deployment.yaml');
    const off = run('13-rolling-deployment.yaml', { timeSeries: false });
    expect(on.timeSeries).toBeDefined();
    expect(off.timeSeries).toBeUndefined();
    expect(on.logHash).toBe(off.logHash);
    expect(runResultSchema.safeParse(on).success).toBe(true);
  });

  it.each(TRAFFIC)('%s: requests per minute add up to the workloads’ and load balancers’ totals, 5xx by origin too', (file) => {
    const r = run(file);
    const ts = r.timeSeries!;
    expect(ts.periodMs).toBe(60_000);
    for (const s of ts.requests) {
      // Periods from 0 to the end, each column as long as t.
      expect(s.t[0]).toBe(0);
      expect(s.t.length).toBe(Math.floor(r.simulatedMs / ts.periodMs) + 1);
      for (const col of [s.count, s.http2xx, s.http5xx, s.elb5xx, s.target5xx, s.p50Ms, s.p99Ms]) expect(col.length).toBe(s.t.length);
      s.t.forEach((_, i) => {
        expect(s.http5xx[i]).toBe(s.elb5xx[i]! + s.target5xx[i]!);
        expect(s.http2xx[i]! + s.http3xx[i]! + s.http4xx[i]! + s.http5xx[i]!).toBeLessThanOrEqual(s.count[i]!);
        if (s.count[i] === 0) expect(s.p50Ms[i]).toBeNull();
        else expect(s.p50Ms[i]!).toBeLessThanOrEqual(s.p99Ms[i]!);
      });
    }
    for (const w of r.traffic!.workloads.filter((x) => x.mode === undefined)) {
      const s = ts.requests.find((x) => x.scope === 'workload' && x.name === w.name)!;
      expect(sum(s.count)).toBe(w.total.count);
      const status = (lo: number, hi: number) => sum(w.total.codes.filter((c) => c.status >= lo && c.status <= hi).map((c) => c.count));
      expect(sum(s.http2xx)).toBe(status(200, 299));
      expect(sum(s.http5xx)).toBe(status(500, 599));
    }
    for (const lb of r.elb!.loadBalancers) {
      const s = ts.requests.find((x) => x.scope === 'loadBalancer' && x.name === lb.LoadBalancerName)!;
      const counts = lb.requests!.counts;
      expect(sum(s.count)).toBe(counts.RequestsReceived);
      expect(sum(s.elb5xx)).toBe(counts.HTTPCode_ELB_5XX_Count);
      expect(sum(s.target5xx)).toBe(counts.HTTPCode_Target_5XX_Count);
    }
  });

  it('sees 5xx from both origins where a bad revision meets ELB errors', () => {
    const all = TRAFFIC.map((f) => run(f).timeSeries!.requests).flat();
    expect(sum(all.map((s) => sum(s.elb5xx)))).toBeGreaterThan(0);
    expect(sum(all.map((s) => sum(s.target5xx)))).toBeGreaterThan(0);
  });

  it('13-rolling-deployment: healthy tasks never go below the floor, tasks never above the ceiling once the service is steady', () => {
    const r = run('13-rolling-deployment.yaml');
    const web = r.timeSeries!.services.find((s) => s.serviceName === 'web')!;
    expect(web.cluster).toBe('default');
    // Strictly ascending points, and no point that repeats the one before it.
    for (let i = 1; i < web.t.length; i += 1) {
      expect(web.t[i]!).toBeGreaterThan(web.t[i - 1]!);
      const same = (['desiredCount', 'runningCount', 'pendingCount', 'healthyCount', 'floor', 'ceiling'] as const).every((k) => web[k][i] === web[k][i - 1]);
      expect(same).toBe(false);
    }
    const firstSteady = web.t.findIndex((_, i) => web.healthyCount[i] === web.desiredCount[i]);
    expect(firstSteady).toBeGreaterThan(0);
    let deploying = false;
    for (let i = firstSteady; i < web.t.length; i += 1) {
      expect(web.healthyCount[i]!).toBeGreaterThanOrEqual(web.floor[i]!);
      expect(web.runningCount[i]! + web.pendingCount[i]!).toBeLessThanOrEqual(web.ceiling[i]!);
      if (web.runningCount[i]! > web.desiredCount[i]!) deploying = true;
    }
    // The deployment really ran above desired (so the band was exercised).
    expect(deploying).toBe(true);
    const service = r.ecs!.services['web']!;
    expect(web.runningCount.at(-1)).toBe(service.runningCount);
    expect(web.desiredCount.at(-1)).toBe(service.desiredCount);
  });

  it('instances: the reservations at the end are what each instance has taken', () => {
    const r = run('13-rolling-deployment.yaml');
    const { instances } = r.timeSeries!;
    expect(instances.length).toBe(r.ecs!.containerInstances.length);
    for (const s of instances) {
      const i = r.ecs!.containerInstances.find((x) => x.containerInstanceArn === s.containerInstanceArn)!;
      expect(s.cpuReserved.at(-1)).toBe(i.registeredResources.cpu - i.remainingResources.cpu);
      expect(s.memoryReserved.at(-1)).toBe(i.registeredResources.memory - i.remainingResources.memory);
      expect(s.cpuRegistered).toBe(i.registeredResources.cpu);
    }
  });

  it('20-cloudwatch-cpu-alarm: the alarm state series follows the alarm history, and ends in the described state', () => {
    const r = run('20-cloudwatch-cpu-alarm.yaml');
    const cw = r.cloudwatch!;
    for (const a of r.timeSeries!.alarms) {
      const updates = cw.history.filter((h) => h.AlarmName === a.alarmName && h.HistoryItemType === 'StateUpdate');
      expect(a.state[0]).toBe('INSUFFICIENT_DATA');
      expect(a.state.slice(1)).toEqual(updates.map((u) => (JSON.parse(u.HistoryData) as { newState: { stateValue: string } }).newState.stateValue));
      expect(a.state.at(-1)).toBe(cw.alarms.MetricAlarms.find((m) => m.AlarmName === a.alarmName)!.StateValue);
    }
    expect(r.timeSeries!.alarms.some((a) => a.state.includes('ALARM'))).toBe(true);
  });
});

describe('stepPoint', () => {
  const keys = ['a', 'b'] as const;
  const fresh = () => ({ t: [] as number[], a: [] as number[], b: [] as number[] });

  it('adds a point only at a change, and keeps one point per time (the last)', () => {
    const c = fresh();
    stepPoint(c, keys, 0, { a: 1, b: 1 });
    stepPoint(c, keys, 5, { a: 1, b: 1 });
    stepPoint(c, keys, 10, { a: 2, b: 1 });
    stepPoint(c, keys, 10, { a: 3, b: 1 });
    expect(c).toEqual({ t: [0, 10], a: [1, 3], b: [1, 1] });
  });

  it('drops a point that changes and changes back at one time', () => {
    const c = fresh();
    stepPoint(c, keys, 0, { a: 1, b: 1 });
    stepPoint(c, keys, 10, { a: 2, b: 1 });
    stepPoint(c, keys, 10, { a: 1, b: 1 });
    expect(c).toEqual({ t: [0], a: [1], b: [1] });
  });
});
