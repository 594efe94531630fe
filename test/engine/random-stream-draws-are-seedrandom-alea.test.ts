import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { RandomStream } from '../../src/engine/random.js';

// The stream steps Alea itself (an inlinable method); its draws must stay seedrandom's own,
// or every bundled scenario's log would move.
describe('RandomStream', () => {
  it('draws exactly the numbers of seedrandom.alea for the same seed and name', () => {
    for (const [seed, name] of [[1, 'a'], ['throughput', 'traffic/clients/arrivals'], [0, ''], ['x:r7', 'elb/front/nodes']] as const) {
      const mine = new RandomStream(seed, name);
      const theirs = seedrandom.alea(`${seed}\u0000${name}`);
      for (let i = 0; i < 100_000; i += 1) {
        const a = mine.next();
        const b = theirs();
        if (a !== b) expect({ seed, name, i, a }).toEqual({ seed, name, i, a: b });
      }
    }
  });
});
