import { DDSketch } from '@datadog/sketches-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ElbStats } from '../../src/elb/stats.js';
import { EXACT_LATENCY_SAMPLES, LatencySamples, RequestStats, SKETCH_RELATIVE_ACCURACY } from '../../src/traffic/stats.js';

/** The two order statistics next to rank p (0-based ⌊p(n−1)⌋ and the nearest rank ⌈pn⌉−1) of sorted samples. */
function neighbours(sorted: readonly number[], p: number): [number, number] {
  const n = sorted.length;
  const a = sorted[Math.floor(p * (n - 1))]!;
  const b = sorted[Math.min(n, Math.max(1, Math.ceil(p * n))) - 1]!;
  return [Math.min(a, b), Math.max(a, b)];
}

/** Within the sketch's relative accuracy of the exact order statistics around rank p. */
function expectWithinAccuracy(value: number, sorted: readonly number[], p: number): void {
  const [lo, hi] = neighbours(sorted, p);
  const a = SKETCH_RELATIVE_ACCURACY;
  expect(value).toBeGreaterThanOrEqual(lo * (1 - a) - 1e-9);
  expect(value).toBeLessThanOrEqual(hi * (1 + a) + 1e-9);
}

describe('latency percentiles in bounded memory', () => {
  it('are exact up to the limit and within 1% of the exact values past it; mean, count and max stay exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.double({ min: 0.001, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 2_000 }),
        fc.integer({ min: 0, max: 300 }),
        (xs, limit) => {
          const s = new LatencySamples(16, { exactUpTo: limit });
          xs.forEach((x) => s.add(x));
          const sorted = [...xs].sort((a, b) => a - b);
          const summary = s.summary();
          expect(s.exact).toBe(xs.length <= limit);
          expect(summary.count).toBe(xs.length);
          expect(summary.max).toBe(sorted.at(-1));
          expect(summary.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 6);
          for (const p of [0.5, 0.9, 0.99]) {
            const q = s.quantile(p);
            if (s.exact) expect(q).toBe(sorted[Math.ceil(p * xs.length) - 1]);
            else expectWithinAccuracy(q, sorted, p);
            expect(q).toBeLessThanOrEqual(sorted.at(-1)!);
          }
        },
      ),
      { numRuns: 200, seed: 14 },
    );
  });

  it('a million exponential latencies past a limit of 10,000 give p50, p90 and p99 within 1% of the exact ones, with no sample kept', () => {
    const s = new LatencySamples(1024, { exactUpTo: 10_000 });
    const all = new Float64Array(1_000_000);
    let x = 0x2545f491;
    for (let i = 0; i < all.length; i += 1) {
      // A small deterministic generator: xorshift32 to (0, 1), then exponential of mean 50 ms, rounded to whole ms as the clock does.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const u = ((x >>> 0) + 1) / 4_294_967_297;
      all[i] = Math.round(-50 * Math.log(u));
      s.add(all[i]!);
    }
    expect(s.exact).toBe(false);
    expect(() => s.values()).toThrow(/no longer kept/);
    const sorted = [...all].sort((a, b) => a - b);
    const summary = s.summary();
    for (const [p, v] of [
      [0.5, summary.p50],
      [0.9, summary.p90],
      [0.99, summary.p99],
    ] as const) {
      expectWithinAccuracy(v, sorted, p);
      const exact = sorted[Math.ceil(p * sorted.length) - 1]!;
      expect(Math.abs(v / exact - 1)).toBeLessThanOrEqual(SKETCH_RELATIVE_ACCURACY);
    }
    expect(summary.max).toBe(sorted.at(-1));
  });

  it('whole-ms latencies counted before they reach the sketch give the percentiles of a sketch fed one value at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 6_000 }), fc.double({ min: 0.5, max: 9_000, noNaN: true })), { minLength: 1, maxLength: 500 }), (xs) => {
        const s = new LatencySamples(16, { exactUpTo: 0 });
        const plain = new DDSketch({ relativeAccuracy: SKETCH_RELATIVE_ACCURACY });
        for (const x of xs) {
          s.add(x);
          plain.accept(x);
        }
        for (const p of [0.01, 0.5, 0.9, 0.99, 1]) expect(s.quantile(p)).toBe(Math.min(plain.getValueAtQuantile(p), Math.max(...xs)));
      }),
      { numRuns: 200, seed: 4096 },
    );
  });

  it('with exactUpTo Infinity keeps every sample; a bad limit is a RangeError', () => {
    const s = new LatencySamples(16, { exactUpTo: Number.POSITIVE_INFINITY });
    for (let i = 0; i < EXACT_LATENCY_SAMPLES + 10; i += 1) s.add(i % 1000);
    expect(s.exact).toBe(true);
    expect(s.values().length).toBe(EXACT_LATENCY_SAMPLES + 10);
    // The default keeps the same count exactly, then switches.
    const d = new LatencySamples();
    for (let i = 0; i < EXACT_LATENCY_SAMPLES; i += 1) d.add(i % 1000);
    expect(d.exact).toBe(true);
    d.add(5);
    expect(d.exact).toBe(false);
    expect(() => new LatencySamples(16, { exactUpTo: -1 })).toThrow(RangeError);
    expect(() => new LatencySamples(16, { exactUpTo: 2.5 })).toThrow(/exactUpTo must be a whole number/);
  });

  it('merging recorders merges sketches: the total of two keys is within 1% of the exact total', () => {
    const stats = new RequestStats({ exactUpTo: 50 });
    const xs: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      const v = (i * 37) % 1000;
      xs.push(v);
      stats.record(i % 3 === 0 ? 'a' : 'b', v, 200, 'target');
    }
    const total = stats.total();
    const sorted = [...xs].sort((a, b) => a - b);
    expect(total.count).toBe(400);
    expect(total.latency.max).toBe(sorted.at(-1));
    expectWithinAccuracy(total.latency.p50, sorted, 0.5);
    expectWithinAccuracy(total.latency.p99, sorted, 0.99);
    // Exact below the limit: a small total is the nearest-rank sample.
    const small = new RequestStats();
    [5, 1, 9, 3].forEach((v, i) => small.record(i % 2 === 0 ? 'a' : 'b', v, 200, 'target'));
    expect(small.total().latency).toEqual({ count: 4, mean: 4.5, p50: 3, p90: 9, p99: 9, max: 9 });
  });

  it('a load balancer summary over its target groups is a merge, exact below the limit and within 1% past it', () => {
    const stats = new ElbStats({ exactUpTo: 100 });
    const xs: number[] = [];
    for (let i = 0; i < 1_000; i += 1) {
      const v = 1 + ((i * 7919) % 2_000);
      xs.push(v);
      stats.targetGroup('front', i % 2 === 0 ? 'tg-a' : 'tg-b').record(v, 200, 'target');
    }
    const lb = stats.loadBalancerSummary('front');
    const sorted = [...xs].sort((a, b) => a - b);
    expect(lb.count).toBe(1_000);
    expect(lb.counts.HTTPCode_Target_2XX_Count).toBe(1_000);
    expectWithinAccuracy(lb.latency.p90, sorted, 0.9);
    expectWithinAccuracy(lb.latency.p99, sorted, 0.99);
  });
});
