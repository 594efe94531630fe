import { describe, expect, it } from 'vitest';
import { alarmBakeTimeMs, DEFAULT_ALARM_BAKE_TIME_MS } from '../../../src/ecs/service/deployment-alarms.js';
import { alarmedConfig, buildAlarmed, FakeAlarms, MIN, UPDATE_AT } from './deployment-alarms-support.js';

// ecs-facts S-089: after the deployment would be done, ECS keeps watching the alarms for a
// bake time and the deployment stays IN_PROGRESS; the formula is unverified (assumption:
// the longest Period × EvaluationPeriods, at least 5 minutes).
function completion(alarms: FakeAlarms) {
  const m = buildAlarmed(alarmedConfig(), [], alarms);
  const seen: { t: number; state: string }[] = [];
  m.sim.run({
    until: 40 * MIN,
    stopWhen: () => {
      const d = m.cp.scheduler.services.get('web')?.deployments.find((x) => x.taskDefinition.endsWith('web:2'));
      if (d !== undefined && seen.at(-1)?.state !== d.rolloutState) seen.push({ t: m.sim.now, state: d.rolloutState });
      return false;
    },
  });
  const r = m.model.result();
  const events = (r.services['web']?.events ?? []).filter((e) => e.createdAt >= UPDATE_AT);
  const steadyAt = Math.min(...events.filter((e) => e.message.endsWith('has reached a steady state.')).map((e) => e.createdAt));
  return { seen, steadyAt, completedAt: seen.find((s) => s.state === 'COMPLETED')?.t ?? Infinity };
}

describe('the alarm bake time (S-089)', () => {
  it('stays IN_PROGRESS for the bake time after the service is steady, then COMPLETED', () => {
    const { seen, steadyAt, completedAt } = completion(new FakeAlarms({ Period: 60, EvaluationPeriods: 3 }));
    expect(seen.map((s) => s.state)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    expect(completedAt - steadyAt).toBeGreaterThanOrEqual(DEFAULT_ALARM_BAKE_TIME_MS);
    expect(completedAt - steadyAt).toBeLessThan(DEFAULT_ALARM_BAKE_TIME_MS + 5_000);
  });

  it('a longer alarm evaluation makes a longer bake', () => {
    const { steadyAt, completedAt } = completion(new FakeAlarms({ Period: 60, EvaluationPeriods: 10 }));
    expect(completedAt - steadyAt).toBeGreaterThanOrEqual(10 * MIN);
    expect(completedAt - steadyAt).toBeLessThan(10 * MIN + 5_000);
  });

  it('the bake time is the longest Period × EvaluationPeriods of the listed alarms, at least 5 minutes', () => {
    const link = { stateOf: () => 'OK' as const, onStateChange: () => {}, evaluationOf: (n: string) => (n === 'a' ? { Period: 60, EvaluationPeriods: 2 } : { Period: 300, EvaluationPeriods: 3 }) };
    expect(alarmBakeTimeMs(['a'], link)).toBe(5 * MIN);
    expect(alarmBakeTimeMs(['a', 'b'], link)).toBe(15 * MIN);
  });
});
