import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDistribution, RandomStream, type DistributionSpec } from '../../src/engine/index.js';

const finite = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const spec: fc.Arbitrary<DistributionSpec> = fc.oneof(
  finite(-1e6, 1e6).map((c) => ({ constant: c })),
  fc.tuple(finite(-1e6, 1e6), finite(0, 1e6)).map(([min, width]) => ({ uniform: { min, max: min + width } })),
  finite(1e-3, 1e6).map((mean) => ({ exponential: { mean } })),
  fc.tuple(finite(-1e6, 1e6), finite(0, 1e6)).map(([mean, stddev]) => ({ normal: { mean, stddev } })),
  fc.tuple(finite(-5, 12), finite(0, 2)).map(([mu, sigma]) => ({ lognormal: { mu, sigma } })),
  fc.tuple(finite(1e-3, 1e5), finite(1, 100)).map(([median, ratio]) => ({ lognormal: { median, p99: median * ratio } })),
  fc.array(finite(-1e6, 1e6), { minLength: 1, maxLength: 20 }).map((samples) => ({ empirical: { samples } })),
);

describe('sampleMs', () => {
  it('always gives a non-negative integer number of ms', () => {
    fc.assert(
      fc.property(spec, fc.integer(), (s, seed) => {
        const dist = makeDistribution(s);
        const rng = new RandomStream(seed, 'ms');
        for (let i = 0; i < 50; i += 1) {
          const ms = dist.sampleMs(rng);
          expect(Number.isInteger(ms) && ms >= 0, `${ms}`).toBe(true);
        }
      }),
    );
  });

  it('is the draw rounded to the nearest ms, with a negative tail taken as zero', () => {
    const dist = makeDistribution({ normal: { mean: 10, stddev: 50 } });
    const a = new RandomStream(8, 'same');
    const b = new RandomStream(8, 'same');

    const ms = Array.from({ length: 1_000 }, () => dist.sampleMs(a));
    const raw = Array.from({ length: 1_000 }, () => dist.sample(b));

    expect(ms).toEqual(raw.map((x) => Math.max(0, Math.round(x))));
    expect(ms.filter((x) => x === 0).length).toBeGreaterThan(300);
  });
});
