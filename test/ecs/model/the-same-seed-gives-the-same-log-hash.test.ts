import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomCase } from './random-clusters.js';
import { buildModel } from './support.js';

// STYLE.md §8: a run is a function of its config and seed; the log hash is its fingerprint.
describe('determinism over random clusters and timelines', () => {
  it('gives the same log hash and the same result for the same seed, twice', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const a = buildModel(c.config, c.seed);
        const b = buildModel(c.config, c.seed);
        const ra = a.run(c.untilMs);
        const rb = b.run(c.untilMs);
        expect(a.hash()).toBe(b.hash());
        expect(JSON.stringify(ra)).toBe(JSON.stringify(rb));
      }),
      { numRuns: 40, seed: 777 },
    );
  });

  it('lets the seed matter: different seeds give different logs for the same config', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const a = buildModel(c.config, c.seed);
        const b = buildModel(c.config, c.seed + 1);
        a.run(c.untilMs);
        b.run(c.untilMs);
        // Instance boot and registration times are drawn from the seed.
        expect(a.hash()).not.toBe(b.hash());
      }),
      { numRuns: 10, seed: 778 },
    );
  });
});
