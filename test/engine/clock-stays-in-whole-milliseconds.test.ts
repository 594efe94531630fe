import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError } from '../../src/engine/index.js';

describe('the clock', () => {
  it('cannot be scheduled onto a fractional millisecond', () => {
    const sim = new Simulation();

    expect(() => sim.schedule(0.5, () => undefined)).toThrow(SimulationError);
    expect(() => sim.at(0.5, () => undefined)).toThrow(SimulationError);
  });

  // ENGINE BUG (src/engine/simulation.ts, run()): `until` is only checked for NaN and for
  // being before now, so run({ until: 2.5 }) sets the clock to 2.5 and every later
  // schedule(d) lands on a fractional time, although at() rejects such times.
  it('cannot be moved onto a fractional millisecond by run({ until })', () => {
    const sim = new Simulation();

    expect(() => sim.run({ until: 2.5 })).toThrow(SimulationError);
    expect(Number.isInteger(sim.now)).toBe(true);
  });
});
