import { describe, expect, it } from 'vitest';
import { Simulation, type Timer } from '../../src/engine/index.js';

// The kernel purges cancelled entries from its heap once they outnumber live ones. The heap
// size itself is not public, so these specs check what a purge could break: the live count,
// the next event time, and that exactly the live events run, in order.
describe('heavy cancelling', () => {
  it('of 199,000 out of 200,000 timers runs exactly the 1,000 left, in order', () => {
    const sim = new Simulation({ seed: 7 });
    const rng = sim.rng('delays');
    const ran: number[] = [];
    const record = (i: number): void => {
      ran.push(i);
    };
    const timers: Timer[] = [];
    for (let i = 0; i < 200_000; i += 1) timers.push(sim.schedule(rng.int(50_000), record, i));

    timers.forEach((timer, i) => {
      if (i % 200 !== 0) sim.cancel(timer);
    });

    const live = timers.filter((_, i) => i % 200 === 0);
    expect(sim.pendingCount).toBe(1_000);
    expect(sim.peekTime()).toBe(Math.min(...live.map((t) => t.t)));

    sim.run();

    const expected = live
      .map((timer, k) => ({ t: timer.t, i: k * 200 }))
      .sort((a, b) => a.t - b.t)
      .map((e) => e.i);
    expect(ran).toEqual(expected);
    expect(sim.eventsProcessed).toBe(1_000);
    expect(sim.pendingCount).toBe(0);
  });

  it('from inside a running callback keeps the rest of the run intact', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    const record = (i: number): void => {
      ran.push(i);
    };
    const timers: Timer[] = [];
    // At t=0 one callback cancels three quarters of 200,000 future timers.
    sim.schedule(0, () => {
      timers.forEach((timer, i) => {
        if (i % 4 !== 0) sim.cancel(timer);
      });
    });
    for (let i = 0; i < 200_000; i += 1) timers.push(sim.schedule(1 + (i % 1_000), record, i));

    sim.run();

    const expected = Array.from({ length: 50_000 }, (_, k) => k * 4).sort((a, b) => (a % 1_000) - (b % 1_000) || a - b);
    expect(ran).toEqual(expected);
    expect(sim.eventsProcessed).toBe(50_001);
  });

  it('of a timeout armed and disarmed 100,000 times keeps pendingCount at the live events', () => {
    const sim = new Simulation();
    let fired = 0;
    let beats = 0;
    const maxPending: number[] = [];
    const beat = (): void => {
      // The common "arm a deadline, disarm it on success" pattern.
      const deadline = sim.schedule(60_000, () => {
        fired += 1;
      });
      sim.cancel(deadline);
      beats += 1;
      maxPending.push(sim.pendingCount);
      if (beats < 100_000) sim.schedule(1, beat);
    };
    sim.schedule(0, beat);

    sim.run();

    expect(fired).toBe(0);
    expect(beats).toBe(100_000);
    expect(Math.max(...maxPending)).toBe(0);
    expect(sim.now).toBe(99_999);
  });
});
