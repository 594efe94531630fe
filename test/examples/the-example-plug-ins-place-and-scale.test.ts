import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/simulate.js';
import { cli, ROOT } from '../support.js';
// @ts-expect-error: plain ES modules, the plug-ins a user would write.
import { interference, leastInterference } from '../../examples/least-interference.js';
// @ts-expect-error: plain ES modules, the plug-ins a user would write.
import { predictiveScaling, profileAt } from '../../examples/predictive-scaling.js';

const EXAMPLES = join(ROOT, 'examples');

describe('examples/least-interference.js', () => {
  it('ranks tasks of the same group heavily and any other task lightly', () => {
    const reservations = (...groups: string[]): Map<string, { group: string }> => new Map(groups.map((g, i) => [`t${i}`, { group: g }]));
    expect(interference(reservations(), 'service:web')).toBe(0);
    expect(interference(reservations('service:db', 'service:db'), 'service:web')).toBe(2);
    expect(interference(reservations('service:web'), 'service:web')).toBe(1001);
    expect(leastInterference.args.safeParse('x').success).toBe(false);
  });

  it('loaded with --plugin, spreads a group that binpack would stack: every task on its own instance', async () => {
    const result = await simulate(join(ROOT, 'scenarios', '07-placement-strategies.yaml'), {
      plugins: [join(EXAMPLES, 'least-interference.js')],
      set: ['timeline[0].runTask.placementStrategy=[{type: leastInterference}]'],
      decisions: true,
    });
    const packed = result.ecs?.tasksByLabel['packed'] ?? [];
    expect(packed.length).toBe(3);
    expect(new Set(packed.map((t) => t.containerInstanceArn)).size).toBe(3);
    const binpack = await simulate(join(ROOT, 'scenarios', '07-placement-strategies.yaml'));
    expect(new Set((binpack.ecs?.tasksByLabel['packed'] ?? []).map((t) => t.containerInstanceArn)).size).toBe(1);
  });
});

describe('examples/predictive-scaling.js', () => {
  const profile = [
    { At: '00:00', DesiredCount: 2 },
    { At: '08:00', DesiredCount: 6 },
    { At: '18:00', DesiredCount: 3 },
  ];
  it('reads a daily step profile, wrapping at midnight', () => {
    const h = 3_600_000;
    expect(profileAt(profile, 0)).toBe(2);
    expect(profileAt(profile, 8 * h - 1)).toBe(2);
    expect(profileAt(profile, 8 * h)).toBe(6);
    expect(profileAt(profile, 23 * h)).toBe(3);
    expect(profileAt(profile, 24 * h + 9 * h)).toBe(6);
    expect(profileAt([{ At: '06:00', DesiredCount: 4 }, { At: '20:00', DesiredCount: 1 }], h)).toBe(1);
  });

  it('decides LeadMinutes ahead of the profile, from the view alone', () => {
    const behaviour = predictiveScaling.create(predictiveScaling.args.parse({ Profile: profile, LeadMinutes: 30 }));
    const view = (nowMs: number, desiredCount: number) => ({ nowMs, desiredCount, runningCount: desiredCount, alarm: { AlarmName: 'a', key: 'Tick', Threshold: 0, EvaluationPeriods: 1, state: 'ALARM', datapoints: [] }, scaleOutCooldown: { active: false, baseCapacity: 0 }, otherPolicies: [] });
    expect(behaviour.decide(view(7.5 * 3_600_000, 2))).toMatchObject({ direction: 'out', desired: 6 });
    expect(behaviour.decide(view(7.4 * 3_600_000, 2))).toMatchObject({ direction: 'none' });
    expect(behaviour.decide(view(17.5 * 3_600_000, 6))).toMatchObject({ direction: 'in', desired: 3 });
    expect(predictiveScaling.args.safeParse({ Profile: [{ At: '9:00', DesiredCount: 1 }] }).success).toBe(false);
    expect(predictiveScaling.args.safeParse({ Profile: [{ At: '10:00', DesiredCount: 1 }, { At: '09:00', DesiredCount: 2 }] }).success).toBe(false);
  });

  it('its scenario passes with --plugin: six tasks asked for 15 minutes before 01:00, three before 02:00', async () => {
    const { code, out, err } = await cli('run', join(EXAMPLES, 'predictive-scaling.yaml'), '--plugin', join(EXAMPLES, 'predictive-scaling.js'));
    expect(err).toBe('');
    expect(out).toContain('expectations  3 passed, 0 failed');
    expect(out).toMatch(/ {2}45:00\.0 {4}Successful {2}Setting desired count to 6\./);
    expect(code).toBe(0);
  });
});
