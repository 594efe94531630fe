import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError } from '../../src/engine/index.js';
import { thrownBy } from './support/thrown.js';


describe('misusing the kernel', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('schedule() with a delay of %s throws', (delay) => {
    const sim = new Simulation();

    expect(() => sim.schedule(delay, () => undefined)).toThrow(SimulationError);
    expect(sim.pendingCount).toBe(0);
  });

  it('says what a delay must be', () => {
    const sim = new Simulation();

    expect(() => sim.schedule(-5, () => undefined)).toThrowErrorMatchingInlineSnapshot(`[SimulationError: delay must be a non-negative integer number of ms, got -5]`);
  });

  it('at() in the past throws, saying what now is', () => {
    const sim = new Simulation();
    sim.run({ until: 100 });

    const error = thrownBy(() => sim.at(99, () => undefined));

    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).t).toBe(100);
    expect(error).toMatchInlineSnapshot(`[SimulationError: cannot schedule at 99 ms, in the past (now is 100 ms)]`);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('at(%s) throws', (time) => {
    const sim = new Simulation();

    expect(() => sim.at(time, () => undefined)).toThrow(SimulationError);
  });

  it('at() for the current time is fine', () => {
    const sim = new Simulation();
    sim.run({ until: 100 });

    sim.at(100, () => undefined);

    expect(sim.peekTime()).toBe(100);
  });

  it.each([99, Number.NaN])('run({ until: %s }) before now throws and runs nothing', (until) => {
    const sim = new Simulation();
    sim.run({ until: 100 });
    sim.at(150, () => undefined);

    expect(() => sim.run({ until })).toThrow(SimulationError);
    expect(sim.eventsProcessed).toBe(0);
    expect(sim.now).toBe(100);
  });

  it('inside a callback stops the run with an error naming that callback', () => {
    const sim = new Simulation();
    sim.schedule(40, () => sim.schedule(-1, () => undefined), { name: 'autoscaler' });

    const error = thrownBy(() => sim.run());

    expect(error).toBeInstanceOf(SimulationError);
    expect(error).toMatchObject({ t: 40, actor: 'autoscaler' });
  });
});
