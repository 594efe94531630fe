import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError, type Timer } from '../../src/engine/index.js';

describe('Simulation.rearmAt', () => {
  it('a fired timer re-armed from its callback runs again in the place a new timer would take', () => {
    const sim = new Simulation();
    const log: string[] = [];
    let timer: Timer | undefined;
    let n = 0;
    const tick = (label: string): void => {
      log.push(`${sim.now} ${label}`);
      n += 1;
      // Scheduled first at the same time: runs before the re-armed timer.
      if (n === 1) sim.at(10, () => log.push(`${sim.now} other`));
      if (n < 3) timer = sim.rearmAt(timer as Timer, 10 * n, tick, `tick${n}`);
    };
    timer = sim.at(0, tick, 'tick0');
    const first = timer;
    sim.run();
    expect(log).toEqual(['0 tick0', '10 other', '10 tick1', '20 tick2']);
    expect(timer).toBe(first);
    expect(timer.pending).toBe(false);
    expect(sim.eventsProcessed).toBe(4);
  });

  it('a pending or cancelled timer cannot be re-armed; a re-armed timer can be cancelled', () => {
    const sim = new Simulation();
    const pending = sim.at(5, () => {});
    expect(() => sim.rearmAt(pending, 6, () => {}, undefined)).toThrow(SimulationError);
    const cancelled = sim.at(5, () => {});
    sim.cancel(cancelled);
    expect(cancelled.pending).toBe(false);
    expect(() => sim.rearmAt(cancelled, 6, () => {}, undefined)).toThrow(/only a timer that has fired/);
    let ran = 0;
    const t = sim.at(1, () => {});
    sim.run({ until: 2 });
    sim.rearmAt(t, 3, () => (ran += 1), undefined);
    expect(t.pending).toBe(true);
    expect(() => sim.rearmAt(t, 1, () => {}, undefined)).toThrow(SimulationError);
    sim.cancel(t);
    sim.run();
    expect(ran).toBe(0);
    expect(sim.pendingCount).toBe(0);
  });
});
