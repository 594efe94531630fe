import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { mm1MeanWait } from '../../src/traffic/theory.js';
import { TaskServer } from '../../src/traffic/server.js';
import { Workload } from '../../src/traffic/workload.js';
import { randomSplit, relative } from './support.js';

/**
 * Theory check (a): c single-worker tasks, each request sent to one drawn at random. A
 * random split of a Poisson stream is c independent Poisson streams of rate λ/c, so each
 * task is an M/M/1 queue: Wq = ρ / (μ − λ/c), P(wait) = ρ.
 *
 * Tolerance: at ρ = 0.7 the asymptotic variance of an M/M/1 mean wait is about
 * 336/μ² per customer; over 1,000,000 customers in 4 queues the relative standard
 * error is about 0.8%, so 3% is over 3.5 standard errors, and the seed is fixed.
 */
describe('random split over single-worker tasks', () => {
  it('gives each task M/M/1 waiting', () => {
    const c = 4;
    const meanService = 1_000;
    const rho = 0.7;
    const lambda = (c * rho) / meanService;
    const sim = new Simulation({ seed: 7 });
    const tasks = Array.from({ length: c }, (_, i) => new TaskServer(sim, { name: `task-${i}`, workers: 1, serviceTime: { exponential: { mean: meanService } } }));
    const w = new Workload(sim, { name: 'w', arrivals: { constant: lambda * 1000 }, routes: [{ name: 'r', path: '/' }] }, randomSplit(tasks, sim.rng('test/split')));
    w.start();
    sim.run({ until: Math.round(1_000_000 / lambda) });
    const theory = mm1MeanWait(lambda / c, 1 / meanService);
    expect(theory).toBeCloseTo(2_333.33, 1);
    const started = tasks.reduce((s, t) => s + t.started, 0);
    expect(started).toBeGreaterThan(990_000);
    for (const t of tasks) {
      expect(relative(t.meanWaitMs, theory), t.name).toBeLessThan(0.06);
      expect(Math.abs(t.waited / t.started - rho), t.name).toBeLessThan(0.01);
    }
    const meanWait = tasks.reduce((s, t) => s + t.waitSumMs, 0) / started;
    expect(relative(meanWait, theory)).toBeLessThan(0.03);
    // The client's latency is the wait plus the service.
    expect(relative(w.stats.summary('r').latency.mean, theory + meanService)).toBeLessThan(0.03);
  });
});
