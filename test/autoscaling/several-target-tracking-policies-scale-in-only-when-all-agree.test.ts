import { describe, expect, it } from 'vitest';
import { cpuPolicy, feed, MIN, world } from './support.js';

describe('several target-tracking policies (A-008)', () => {
  it('does not scale in on low CPU while the memory policy is not also low', () => {
    const w = world({ initial: 10 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    w.aas.putScalingPolicy({ ...cpuPolicy('mem60', 60), TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } } });
    feed(w, 'CPUUtilization', () => 10, 30);
    feed(w, 'MemoryUtilization', () => 57, 30); // between 0.9 × 60 = 54 and 60: no AlarmLow
    w.sim.run({ until: 30 * MIN });
    expect(w.svc.history).toEqual([]);
  });

  it('when both are low, takes the larger of their capacities', () => {
    const w = world({ initial: 10 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    w.aas.putScalingPolicy({ ...cpuPolicy('mem60', 60), TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } } });
    feed(w, 'CPUUtilization', () => 10, 30); // → ceil(10 × 10 / 50) = 2
    feed(w, 'MemoryUtilization', () => 30, 30); // → ceil(10 × 30 / 60) = 5
    w.sim.run({ until: 15 * MIN + 1 });
    expect(w.svc.history).toEqual([{ t: 15 * MIN, desired: 5 }]);
  });
});
