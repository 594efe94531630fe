import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/engine/index.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['1.5s', 1_500],
    ['0.1s', 100],
    ['1h 30m', 5_400_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['  45s  ', 45_000],
    ['5 m', 300_000],
    ['0s', 0],
    ['0', 0],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('tells ms from m followed by another unit', () => {
    expect(parseDuration('1m30ms')).toBe(60_030);
    expect(parseDuration('1m30s')).toBe(90_000);
  });
});
