import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencySamples, RequestStats } from '../../src/traffic/stats.js';

describe('latency statistics', () => {
  it('percentiles are the exact nearest-rank samples, mean and max exact, for any samples', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3_000 }), (xs) => {
        const s = new LatencySamples(16);
        xs.forEach((x) => s.add(x));
        const sorted = [...xs].sort((a, b) => a - b);
        const rank = (p: number): number => sorted[Math.ceil(p * xs.length) - 1]!;
        const summary = s.summary();
        expect(summary.count).toBe(xs.length);
        expect(summary.p50).toBe(rank(0.5));
        expect(summary.p90).toBe(rank(0.9));
        expect(summary.p99).toBe(rank(0.99));
        expect(summary.max).toBe(sorted[sorted.length - 1]);
        expect(summary.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 6);
        // At least p of the samples are at or below the p-quantile, and fewer are strictly below it.
        for (const p of [0.5, 0.9, 0.99]) {
          const q = s.quantile(p);
          expect(xs.filter((x) => x <= q).length).toBeGreaterThanOrEqual(p * xs.length);
          expect(xs.filter((x) => x < q).length).toBeLessThan(p * xs.length);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('of 1..100 ms gives p50 50, p90 90, p99 99, max 100; an empty list gives zeros', () => {
    const s = new LatencySamples();
    for (let i = 100; i >= 1; i -= 1) s.add(i);
    expect(s.summary()).toEqual({ count: 100, mean: 50.5, p50: 50, p90: 90, p99: 99, max: 100 });
    s.add(0.5);
    expect(s.quantile(0.01)).toBe(1);
    expect(new LatencySamples().summary()).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('counts responses by status and source per key, errors being statuses of 400 or more', () => {
    const stats = new RequestStats();
    stats.record('tg-web', 12, 200, 'target');
    stats.record('tg-web', 3, 503, 'elb');
    stats.record('tg-web', 40, 503, 'target');
    stats.record('tg-web', 5_000, 460, 'client');
    stats.record('tg-api', 7, 404, 'target');
    stats.record('tg-api', 8, 200, 'target');
    expect(stats.summary('tg-web')).toMatchObject({
      key: 'tg-web',
      count: 4,
      errors: 3,
      codes: [
        { status: 200, source: 'target', count: 1 },
        { status: 460, source: 'client', count: 1 },
        { status: 503, source: 'elb', count: 1 },
        { status: 503, source: 'target', count: 1 },
      ],
    });
    expect(stats.recorder('tg-web').countOf(503)).toBe(2);
    expect(stats.recorder('tg-web').countOf(503, 'elb')).toBe(1);
    expect(stats.keys()).toEqual(['tg-api', 'tg-web']);
    const total = stats.total();
    expect([total.key, total.count, total.errors, total.latency.max]).toEqual(['*', 6, 4, 5_000]);
    expect(JSON.parse(JSON.stringify(stats.summaries()))).toEqual(stats.summaries());
  });
});
