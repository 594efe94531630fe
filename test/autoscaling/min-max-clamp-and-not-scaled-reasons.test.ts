import { describe, expect, it } from 'vitest';
import { cpuPolicy, feed, MIN, RESOURCE, world } from './support.js';

describe('MinCapacity / MaxCapacity (A-011, A-018)', () => {
  it('clamps to MaxCapacity, then records AlreadyAtMaxCapacity once as a not-scaled activity', () => {
    const w = world({ initial: 4, max: 6 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(w, 'CPUUtilization', () => 90, 10);
    w.sim.run({ until: 10 * MIN });
    expect(w.svc.history).toEqual([{ t: 3 * MIN, desired: 6 }]);
    expect(w.aas.describeScalingActivities().ScalingActivities).toHaveLength(1);
    const all = w.aas.describeScalingActivities({ IncludeNotScaledActivities: true }).ScalingActivities;
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ Description: 'Attempting to scale due to alarm triggered', StatusCode: 'Failed', NotScaledReasons: [{ Code: 'AlreadyAtMaxCapacity', MaxCapacity: 6 }], StartTime: 240 });
  });

  it('jumps to MinCapacity first when the desired count is below it and a scale-out alarm fires', () => {
    const w = world({ initial: 2, min: 5 });
    w.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(w, 'CPUUtilization', () => 55, 4);
    w.sim.run({ until: 3 * MIN + 1 });
    // ceil(2 × 55 / 50) = 3 would be below MinCapacity: the jump is to 5.
    expect(w.svc.history).toEqual([{ t: 3 * MIN, desired: 5 }]);
  });

  it('a scale-in alarm below MinCapacity does nothing; above MaxCapacity it comes down to MaxCapacity', () => {
    const low = world({ initial: 2, min: 5 });
    low.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(low, 'CPUUtilization', () => 5, 20);
    low.sim.run({ until: 20 * MIN });
    expect(low.svc.history).toEqual([]);
    expect(low.aas.describeScalingActivities({ IncludeNotScaledActivities: true }).ScalingActivities[0]?.NotScaledReasons).toEqual([{ Code: 'AlreadyAtMinCapacity', MinCapacity: 5 }]);

    const high = world({ initial: 12, max: 8 });
    high.aas.putScalingPolicy(cpuPolicy('cpu50', 50));
    feed(high, 'CPUUtilization', () => 44, 20);
    high.sim.run({ until: 16 * MIN });
    expect(high.svc.history).toEqual([{ t: 15 * MIN, desired: 8 }]);
  });

  it('describes the scalable target in API shape', () => {
    const w = world({ min: 2, max: 9 });
    expect(w.aas.describeScalableTargets().ScalableTargets).toEqual([
      {
        ServiceNamespace: 'ecs',
        ResourceId: RESOURCE,
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: 2,
        MaxCapacity: 9,
        RoleARN: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
        CreationTime: 0,
        SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      },
    ]);
  });
});
