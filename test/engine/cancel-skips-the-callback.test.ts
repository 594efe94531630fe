import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('cancelling a timer', () => {
  it('skips its callback and leaves the others', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    sim.schedule(10, (s: string) => ran.push(s), 'keep-1');
    const doomed = sim.schedule(20, (s: string) => ran.push(s), 'doomed');
    sim.schedule(30, (s: string) => ran.push(s), 'keep-2');

    sim.cancel(doomed);
    sim.run();

    expect(ran).toEqual(['keep-1', 'keep-2']);
    expect(sim.eventsProcessed).toBe(2);
    expect(doomed.pending).toBe(false);
  });

  it('is excluded from pendingCount', () => {
    const sim = new Simulation();
    const timers = [1, 2, 3, 4].map((d) => sim.schedule(d, () => undefined));
    expect(sim.pendingCount).toBe(4);

    sim.cancel(timers[1]);
    sim.cancel(timers[2]);

    expect(sim.pendingCount).toBe(2);
  });

  it('twice does no harm', () => {
    const sim = new Simulation();
    const doomed = sim.schedule(5, () => undefined);
    sim.schedule(6, () => undefined);

    sim.cancel(doomed);
    sim.cancel(doomed);

    expect(sim.pendingCount).toBe(1);
    sim.run();
    expect(sim.eventsProcessed).toBe(1);
    expect(sim.pendingCount).toBe(0);
  });

  it('after it fired does nothing', () => {
    const sim = new Simulation();
    const fired = sim.schedule(5, () => undefined);
    sim.schedule(10, () => undefined);
    sim.step();
    expect(fired.pending).toBe(false);

    sim.cancel(fired);
    sim.cancel(undefined);

    expect(sim.pendingCount).toBe(1);
    sim.run();
    expect(sim.eventsProcessed).toBe(2);
    expect(sim.pendingCount).toBe(0);
  });

  it('from the callback currently running does nothing', () => {
    const sim = new Simulation();
    let self: ReturnType<Simulation['schedule']> | undefined;
    self = sim.schedule(5, () => {
      sim.cancel(self);
      sim.schedule(1, () => undefined);
    });

    sim.run();

    expect(sim.eventsProcessed).toBe(2);
    expect(sim.pendingCount).toBe(0);
  });

  it('from an earlier same-time callback skips it', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    let later: ReturnType<Simulation['schedule']> | undefined;
    sim.schedule(5, () => {
      ran.push('canceller');
      sim.cancel(later);
    });
    later = sim.schedule(5, () => ran.push('later'));

    sim.run();

    expect(ran).toEqual(['canceller']);
  });

  it('at the head of the queue is skipped by peekTime and step', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    const head = sim.schedule(1, () => ran.push(1));
    sim.schedule(2, () => ran.push(2));

    sim.cancel(head);

    expect(sim.peekTime()).toBe(2);
    expect(sim.step()).toBe(true);
    expect(ran).toEqual([2]);
    expect(sim.now).toBe(2);
    expect(sim.step()).toBe(false);
  });
});
