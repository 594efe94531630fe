import { describe, expect, it } from 'vitest';
import { allOf, Simulation, type ProcessBody } from '../../src/engine/index.js';

describe('allOf', () => {
  it('succeeds once all events have, with their values in the order given', () => {
    const sim = new Simulation();
    const a = sim.event<string>('a');
    const b = sim.event<number>('b');
    const got: unknown[] = [];
    function* waiter(): ProcessBody<void> {
      const values = yield allOf(sim, [a, b, sim.timeout(100)]);
      got.push(sim.now, values);
    }
    sim.process(waiter());
    sim.schedule(400, () => a.succeed('late'));
    sim.schedule(50, () => b.succeed(2));

    sim.run();

    expect(got).toEqual([400, ['late', 2, undefined]]);
  });

  it('of no events succeeds at once with an empty list', () => {
    const sim = new Simulation();

    const all = allOf(sim, []);

    expect(all.triggered).toBe(true);
    expect(all.value).toEqual([]);
  });
});
