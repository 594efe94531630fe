import { describe, expect, it } from 'vitest';
import { listenerRuleArn } from '../../src/elb/arn.js';
import { listen, runUntil, sendMany, world } from './support.js';

// ecs-facts L-040: a forward splits requests by weight; ModifyRule / ModifyListener change the
// weights (what ECS does during a blue/green deployment, S-101), and requests follow at once.
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };

function front() {
  const w = world({
    targetGroups: [
      { Name: 'blue', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', ...FAST },
      { Name: 'green', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', ...FAST },
    ],
    loadBalancers: [
      {
        Name: 'front',
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
        Listeners: [
          {
            Port: 80,
            Protocol: 'HTTP',
            DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
            Rules: [{ Priority: 7, Conditions: [{ Field: 'path-pattern', Values: ['/*'] }], Actions: [{ Type: 'forward', TargetGroupArn: 'blue' }] }],
          },
        ],
      },
    ],
    model: { registrationDelay: { application: '0s' }, firstCheckJitter: '0s' },
  });
  const b = listen(w, '10.0.0.5:8080');
  const g = listen(w, '10.0.1.5:8080');
  w.elb.registerTargets('blue', [{ Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' }]);
  return { w, b, g };
}

describe('ModifyRule with new forward weights (ecs-facts L-040)', () => {
  it('moves requests from blue to green in proportion to the new weights', () => {
    const { w, b, g } = front();
    // Green joins the rule at weight 0 (its group becomes the load balancer's, and is health-checked).
    w.elb.modifyForward('front:80:7', [
      { TargetGroupArn: 'blue', Weight: 100 },
      { TargetGroupArn: 'green', Weight: 0 },
    ]);
    w.elb.registerTargets('green', [{ Id: '10.0.1.5', AvailabilityZone: 'us-east-1b' }]);
    runUntil(w, 20_000);
    sendMany(w, w.elb.listenerEndpoint('front', 80), 1_000, 1);
    runUntil(w, 30_000);
    expect([b.requests.length, g.requests.length]).toEqual([1_000, 0]);
    w.elb.modifyForward('front:80:7', [
      { TargetGroupArn: 'blue', Weight: 75 },
      { TargetGroupArn: 'green', Weight: 25 },
    ]);
    sendMany(w, w.elb.listenerEndpoint('front', 80), 4_000, 1);
    runUntil(w, 40_000);
    // Binomial(4000, 1/4): sd ≈ 27; ±100 is under 4 sd.
    expect(Math.abs(g.requests.length - 1_000)).toBeLessThan(100);
    expect(b.requests.length + g.requests.length).toBe(5_000);
  });

  it('takes the rule by its ARN, and names a rule that does not exist', () => {
    const { w } = front();
    const lb = w.elb.loadBalancer('front');
    const listener = lb?.listener(80);
    const arn = listenerRuleArn(listener?.ListenerArn ?? '', 7);
    expect(arn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:\d{12}:listener-rule\/app\/front\/[0-9a-f]{16}\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(w.elb.listenerRule(arn)?.arn).toBe(arn);
    expect(w.elb.listenerRule('front:80:7')?.arn).toBe(arn);
    expect(w.elb.listenerRule('front:80')?.arn).toBe(listener?.ListenerArn);
    expect(lb?.forwardOf(arn)).toEqual([{ TargetGroupArn: expect.stringContaining(':targetgroup/blue/'), Weight: 1 }]);
    expect(() => w.elb.modifyForward('front:80:8', [{ TargetGroupArn: 'blue', Weight: 1 }])).toThrow(/rules not found: "front:80:8"/);
  });
});
