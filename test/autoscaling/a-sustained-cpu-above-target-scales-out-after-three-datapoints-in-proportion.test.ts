import { describe, expect, it } from 'vitest';
import { targetTrackingCapacity } from '../../src/autoscaling/capacity.js';
import { cpuPolicy, feed, MIN, world } from './support.js';

describe('target tracking scale-out (A-003, A-005, A-011, C-027)', () => {
  it('CPU 80% against a 50% target on 4 running tasks sets desired to ceil(4 × 80 / 50) = 7 at the third datapoint', () => {
    const w = world({ initial: 4 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    // Load of 320 "task-percent": CPU is load / running, so scaling out lowers it.
    feed(w, 'CPUUtilization', (_, s) => 320 / s.running, 12);
    w.sim.run({ until: 12 * MIN });
    const acts = w.aas.describeScalingActivities().ScalingActivities;
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ Description: 'Setting desired count to 7.', StatusCode: 'Successful', StatusMessage: 'Successfully set desired count to 7. Change successfully fulfilled by ecs.', StartTime: 180 });
    expect(acts[0]?.Cause).toMatch(/^monitor alarm TargetTracking-service\/prod\/web-AlarmHigh-[0-9a-f-]+ in state ALARM triggered policy cpu50$/);
    expect(w.svc.history).toEqual([{ t: 3 * MIN, desired: 7 }]);
  });

  it('keeps adding while the alarm stays in ALARM, starting from the running count', () => {
    const w = world({ initial: 2, lagMs: 30_000, max: 50 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50, { ScaleOutCooldown: 0 }));
    feed(w, 'CPUUtilization', (m) => (m < 20 ? 100 : 40), 20); // metric not tied to running: stays high
    w.sim.run({ until: 6 * MIN });
    // 2 → 4 at 3 min, then from running 4 → 8, then 16: the repeat each minute (C-027).
    expect(w.svc.history.map((h) => h.desired)).toEqual([4, 8, 16, 32]);
  });

  it('targetTrackingCapacity rounds up and never loses a task to float noise', () => {
    expect(targetTrackingCapacity(4, 80, 50)).toBe(7);
    expect(targetTrackingCapacity(3, 0.7, 0.7)).toBe(3);
    expect(targetTrackingCapacity(10, 20, 50)).toBe(4);
    expect(targetTrackingCapacity(10, 0, 50)).toBe(0);
  });
});
