import { describe, expect, it } from 'vitest';
import { cpuPolicy, feed, MIN, world } from './support.js';

describe('target tracking scale-in (A-003, A-004, A-009)', () => {
  it('scales in only after 15 low minutes, then waits ScaleInCooldown (300 s default) between scale-ins', () => {
    const w = world({ initial: 10, min: 1 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(w, 'CPUUtilization', () => 20, 40);
    w.sim.run({ until: 30 * MIN });
    // 15 datapoints < 45 → ALARM at 15 min: ceil(10 × 20 / 50) = 4. Repeats are blocked until
    // 20 min (cooldown), then ceil(4 × 20 / 50) = 2, then at 25 min ceil(2 × 20 / 50) = 1.
    expect(w.svc.history).toEqual([
      { t: 15 * MIN, desired: 4 },
      { t: 20 * MIN, desired: 2 },
      { t: 25 * MIN, desired: 1 },
    ]);
  });

  it('does not scale in while the metric sits between 0.9 × target and target', () => {
    const w = world({ initial: 10 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(w, 'CPUUtilization', () => 47, 40);
    w.sim.run({ until: 40 * MIN });
    expect(w.svc.history).toEqual([]);
  });

  it('a scale-out cancels the scale-in cooldown (A-009)', () => {
    const w = world({ initial: 10, min: 1, lagMs: 10_000 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50, { ScaleInCooldown: 3600 }));
    // Low for 15 min (scale in to 4), a 4-minute spike (scale out), then low again for long.
    feed(w, 'CPUUtilization', (m) => (m < 15 ? 20 : m < 19 ? 100 : 10), 60);
    w.sim.run({ until: 60 * MIN });
    const h = w.svc.history;
    expect(h[0]).toEqual({ t: 15 * MIN, desired: 4 });
    const peak = Math.max(...h.map((x) => x.desired));
    expect(peak).toBeGreaterThan(4);
    // Without the cancel the next scale-in would wait until 75 min (15 + 60).
    const laterScaleIn = h.find((x, i) => i > 0 && x.desired < (h[i - 1] as { desired: number }).desired);
    expect(laterScaleIn?.t).toBeLessThan(60 * MIN);
  });
});
