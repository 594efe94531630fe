import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breaches, decideRange, evaluateRange, type EvaluationSettings, type RangeEvaluation, type RangePoint } from '../../src/cloudwatch/evaluation.js';

// Alarms are evaluated every minute, so evaluation.ts counts in plain loops and an alarm
// whose state stays asks only for the decision (`decideRange`, nothing built). Both must
// decide exactly as evaluateRange's documented rules (C-025, C-026) written out plainly:
// the same state, evaluated points, breaching count, fill and premature flag.

function plain(range: readonly (RangePoint | undefined)[], s: EvaluationSettings): RangeEvaluation {
  const n = s.EvaluationPeriods;
  const m = s.DatapointsToAlarm;
  const breach = (p: RangePoint): boolean => breaches(s.ComparisonOperator, p.value, s.Threshold);
  const real = range.filter((p): p is RangePoint => p !== undefined);
  const oldestRealAge = real.length === 0 ? 0 : range.length - range.indexOf(real[0]);
  const result = (state: RangeEvaluation['state'], evaluated: RangePoint[], filled = 0, fillAs: RangeEvaluation['fillAs'] = undefined, premature = false): RangeEvaluation => ({ state, evaluated, breaching: evaluated.filter(breach).length, filled, fillAs, premature });
  if (real.length >= n) {
    const evaluated = real.slice(real.length - n);
    return result(evaluated.filter(breach).length >= m ? 'ALARM' : 'OK', evaluated);
  }
  const fill = n - real.length;
  const realBreaching = real.filter(breach).length;
  switch (s.TreatMissingData) {
    case 'breaching':
      return result(realBreaching + fill >= m ? 'ALARM' : 'OK', real, fill, 'Breaching');
    case 'notBreaching':
      return result(realBreaching >= m ? 'ALARM' : 'OK', real, fill, 'NonBreaching');
    default: {
      if (real.length === 0) return result(s.TreatMissingData === 'missing' ? 'INSUFFICIENT_DATA' : undefined, real);
      if (realBreaching >= m) return result('ALARM', real);
      if (realBreaching === real.length && oldestRealAge >= m) return result(s.TreatMissingData === 'missing' ? 'ALARM' : undefined, real, 0, undefined, true);
      return result('OK', real);
    }
  }
}

const settings = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    EvaluationPeriods: fc.constant(n),
    DatapointsToAlarm: fc.integer({ min: 1, max: n }),
    TreatMissingData: fc.constantFrom('missing' as const, 'ignore' as const, 'breaching' as const, 'notBreaching' as const),
    ComparisonOperator: fc.constantFrom('GreaterThanThreshold' as const, 'GreaterThanOrEqualToThreshold' as const, 'LessThanThreshold' as const, 'LessThanOrEqualToThreshold' as const),
    Threshold: fc.constantFrom(0, 1, 2),
    extra: fc.integer({ min: 0, max: 3 }),
  }),
);

describe('the counted alarm evaluation', () => {
  it('decides, evaluates and fills exactly as the rules written plainly, and decideRange gives the same state', () => {
    fc.assert(
      fc.property(settings, fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { minLength: 9, maxLength: 9 }), (s, values) => {
        const range = values.slice(0, s.EvaluationPeriods + s.extra).map((v, i) => (v === undefined ? undefined : { timestampMs: i * 60_000, value: v }));
        const want = plain(range, s);
        expect(evaluateRange(range, s)).toEqual(want);
        expect(decideRange(range, s)).toBe(want.state);
      }),
      { numRuns: 2000 },
    );
  });
});
