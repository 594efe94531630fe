import { describe, expect, it } from 'vitest';
import { Simulation, sleep, type ProcessBody } from '../../src/engine/index.js';

describe('a process that sleeps', () => {
  it('wakes 5000 ms later for sleep("5s"), and after n ms for sleep(n)', () => {
    const sim = new Simulation();
    const times: number[] = [];
    function* body(): ProcessBody<void> {
      times.push(sim.now);
      yield sleep('5s');
      times.push(sim.now);
      yield sleep(250);
      times.push(sim.now);
      yield sleep('1m30s');
      times.push(sim.now);
    }

    sim.process(body(), 'sleeper');
    sim.run();

    expect(times).toEqual([0, 5_000, 5_250, 95_250]);
  });

  it('counts from when it was started', () => {
    const sim = new Simulation();
    const woke: number[] = [];
    function* body(): ProcessBody<void> {
      yield sleep('5s');
      woke.push(sim.now);
    }
    sim.schedule(1_000, () => sim.process(body()));

    sim.run();

    expect(woke).toEqual([6_000]);
  });

  it('starts from the queue, not during process()', () => {
    const sim = new Simulation();
    const log: string[] = [];
    function* body(): ProcessBody<void> {
      log.push('body started');
      yield sleep(0);
    }

    sim.process(body());
    log.push('process() returned');
    sim.run();

    expect(log).toEqual(['process() returned', 'body started']);
  });
});
