import { describe, expect, it } from 'vitest';
import { albSection, listen, runUntil, sendMany, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };

function oneTargetInZoneA(crossZone: string) {
  const w = world(albSection({ tg: { ...FAST, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: crossZone }] } }));
  const a = listen(w, '10.0.0.5:8080');
  w.elb.registerTargets('web', [A]);
  runUntil(w, 10_000);
  const sent = sendMany(w, w.elb.listenerEndpoint('front', 80), 400, 1);
  runUntil(w, 20_000);
  return { w, a, sent };
}

describe('cross-zone load balancing (ecs-facts L-028, L-033)', () => {
  it('on (an ALB default): nodes in every zone route to the one target', () => {
    const { a, sent } = oneTargetInZoneA('use_load_balancer_configuration');
    expect(a.requests).toHaveLength(400);
    expect(sent.every((s) => s.response?.status === 200)).toBe(true);
  });

  it('off for the target group: requests entering the empty zone get 503, the others reach the target', () => {
    const { a, sent } = oneTargetInZoneA('false');
    const refused = sent.filter((s) => s.response?.status === 503).length;
    expect(refused + a.requests.length).toBe(400);
    // The client picks a node uniformly over the two zones (elb/front/nodes).
    expect(Math.abs(refused - 200)).toBeLessThan(45);
  });

  it('NLB: off by default, and a zone without a healthy target leaves DNS, so no request lands there (L-030)', () => {
    const w = world({
      targetGroups: [{ Name: 'tcp', Protocol: 'TCP', Port: 8080, TargetType: 'ip', ...FAST }],
      loadBalancers: [{ Name: 'net', Type: 'network', AvailabilityZones: ['us-east-1a', 'us-east-1b'], Listeners: [{ Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tcp' }] }] }],
      model: { registrationDelay: { network: '0s' }, firstCheckJitter: '0s' },
    });
    const a = listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('tcp', [A]);
    runUntil(w, 10_000);
    expect(w.elb.targetGroupByNameOrArn('tcp')?.crossZoneEnabled).toBe(false);
    const sent = sendMany(w, w.elb.listenerEndpoint('net', 80), 100, 1);
    runUntil(w, 20_000);
    expect(a.requests).toHaveLength(100);
    expect(sent.every((s) => s.response?.status === 200)).toBe(true);
  });
});
