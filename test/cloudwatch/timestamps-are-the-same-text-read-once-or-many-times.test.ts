import { describe, expect, it } from 'vitest';
import { civilFromDays, formatIsoTimestamp, formatReasonDataDate } from '../../src/cloudwatch/format.js';

/** The formats written out plainly, with no memo: what the memoized functions must return. */
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function plainIso(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const rest = ms - days * 86_400_000;
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(Math.floor(rest / 3_600_000))}:${pad(Math.floor((rest % 3_600_000) / 60_000))}:${pad(Math.floor((rest % 60_000) / 1000))}.${pad(rest % 1000, 3)}Z`;
}

describe('CloudWatch timestamps (memoized: alarms date the same minutes over and over)', () => {
  it('give the same text the first time, again, and after the memo has been emptied', () => {
    // 2022-11-08T11:25:00.000Z, C-029's form.
    expect(formatIsoTimestamp(1_667_906_700_000)).toBe('2022-11-08T11:25:00.000Z');
    expect(formatReasonDataDate(1_667_906_700_610)).toBe('2022-11-08T11:25:00.610+0000');
    // More distinct instants than the memo holds (4,096), each read twice, some of them leap-day ones.
    const instants = Array.from({ length: 10_000 }, (_, i) => 951_782_400_000 + i * 3_601_237);
    for (let round = 0; round < 2; round += 1) {
      for (const ms of instants) {
        expect(formatIsoTimestamp(ms)).toBe(plainIso(ms));
        expect(formatReasonDataDate(ms)).toBe(`${plainIso(ms).slice(0, 23)}+0000`);
      }
    }
    expect(formatIsoTimestamp(951_782_400_000)).toBe('2000-02-29T00:00:00.000Z');
    expect(formatIsoTimestamp(951_782_400_000 + 86_400_000)).toBe('2000-03-01T00:00:00.000Z');
  });
});
