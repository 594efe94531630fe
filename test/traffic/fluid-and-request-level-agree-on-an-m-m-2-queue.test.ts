import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { mmcSojournQuantile } from '../../src/traffic/theory.js';
import { runFluid, type FluidConfig } from '../../src/traffic/fluid.js';
import { TaskServer } from '../../src/traffic/server.js';
import { Workload } from '../../src/traffic/workload.js';
import { mmcMeanWait } from '../../src/queueing/erlang.js';
import { direct, relative } from './support.js';

/**
 * The fluid mode against the request-level model where both are valid: a steady M/M/2
 * queue at ρ = 0.7, mean service 1 s, 1.4 million requests. The fluid numbers are exact
 * M/M/c theory (to the grid's interpolation); the request-level ones are samples.
 */
const c = 2;
const meanService = 1_000;
const ratePerS = 1.4;
const until = 1_000_000_000;
const config: FluidConfig = {
  name: 'web',
  arrivals: { constant: ratePerS },
  routes: [{ name: 'r', path: '/' }],
  server: { workers: c, serviceTime: { exponential: { mean: meanService } } },
  tasks: 1,
  stepMs: 60_000,
};

describe('the fluid mode', () => {
  it('agrees with the request-level model on an M/M/2 queue at ρ = 0.7: mean and percentiles within 2%', () => {
    const sim = new Simulation({ seed: 7 });
    const server = new TaskServer(sim, { name: 'task', workers: c, serviceTime: { exponential: { mean: meanService } } });
    const w = new Workload(sim, { name: 'web', arrivals: { constant: ratePerS }, routes: [{ name: 'r', path: '/' }] }, direct(server));
    w.start();
    sim.run({ until });
    const requests = w.stats.summary('r');
    const fluid = runFluid(config, until);
    expect(relative(fluid.total.count, requests.count)).toBeLessThan(0.005);
    expect(relative(requests.latency.mean, fluid.total.latency.mean)).toBeLessThan(0.02);
    for (const p of ['p50', 'p90', 'p99'] as const) expect(relative(requests.latency[p], fluid.total.latency[p]), p).toBeLessThan(0.02);
    expect(fluid.total.latency.max).toBeUndefined();
    expect(fluid.routes.map((r) => r.key)).toEqual(['r']);
  });

  it('gives the exact M/M/c sojourn percentiles, to the grid’s interpolation (0.2%)', () => {
    const fluid = runFluid(config, 3_600_000).total.latency;
    const lambda = ratePerS / 1000;
    expect(relative(fluid.mean, meanService + mmcMeanWait(c, 1 / lambda, meanService))).toBeLessThan(1e-9);
    expect(relative(fluid.p50, mmcSojournQuantile(c, lambda, 1 / meanService, 0.5))).toBeLessThan(0.002);
    expect(relative(fluid.p90, mmcSojournQuantile(c, lambda, 1 / meanService, 0.9))).toBeLessThan(0.002);
    expect(relative(fluid.p99, mmcSojournQuantile(c, lambda, 1 / meanService, 0.99))).toBeLessThan(0.002);
  });
});
