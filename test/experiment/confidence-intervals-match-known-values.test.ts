import { describe, expect, it } from 'vitest';
import { summarize, tQuantile975 } from '../../src/experiment/stats.js';

describe('Student t confidence intervals', () => {
  it('the t quantile matches published values, in the table and between its rows', () => {
    // Table rows, and off-table values from R's qt(0.975, df).
    expect(tQuantile975(1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile975(4)).toBeCloseTo(2.7764, 4);
    expect(tQuantile975(19)).toBeCloseTo(2.0930, 4);
    expect(tQuantile975(35)).toBeCloseTo(2.030108, 3);
    expect(tQuantile975(45)).toBeCloseTo(2.014103, 3);
    expect(tQuantile975(200)).toBeCloseTo(1.971896, 3);
    expect(tQuantile975(1e6)).toBeCloseTo(1.959966, 4);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });

  it('decreases with the degrees of freedom towards the normal quantile', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let df = 1; df <= 500; df += 1) {
      const t = tQuantile975(df);
      expect(t).toBeLessThan(previous);
      expect(t).toBeGreaterThan(1.959963);
      previous = t;
    }
  });

  it('1..5 gives the interval R\'s t.test gives: 1.036757 to 4.963243', () => {
    const s = summarize([1, 2, 3, 4, 5]);
    expect(s?.mean).toBe(3);
    expect(s?.ci95?.[0]).toBeCloseTo(1.036757, 5);
    expect(s?.ci95?.[1]).toBeCloseTo(4.963243, 5);
    expect([s?.n, s?.min, s?.max]).toEqual([5, 1, 5]);
  });

  it('20 values: the sample standard deviation over sqrt(n), times t(19)', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i * 7919) % 101);
    const s = summarize(values);
    const mean = values.reduce((a, b) => a + b, 0) / 20;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 19);
    expect(s?.ci95?.[1]).toBeCloseTo(mean + (2.093024054 * sd) / Math.sqrt(20), 9);
  });

  it('one value has no interval; none has no summary; equal values an interval of width 0', () => {
    expect(summarize([4])).toEqual({ mean: 4, ci95: null, n: 1, min: 4, max: 4 });
    expect(summarize([])).toBeUndefined();
    expect(summarize([2, 2, 2])?.ci95).toEqual([2, 2]);
  });
});
