import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { makeRateProfile, type RateProfileSpec } from '../../src/traffic/profile.js';
import { Workload } from '../../src/traffic/workload.js';
import { countsPerWindow, recorder } from './support.js';

/** Sends with the profile for `untilMs` and returns counts per window beside the profile's expected counts. */
function run(arrivals: RateProfileSpec, untilMs: number, widthMs: number, seed = 3) {
  const sim = new Simulation({ seed });
  const lb = recorder(sim);
  new Workload(sim, { name: 'w', arrivals, routes: [{ name: 'r', path: '/' }] }, lb).start();
  sim.run({ until: untilMs });
  const profile = makeRateProfile(arrivals);
  const counts = countsPerWindow(lb.requests, widthMs, untilMs);
  const expected = counts.map((_, i) => profile.expected(i * widthMs, (i + 1) * widthMs));
  return { counts, expected };
}

/** Each window's count within 4.5 standard deviations (√expected) of the expectation. */
function expectPoissonCounts(counts: readonly number[], expected: readonly number[]): void {
  counts.forEach((n, i) => expect(Math.abs(n - expected[i]!), `window ${i}: ${n} vs ${expected[i]}`).toBeLessThan(4.5 * Math.sqrt(expected[i]!) + 1));
}

describe('rate profiles', () => {
  it('a ramp rises linearly from its start over its duration, then holds', () => {
    const arrivals = { ramp: { from: 10, to: 210, over: 600_000, at: 300_000 } };
    const p = makeRateProfile(arrivals);
    expect(p.rateAt(100_000) * 1000).toBeCloseTo(10, 9);
    expect(p.rateAt(600_000) * 1000).toBeCloseTo(110, 9);
    expect(p.rateAt(2_000_000) * 1000).toBeCloseTo(210, 9);
    // 5 minutes at 10/s, the ramp's mean 110/s for 10 minutes, then 210/s for 5 minutes.
    expect(p.expected(0, 1_200_000)).toBeCloseTo(3_000 + 66_000 + 63_000, 6);
    const { counts, expected } = run(arrivals, 1_200_000, 60_000);
    expectPoissonCounts(counts, expected);
    expect(counts[14]! / counts[3]!).toBeGreaterThan(15);
  });

  it('a diurnal profile peaks a quarter period after its phase and is drawn exactly by thinning', () => {
    const arrivals = { diurnal: { mean: 20, amplitude: 0.8, period: 3_600_000, phase: 0 } };
    const p = makeRateProfile(arrivals);
    expect(p.rateAt(900_000) * 1000).toBeCloseTo(36, 9);
    expect(p.rateAt(2_700_000) * 1000).toBeCloseTo(4, 9);
    expect(p.expected(0, 3_600_000)).toBeCloseTo(72_000, 6);
    const { counts, expected } = run(arrivals, 7_200_000, 120_000);
    expectPoissonCounts(counts, expected);
    const total = counts.reduce((s, n) => s + n, 0);
    expect(Math.abs(total - 144_000)).toBeLessThan(4.5 * Math.sqrt(144_000));
  });

  it('spikes multiply the base rate for their duration; overlapping spikes take the highest rate', () => {
    const arrivals: RateProfileSpec = {
      spikes: {
        base: 50,
        spikes: [
          { at: 600_000, duration: 120_000, multiplier: 10 },
          { at: 660_000, duration: 120_000, rate: 300 },
        ],
      },
    };
    const p = makeRateProfile(arrivals);
    expect(p.rateAt(599_999) * 1000).toBeCloseTo(50, 9);
    expect(p.rateAt(650_000) * 1000).toBeCloseTo(500, 9);
    expect(p.rateAt(700_000) * 1000).toBeCloseTo(500, 9);
    expect(p.rateAt(750_000) * 1000).toBeCloseTo(300, 9);
    expect(p.rateAt(780_000) * 1000).toBeCloseTo(50, 9);
    const { counts, expected } = run(arrivals, 1_200_000, 60_000);
    expectPoissonCounts(counts, expected);
    expect(counts[10]! / counts[5]!).toBeGreaterThan(9);
  });

  it('refuses rates, amplitudes and periods outside their domain', () => {
    expect(() => makeRateProfile({ constant: -1 })).toThrow(RangeError);
    expect(() => makeRateProfile({ diurnal: { mean: 1, amplitude: 1.5, period: 1000 } })).toThrow(/amplitude/);
    expect(() => makeRateProfile({ diurnal: { mean: 1, amplitude: 0.5, period: 0 } })).toThrow(/period/);
    expect(() => makeRateProfile({ steps: [] })).toThrow(/at least one/);
    expect(() => makeRateProfile({ spikes: { base: 1, spikes: [{ at: 0, duration: 10, multiplier: -2 }] } })).toThrow(RangeError);
  });
});
