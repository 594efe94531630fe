import { describe, expect, it } from 'vitest';
import { Interrupt, Simulation, type ProcessBody } from '../../src/engine/index.js';

describe('a process interrupted while waiting on an event', () => {
  it('can go on to wait for a different event', () => {
    const sim = new Simulation();
    const first = sim.event<string>('first');
    const second = sim.event<string>('second');
    const log: unknown[] = [];
    function* task(): ProcessBody<void> {
      try {
        yield first;
      } catch (error) {
        log.push(error instanceof Interrupt);
      }
      log.push(yield second, sim.now);
    }
    const p = sim.process(task());
    sim.schedule(10, () => p.interrupt());
    sim.schedule(20, () => second.succeed('ok'));

    sim.run();

    expect(log).toEqual([true, 'ok', 20]);
  });

  // ENGINE BUG (src/engine/process.ts, Process.wait, the `target.then(...)` callback):
  // the callback registered by the first wait survives the interrupt. When the event
  // triggers, that stale callback passes the `this.waitingOn !== event` test (the process
  // waits on the same event again), clears `waitingOn`, and only then is dropped by the
  // generation check in resume(). The callback of the second wait then finds `waitingOn`
  // cleared and returns too, so the process never wakes. This hits the natural loop
  // "wait for signal.wait(); on Interrupt, handle it and wait again", since wait() returns
  // the same event until the signal fires.
  it('wakes when it waits on the same event again and that event triggers', () => {
    const sim = new Simulation();
    const deploy = sim.signal<string>('deploy');
    const log: unknown[] = [];
    function* task(): ProcessBody<void> {
      for (;;) {
        try {
          log.push(yield deploy.wait(), sim.now);
          return;
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          log.push('interrupted');
        }
      }
    }
    const p = sim.process(task());
    sim.schedule(10, () => p.interrupt());
    sim.schedule(20, () => deploy.fire('v2'));

    sim.run();

    expect(log).toEqual(['interrupted', 'v2', 20]);
    expect(p.triggered).toBe(true);
  });
});
