import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError, type RunOptions } from '../../src/engine/index.js';
import { thrownBy } from './support/thrown.js';


const loops: [string, RunOptions][] = [
  ['plain loop', {}],
  ['checked loop', { maxEvents: 1_000 }],
];

describe.each(loops)('a callback that throws, on the %s', (_, options) => {
  it('stops the run with a SimulationError carrying t, the actor named by its argument, and the cause', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    for (const t of [1, 2, 3]) sim.at(t, (x: number) => ran.push(x), t);
    const boom = new Error('container exited with code 137');
    sim.at(
      5,
      () => {
        throw boom;
      },
      { name: 'web-1' },
    );
    sim.at(6, (x: number) => ran.push(x), 6);

    const error = thrownBy(() => sim.run(options));

    expect(error).toBeInstanceOf(SimulationError);
    const e = error as SimulationError;
    expect(e.t).toBe(5);
    expect(e.actor).toBe('web-1');
    expect(e.cause).toBe(boom);
    expect(e.message).toBe('callback failed at t=5 ms in web-1: container exited with code 137');
    // What ran stays run and counted; the failing callback counts as run too (it started).
    expect(ran).toEqual([1, 2, 3]);
    expect(sim.eventsProcessed).toBe(4);
    expect(sim.now).toBe(5);
  });

  it('with no named argument names the function as actor', () => {
    const sim = new Simulation();
    function drainNode(): void {
      throw new TypeError('no such node');
    }
    sim.schedule(9, drainNode);

    const error = thrownBy(() => sim.run(options));

    expect(error).toMatchObject({ name: 'SimulationError', t: 9, actor: 'drainNode' });
    expect((error as SimulationError).cause).toBeInstanceOf(TypeError);
  });

  it('that throws a non-Error still gives a SimulationError with it as cause', () => {
    const sim = new Simulation();
    sim.schedule(
      2,
      () => {
        throw 'plain string';
      },
      { name: 'svc' },
    );

    const error = thrownBy(() => sim.run(options));

    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).cause).toBe('plain string');
    expect((error as SimulationError).message).toBe('callback failed at t=2 ms in svc: plain string');
  });
});
