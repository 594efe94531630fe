import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricStore, statisticOf, type Dimension, type MetricId, type SeriesPoint, type Statistic } from '../../src/cloudwatch/metric-store.js';

// An alarm reads its datapoints through a window reader (metric-store.ts, WindowReader)
// that keeps each window's answer until a put, or a sample turning visible, may have
// changed it (issue 14: an alarm re-reads the same minutes every minute of its range).
// Whatever was put, read and waited before, and whenever the reader was made, its answer
// must be the one summarizing the window now gives: the same datapoint to the bit, the
// same sample count.

const MIN = 60_000;
const dims: Dimension[] = [{ Name: 'ServiceName', Value: 'web' }];
const cpu: MetricId = { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: dims };

const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), minutesBack: fc.integer({ min: 0, max: 4 }), secondsIn: fc.integer({ min: 0, max: 59 }), values: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), minutesBack: fc.integer({ min: 0, max: 4 }), sum: fc.double({ min: 0, max: 1e3, noNaN: true }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), reader: fc.integer({ min: 0, max: 3 }), windows: fc.integer({ min: 1, max: 8 }), offsetMs: fc.constantFrom(0, 0, 0, 15_000), asRange: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(0, 1, 10_000, 30_000, MIN, MIN, 5 * MIN, 13 * MIN) }) },
);

/** The readers a run may make: an alarm's usual one, a percentile, a longer period sliding by the minute, a sub-minute one. */
const READERS: readonly { readonly periodSeconds: number; readonly stat: Statistic; readonly slotMs: number }[] = [
  { periodSeconds: 60, stat: 'Average', slotMs: MIN },
  { periodSeconds: 60, stat: 'p90', slotMs: MIN },
  { periodSeconds: 300, stat: 'Sum', slotMs: MIN },
  { periodSeconds: 30, stat: 'Maximum', slotMs: 10_000 },
];

describe('a window reader answers as summarizing the window now would', () => {
  it('gives the same datapoint, to the bit, and the same sample count as a fresh summary, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 100 }), fc.constantFrom(0, 60_000, 120_000, 300_000), fc.boolean(), fc.integer({ min: 0, max: 30 }), (steps, delayMs, retaining, readersFromStep) => {
        const clock = { now: 20 * MIN };
        const store = new MetricStore(clock, { publicationDelayMs: delayMs });
        if (retaining) {
          store.need(cpu, 12 * 5 * MIN);
          store.retainOnlyWhatIsRead();
        }
        steps.forEach((s, i) => {
          const minute = Math.floor(clock.now / MIN) * MIN;
          if (s.kind === 'put') {
            const t = minute - s.minutesBack * MIN + s.secondsIn * 1000;
            store.putMetricValues(cpu.Namespace, cpu.MetricName, dims, s.values, t, 'Percent');
          } else if (s.kind === 'set') {
            store.putStatisticSet(cpu.Namespace, cpu.MetricName, dims, { SampleCount: 2, Sum: s.sum, Minimum: 0, Maximum: s.sum }, minute - s.minutesBack * MIN);
          } else if (s.kind === 'wait') {
            clock.now += s.ms;
          } else if (i >= readersFromStep) {
            // A reader made late finds puts made before it existed (some not yet visible).
            const spec = READERS[s.reader] as (typeof READERS)[number];
            const reader = store.windowReader(cpu, spec.periodSeconds, spec.stat, spec.slotMs, s.windows);
            const periodMs = spec.periodSeconds * 1000;
            const end = Math.floor(clock.now / spec.slotMs) * spec.slotMs - s.offsetMs;
            // The whole range in one call (as an alarm reads it), or window by window.
            const range: (SeriesPoint | undefined)[] = [];
            if (s.asRange) reader.range(range, end, s.windows);
            for (let w = 0; w < s.windows; w++) {
              const start = end - (w + 1) * periodMs;
              const fresh = store.summarize(cpu, start, start + periodMs, spec.stat.startsWith('p'));
              const value = fresh === undefined ? undefined : statisticOf(fresh, spec.stat);
              const got = s.asRange ? range[s.windows - 1 - w] : reader.point(start);
              if (value === undefined) expect(got).toBeUndefined();
              else {
                expect(got?.timestampMs).toBe(start);
                expect(Object.is(got?.value, value)).toBe(true);
              }
              expect(reader.sampleCount(start)).toBe(fresh?.SampleCount ?? 0);
            }
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('is one reader for one metric, period, statistic and slot, and refuses a period CloudWatch refuses', () => {
    const store = new MetricStore({ now: 0 });
    const a = store.windowReader(cpu, 60, 'Average', MIN, 5);
    expect(store.windowReader({ ...cpu, Dimensions: [...dims] }, 60, 'Average', MIN, 17)).toBe(a);
    expect(store.windowReader(cpu, 60, 'Maximum', MIN, 5)).not.toBe(a);
    expect(() => store.windowReader(cpu, 45, 'Average', MIN, 5)).toThrow(/Period/);
  });
});
