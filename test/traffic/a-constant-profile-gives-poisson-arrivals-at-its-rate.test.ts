import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { Workload } from '../../src/traffic/workload.js';
import { recorder } from './support.js';

describe('a constant rate profile', () => {
  it('sends Poisson arrivals at its rate: the count matches and gaps are exponential (CV 1)', () => {
    const sim = new Simulation({ seed: 11 });
    const lb = recorder(sim);
    // 50 requests/s for 2 hours: 360,000 expected, standard deviation 600.
    const w = new Workload(sim, { name: 'shop', arrivals: { constant: 50 }, routes: [{ name: 'home', path: '/' }] }, lb);
    w.start();
    sim.run({ until: 7_200_000 });
    expect(Math.abs(lb.requests.length - 360_000)).toBeLessThan(4 * 600);
    const gaps = lb.requests.slice(1).map((r, i) => r.sentAt - lb.requests[i]!.sentAt);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeCloseTo(20, 0);
    // Whole-ms rounding adds a variance of 1/12 ms² to a 400 ms² one: CV stays within 1%.
    expect(sd / mean).toBeGreaterThan(0.99);
    expect(sd / mean).toBeLessThan(1.01);
    // P(gap > 3 means) = e^-3 for an exponential.
    const tail = gaps.filter((g) => g > 60).length / gaps.length;
    expect(Math.abs(tail - Math.exp(-3))).toBeLessThan(0.003);
  });

  it('takes one event per arrival: nothing is generated ahead', () => {
    const sim = new Simulation({ seed: 1 });
    const lb = recorder(sim, 0);
    const w = new Workload(sim, { name: 'w', arrivals: { constant: 1000 }, routes: [{ name: 'r', path: '/' }] }, lb);
    w.start();
    expect(sim.pendingCount).toBe(1);
    let most = 0;
    sim.run({ until: 60_000, stopWhen: () => ((most = Math.max(most, sim.pendingCount)), false) });
    // One pending arrival, plus the few answers scheduled for the current ms.
    expect(most).toBeLessThan(10);
    // Each request took its arrival event and the endpoint's answer, nothing else.
    expect(sim.eventsProcessed).toBe(2 * lb.requests.length);
  });
});
