import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('step()', () => {
  it('runs exactly the next live event, advancing the clock to it', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    sim.at(20, () => ran.push('second'));
    sim.at(10, () => {
      ran.push('first');
      sim.schedule(0, () => ran.push('first-child'));
    });
    const skipped = sim.at(15, () => ran.push('cancelled'));
    sim.cancel(skipped);

    expect(sim.step()).toBe(true);
    expect(ran).toEqual(['first']);
    expect(sim.now).toBe(10);

    expect(sim.step()).toBe(true);
    expect(ran).toEqual(['first', 'first-child']);
    expect(sim.now).toBe(10);

    expect(sim.step()).toBe(true);
    expect(ran).toEqual(['first', 'first-child', 'second']);
    expect(sim.now).toBe(20);
    expect(sim.eventsProcessed).toBe(3);
  });

  it('returns false and leaves the clock alone when nothing is left', () => {
    const sim = new Simulation();
    sim.at(7, () => undefined);
    sim.step();

    expect(sim.step()).toBe(false);
    expect(sim.now).toBe(7);
    expect(sim.eventsProcessed).toBe(1);
  });
});
