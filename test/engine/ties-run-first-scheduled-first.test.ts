import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('events due at the same time', () => {
  it('run in scheduling order, even 10,000 of them', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    const record = (i: number): void => {
      ran.push(i);
    };
    for (let i = 0; i < 10_000; i += 1) sim.schedule(1_000, record, i);

    expect(sim.run()).toBe('empty');

    expect(ran).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(sim.now).toBe(1_000);
  });

  it('run in scheduling order when mixed with earlier and later events in the heap', () => {
    const sim = new Simulation({ seed: 'ties' });
    const rng = sim.rng('noise');
    const tied: number[] = [];
    const other: number[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      // Noise before and after t=500 reshapes the heap between tied entries.
      sim.schedule(rng.int(1_000), (t: number) => other.push(t), i);
      sim.schedule(500, (n: number) => tied.push(n), i);
    }

    sim.run();

    expect(tied).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(other).toHaveLength(10_000);
  });

  it('run in scheduling order whether placed with schedule() or at()', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    sim.schedule(100, () => {
      // now = 100; all of these are due at 250.
      sim.at(250, (s: string) => ran.push(s), 'at-1');
      sim.schedule(150, (s: string) => ran.push(s), 'schedule-2');
      sim.at(250, (s: string) => ran.push(s), 'at-3');
      sim.schedule(150, (s: string) => ran.push(s), 'schedule-4');
    });

    sim.run();

    expect(ran).toEqual(['at-1', 'schedule-2', 'at-3', 'schedule-4']);
  });
});
