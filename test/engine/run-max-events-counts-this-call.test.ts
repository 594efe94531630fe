import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('run({ maxEvents })', () => {
  it('stops after that many events of this call, and a later run continues', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    for (let t = 1; t <= 10; t += 1) sim.at(t, (x: number) => ran.push(x), t);

    expect(sim.run({ maxEvents: 3 })).toBe('maxEvents');
    expect(ran).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);

    expect(sim.run({ maxEvents: 3 })).toBe('maxEvents');
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sim.eventsProcessed).toBe(6);

    expect(sim.run({ maxEvents: 100 })).toBe('empty');
    expect(ran).toHaveLength(10);
  });

  it('does not count cancelled entries', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    const timers = [1, 2, 3, 4, 5].map((t) => sim.at(t, (x: number) => ran.push(x), t));
    sim.cancel(timers[0]);
    sim.cancel(timers[1]);

    sim.run({ maxEvents: 2 });

    expect(ran).toEqual([3, 4]);
  });

  it('of zero runs nothing', () => {
    const sim = new Simulation();
    sim.at(1, () => undefined);

    expect(sim.run({ maxEvents: 0 })).toBe('maxEvents');

    expect(sim.eventsProcessed).toBe(0);
    expect(sim.now).toBe(0);
  });

  it('wins over until when it is reached first, leaving the clock at the last event', () => {
    const sim = new Simulation();
    for (let t = 1; t <= 10; t += 1) sim.at(t, () => undefined);

    expect(sim.run({ maxEvents: 2, until: 8 })).toBe('maxEvents');

    expect(sim.now).toBe(2);
  });
});
