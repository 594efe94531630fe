import { describe, expect, it } from 'vitest';
import { evaluate, parseDate, parseExpression } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/**
 * ecs-facts S-023, and the AWS page's "Valid date formats" for registeredAt:
 * 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28, 2018-06-18.
 * Simulated time 0 is `epochMs` (default 2026-01-01T00:00:00Z).
 */
describe('registeredAt', () => {
  it('reads the four documented forms, a form without a zone as UTC', () => {
    const instant = Date.UTC(2018, 5, 18, 22, 28, 28);
    expect(parseDate('2018-06-18T22:28:28+00:00')).toBe(instant);
    expect(parseDate('2018-06-18T22:28:28Z')).toBe(instant);
    expect(parseDate('2018-06-18T22:28:28')).toBe(instant);
    expect(parseDate('2018-06-18')).toBe(Date.UTC(2018, 5, 18));
  });

  it('applies other zone offsets', () => {
    expect(parseDate('2018-06-18T22:28:28+02:00')).toBe(Date.UTC(2018, 5, 18, 20, 28, 28));
    expect(parseDate('2018-06-18T22:28:28-05:30')).toBe(Date.UTC(2018, 5, 19, 3, 58, 28));
  });

  it('refuses dates that name no real time, and other forms', () => {
    for (const text of ['2018-02-30', '2019-02-29', '2018-13-01', '2018-06-18T24:00:00', '2018-06-18T22:60:00', '2018/06/18', '2018-06-18T22:28', '2018-06-18 22:28:28', '18-06-18', '2018-06-18T22:28:28.123Z']) {
      expect(parseDate(text), text).toBeUndefined();
    }
    expect(parseDate('2020-02-29')).toBe(Date.UTC(2020, 1, 29));
  });

  it('reads years before 100 without Date.UTC shifting them to the 1900s', () => {
    expect(parseDate('0001-01-01')).toBe(-62_135_596_800_000);
    expect(parseDate('0099-12-31T23:59:59Z')).toBe(-59_011_459_201_000);
  });

  it('compares the instance registration instant, epochMs + registeredAtMs', () => {
    const expression = parseExpression('registeredAt < 2018-02-13');
    const epochMs = Date.UTC(2018, 1, 1);
    const day = 86_400_000;
    expect(evaluate(expression, instance({ registeredAtMs: 11 * day }), { epochMs })).toBe(true);
    expect(evaluate(expression, instance({ registeredAtMs: 12 * day }), { epochMs })).toBe(false);
    // Default epoch: 2026-01-01, long after 2018.
    expect(evaluate(expression, instance({ registeredAtMs: 0 }))).toBe(false);
    expect(evaluate(parseExpression('registeredAt == 2026-01-01T00:00:00Z'), instance({ registeredAtMs: 0 }))).toBe(true);
  });
});
