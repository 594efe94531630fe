import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError, type ProcessBody } from '../../src/engine/index.js';

describe('a process waiting on an event that fails', () => {
  it('gets the failure reason thrown at its yield', () => {
    const sim = new Simulation();
    const pulled = sim.event<string>('image-pull');
    const reason = new Error('CannotPullContainerError');
    const log: unknown[] = [];
    function* task(): ProcessBody<string> {
      try {
        yield pulled;
        log.push('not reached');
        return 'RUNNING';
      } catch (error) {
        log.push(sim.now, error);
        return 'STOPPED';
      }
    }
    const p = sim.process(task(), 'task-1');
    sim.schedule(300, () => pulled.fail(reason));

    sim.run();

    expect(log).toEqual([300, reason]);
    expect(log[1]).toBe(reason);
    expect(p.value).toBe('STOPPED');
    expect(pulled.ok).toBe(false);
  });

  it('and does not catch it stops the run with the reason as cause', () => {
    const sim = new Simulation();
    const pulled = sim.event('image-pull');
    const reason = new Error('CannotPullContainerError');
    function* task(): ProcessBody<void> {
      yield pulled;
    }
    sim.process(task(), 'task-1');
    sim.schedule(300, () => pulled.fail(reason));

    let caught: unknown;
    try {
      sim.run();
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(SimulationError);
    expect((caught as SimulationError).cause).toBe(reason);
    expect((caught as SimulationError).t).toBe(300);
  });
});
