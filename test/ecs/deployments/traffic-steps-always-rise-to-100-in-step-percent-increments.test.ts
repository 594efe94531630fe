import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trafficSteps } from '../../../src/ecs/service/deployment-strategy.js';

// ecs-facts S-099: LINEAR moves stepPercent (3.0–100.0, a multiple of 0.1) per step, with
// stepBakeTimeInMinutes between steps but not after 100 %; CANARY moves canaryPercent, then 100.
describe('production traffic steps (S-099)', () => {
  it('LINEAR: strictly rising, each step stepPercent more, ending at 100 with no wait after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 1000 }), fc.integer({ min: 0, max: 1440 }), (tenths, bake) => {
        const steps = trafficSteps({ strategy: 'LINEAR', linearConfiguration: { stepPercent: tenths / 10, stepBakeTimeInMinutes: bake } });
        expect(steps.at(-1)).toEqual({ percent: 100, waitMs: 0 });
        expect(steps).toHaveLength(Math.ceil(1000 / tenths));
        steps.slice(0, -1).forEach((s, i) => {
          expect(Math.round(s.percent * 10)).toBe((i + 1) * tenths);
          expect(s.waitMs).toBe(bake * 60_000);
        });
        for (let i = 1; i < steps.length; i += 1) expect(steps[i]!.percent).toBeGreaterThan(steps[i - 1]!.percent);
      }),
    );
  });

  it('CANARY: canaryPercent for canaryBakeTimeInMinutes, then 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 1440 }), (tenths, bake) => {
        expect(trafficSteps({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: tenths / 10, canaryBakeTimeInMinutes: bake } })).toEqual([
          { percent: tenths / 10, waitMs: bake * 60_000 },
          { percent: 100, waitMs: 0 },
        ]);
      }),
    );
  });
});
