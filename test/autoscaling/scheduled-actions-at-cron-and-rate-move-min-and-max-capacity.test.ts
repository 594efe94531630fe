import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextCronTime, parseCron, parseUtcDateTime } from '../../src/autoscaling/schedule.js';
import { civilFromDays, daysFromCivil } from '../../src/autoscaling/schedule.js';
import { MIN, RESOURCE, world } from './support.js';

const ORIGIN = parseUtcDateTime('2024-01-01T00:00:00'); // a Monday
const action = (name: string, Schedule: string, ScalableTargetAction: Record<string, number>, extra: Record<string, unknown> = {}) => ({ ServiceNamespace: 'ecs', ScheduledActionName: name, ResourceId: RESOURCE, ScalableDimension: 'ecs:service:DesiredCount', Schedule, ScalableTargetAction, ...extra });

describe('scheduled actions (A-015, A-010)', () => {
  it('at(...) raises MinCapacity and with it the desired count, at that time', () => {
    const w = world({ initial: 2, epochOriginMs: ORIGIN });
    w.aas.putScheduledAction(action('morning', 'at(2024-01-01T00:10:00)', { MinCapacity: 8 }));
    w.sim.run({ until: 20 * MIN });
    expect(w.svc.history).toEqual([{ t: 10 * MIN, desired: 8 }]);
    expect(w.aas.describeScalableTargets().ScalableTargets[0]?.MinCapacity).toBe(8);
    expect(w.aas.describeScalingActivities().ScalingActivities[0]).toMatchObject({ Cause: 'scheduled action name morning was triggered', Description: 'Setting min capacity to 8', StartTime: (ORIGIN + 10 * MIN) / 1000 });
  });

  it('rate(30 minutes) fires every 30 minutes; MaxCapacity below the desired count lowers it', () => {
    const w = world({ initial: 10, epochOriginMs: ORIGIN });
    w.aas.putScheduledAction(action('cap', 'rate(30 minutes)', { MaxCapacity: 6 }));
    w.sim.run({ until: 95 * MIN });
    expect(w.svc.history).toEqual([{ t: 30 * MIN, desired: 6 }]);
    expect(w.aas.describeScalingActivities().ScalingActivities.map((a) => a.StartTime - ORIGIN / 1000)).toEqual([1800, 3600, 5400]);
  });

  it('cron(0 8 ? * MON-FRI *) runs at 08:00 UTC on weekdays only, and stops at EndTime', () => {
    const w = world({ initial: 1, epochOriginMs: ORIGIN });
    w.aas.putScheduledAction(action('weekday', 'cron(0 8 ? * MON-FRI *)', { MinCapacity: 3 }, { EndTime: '2024-01-09T00:00:00' }));
    w.sim.run({ until: 10 * 24 * 60 * MIN });
    const days = w.aas.describeScalingActivities().ScalingActivities.map((a) => (a.StartTime * 1000 - ORIGIN) / (24 * 60 * MIN));
    // Mon 1st … Fri 5th, Mon 8th, at 08:00 (1/3 day); the 9th is after EndTime.
    expect(days.map((d) => Math.round(d * 3) / 3)).toEqual([0, 1, 2, 3, 4, 7].map((d) => d + 1 / 3));
  });

  it('cron matcher: AWS day-of-week numbering (1 = SUN), lists, ranges, steps, year', () => {
    const sat = parseUtcDateTime('2024-01-06T00:00:00');
    expect(nextCronTime(parseCron('0 8 ? * MON-FRI *'), sat)).toBe(parseUtcDateTime('2024-01-08T08:00:00'));
    expect(nextCronTime(parseCron('0 8 ? * 1 *'), sat)).toBe(parseUtcDateTime('2024-01-07T08:00:00'));
    expect(nextCronTime(parseCron('*/15 * * * ? *'), parseUtcDateTime('2024-01-06T10:16:00'))).toBe(parseUtcDateTime('2024-01-06T10:30:00'));
    expect(nextCronTime(parseCron('0 0 29 FEB ? 2025-2028'), sat)).toBe(parseUtcDateTime('2028-02-29T00:00:00'));
    expect(nextCronTime(parseCron('0 0 1 1 ? 2023'), sat)).toBeUndefined();
    expect(() => parseCron('0 8 * * MON *')).toThrow(/exactly one of day-of-month or day-of-week must be "\?"/);
    expect(() => parseCron('0 8 L * ? *')).toThrow(/L, W or #/);
  });

  it('civil-date arithmetic agrees with the host calendar (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (day) => {
        const c = civilFromDays(day);
        return daysFromCivil(c.year, c.month, c.day) === day && Date.UTC(c.year, c.month - 1, c.day) === day * 86_400_000;
      }),
    );
  });

  it('ScheduledScalingSuspended stops scheduled actions (A-016)', () => {
    const w = world({ initial: 2, epochOriginMs: ORIGIN });
    w.aas.registerScalableTarget({ ServiceNamespace: 'ecs', ResourceId: RESOURCE, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 20, SuspendedState: { ScheduledScalingSuspended: true } }, w.svc);
    w.aas.putScheduledAction(action('morning', 'at(2024-01-01T00:10:00)', { MinCapacity: 8 }));
    w.sim.run({ until: 20 * MIN });
    expect(w.svc.history).toEqual([]);
  });
});
