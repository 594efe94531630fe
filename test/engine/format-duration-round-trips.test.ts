import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/engine/index.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [250, '250ms'],
    [1_500, '1s500ms'],
    [30_000, '30s'],
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [172_800_000, '2d'],
    [93_784_005, '1d2h3m4s5ms'],
  ])('writes %d ms as %j, which parses back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });

  it('round-trips any whole, non-negative number of ms through parseDuration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });
});
