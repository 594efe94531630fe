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

  it('starts from seedrandom.alea’s own state for any seed and name: numbers, long and non-ASCII names, task-server names by the thousand', () => {
    const names = ['é☃\u{1F600}', 'x'.repeat(5_000), '\u0000', ' '];
    for (let k = 0; k < 3_000; k += 1) names.push(`server/arn:aws:ecs:us-east-1:123456789012:task/prod/${k.toString(16).padStart(32, '0')}/app:8080`);
    for (const seed of [1, 42, -7.5, 'prod-day', '']) {
      for (const name of names) {
        const mine = new RandomStream(seed, name);
        const theirs = seedrandom.alea(`${seed}\u0000${name}`, { state: true }) as unknown as { state(): { s0: number; s1: number; s2: number; c: number } };
        const state = theirs.state();
        const got = [mine.next(), mine.next(), mine.next(), mine.next()];
        const want = [0, 1, 2, 3].map(() => (theirs as unknown as () => number)());
        if (got.some((g, i) => g !== want[i])) expect({ seed, name, got, state }).toEqual({ seed, name, got: want, state });
      }
    }
  });
});
