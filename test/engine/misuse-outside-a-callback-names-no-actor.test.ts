import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError } from '../../src/engine/index.js';
import { thrownBy } from './support/thrown.js';


describe('a misuse from outside any callback', () => {
  it('names no actor on a fresh simulation', () => {
    const sim = new Simulation();

    const error = thrownBy(() => sim.schedule(-1, () => undefined));

    expect(error).toBeInstanceOf(SimulationError);
    expect(error).toMatchObject({ actor: undefined, seq: -1 });
  });

  // ENGINE BUG (src/engine/simulation.ts): `current` is set in fire()/runFast() and never
  // cleared, so after a run a misuse by the driver (here: at() in the past) is blamed on
  // whichever callback happened to run last.
  it('names no actor after a run, rather than the last callback that ran', () => {
    const sim = new Simulation();
    sim.schedule(10, () => undefined, { name: 'web-1' });
    sim.run();

    const error = thrownBy(() => sim.at(5, () => undefined));

    expect(error).toBeInstanceOf(SimulationError);
    expect(error).toMatchObject({ actor: undefined, seq: -1 });
  });
});
