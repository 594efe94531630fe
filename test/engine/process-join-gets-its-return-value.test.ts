import { describe, expect, it } from 'vitest';
import { Simulation, sleep, type Process, type ProcessBody } from '../../src/engine/index.js';

describe('a process as an event', () => {
  it('lets another process wait for it and get its return value', () => {
    const sim = new Simulation();
    const got: unknown[] = [];
    function* drain(): ProcessBody<number> {
      yield sleep('2s');
      return 42;
    }
    function* deployer(child: Process<number>): ProcessBody<void> {
      const drained = yield child;
      got.push(sim.now, drained);
    }
    const child = sim.process(drain(), 'drain');
    sim.process(deployer(child), 'deployer');

    expect(child.alive).toBe(true);
    sim.run();

    expect(got).toEqual([2_000, 42]);
    expect(child.alive).toBe(false);
    expect(child.ok).toBe(true);
    expect(child.value).toBe(42);
  });

  it('that already finished hands its return value to a late joiner', () => {
    const sim = new Simulation();
    function* quick(): ProcessBody<string> {
      yield sleep(1);
      return 'done';
    }
    const child = sim.process(quick());
    const got: unknown[] = [];
    function* joiner(): ProcessBody<void> {
      yield sleep(100);
      got.push(yield child);
      got.push(sim.now);
    }
    sim.process(joiner());

    sim.run();

    expect(got).toEqual(['done', 100]);
  });
});
