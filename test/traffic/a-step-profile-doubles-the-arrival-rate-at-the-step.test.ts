import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { makeRateProfile } from '../../src/traffic/profile.js';
import { Workload } from '../../src/traffic/workload.js';
import { countsPerWindow, recorder } from './support.js';

describe('a step profile', () => {
  it('doubles the arrival rate at the step', () => {
    const sim = new Simulation({ seed: 5 });
    const lb = recorder(sim);
    const steps = [
      { at: 0, rate: 100 },
      { at: 600_000, rate: 200 },
    ];
    const w = new Workload(sim, { name: 'api', arrivals: { steps }, routes: [{ name: 'r', path: '/' }] }, lb);
    w.start();
    sim.run({ until: 1_200_000 });
    const [before, after] = countsPerWindow(lb.requests, 600_000, 1_200_000);
    // 60,000 then 120,000 expected (sd 245 and 346).
    expect(Math.abs(before! - 60_000)).toBeLessThan(1_000);
    expect(Math.abs(after! - 120_000)).toBeLessThan(1_400);
    // The minute either side of the step: 6,000 then 12,000.
    const minutes = countsPerWindow(lb.requests, 60_000, 1_200_000);
    expect(minutes[10]! / minutes[9]!).toBeGreaterThan(1.9);
    expect(minutes[10]! / minutes[9]!).toBeLessThan(2.1);
  });

  it('is 0 before its first step, and the last of several steps at the same time wins', () => {
    const p = makeRateProfile({ steps: [{ at: 1000, rate: 5 }, { at: 2000, rate: 7 }, { at: 2000, rate: 9 }] });
    expect(p.rateAt(0)).toBe(0);
    expect(p.rateAt(1500) * 1000).toBeCloseTo(5, 12);
    expect(p.rateAt(2000) * 1000).toBeCloseTo(9, 12);
    expect(p.expected(0, 3000)).toBeCloseTo(5 + 9, 12);
  });

  it('sends nothing before the workload starts or from its stop on', () => {
    const sim = new Simulation({ seed: 2 });
    const lb = recorder(sim);
    new Workload(sim, { name: 'w', arrivals: { constant: 100 }, routes: [{ name: 'r', path: '/' }], startMs: 10_000, stopMs: 20_000 }, lb).start();
    sim.run({ until: 60_000 });
    expect(lb.requests.length).toBeGreaterThan(900);
    expect(Math.min(...lb.requests.map((r) => r.sentAt))).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...lb.requests.map((r) => r.sentAt))).toBeLessThan(20_000);
  });
});

describe('a workload started late', () => {
  it('sends from the moment it is started when its start time has passed', () => {
    const sim = new Simulation({ seed: 2 });
    const lb = recorder(sim);
    const w = new Workload(sim, { name: 'w', arrivals: { constant: 100 }, routes: [{ name: 'r', path: '/' }] }, lb);
    sim.schedule(30_000, () => w.start());
    sim.run({ until: 40_000 });
    expect(lb.requests.length).toBeGreaterThan(800);
    expect(lb.requests[0]!.sentAt).toBeGreaterThanOrEqual(30_000);
  });
});
