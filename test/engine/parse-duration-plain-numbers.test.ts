import { describe, expect, it } from 'vitest';
import { DurationError, parseDuration } from '../../src/engine/index.js';

describe('parseDuration with a plain number', () => {
  it('reads it as seconds with { plainNumber: "s" }, as a number or a string', () => {
    expect(parseDuration(30, { plainNumber: 's' })).toBe(30_000);
    expect(parseDuration(1.5, { plainNumber: 's' })).toBe(1_500);
    expect(parseDuration('30', { plainNumber: 's' })).toBe(30_000);
    expect(parseDuration('0.25', { plainNumber: 's' })).toBe(250);
  });

  it('reads it as milliseconds with { plainNumber: "ms" }', () => {
    expect(parseDuration(250, { plainNumber: 'ms' })).toBe(250);
    expect(parseDuration('250', { plainNumber: 'ms' })).toBe(250);
  });

  it('still reads units when plain numbers are allowed', () => {
    expect(parseDuration('2m', { plainNumber: 's' })).toBe(120_000);
  });

  it('rejects a bare number by default, saying to add a unit', () => {
    expect(() => parseDuration(30)).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got the bare number 30 (add a unit)]`);
    expect(() => parseDuration('30')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got "30" (add a unit)]`);
    expect(() => parseDuration(30, { plainNumber: 'reject' })).toThrow(DurationError);
  });

  it('rejects a plain number that is not a whole, non-negative, finite number of ms', () => {
    expect(() => parseDuration(0.5, { plainNumber: 'ms' })).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a whole number of milliseconds, got 0.5]`);
    expect(() => parseDuration(-5, { plainNumber: 's' })).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a non-negative duration, got -5]`);
    expect(() => parseDuration(Number.NaN, { plainNumber: 's' })).toThrow(DurationError);
    expect(() => parseDuration(Number.POSITIVE_INFINITY, { plainNumber: 'ms' })).toThrow(DurationError);
  });
});
