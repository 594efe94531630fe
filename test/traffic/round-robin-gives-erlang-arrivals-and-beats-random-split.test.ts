import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { erlangArrivalMeanWait, erlangArrivalSigma, mm1MeanWait } from '../../src/traffic/theory.js';
import { TaskServer } from '../../src/traffic/server.js';
import { Workload } from '../../src/traffic/workload.js';
import { relative, roundRobin } from './support.js';

/**
 * Theory check (b): round robin deals a Poisson stream of rate λ out in turn, so each of
 * c tasks sees every c-th arrival: interarrivals Erlang-c with phase rate λ. Each
 * single-worker task is then an E_c/M/1 queue, Wq = σ / (μ(1 − σ)) with σ the root in
 * (0, 1) of σ = (λ / (λ + μ(1 − σ)))^c; regular arrivals wait less than M/M/1's.
 */
describe('round robin over single-worker tasks', () => {
  it('σ solves its equation, and with c = 1 is ρ (M/M/1)', () => {
    const mu = 1 / 1_000;
    const lambda = 2.8 / 1_000;
    const sigma = erlangArrivalSigma(4, lambda, mu);
    expect(sigma).toBeGreaterThan(0);
    expect(sigma).toBeLessThan(1);
    expect((lambda / (lambda + mu * (1 - sigma))) ** 4).toBeCloseTo(sigma, 12);
    expect(erlangArrivalSigma(1, 0.7 * mu, mu)).toBeCloseTo(0.7, 12);
    expect(erlangArrivalMeanWait(1, 0.7 * mu, mu)).toBeCloseTo(mm1MeanWait(0.7 * mu, mu), 6);
  });

  it('gives each task E_c/M/1 waiting, about half M/M/1’s at ρ = 0.7 with c = 4', () => {
    const c = 4;
    const meanService = 1_000;
    const lambda = (c * 0.7) / meanService;
    const sim = new Simulation({ seed: 7 });
    const tasks = Array.from({ length: c }, (_, i) => new TaskServer(sim, { name: `task-${i}`, workers: 1, serviceTime: { exponential: { mean: meanService } } }));
    new Workload(sim, { name: 'w', arrivals: { constant: lambda * 1000 }, routes: [{ name: 'r', path: '/' }] }, roundRobin(tasks)).start();
    sim.run({ until: Math.round(1_000_000 / lambda) });
    const theory = erlangArrivalMeanWait(c, lambda, 1 / meanService);
    const mm1 = mm1MeanWait(lambda / c, 1 / meanService);
    expect(theory).toBeCloseTo(1_236.69, 1);
    const started = tasks.reduce((s, t) => s + t.started, 0);
    const meanWait = tasks.reduce((s, t) => s + t.waitSumMs, 0) / started;
    expect(relative(meanWait, theory)).toBeLessThan(0.03);
    // And the probability of waiting is σ (an E_c/M/1 arrival finds the server busy w.p. σ).
    const waited = tasks.reduce((s, t) => s + t.waited, 0) / started;
    expect(Math.abs(waited - erlangArrivalSigma(c, lambda, 1 / meanService))).toBeLessThan(0.01);
    // Round robin beats a random split (M/M/1) by a wide margin, in theory and in the run.
    expect(theory / mm1).toBeLessThan(0.55);
    expect(meanWait).toBeLessThan(0.6 * mm1);
  });
});
