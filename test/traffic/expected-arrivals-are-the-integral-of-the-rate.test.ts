import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRateProfile, type RateProfileSpec } from '../../src/traffic/profile.js';

const rate = fc.double({ min: 0, max: 1000, noNaN: true });
const time = fc.integer({ min: 0, max: 3_600_000 });

const profiles: fc.Arbitrary<RateProfileSpec> = fc.oneof(
  rate.map((r) => ({ constant: r })),
  fc.array(fc.record({ at: time, rate }), { minLength: 1, maxLength: 6 }).map((steps) => ({ steps })),
  fc.record({ from: rate, to: rate, over: time, at: time }).map((ramp) => ({ ramp })),
  fc.record({ mean: rate, amplitude: fc.double({ min: 0, max: 1, noNaN: true }), period: fc.integer({ min: 1000, max: 86_400_000 }), phase: time }).map((diurnal) => ({ diurnal })),
  fc
    .record({ base: rate, spikes: fc.array(fc.record({ at: time, duration: time, multiplier: fc.double({ min: 0, max: 20, noNaN: true }) }), { maxLength: 4 }) })
    .map((spikes) => ({ spikes })),
  fc.record({ stepMs: fc.integer({ min: 1, max: 60_000 }), rates: fc.array(rate, { maxLength: 20 }), at: time }).map((piecewise) => ({ piecewise })),
);

/** Simpson's rule on the profile's own rate, in pieces short enough for the diurnal sine and the breakpoints. */
function numericIntegral(spec: RateProfileSpec, a: number, b: number): number {
  const p = makeRateProfile(spec);
  const n = 20_000;
  const h = (b - a) / n;
  let s = 0;
  for (let i = 0; i < n; i += 1) {
    const x = a + i * h;
    s += (h / 6) * (p.rateAt(x) + 4 * p.rateAt(x + h / 2) + p.rateAt(x + h - 1e-9 * h));
  }
  return s;
}

describe('rate profiles', () => {
  it('expected arrivals over a window are the integral of the rate', () => {
    fc.assert(
      fc.property(profiles, time, time, (spec, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const exact = makeRateProfile(spec).expected(a, b);
        const numeric = numericIntegral(spec, a, b);
        // Simpson's error at breakpoints is one sub-interval's worth of rate.
        const step = (b - a) / 20_000;
        expect(Math.abs(exact - numeric)).toBeLessThanOrEqual(1e-6 * Math.abs(numeric) + 2 * step * 20 + 1e-9);
      }),
      { numRuns: 200, seed: 20260 },
    );
  });

  it('the majorant used for thinning is never below the rate', () => {
    fc.assert(
      fc.property(profiles, fc.array(time, { minLength: 1, maxLength: 50 }), (spec, times) => {
        const p = makeRateProfile(spec);
        for (const t of times) {
          const m = p.bound(t);
          const until = p.boundUntil;
          expect(until).toBeGreaterThan(t);
          for (const x of [t, (t + Math.min(until, t + 1e7)) / 2]) expect(p.rateAt(x)).toBeLessThanOrEqual(m * (1 + 1e-12) + 1e-15);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
