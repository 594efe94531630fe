import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { runResultSchema } from '../../src/result/index.js';
import { Simulation } from '../../src/engine/simulation.js';
import { FluidService, type FluidConfig } from '../../src/traffic/fluid.js';
import { ROOT } from '../support.js';

/**
 * Fluid (aggregate) workloads have a request series too (issue 15): expected requests per
 * minute that add up to the workload's totals, by status class, with the model's quantiles;
 * keeping it changes nothing in the run.
 */
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const codes = (total: { codes: readonly { status: number; source: string; count: number }[] }, lo: number, hi: number, source?: string) => sum(total.codes.filter((c) => c.status >= lo && c.status <= hi && (source === undefined || c.source === source)).map((c) => c.count));

describe('a fluid workload’s timeSeries.requests', () => {
  it('22-fluid-traffic-over-two-days: per-minute counts add up to the workload’s totals, and the log hash is the same without the series', () => {
    const scenario = join(ROOT, 'scenarios', '22-fluid-traffic-over-two-days.yaml');
    const on = runScenario(loadScenarioFile(scenario)).result;
    const off = runScenario(loadScenarioFile(scenario), { timeSeries: false }).result;
    expect(on.logHash).toBe(off.logHash);
    expect(runResultSchema.safeParse(on).success).toBe(true);
    const w = on.traffic!.workloads[0]!;
    const s = on.timeSeries!.requests.find((x) => x.scope === 'workload' && x.name === w.name)!;
    expect(s.mode).toBe('fluid');
    expect(s.t.length).toBe(Math.floor(on.simulatedMs / 60_000) + 1);
    s.t.forEach((t, i) => expect(t).toBe(i * 60_000));
    expect(sum(s.count)).toBeCloseTo(w.total.count, 3);
    expect(sum(s.http2xx)).toBeCloseTo(codes(w.total, 200, 299), 3);
    expect(sum(s.http5xx)).toBeCloseTo(codes(w.total, 500, 599), 3);
    // Nothing before the workload starts (5m), traffic in every minute after.
    expect(s.count.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(s.p50Ms[0]).toBeNull();
    expect(Math.min(...s.count.slice(10, -1))).toBeGreaterThan(0);
    // Diurnal: the busiest minute is well above the quietest (amplitude 0.6).
    const busy = s.count.slice(10, -1);
    expect(Math.max(...busy) / Math.min(...busy)).toBeGreaterThan(3);
    s.t.forEach((_, i) => {
      if (s.count[i]! > 0 && s.http2xx[i]! > 0) {
        expect(s.p50Ms[i]!).toBeLessThanOrEqual(s.p90Ms[i]!);
        expect(s.p90Ms[i]!).toBeLessThanOrEqual(s.p99Ms[i]!);
      }
    });
    // The quantiles are the model's: a mid-day minute's median is near the run's.
    expect(s.p50Ms[600]!).toBeGreaterThan(w.total.latency.p50 * 0.5);
    expect(s.p50Ms[600]!).toBeLessThan(w.total.latency.p50 * 2);
  });

  const base: FluidConfig = {
    name: 'w',
    arrivals: { steps: [{ at: 0, rate: 100 }, { at: 200_000, rate: 700 }, { at: 400_000, rate: 50 }] } as FluidConfig['arrivals'],
    routes: [{ name: 'a', path: '/a', weight: 3 }, { name: 'b', path: '/b', weight: 1 }] as FluidConfig['routes'],
    server: { workers: 2, serviceTime: { exponential: { mean: 10 } }, queueLimit: 50 } as FluidConfig['server'],
    tasks: (t) => (t < 30_000 ? 0 : 2),
    stepMs: 90_000,
    stopMs: 700_000,
  };

  it.each([
    ['a step spanning periods, no tasks at first, overload shed by the target', base],
    ['the load balancer resetting when full', { ...base, server: { ...base.server, whenFull: 'reset' } as FluidConfig['server'] }],
    ['a 429 reject status', { ...base, server: { ...base.server, rejectStatus: 429 } as FluidConfig['server'] }],
  ])('%s: the periods add up to the totals by status and origin', (_, config) => {
    const sim = new Simulation();
    const f = new FluidService(sim, config);
    f.keepPeriods(60_000);
    f.start();
    sim.run({ until: 650_000 });
    const total = f.result().total;
    const s = f.periodSeries(650_000);
    expect(s.t).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => k * 60_000));
    expect(sum(s.count)).toBeCloseTo(total.count, 6);
    expect(sum(s.http2xx)).toBeCloseTo(codes(total, 200, 299), 6);
    expect(sum(s.http4xx)).toBeCloseTo(codes(total, 400, 499), 6);
    expect(sum(s.elb5xx)).toBeCloseTo(codes(total, 500, 599, 'elb'), 6);
    expect(sum(s.target5xx)).toBeCloseTo(codes(total, 500, 599, 'target'), 6);
    s.t.forEach((_, i) => expect(s.http5xx[i]).toBeCloseTo(s.elb5xx[i]! + s.target5xx[i]!, 9));
    // Something was shed or had no target, so the classes were exercised.
    expect(total.errors).toBeGreaterThan(0);
    // The first minute has no tasks: every request a 503 from the load balancer, at latency 0.
    expect(s.elb5xx[0]).toBeCloseTo(s.count[0]!, 9);
    expect(s.p99Ms[0]).toBe(0);
  });

  it('keeping the periods changes none of the totals', () => {
    const run = (keep: boolean) => {
      const sim = new Simulation();
      const f = new FluidService(sim, base);
      if (keep) f.keepPeriods(60_000);
      f.start();
      sim.run({ until: 650_000 });
      return f.result();
    };
    expect(run(true)).toEqual(run(false));
  });
});
