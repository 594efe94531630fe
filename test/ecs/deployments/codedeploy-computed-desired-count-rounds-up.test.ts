import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computedDesiredCount } from '../../../src/ecs/service/codedeploy.js';

describe('a task set\'s computedDesiredCount (ecs-facts S-097)', () => {
  it('is desiredCount × scale, rounded up: 12 × 10% = 1.2 → 2', () => {
    expect(computedDesiredCount(12, 10)).toBe(2);
    expect(computedDesiredCount(3, 100)).toBe(3);
    expect(computedDesiredCount(3, 0)).toBe(0);
    expect(computedDesiredCount(10, 30)).toBe(3);
    expect(computedDesiredCount(1, 1)).toBe(1);
  });

  it('is the smallest whole number of tasks at or above the share, for any count and percentage', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 1000 }), (desired, tenths) => {
        const scale = tenths / 10;
        const n = computedDesiredCount(desired, scale);
        // Exact in integers: n tasks cover desired × tenths / 1000, n − 1 do not.
        expect(n * 1000).toBeGreaterThanOrEqual(desired * tenths);
        expect((n - 1) * 1000).toBeLessThan(desired * tenths);
      }),
    );
  });
});
