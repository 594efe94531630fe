import { describe, expect, it } from 'vitest';
import { Simulation, type RunOptions } from '../../src/engine/index.js';

const loops: [string, RunOptions][] = [
  ['plain loop', {}],
  ['checked loop', { maxEvents: 1_000 }],
];

describe.each(loops)('sim.stop() on the %s', (_, options) => {
  it('ends the run after the current event; a later run continues', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    sim.at(1, () => ran.push('a'));
    sim.at(2, () => {
      ran.push('b');
      sim.stop();
      sim.schedule(0, () => ran.push('b-child'));
    });
    sim.at(3, () => ran.push('c'));

    expect(sim.run(options)).toBe('stopped');
    expect(ran).toEqual(['a', 'b']);
    expect(sim.now).toBe(2);
    expect(sim.pendingCount).toBe(2);

    expect(sim.run(options)).toBe('empty');
    expect(ran).toEqual(['a', 'b', 'b-child', 'c']);
  });

  it('leaves the clock at the stopping event, not at until', () => {
    const sim = new Simulation();
    sim.at(5, () => sim.stop());
    sim.at(6, () => undefined);

    expect(sim.run({ ...options, until: 100 })).toBe('stopped');

    expect(sim.now).toBe(5);
  });

  it('called outside a run does not stop the next one', () => {
    const sim = new Simulation();
    sim.at(1, () => undefined);
    sim.at(2, () => undefined);

    sim.stop();

    expect(sim.run(options)).toBe('empty');
    expect(sim.eventsProcessed).toBe(2);
  });
});
