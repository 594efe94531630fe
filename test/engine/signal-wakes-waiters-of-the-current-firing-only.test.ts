import { describe, expect, it } from 'vitest';
import { Simulation, sleep, type ProcessBody, type Signal } from '../../src/engine/index.js';

describe('a signal', () => {
  it('wakes everyone waiting when it fires, and not those who start waiting after', () => {
    const sim = new Simulation();
    const deploy = sim.signal<string>('deploy');
    const log: string[] = [];
    function* early(name: string, signal: Signal<string>): ProcessBody<void> {
      const value = yield signal.wait();
      log.push(`${name} got ${String(value)} at ${sim.now}`);
    }
    function* late(signal: Signal<string>): ProcessBody<void> {
      yield sleep(10); // wakes at t=10 just after the first firing
      const value = yield signal.wait();
      log.push(`late got ${String(value)} at ${sim.now}`);
    }
    sim.schedule(10, () => deploy.fire('v1'));
    sim.process(early('a', deploy));
    sim.process(early('b', deploy));
    sim.process(late(deploy));
    sim.schedule(20, () => deploy.fire('v2'));

    sim.run();

    expect(log).toEqual(['a got v1 at 10', 'b got v1 at 10', 'late got v2 at 20']);
  });

  it('wakes a waiter once per wait, so a loop sees every firing in turn', () => {
    const sim = new Simulation();
    const tick = sim.signal<number>('tick');
    const seen: number[] = [];
    function* listener(): ProcessBody<void> {
      for (;;) seen.push((yield tick.wait()) as number);
    }
    sim.process(listener());
    for (const t of [5, 10, 15]) sim.at(t, (n: number) => tick.fire(n), t);

    sim.run();

    expect(seen).toEqual([5, 10, 15]);
  });

  it('fired twice at once wakes a waiter with the first value only', () => {
    const sim = new Simulation();
    const sig = sim.signal<string>();
    const seen: unknown[] = [];
    function* waiter(): ProcessBody<void> {
      seen.push(yield sig.wait());
      seen.push(yield sig.wait());
    }
    sim.process(waiter());
    sim.schedule(5, () => {
      sig.fire('first');
      sig.fire('second');
    });

    sim.run();

    expect(seen).toEqual(['first']);
  });
});
