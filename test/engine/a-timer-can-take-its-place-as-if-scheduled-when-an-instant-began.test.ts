import { describe, expect, it } from 'vitest';
import { Simulation, SimulationError } from '../../src/engine/index.js';

/**
 * `seqAtInstant` tells the sequence counter when the clock first reached an instant, and
 * `placeAtInstantStart` turns it into a place in the order: a timer put there with
 * `atReserved` runs as if it had been scheduled when that instant began, after every
 * timer scheduled before the instant and before every timer scheduled during it, though
 * nothing ran then. `placeFirst` puts a timer before everything else at its time.
 */
describe('places in the order as of the start of an instant', () => {
  it('a timer placed at an instant start runs after timers scheduled before that instant and before those scheduled during it', () => {
    const sim = new Simulation();
    sim.keepInstants(10_000);
    const order: string[] = [];
    // Scheduled before instant 100 began: runs first at 500.
    sim.at(500, () => order.push('scheduled at 0'));
    sim.at(100, () => {
      // Scheduled during instant 100, before the placed one is made.
      sim.at(500, () => order.push('scheduled at 100'));
    });
    sim.at(300, () => {
      const base = sim.seqAtInstant(100);
      sim.atReserved(500, sim.placeAtInstantStart(base, 7), () => order.push('placed as of 100, key 7'), undefined);
      sim.atReserved(500, sim.placeAtInstantStart(base, 2), () => order.push('placed as of 100, key 2'), undefined);
      sim.at(500, () => order.push('scheduled at 300'));
    });
    sim.run();
    expect(order).toEqual(['scheduled at 0', 'placed as of 100, key 2', 'placed as of 100, key 7', 'scheduled at 100', 'scheduled at 300']);
  });

  it('an instant where nothing ran starts where the next instant that ran did', () => {
    const sim = new Simulation();
    sim.keepInstants(10_000);
    let at150 = -1;
    let at200 = -1;
    sim.at(100, () => sim.schedule(5_000, () => undefined));
    sim.at(200, () => {
      at200 = sim.seqAtInstant(200);
      at150 = sim.seqAtInstant(150);
    });
    sim.run();
    expect(at150).toBe(at200);
    expect(at200).toBe(3); // three timers scheduled before instant 200: at 100, at 200, and the one from 100
  });

  it('placeFirst runs before every timer at its time, whenever those were scheduled', () => {
    const sim = new Simulation();
    const order: string[] = [];
    sim.at(50, () => order.push('ordinary'));
    sim.at(10, () => {
      sim.atReserved(50, sim.placeFirst(3), () => order.push('first, key 3'), undefined);
      sim.atReserved(50, sim.placeFirst(1), () => order.push('first, key 1'), undefined);
    });
    sim.run();
    expect(order).toEqual(['first, key 1', 'first, key 3', 'ordinary']);
  });

  it('a fired timer can be re-armed into such a place', () => {
    const sim = new Simulation();
    sim.keepInstants(1_000);
    const order: string[] = [];
    const timer = sim.at(10, () => {
      sim.at(20, () => order.push('scheduled during 10'));
      sim.rearmAt(timer, 20, () => order.push('re-armed as of 10'), undefined, sim.placeAtInstantStart(sim.seqAtInstant(10), 0));
    });
    sim.run();
    expect(order).toEqual(['re-armed as of 10', 'scheduled during 10']);
  });

  it('refuses an instant in the future, one older than it keeps, a place before the event running now, and bad keys', () => {
    const sim = new Simulation();
    sim.keepInstants(100);
    const errors: string[] = [];
    const tryIt = (f: () => void): void => {
      try {
        f();
        errors.push('none');
      } catch (error) {
        errors.push(error instanceof SimulationError ? 'SimulationError' : 'other');
      }
    };
    sim.at(1_000, () => {
      tryIt(() => sim.seqAtInstant(1_001));
      tryIt(() => sim.seqAtInstant(800));
      tryIt(() => sim.placeAtInstantStart(0, 2 ** 20));
      tryIt(() => sim.placeFirst(-1));
      // An event scheduled during this instant cannot place one before itself at this instant.
      sim.at(1_000, () => tryIt(() => sim.atReserved(1_000, sim.placeAtInstantStart(sim.seqAtInstant(1_000), 0), () => undefined, undefined)));
    });
    sim.run();
    expect(errors).toEqual(['SimulationError', 'SimulationError', 'SimulationError', 'SimulationError', 'SimulationError']);
  });

  it('without keepInstants only the instant running now is known', () => {
    const sim = new Simulation();
    let now = -1;
    let threw = false;
    sim.at(5, () => sim.schedule(1, () => undefined));
    sim.at(10, () => {
      now = sim.seqAtInstant(10);
      try {
        sim.seqAtInstant(5);
      } catch {
        threw = true;
      }
    });
    sim.run();
    expect(now).toBe(3);
    expect(threw).toBe(true);
  });
});
