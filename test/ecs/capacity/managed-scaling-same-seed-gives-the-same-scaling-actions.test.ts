import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cp, runCas } from './managed-scaling-support.js';

// Determinism (DESIGN: same seed, same hash): cluster auto scaling draws only from its
// named streams, so a run repeats its scaling actions, samples and log hash exactly.
describe('cluster auto scaling is deterministic', () => {
  it('repeats the same actions, samples and log hash for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const o = { seed, desiredCount: 7, until: '45m', timeline: '  - at: 15m\n    updateService: { service: web, desiredCount: 1 }\n' };
        const a = runCas(o);
        const b = runCas(o);
        expect(cp(b)).toEqual(cp(a));
        expect(b.logHash).toBe(a.logHash);
      }),
      { numRuns: 4, seed: 3 },
    );
  });
});
