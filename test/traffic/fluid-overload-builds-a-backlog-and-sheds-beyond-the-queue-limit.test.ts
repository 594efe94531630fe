import { describe, expect, it } from 'vitest';
import { FluidService, runFluid, type FluidConfig } from '../../src/traffic/fluid.js';
import { mgcMeanWait } from '../../src/traffic/theory.js';
import { Simulation } from '../../src/engine/simulation.js';

const base: FluidConfig = {
  name: 'api',
  arrivals: { constant: 10 },
  routes: [{ name: 'r', path: '/' }],
  // One worker of 50 ms: 20 requests/s per task.
  server: { workers: 1, serviceTime: { constant: 50 }, cpu: { baselinePercent: 0 } },
  tasks: 1,
  stepMs: 60_000,
};

describe('the fluid mode', () => {
  it('gives M/D/1’s exact mean (Pollaczek–Khinchine) for one worker with constant service', () => {
    const r = runFluid(base, 600_000);
    // ρ = 0.5: Wq = ρ·S/(2(1 − ρ)) = 25 ms.
    expect(r.total.latency.mean).toBeCloseTo(75, 9);
    expect(mgcMeanWait(1, 10 / 1000, 50, 0)).toBeCloseTo(25, 9);
    expect(r.total.count).toBeCloseTo(6_000, 6);
    expect(r.steps).toHaveLength(10);
    expect(r.steps[0]).toMatchObject({ t: 0, tasks: 1, rho: 0.5, backlog: 0, dropped: 0 });
    expect(r.steps[0]!.cpuUtilization).toBeCloseTo(50, 9);
  });

  it('an overloaded step builds a backlog that adds its drain time to latency, and drains when load falls', () => {
    // 30/s for 2 minutes against 20/s of capacity, then 10/s.
    const r = runFluid({ ...base, arrivals: { steps: [{ at: 0, rate: 30 }, { at: 120_000, rate: 10 }] } }, 600_000);
    const [s0, s1, s2, s3] = r.steps;
    // +10 requests/s for 60 s per step.
    expect(s0!.backlog).toBeCloseTo(600, 6);
    expect(s1!.backlog).toBeCloseTo(1_200, 6);
    // Draining at 10/s: 1,200 gone in 120 s, so after two more steps.
    expect(s2!.backlog).toBeCloseTo(600, 6);
    expect(s3!.backlog).toBe(0);
    // Mean backlog 300 in the first step, served at 20/s: 15 s added.
    expect(s0!.meanLatencyMs).toBeCloseTo(15_000 + 50, 6);
    expect(s1!.meanLatencyMs).toBeGreaterThan(s0!.meanLatencyMs);
    expect(s0!.cpuUtilization).toBe(100);
    expect(r.total.errors).toBe(0);
  });

  it('asks for more than 100% of its reservation when a busy worker costs more than its share (EF-003: a share, not a limit), as a request-level server does', () => {
    // One worker at 150% of the task's CPU when busy; 10 of 20 requests/s keep it busy half the time.
    const r = runFluid({ ...base, server: { ...base.server, cpu: { baselinePercent: 0, perBusyWorkerPercent: 150 } } }, 120_000);
    expect(r.steps[0]!.cpuUtilization).toBeCloseTo(75, 9);
    const busy = runFluid({ ...base, arrivals: { constant: 30 }, server: { ...base.server, cpu: { baselinePercent: 0, perBusyWorkerPercent: 150 } } }, 120_000);
    // What the task gets of it is the metrics' business (a task-level cpu, the instance's shares).
    expect(busy.steps[0]!.cpuUtilization).toBeCloseTo(150, 9);
  });

  it('sheds beyond the queue limit as 503 from the target, or 502 from the load balancer when the server resets', () => {
    const overloaded = { ...base, arrivals: { constant: 30 }, server: { ...base.server, queueLimit: 100 } };
    const r = runFluid(overloaded, 600_000);
    // The queue fills in 10 s; after that 10/s is shed: 5,900 of 18,000.
    expect(r.total.codes.find((c) => c.status === 503)!.count).toBeCloseTo(5_900, 6);
    expect(r.total.codes.find((c) => c.status === 503)!.source).toBe('target');
    expect(r.total.errors).toBeCloseTo(5_900, 6);
    const reset = runFluid({ ...overloaded, server: { ...overloaded.server, whenFull: 'reset' } }, 600_000);
    expect(reset.total.codes.map((c) => [c.status, c.source])).toEqual([
      [200, 'target'],
      [502, 'elb'],
    ]);
  });

  it('with no tasks every request is a 503 from the load balancer; tasks are asked each step', () => {
    const sim = new Simulation();
    let tasks = 0;
    const f = new FluidService(sim, { ...base, tasks: () => tasks, stopMs: 180_000 });
    f.start();
    sim.schedule(60_000, () => (tasks = 2));
    sim.run();
    const r = f.result();
    expect(r.steps.map((s) => s.tasks)).toEqual([0, 2, 2]);
    expect(r.total.codes).toEqual([
      { status: 200, source: 'target', count: 1_200 },
      { status: 503, source: 'elb', count: 600 },
    ]);
    // Two tasks at 5/s each: ρ = 0.25.
    expect(r.steps[1]!.rho).toBeCloseTo(0.25, 12);
  });

  it('pooled dispatch is one M/G/(n·workers) queue: less waiting than per-task queues', () => {
    const perTask = runFluid({ ...base, arrivals: { constant: 56 }, tasks: 4, server: { workers: 1, serviceTime: { exponential: { mean: 50 } } } }, 600_000);
    const pooled = runFluid({ ...base, arrivals: { constant: 56 }, tasks: 4, dispatch: 'pooled', server: { workers: 1, serviceTime: { exponential: { mean: 50 } } } }, 600_000);
    // ρ = 0.7: M/M/1 Wq = 116.7 ms; M/M/4 Wq = 17.9 ms.
    expect(perTask.total.latency.mean).toBeCloseTo(50 + 116.667, 2);
    expect(pooled.total.latency.mean).toBeCloseTo(50 + 17.86, 1);
  });

  it('keeps each route’s own service time in its latency', () => {
    const r = runFluid(
      {
        ...base,
        routes: [
          { name: 'fast', weight: 3, path: '/' },
          { name: 'slow', weight: 1, path: '/report' },
        ],
        server: { workers: 8, serviceTime: { constant: 20 }, routes: { slow: { serviceTime: { constant: 500 } } } },
      },
      600_000,
    );
    const [fast, slow] = r.routes;
    expect(slow!.latency.mean - fast!.latency.mean).toBeCloseTo(480, 6);
    expect(fast!.count + slow!.count).toBeCloseTo(r.total.count, 6);
    expect(slow!.count / r.total.count).toBeCloseTo(0.25, 12);
  });
});
