import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, type Timer } from '../../src/engine/index.js';

describe('random schedule and cancel sequences', () => {
  it('fire exactly the timers not cancelled, in (t, seq) order', () => {
    // Up to 3,000 timers, so that the kernel's purge of cancelled entries (after more
    // than 1,024 of them) is crossed in many runs.
    const plan = fc.record({
      delays: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 3_000 }),
      cancelRate: fc.double({ min: 0, max: 1, noNaN: true }),
      pickSeed: fc.integer(),
    });
    fc.assert(
      fc.property(plan, ({ delays, cancelRate, pickSeed }) => {
        const sim = new Simulation({ seed: pickSeed });
        const pick = sim.rng('pick');
        const ran: number[] = [];
        const timers: Timer[] = delays.map((d, i) => sim.schedule(d, (id: number) => ran.push(id), i));
        const cancelled = new Set<number>();
        for (let i = 0; i < delays.length; i += 1) {
          if (pick.next() < cancelRate) {
            const victim = pick.int(delays.length);
            cancelled.add(victim);
            sim.cancel(timers[victim]);
          }
        }
        expect(sim.pendingCount).toBe(delays.length - cancelled.size);

        sim.run();

        const expected = delays
          .map((d, i) => ({ d, i }))
          .filter((e) => !cancelled.has(e.i))
          .sort((a, b) => a.d - b.d)
          .map((e) => e.i);
        expect(ran).toEqual(expected);
        expect(sim.eventsProcessed).toBe(expected.length);
        expect(sim.pendingCount).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('made while running fire exactly the timers not yet cancelled, in (t, seq) order', () => {
    // Each timer may cancel another when it fires; a cancel of a timer that already fired
    // must change nothing.
    const plan = fc.array(
      fc.record({ delay: fc.integer({ min: 0, max: 50 }), victim: fc.option(fc.nat(), { nil: undefined }) }),
      { maxLength: 2_500 },
    );
    fc.assert(
      fc.property(plan, (entries) => {
        const sim = new Simulation();
        const ran: number[] = [];
        const timers: Timer[] = [];
        const fire = (i: number): void => {
          ran.push(i);
          const victim = entries[i]?.victim;
          if (victim !== undefined) sim.cancel(timers[victim % entries.length]);
        };
        entries.forEach((e, i) => timers.push(sim.schedule(e.delay, fire, i)));

        sim.run();

        // Reference: walk the stable sort by time, skipping what was cancelled before its turn.
        const order = entries
          .map((e, i) => ({ d: e.delay, i }))
          .sort((a, b) => a.d - b.d)
          .map((e) => e.i);
        const dead = new Set<number>();
        const expected: number[] = [];
        for (const i of order) {
          if (dead.has(i)) continue;
          expected.push(i);
          const victim = entries[i]?.victim;
          if (victim !== undefined) dead.add(victim % entries.length);
        }
        expect(ran).toEqual(expected);
        expect(sim.pendingCount).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
