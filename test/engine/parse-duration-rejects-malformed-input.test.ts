import { describe, expect, it } from 'vitest';
import { DurationError, parseDuration } from '../../src/engine/index.js';

describe('parseDuration rejects', () => {
  it('an empty string', () => {
    expect(() => parseDuration('')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got an empty string]`);
    expect(() => parseDuration('   ')).toThrow(DurationError);
  });

  it('text that is not a duration', () => {
    expect(() => parseDuration('abc')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got "abc"]`);
  });

  it('an unknown unit', () => {
    expect(() => parseDuration('5x')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a duration such as "250ms", "30s", "5m", "1h30m" or "2d", got "5x"]`);
  });

  it('units out of order', () => {
    expect(() => parseDuration('30m1h')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected units from largest to smallest, each once (d h m s ms), got "30m1h"]`);
  });

  it('a unit given twice', () => {
    expect(() => parseDuration('1s1s')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected units from largest to smallest, each once (d h m s ms), got "1s1s"]`);
  });

  it('a negative duration', () => {
    expect(() => parseDuration('-5s')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a non-negative duration, got "-5s"]`);
  });

  it('a fraction of a millisecond', () => {
    expect(() => parseDuration('0.5ms')).toThrowErrorMatchingInlineSnapshot(`[DurationError: expected a whole number of milliseconds, got "0.5ms"]`);
    expect(() => parseDuration('0.0001s')).toThrow(DurationError);
  });

  it('a trailing number without a unit', () => {
    expect(() => parseDuration('1h30')).toThrow(DurationError);
  });
});
