import { describe, expect, it } from 'vitest';
import { listen, runUntil, sendMany, world } from './support.js';

const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };

function blueGreen(blue: number, green: number) {
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
            DefaultActions: [
              {
                Type: 'forward',
                ForwardConfig: {
                  TargetGroups: [
                    { TargetGroupArn: 'blue', Weight: blue },
                    { TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/green/0123456789abcdef', Weight: green },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
    model: { registrationDelay: { application: '0s' }, firstCheckJitter: '0s' },
  });
  const b = listen(w, '10.0.0.5:8080');
  const g = listen(w, '10.0.1.5:8080');
  w.elb.registerTargets('blue', [{ Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' }]);
  w.elb.registerTargets('green', [{ Id: '10.0.1.5', AvailabilityZone: 'us-east-1b' }]);
  runUntil(w, 10_000);
  return { w, b, g };
}

describe('a forward action to several target groups (ecs-facts L-040)', () => {
  it('splits 1:2 for weights 10 and 20 (fixed seed)', () => {
    const { w, b, g } = blueGreen(10, 20);
    sendMany(w, w.elb.listenerEndpoint('front', 80), 3_000, 1);
    runUntil(w, 20_000);
    expect(b.requests.length + g.requests.length).toBe(3_000);
    // Binomial(3000, 1/3): sd ≈ 26, so ±80 is about 3 sd.
    expect(Math.abs(b.requests.length - 1_000)).toBeLessThan(80);
    const tgs = w.elb.result().targetGroups;
    expect(tgs.map((t) => t.requests?.count)).toEqual([b.requests.length, g.requests.length]);
  });

  it('sends nothing to a group of weight 0', () => {
    const { w, b, g } = blueGreen(0, 5);
    sendMany(w, w.elb.listenerEndpoint('front', 80), 100, 1);
    runUntil(w, 20_000);
    expect([b.requests.length, g.requests.length]).toEqual([0, 100]);
  });

  it('answers 503 when every weight is 0', () => {
    const { w } = blueGreen(0, 0);
    const sent = sendMany(w, w.elb.listenerEndpoint('front', 80), 3, 1);
    runUntil(w, 20_000);
    expect(sent.map((s) => s.response?.status)).toEqual([503, 503, 503]);
  });
});
