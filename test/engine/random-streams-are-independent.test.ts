import { describe, expect, it } from 'vitest';
import { RandomStreams, Simulation } from '../../src/engine/index.js';

describe('random streams', () => {
  it('drawing from a new stream "b" leaves stream "a"’s draws unchanged', () => {
    const alone = new RandomStreams(2024);
    const aAlone = Array.from({ length: 50 }, () => alone.get('a').next());

    const shared = new RandomStreams(2024);
    const aInterleaved: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      aInterleaved.push(shared.get('a').next());
      shared.get('b').next();
      shared.get('b').standardNormal();
    }

    expect(aInterleaved).toEqual(aAlone);
  });

  it('adding an unrelated actor leaves the others’ draws unchanged in a simulation', () => {
    const run = (withExtraActor: boolean): number[] => {
      const sim = new Simulation({ seed: 'what-if' });
      const seen: number[] = [];
      const arrivals = sim.rng('arrivals');
      for (let i = 0; i < 20; i += 1) {
        sim.schedule(i, () => {
          seen.push(arrivals.exponential(1_000));
          if (withExtraActor) sim.rng('chaos-monkey').next();
        });
      }
      sim.run();
      return seen;
    };

    expect(run(true)).toEqual(run(false));
  });

  it('keep the normal pair spare per stream', () => {
    const alone = new RandomStreams(3);
    const expected = Array.from({ length: 9 }, () => alone.get('a').standardNormal());

    const shared = new RandomStreams(3);
    const got: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      got.push(shared.get('a').standardNormal());
      shared.get('b').standardNormal();
    }

    expect(got).toEqual(expected);
  });
});
