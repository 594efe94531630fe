import { describe, expect, it } from 'vitest';
import { Simulation, type ProcessBody, type SimEvent } from '../../src/engine/index.js';

describe('a process waiting on an event', () => {
  it('resumes when it succeeds, at that time, with its value', () => {
    const sim = new Simulation();
    const ready = sim.event<string>('ready');
    const got: unknown[] = [];
    function* waiter(): ProcessBody<void> {
      const value = yield ready;
      got.push(sim.now, value);
    }
    sim.process(waiter(), 'waiter');
    sim.schedule(700, () => ready.succeed('RUNNING'));

    sim.run();

    expect(got).toEqual([700, 'RUNNING']);
    expect(ready.triggered).toBe(true);
    expect(ready.value).toBe('RUNNING');
  });

  it('that already succeeded resumes at once with its value', () => {
    const sim = new Simulation();
    const done = sim.event<number>('done');
    done.succeed(3);
    const got: unknown[] = [];
    function* late(ev: SimEvent<number>): ProcessBody<void> {
      yield ev; // resolves straight away
      got.push(sim.now, ev.value);
    }
    sim.schedule(50, () => sim.process(late(done)));

    sim.run();

    expect(got).toEqual([50, 3]);
  });

  it('resumes after sim.timeout(ms)', () => {
    const sim = new Simulation();
    const woke: number[] = [];
    function* body(): ProcessBody<void> {
      yield sim.timeout(1_234);
      woke.push(sim.now);
    }
    sim.process(body());

    sim.run();

    expect(woke).toEqual([1_234]);
  });
});
