import { describe, expect, it } from 'vitest';
import { ALB_REGISTRATION_DELAY_MS, NLB_REGISTRATION_DELAY_MS } from '../../src/elb/defaults.js';
import { createLoadBalancerSchema, createTargetGroupSchema, type TargetGroupSettings } from '../../src/elb/schema.js';

const tg = (input: Record<string, unknown>): TargetGroupSettings => createTargetGroupSchema.parse({ Name: 'tg', Port: 8080, ...input });
const api = (s: TargetGroupSettings) => ({
  HealthCheckProtocol: s.HealthCheckProtocol,
  HealthCheckPort: s.HealthCheckPort,
  HealthCheckPath: s.HealthCheckPath,
  HealthCheckIntervalSeconds: s.HealthCheckIntervalSeconds,
  HealthCheckTimeoutSeconds: s.HealthCheckTimeoutSeconds,
  HealthyThresholdCount: s.HealthyThresholdCount,
  UnhealthyThresholdCount: s.UnhealthyThresholdCount,
  Matcher: s.Matcher,
  TargetType: s.TargetType,
});

describe('defaults per protocol and load balancer type', () => {
  it('an HTTP target group (ALB) checks HTTP / every 30 s, times out at 5 s, needs 5 passes and 2 failures, matches 200 (ecs-facts L-001 to L-004; L-002 resolved to the guide)', () => {
    expect(api(tg({ Protocol: 'HTTP' }))).toEqual({
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckPath: '/',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
      TargetType: 'instance',
    });
  });

  it('a TCP target group (NLB) checks TCP with a 10 s timeout and no path or matcher (L-009)', () => {
    expect(api(tg({ Protocol: 'TCP' }))).toEqual({
      HealthCheckProtocol: 'TCP',
      HealthCheckPort: 'traffic-port',
      HealthCheckPath: undefined,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 10,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      Matcher: undefined,
      TargetType: 'instance',
    });
  });

  it('an NLB HTTP check times out at 6 s and matches 200-399; an NLB HTTPS check at 10 s (L-009)', () => {
    expect(api(tg({ Protocol: 'TCP', HealthCheckProtocol: 'HTTP' }))).toMatchObject({ HealthCheckTimeoutSeconds: 6, Matcher: { HttpCode: '200-399' }, HealthCheckPath: '/' });
    expect(api(tg({ Protocol: 'TLS', HealthCheckProtocol: 'HTTPS' }))).toMatchObject({ HealthCheckTimeoutSeconds: 10, Matcher: { HttpCode: '200-399' } });
  });

  it('an ALB matcher takes 200-499, an NLB matcher 200-599 (L-004, L-009)', () => {
    expect(createTargetGroupSchema.safeParse({ Name: 'a', Protocol: 'HTTP', Port: 80, Matcher: { HttpCode: '200-499' } }).success).toBe(true);
    expect(createTargetGroupSchema.safeParse({ Name: 'a', Protocol: 'HTTP', Port: 80, Matcher: { HttpCode: '503' } }).success).toBe(false);
    expect(createTargetGroupSchema.safeParse({ Name: 'a', Protocol: 'TCP', Port: 80, HealthCheckProtocol: 'HTTP', Matcher: { HttpCode: '200,503' } }).success).toBe(true);
  });

  it('both drain for 300 s and route to at least 1 healthy target before failing open (L-019, L-031); ALB round robin without slow start (L-023, L-025)', () => {
    for (const protocol of ['HTTP', 'TCP']) {
      const s = tg({ Protocol: protocol });
      expect([s.deregistrationDelayMs, s.minimumHealthyTargetsCount, s.minimumHealthyTargetsPercentage]).toEqual([300_000, 1, undefined]);
    }
    expect([tg({ Protocol: 'HTTP' }).algorithm, tg({ Protocol: 'HTTP' }).slowStartMs]).toEqual(['round_robin', 0]);
  });

  it('an ALB has a 60 s idle timeout and cross-zone always on; an NLB the fixed 350 s TCP idle timeout and cross-zone off (L-028, L-037)', () => {
    const alb = createLoadBalancerSchema.parse({ Name: 'a', AvailabilityZones: ['us-east-1a', 'us-east-1b'] });
    const nlb = createLoadBalancerSchema.parse({ Name: 'n', Type: 'network', AvailabilityZones: ['us-east-1a'] });
    expect([alb.Type, alb.idleTimeoutMs, alb.crossZone, alb.Scheme]).toEqual(['application', 60_000, true, 'internet-facing']);
    expect([nlb.idleTimeoutMs, nlb.crossZone]).toEqual([350_000, false]);
  });

  it('registration takes a few seconds on an ALB and a few minutes on an NLB (L-017, L-018)', () => {
    expect(ALB_REGISTRATION_DELAY_MS).toBe(5_000);
    expect(NLB_REGISTRATION_DELAY_MS).toBe(120_000);
  });

  it('attributes list every key with its effective value, as DescribeTargetGroupAttributes does', () => {
    const s = tg({ Protocol: 'HTTP', Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: 30 }] });
    expect(s.Attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
    expect(s.Attributes).toContainEqual({ Key: 'load_balancing.algorithm.type', Value: 'round_robin' });
    expect(s.deregistrationDelayMs).toBe(30_000);
  });
});
