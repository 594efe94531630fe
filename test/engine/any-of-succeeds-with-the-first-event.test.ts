import { describe, expect, it } from 'vitest';
import { anyOf, Simulation, type ProcessBody } from '../../src/engine/index.js';

describe('anyOf', () => {
  it('succeeds with the index and value of the first event to trigger, when it triggers', () => {
    const sim = new Simulation();
    const healthy = sim.event<string>('healthy');
    const got: unknown[] = [];
    function* waiter(): ProcessBody<void> {
      const first = yield anyOf(sim, [sim.timeout(30_000), healthy]);
      got.push(sim.now, first);
    }
    sim.process(waiter());
    sim.schedule(5_000, () => healthy.succeed('HEALTHY'));

    sim.run();

    expect(got).toEqual([5_000, { index: 1, value: 'HEALTHY' }]);
  });

  it('takes the one triggered first when two trigger at the same time', () => {
    const sim = new Simulation();
    const a = sim.event<string>('a');
    const b = sim.event<string>('b');
    const any = anyOf(sim, [a, b]);
    sim.schedule(10, () => {
      b.succeed('b');
      a.succeed('a');
    });

    sim.run();

    expect(any.value).toEqual({ index: 1, value: 'b' });
  });

  it('when the deadline comes first, succeeds with the timeout', () => {
    const sim = new Simulation();
    const healthy = sim.event<string>('healthy');
    const any = anyOf(sim, [sim.timeout(30_000), healthy]);
    let at = -1;
    any.then(() => {
      at = sim.now;
    });

    sim.run();

    expect(at).toBe(30_000);
    expect(any.value).toEqual({ index: 0, value: undefined });
  });
});
