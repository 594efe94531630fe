import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError, sleep, type ProcessBody } from '../../src/engine/index.js';

function runError(sim: Simulation): SimulationError {
  try {
    sim.run();
  } catch (error) {
    if (error instanceof SimulationError) return error;
    throw error;
  }
  throw new Error('expected the run to fail');
}

describe('an error thrown by a process', () => {
  it('after a sleep stops the run with the process name as actor', () => {
    const sim = new Simulation();
    const boom = new Error('bad state');
    function* task(): ProcessBody<void> {
      yield sleep(5);
      throw boom;
    }
    sim.process(task(), 'service-scheduler');

    const error = runError(sim);

    expect(error).toMatchObject({ t: 5, actor: 'service-scheduler' });
    expect(error.cause).toBe(boom);
  });

  // ENGINE BUG (src/engine/process.ts, SimEvent.then / SimEvent.trigger): wake-ups from an
  // event are scheduled with `sim.schedule(0, callback, this)` and no label, so when the
  // process then throws, Simulation.wrap() finds neither a label nor a function name and
  // the SimulationError has `actor: undefined`. After a sleep the same process is named
  // (Process.wait passes `this.name` as label), so attribution depends on what it waited on.
  it('after waiting on an event stops the run with the process name as actor', () => {
    const sim = new Simulation();
    const ready = sim.event('ready');
    function* task(): ProcessBody<void> {
      yield ready;
      throw new Error('bad state');
    }
    sim.process(task(), 'service-scheduler');
    sim.schedule(5, () => ready.succeed());

    const error = runError(sim);

    expect(error).toMatchObject({ t: 5, actor: 'service-scheduler' });
  });
});
