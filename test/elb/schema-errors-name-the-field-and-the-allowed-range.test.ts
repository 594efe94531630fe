import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/issues/index.js';
import { parseElbSection, type ElbSectionInput } from '../../src/elb/schema.js';

/** The issues of a section, as `path: message` lines. */
function issues(section: unknown): string[] {
  try {
    parseElbSection(section);
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw error;
  }
  return [];
}

const alb = (listener: Record<string, unknown> = {}, lb: Record<string, unknown> = {}) => ({
  Name: 'front',
  AvailabilityZones: ['us-east-1a', 'us-east-1b'],
  ...lb,
  Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'web' }], ...listener }],
});
const web = (fields: Record<string, unknown> = {}) => ({ Name: 'web', Protocol: 'HTTP', Port: 8080, ...fields });

describe('ELB input errors name the field and what is allowed', () => {
  it('health-check ranges (ecs-facts L-002, L-003)', () => {
    expect(issues({ targetGroups: [web({ HealthCheckIntervalSeconds: 3, HealthyThresholdCount: 11, UnhealthyThresholdCount: 1, HealthCheckTimeoutSeconds: 121 })] })).toEqual([
      'targetGroups.0.HealthCheckIntervalSeconds: HealthCheckIntervalSeconds (seconds, ecs-facts L-003) must be an integer from 5 to 300',
      'targetGroups.0.HealthCheckTimeoutSeconds: HealthCheckTimeoutSeconds (seconds, ecs-facts L-002) must be an integer from 2 to 120',
      'targetGroups.0.HealthyThresholdCount: HealthyThresholdCount (ecs-facts L-003) must be an integer from 2 to 10',
      'targetGroups.0.UnhealthyThresholdCount: UnhealthyThresholdCount (ecs-facts L-003) must be an integer from 2 to 10',
    ]);
  });

  it('the timeout must be smaller than the interval', () => {
    expect(issues({ targetGroups: [web({ HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 10 })] })).toEqual([
      'targetGroups.0.HealthCheckTimeoutSeconds: the health check timeout (10 s) must be smaller than the interval (10 s)',
    ]);
  });

  it('the matcher range differs by load balancer type (L-004, L-009)', () => {
    expect(issues({ targetGroups: [web({ Matcher: { HttpCode: '200-502' } })] })).toEqual([
      'targetGroups.0.Matcher.HttpCode: on an ALB target group Matcher.HttpCode must be HTTP codes from 200 to 499: a code ("200"), a list ("200,202") or a range ("200-299"), got "200-502"',
    ]);
  });

  it('attributes: range, unknown key with a guess, and a key of the other load balancer type', () => {
    expect(
      issues({
        targetGroups: [
          web({
            Attributes: [
              { Key: 'deregistration_delay.timeout_seconds', Value: '4000' },
              { Key: 'slow_start.duration_second', Value: '60' },
              { Key: 'deregistration_delay.connection_termination.enabled', Value: 'true' },
              { Key: 'load_balancing.algorithm.type', Value: 'random' },
            ],
          }),
        ],
      }),
    ).toEqual([
      'targetGroups.0.Attributes.0.Value: deregistration_delay.timeout_seconds must be an integer from 0 to 3600, got "4000"',
      'targetGroups.0.Attributes.1.Key: unknown target group attribute "slow_start.duration_second"; did you mean "slow_start.duration_seconds"?',
      'targetGroups.0.Attributes.2.Key: "deregistration_delay.connection_termination.enabled" is not a target group attribute of an Application Load Balancer',
      'targetGroups.0.Attributes.3.Value: load_balancing.algorithm.type must be one of "round_robin", "least_outstanding_requests", "weighted_random", got "random"',
    ]);
  });

  it('slow start needs 30-900 s and cannot go with least outstanding requests (L-023, L-024)', () => {
    expect(issues({ targetGroups: [web({ Attributes: [{ Key: 'slow_start.duration_seconds', Value: '10' }] })] })).toEqual([
      'targetGroups.0.Attributes.0.Value: slow_start.duration_seconds must be 0 (off) or an integer from 30 to 900 (ecs-facts L-023), got "10"',
    ]);
    expect(
      issues({
        targetGroups: [
          web({
            Attributes: [
              { Key: 'load_balancing.algorithm.type', Value: 'least_outstanding_requests' },
              { Key: 'slow_start.duration_seconds', Value: '60' },
            ],
          }),
        ],
      }),
    ).toEqual(['targetGroups.0.Attributes.1.Value: slow start cannot be combined with least_outstanding_requests (ecs-facts L-024)']);
  });

  it('listener rules: priority range, duplicate priorities, weights, and conditions not modelled (L-038 to L-040)', () => {
    const rule = (Priority: number, Field = 'path-pattern') => ({ Priority, Conditions: [{ Field, Values: ['/a'] }], Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] });
    expect(
      issues({
        targetGroups: [web()],
        loadBalancers: [
          alb({
            DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'web', Weight: 1000 }] } }],
            Rules: [rule(0), rule(7), rule(7), rule(8, 'http-header')],
          }),
        ],
      }),
    ).toEqual([
      'loadBalancers.0.Listeners.0.DefaultActions.0.ForwardConfig.TargetGroups.0.Weight: Weight (ecs-facts L-040) must be an integer from 0 to 999',
      'loadBalancers.0.Listeners.0.Rules.0.Priority: Priority (ecs-facts L-038) must be an integer from 1 to 50000',
      'loadBalancers.0.Listeners.0.Rules.3.Conditions.0.Field: the http-header condition is not modelled; use path-pattern or host-header',
    ]);
    expect(issues({ targetGroups: [web()], loadBalancers: [alb({ Rules: [rule(7), rule(7)] })] })).toEqual([
      'loadBalancers.0.Listeners.0.Rules.1.Priority: priority 7 is already used by Rules[0]; priorities are unique per listener',
    ]);
  });

  it('references: an unknown target group gets a guess; a TCP group cannot serve an ALB', () => {
    expect(
      issues({
        targetGroups: [web(), { Name: 'tcp', Protocol: 'TCP', Port: 80 }],
        loadBalancers: [alb({ DefaultActions: [{ Type: 'forward', TargetGroupArn: 'wbe' }], Rules: [{ Priority: 1, Conditions: [{ Field: 'path-pattern', Values: ['/x'] }], Actions: [{ Type: 'forward', TargetGroupArn: 'tcp' }] }] })],
      }),
    ).toEqual([
      'loadBalancers.0.Listeners.0.DefaultActions.0.ForwardConfig.TargetGroups.0.TargetGroupArn: no target group "wbe" in targetGroups; did you mean "web"?',
      'loadBalancers.0.Listeners.0.Rules.0.Actions.0.ForwardConfig.TargetGroups.0.TargetGroupArn: target group "tcp" (TCP) cannot serve an Application Load Balancer: it takes HTTP or HTTPS target groups',
    ]);
  });

  it('load balancer: an ALB needs two zones, keeps cross-zone on, and its idle timeout is 1-4000 s (L-028, L-037)', () => {
    expect(
      issues({
        targetGroups: [web()],
        loadBalancers: [
          alb({}, {
            AvailabilityZones: ['us-east-1a'],
            Attributes: [
              { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
              { Key: 'idle_timeout.timeout_seconds', Value: '0' },
            ],
          }),
        ],
      }),
    ).toEqual([
      'loadBalancers.0.AvailabilityZones: an Application Load Balancer needs at least two Availability Zones',
      'loadBalancers.0.Attributes.0.Value: load_balancing.cross_zone.enabled is always "true" on an Application Load Balancer (ecs-facts L-028); turn it off per target group instead, got "false"',
      'loadBalancers.0.Attributes.1.Value: idle_timeout.timeout_seconds must be an integer from 1 to 4000, got "0"',
    ]);
  });

  it('health checks cannot be disabled for ip and instance targets (L-008), and a typo is never a silent default', () => {
    expect(issues({ targetGroups: [web({ HealthCheckEnabled: false, HealthCheckPaht: '/x' })] })).toEqual([
      'targetGroups.0.HealthCheckEnabled: health checks are always on for instance and ip targets and cannot be disabled (ecs-facts L-008)',
      'targetGroups.0: Unrecognized key: "HealthCheckPaht"',
    ]);
  });

  it('a pasted describe-listeners action (TargetGroupArn and ForwardConfig both) is accepted', () => {
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/50dc6c495c0c9188';
    const section: ElbSectionInput = {
      targetGroups: [web()],
      loadBalancers: [alb({ DefaultActions: [{ Type: 'forward', TargetGroupArn: arn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: arn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } } }] })],
    } as ElbSectionInput;
    expect(issues(section)).toEqual([]);
  });
});
