import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';
import { ElasticLoadBalancing } from '../../src/elb/elb.js';
import { InputError } from '../../src/issues/index.js';
import { parseElbSection } from '../../src/elb/schema.js';
import { Network } from '../../src/traffic/http.js';
import { albSection, listen, runUntil, send, stateOf, world } from './support.js';

describe('registration', () => {
  it('a target in a zone the load balancer does not have is unused with Target.NotInUse (ecs-facts L-013)', () => {
    const w = world(albSection());
    w.elb.registerTargets('web', [{ Id: '10.0.9.5', AvailabilityZone: 'us-east-1c' }]);
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions[0]?.TargetHealth).toEqual({
      State: 'unused',
      Reason: 'Target.NotInUse',
      Description: 'Target is in an Availability Zone that is not enabled for the load balancer',
    });
  });

  it('a target group no listener forwards to has its targets unused with Target.NotInUse', () => {
    const w = world({ ...albSection(), targetGroups: [...(albSection().targetGroups ?? []), { Name: 'spare', Protocol: 'HTTP', Port: 8080, TargetType: 'ip' }] } as Parameters<typeof world>[0]);
    w.elb.registerTargets('spare', [{ Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' }]);
    expect(stateOf(w, 'spare', '10.0.0.5')).toBe('unused Target.NotInUse');
  });

  it('an instance target is reached at the private IP the resolver gives, on its own port (dynamic host ports)', () => {
    const sim = new Simulation({ seed: 1 });
    const network = new Network();
    const section = parseElbSection(albSection({ tg: { TargetType: 'instance', HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 } }));
    const elb = new ElasticLoadBalancing(sim, network, section, { resolveTarget: (id) => (id === 'i-0abc' ? { ip: '10.0.0.20', availabilityZone: 'us-east-1b' } : undefined) });
    const w = { sim, network, elb };
    const server = listen(w, '10.0.0.20:32768');
    elb.registerTargets('web', [{ Id: 'i-0abc', Port: 32768 }]);
    runUntil(w, 5_001);
    expect(elb.describeTargetHealth('web').TargetHealthDescriptions).toEqual([
      { Target: { Id: 'i-0abc', Port: 32768, AvailabilityZone: 'us-east-1b' }, HealthCheckPort: '32768', TargetHealth: { State: 'healthy' } },
    ]);
    const s = send(w, elb.listenerEndpoint('front', 80));
    runUntil(w, 6_000);
    expect(s.response).toMatchObject({ status: 200, target: '10.0.0.20:32768' });
    expect(server.checks[0]?.host).toBe('10.0.0.20:32768');
  });

  it('refuses bad targets with the API error codes, registering none of the batch', () => {
    const w = world(albSection());
    expect(() => w.elb.registerTargets('web', [{ Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' }, { Id: 'i-123' }])).toThrow(InputError);
    expect(() => w.elb.registerTargets('web', [{ Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' }, { Id: 'i-123' }])).toThrow(/InvalidTarget: .*IPv4/);
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions).toEqual([]);
    expect(() => w.elb.registerTargets('web', [{ Id: '10.0.0.5' }])).toThrow(/ValidationError: .*AvailabilityZone/);
    expect(() => w.elb.registerTargets('web', [{ Id: '10.0.0.5', Port: 70_000, AvailabilityZone: 'us-east-1a' }])).toThrow(/from 1 to 65535/);
    expect(() => w.elb.registerTargets('nope', [])).toThrow(/TargetGroupNotFound/);
    expect(() => w.elb.listenerEndpoint('front', 443)).toThrow(/ListenerNotFound: .*has: 80/);
  });

  it('target groups are found by name, by their ARN, or by a pasted ARN with the same name', () => {
    const w = world(albSection());
    const tg = w.elb.targetGroupByNameOrArn('web');
    expect(tg?.arn).toBe('arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/' + tg?.arn.split('/')[2]);
    expect(w.elb.targetGroupByNameOrArn(tg?.arn ?? '')).toBe(tg);
    expect(w.elb.targetGroupByNameOrArn('arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/50dc6c495c0c9188')).toBe(tg);
    expect(w.elb.targetGroupByNameOrArn('web2')).toBeUndefined();
  });

  it('registering a registered target again changes nothing', () => {
    const w = world(albSection({ tg: { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 } }));
    listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [{ Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' }]);
    runUntil(w, 5_001);
    w.elb.registerTargets('web', [{ Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' }]);
    expect(stateOf(w, 'web', '10.0.0.5')).toBe('healthy');
  });
});
