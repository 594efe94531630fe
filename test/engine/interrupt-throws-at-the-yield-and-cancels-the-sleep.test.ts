import { describe, expect, it } from 'vitest';
import { Interrupt, Simulation, sleep, type ProcessBody } from '../../src/engine/index.js';

describe('interrupting a process', () => {
  it('throws an Interrupt at its yield, carrying the cause', () => {
    const sim = new Simulation();
    const log: unknown[] = [];
    function* task(): ProcessBody<string> {
      try {
        yield sleep('10s');
        log.push('slept through');
        return 'finished';
      } catch (error) {
        log.push(sim.now, error instanceof Interrupt, (error as Interrupt).cause);
        return 'drained';
      }
    }
    const p = sim.process(task(), 'task');
    sim.schedule(3_000, () => p.interrupt('scale-in'));

    sim.run();

    expect(log).toEqual([3_000, true, 'scale-in']);
    expect(p.value).toBe('drained');
  });

  it('cancels the pending sleep, so the clock never reaches its end', () => {
    const sim = new Simulation();
    function* task(): ProcessBody<void> {
      try {
        yield sleep('10s');
      } catch {
        return;
      }
    }
    const p = sim.process(task());
    sim.schedule(3_000, () => p.interrupt());

    sim.run();

    expect(sim.now).toBe(3_000);
    expect(sim.pendingCount).toBe(0);
  });

  it('does not resume it later for the event it was waiting on', () => {
    const sim = new Simulation();
    const ev = sim.event<string>('healthy');
    const log: string[] = [];
    function* task(): ProcessBody<void> {
      try {
        yield ev;
        log.push('woken by the event');
      } catch {
        log.push(`interrupted at ${sim.now}`);
      }
      yield sleep(1_000);
      log.push(`slept until ${sim.now}`);
    }
    const p = sim.process(task());
    sim.schedule(100, () => p.interrupt());
    sim.schedule(500, () => ev.succeed('HEALTHY'));

    sim.run();

    expect(log).toEqual(['interrupted at 100', 'slept until 1100']);
  });

  it('that does not catch it ends the process as failed, without stopping the run', () => {
    const sim = new Simulation();
    function* task(): ProcessBody<void> {
      yield sleep('1h');
    }
    const p = sim.process(task(), 'task');
    sim.schedule(60_000, () => p.interrupt('spot reclaimed'));
    sim.schedule(120_000, () => undefined);

    expect(sim.run()).toBe('empty');

    expect(p.alive).toBe(false);
    expect(p.ok).toBe(false);
    expect(p.value).toBeInstanceOf(Interrupt);
    expect(sim.now).toBe(120_000);
  });

  it('that has finished does nothing', () => {
    const sim = new Simulation();
    function* task(): ProcessBody<number> {
      yield sleep(1);
      return 1;
    }
    const p = sim.process(task());
    sim.run();

    p.interrupt();
    sim.run();

    expect(p.ok).toBe(true);
    expect(p.value).toBe(1);
  });
});
