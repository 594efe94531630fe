import { describe, expect, it } from 'vitest';
import { cpuPolicy, feed, MIN, world } from './support.js';

// A-010 (and the TargetTrackingScalingPolicyConfiguration API's ScaleOutCooldown): "While
// the cooldown period is in effect, the capacity added by the initiating scale-out activity
// is calculated as part of the desired capacity for the next scale-out activity" and the
// policy "won't increase the desired capacity again unless either a larger scale out is
// triggered or the cooldown period ends". AlarmHigh repeats its action every minute while in
// ALARM (C-027); the datapoints lag the new tasks, so counting each repeat from the running
// count (already grown) would multiply the same stale load again and again.

describe('target tracking scale-out cooldown (A-009, A-010, C-027)', () => {
  it('a repeat during the cooldown counts from the capacity before it: the same stale load adds nothing more', () => {
    const w = world({ initial: 4, lagMs: 20_000 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    // The CPU datapoints describe 4 busy tasks for the first 6 minutes (they lag), then the load spread over whatever runs.
    feed(w, 'CPUUtilization', (m, s) => (m < 6 ? 60 : (4 * 60) / s.running), 20);
    w.sim.run({ until: 20 * MIN });
    // At 3 min: ceil(4 × 60 / 50) = 5. The repeats at 4, 5 and 6 min still see 60% but count
    // from 4, not from the 5 running: ceil(4 × 60 / 50) = 5 again, no scale-out. Afterwards 240/5 = 48% < 50.
    expect(w.svc.history).toEqual([{ t: 3 * MIN, desired: 5 }]);
  });

  it('a larger scale-out during the cooldown still happens, counted from the capacity before it', () => {
    const w = world({ initial: 4, lagMs: 20_000, max: 50 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    // The load keeps growing: 60% of 4 tasks, then 100% of 4 tasks' worth.
    feed(w, 'CPUUtilization', (m) => (m < 3 ? 60 : 100), 6);
    w.sim.run({ until: 7 * MIN });
    // 3 min: ceil(4 × 60 / 50) = 5; 4 min: the metric now says 100%: ceil(4 × 100 / 50) = 8 (from 4, not from 5 running: 10).
    expect(w.svc.history).toEqual([
      { t: 3 * MIN, desired: 5 },
      { t: 4 * MIN, desired: 8 },
    ]);
  });

  it('after the cooldown (300 s by default for ECS services) a repeat counts from the running count again', () => {
    const w = world({ initial: 4, lagMs: 20_000, max: 50 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(w, 'CPUUtilization', () => 60, 12);
    w.sim.run({ until: 12 * MIN });
    // 3 min: 5; repeats at 4..7 min count from 4: 5, nothing; at 8 min the cooldown (3 + 5 min) is over: ceil(5 × 60 / 50) = 6.
    expect(w.svc.history.slice(0, 2)).toEqual([
      { t: 3 * MIN, desired: 5 },
      { t: 8 * MIN, desired: 6 },
    ]);
  });
});
