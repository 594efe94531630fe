import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/engine/index.js';

describe('parseDuration of zero', () => {
  it('needs no unit as a string', () => {
    expect(parseDuration('0')).toBe(0);
  });

  // ENGINE BUG (src/engine/duration.ts, parseDuration, the `typeof input === 'number'`
  // branch): the string "0" is accepted without a unit on purpose, but the number 0 (what
  // YAML gives for `gracePeriod: 0`) is rejected as a bare number under the default
  // plainNumber: 'reject'. Zero is not ambiguous between s and ms.
  it('needs no unit as a number either', () => {
    expect(parseDuration(0)).toBe(0);
  });
});
