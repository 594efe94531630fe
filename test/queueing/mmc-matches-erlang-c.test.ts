import { describe, expect, it } from 'vitest';
import { createStation, erlangC, mmcMeanWait } from '../../src/queueing/index.js';
import { Simulation } from '../../src/engine/index.js';

/**
 * The engine checked against queueing theory. At these loads and run lengths
 * (millions of customers) the relative standard error of the mean wait is well under
 * 0.5% (batch means on these seeds), so 1.5% is tight and still cannot flake: the
 * seeds are fixed and the runs are deterministic.
 */
function simulate(servers: number, meanInterarrival: number, meanService: number, days: number, seed: number) {
  const sim = new Simulation({ seed });
  const station = createStation(sim, { name: 'q', servers, interarrival: { exponential: { mean: meanInterarrival } }, service: { exponential: { mean: meanService } }, warmupMs: 3_600_000 });
  sim.run({ until: days * 86_400_000 });
  return station.result();
}

describe('an M/M/c station', () => {
  it('Erlang C agrees with known values', () => {
    // c = 1: P(wait) = rho.
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12);
    // c = 2, a = 1: C = 1/3 (textbook value).
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // M/M/1: Wq = rho / (mu - lambda) = 0.8 / (1 - 0.8) s = 4 s.
    expect(mmcMeanWait(1, 1250, 1000)).toBeCloseTo(4000, 9);
  });

  it.each([
    { servers: 1, meanInterarrival: 1250, meanService: 1000, days: 40 },
    { servers: 3, meanInterarrival: 1000 / 2.4, meanService: 1000, days: 20 },
    { servers: 10, meanInterarrival: 1000 / 8.5, meanService: 1000, days: 4 },
  ])('with $servers servers matches the Erlang C mean wait within 1.5% on a long run', ({ servers, meanInterarrival, meanService, days }) => {
    const r = simulate(servers, meanInterarrival, meanService, days, 2026);
    const wq = mmcMeanWait(servers, meanInterarrival, meanService);
    expect(r.counted).toBeGreaterThan(1_000_000);
    expect(Math.abs(r.meanWaitMs - wq) / wq).toBeLessThan(0.015);
    expect(Math.abs(r.probabilityOfWaiting - erlangC(servers, meanService / meanInterarrival))).toBeLessThan(0.01);
    expect(r.utilization).toBeCloseTo(meanService / meanInterarrival / servers, 2);
    // Little's law: the mean queue length is the arrival rate times the mean wait.
    expect(r.meanQueueLength).toBeCloseTo(r.meanWaitMs / meanInterarrival, 1);
  });
});
