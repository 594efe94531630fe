import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('an event scheduled from a callback for the current time', () => {
  it('runs after the same-time events already queued', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    const log = (s: string): void => {
      ran.push(`${s}@${sim.now}`);
    };
    sim.schedule(10, () => {
      log('A');
      sim.schedule(0, log, 'A1');
      sim.at(10, log, 'A2');
    });
    sim.schedule(10, () => {
      log('B');
      sim.schedule(0, log, 'B1');
    });
    sim.schedule(10, log, 'C');
    sim.schedule(11, log, 'D');

    sim.run();

    expect(ran).toEqual(['A@10', 'B@10', 'C@10', 'A1@10', 'A2@10', 'B1@10', 'D@11']);
  });

  it('can chain zero delays without moving the clock or overtaking queued events', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    const chain = (left: number): void => {
      ran.push(`chain${left}@${sim.now}`);
      if (left > 0) sim.schedule(0, chain, left - 1);
    };
    sim.schedule(5, chain, 2);
    sim.schedule(5, () => ran.push(`other@${sim.now}`));

    sim.run();

    expect(ran).toEqual(['chain2@5', 'other@5', 'chain1@5', 'chain0@5']);
  });
});
