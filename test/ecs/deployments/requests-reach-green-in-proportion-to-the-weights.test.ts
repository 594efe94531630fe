import { describe, expect, it } from 'vitest';
import { runBlueGreen, shifts } from './blue-green-support.js';

// ecs-facts L-040, S-099: during a canary the listener forwards canaryPercent of requests to
// green's target group; a workload's requests really split that way.
describe('request-level traffic during a canary (L-040, S-099)', () => {
  it('sends about canaryPercent of the requests to green', () => {
    const { result, records } = runBlueGreen({
      deployment: '        strategy: CANARY\n        canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 60 }',
      until: '20m',
      workloads: 'workloads:\n  - { name: shoppers, target: shop, port: 80, start: 10m, arrivals: { constant: 20/s } }\n',
    });
    // The canary shift came before the workload started, and nothing moved after it.
    expect(shifts(records)).toHaveLength(1);
    expect(shifts(records)[0]?.t).toBeLessThan(10 * 60_000);
    const groups = result.elb?.targetGroups ?? [];
    const blue = groups.find((g) => g.TargetGroup.TargetGroupName === 'web-a')?.requests?.count ?? 0;
    const green = groups.find((g) => g.TargetGroup.TargetGroupName === 'web-b')?.requests?.count ?? 0;
    expect(blue + green).toBeGreaterThan(11_000);
    // Binomial(12000, 0.2): sd ≈ 44; ±200 is under 5 sd.
    expect(Math.abs(green - 0.2 * (blue + green))).toBeLessThan(200);
  });
});
