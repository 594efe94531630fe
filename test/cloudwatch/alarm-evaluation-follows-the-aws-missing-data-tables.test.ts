import { describe, expect, it } from 'vitest';
import { evaluateRange } from '../../src/cloudwatch/evaluation.js';
import type { TreatMissingData } from '../../src/cloudwatch/schema.js';

/** The two tables of CloudWatch's user guide (AlarmThatSendsEmail, ecs-facts C-025/C-026); range 5, oldest first. */
const range = (pattern: string) => pattern.split(' ').map((c, i) => (c === '-' ? undefined : { timestampMs: i * 60_000, value: c === 'X' ? 1 : 0 }));
const run = (pattern: string, m: number, treat: TreatMissingData) =>
  evaluateRange(range(pattern), { EvaluationPeriods: 3, DatapointsToAlarm: m, TreatMissingData: treat, ComparisonOperator: 'GreaterThanThreshold', Threshold: 0.5 }).state ?? 'retain';

describe('alarm evaluation on missing data', () => {
  it.each([
    ['0 - X - X', 3, 'OK', 'OK', 'OK', 'OK'],
    ['0 - - - -', 3, 'OK', 'OK', 'OK', 'OK'],
    ['- - - - -', 3, 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
    ['0 X X - X', 3, 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['- - X - -', 3, 'ALARM', 'retain', 'ALARM', 'OK'],
    ['0 - X - X', 2, 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['0 0 X 0 X', 2, 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['0 - X - -', 2, 'OK', 'OK', 'ALARM', 'OK'],
    ['- - - - 0', 2, 'OK', 'OK', 'ALARM', 'OK'],
    ['- - - X -', 2, 'ALARM', 'retain', 'ALARM', 'OK'],
  ] as const)('%s with %i of 3: missing %s, ignore %s, breaching %s, notBreaching %s', (p, m, missing, ignore, breaching, notBreaching) => {
    expect([run(p, m, 'missing'), run(p, m, 'ignore'), run(p, m, 'breaching'), run(p, m, 'notBreaching')]).toEqual([missing, ignore, breaching, notBreaching]);
  });
  it('does not alarm prematurely on - - - - X or - - - X - (3 of 3)', () => {
    expect(run('- - - - X', 3, 'missing')).toBe('OK');
    expect(run('- - - X -', 3, 'missing')).toBe('OK');
  });
});
