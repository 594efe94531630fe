import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { FluidService, runFluid, type FluidConfig } from '../../src/traffic/fluid.js';

// Fluid services of one run that ask for the same latency grid and service-time distribution
// share one copy of them (read only), and ones that differ do not: each service's result and
// periods are exactly what it gives when run alone.

const DAY = 86_400_000;
const config = (name: string, meanMs: number, phaseMs: number): FluidConfig => ({
  name,
  arrivals: { diurnal: { mean: 60, amplitude: 0.6, period: DAY, phase: phaseMs } },
  routes: [{ name: 'default', path: '/' }],
  server: { workers: 4, serviceTime: { exponential: { mean: meanMs } } },
  tasks: 3,
  stepMs: 60_000,
  keepSteps: false,
});

describe('fluid services side by side', () => {
  it('alike and different services in one run each give, to the bit, what they give alone', () => {
    const configs = [config('a', 40, 0), config('b', 40, 6 * 3_600_000), config('c', 25, 0), config('d', 40, 0)];
    const sim = new Simulation({ seed: 1 });
    const together = configs.map((c) => {
      const f = new FluidService(sim, { ...c, stopMs: DAY / 4 });
      f.keepPeriods(60_000);
      f.start();
      return f;
    });
    sim.run({ until: DAY / 4 });
    configs.forEach((c, i) => {
      const alone = new Simulation({ seed: 1 });
      const f = new FluidService(alone, { ...c, stopMs: DAY / 4 });
      f.keepPeriods(60_000);
      f.start();
      alone.run({ until: DAY / 4 });
      const t = together[i] as FluidService;
      expect(t.result()).toEqual(f.result());
      expect(t.periodSeries(DAY / 4)).toEqual(f.periodSeries(DAY / 4));
    });
    // The services differ where their inputs do: a shorter service time, a later peak.
    const p99 = (f: FluidService) => f.result().total.latency.p99;
    expect(p99(together[2] as FluidService)).toBeLessThan(p99(together[0] as FluidService));
    expect((together[1] as FluidService).result().total.count).not.toBe((together[0] as FluidService).result().total.count);
    expect(runFluid(configs[0] as FluidConfig, DAY / 4)).toEqual((together[3] as FluidService).result());
  });
});
