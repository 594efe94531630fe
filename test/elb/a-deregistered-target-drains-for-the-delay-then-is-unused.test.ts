import { describe, expect, it } from 'vitest';
import type { TargetDeregisteredEvent } from '../../src/elb/target-group.js';
import { albSection, FakeServer, listen, runUntil, send, stateOf, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const B = { Id: '10.0.0.6', AvailabilityZone: 'us-east-1b' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };
const DELAY_30S = [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }];

describe('a deregistered target', () => {
  it('drains for deregistration_delay.timeout_seconds, then is unused with Target.NotRegistered, and listeners hear of it then (ecs-facts L-019, L-020)', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: DELAY_30S } }));
    listen(w, '10.0.0.5:8080');
    const gone: TargetDeregisteredEvent[] = [];
    w.elb.onTargetDeregistered((e) => gone.push(e));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    w.elb.deregisterTargets('web', [A]);
    runUntil(w, 10_000);
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions[0]?.TargetHealth).toEqual({ State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' });
    // Draining shows until the delay expires even with nothing in flight (L-020).
    runUntil(w, 39_999);
    expect(stateOf(w, 'web', A.Id)).toBe('draining Target.DeregistrationInProgress');
    expect(gone).toEqual([]);
    runUntil(w, 40_000);
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions).toEqual([]);
    expect(w.elb.describeTargetHealth('web', [A]).TargetHealthDescriptions[0]?.TargetHealth).toEqual({ State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' });
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ t: 40_000, targetGroupName: 'web', target: { Id: '10.0.0.5', Port: 8080 } });
  });

  it('gets no new requests while draining (L-020), and is no longer checked', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: DELAY_30S } }));
    const a = listen(w, '10.0.0.5:8080');
    const b = listen(w, '10.0.0.6:8080');
    w.elb.registerTargets('web', [A, B]);
    runUntil(w, 10_000);
    w.elb.deregisterTargets('web', [A]);
    const checksBefore = a.checks.length;
    const ep = w.elb.listenerEndpoint('front', 80);
    for (let i = 0; i < 10; i += 1) send(w, ep);
    runUntil(w, 30_000);
    expect(a.requests).toHaveLength(0);
    expect(b.requests).toHaveLength(10);
    expect(a.checks.length).toBe(checksBefore);
  });

  it('that is the only one leaves the group with no target to route to: 503', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: DELAY_30S } }));
    listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    w.elb.deregisterTargets('web', [A]);
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    runUntil(w, 10_001);
    expect(s.response).toMatchObject({ status: 503, source: 'elb' });
  });

  it('registered again while draining starts over as initial and keeps its requests', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: DELAY_30S } }));
    listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    w.elb.deregisterTargets('web', [A]);
    runUntil(w, 15_000);
    w.elb.registerTargets('web', [A]);
    expect(stateOf(w, 'web', A.Id)).toBe('initial Elb.RegistrationInProgress');
    runUntil(w, 60_000);
    expect(stateOf(w, 'web', A.Id)).toBe('healthy');
  });

  it('deregistering twice, or a target never registered, does nothing', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: DELAY_30S } }));
    listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    w.elb.deregisterTargets('web', [A, { Id: '10.0.0.99' }]);
    runUntil(w, 20_000);
    w.elb.deregisterTargets('web', [A]);
    runUntil(w, 39_999);
    expect(stateOf(w, 'web', A.Id)).toBe('draining Target.DeregistrationInProgress');
    runUntil(w, 40_000);
    expect(stateOf(w, 'web', A.Id)).toBe('unused Target.NotRegistered');
  });
});

describe('in-flight requests when draining ends', () => {
  it('get 502 from an ALB at the end of the delay; the late answer is dropped (L-021)', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }] } }));
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, (r) => (r.path === '/slow' ? { status: 200, delayMs: 20_000 } : { status: 200, delayMs: 5_000 })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    const ep = w.elb.listenerEndpoint('front', 80);
    const slow = send(w, ep, '/slow');
    const quick = send(w, ep, '/quick');
    runUntil(w, 11_000);
    w.elb.deregisterTargets('web', [A]);
    runUntil(w, 60_000);
    expect(quick.response).toMatchObject({ status: 200, source: 'target' });
    expect(quick.answeredAt).toBe(15_000);
    expect(slow.response).toMatchObject({ status: 502, source: 'elb', target: '10.0.0.5:8080' });
    expect(slow.answeredAt).toBe(21_000);
    expect(slow.answers).toBe(1);
    expect(w.elb.result().targetGroups[0]?.requests?.counts).toMatchObject({ HTTPCode_ELB_502_Count: 1, HTTPCode_Target_2XX_Count: 1 });
  });

  it('carry on through an NLB, which keeps established connections (L-022)', () => {
    const w = world({
      targetGroups: [{ Name: 'tcp', Protocol: 'TCP', Port: 8080, TargetType: 'ip', ...FAST, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }] }],
      loadBalancers: [{ Name: 'net', Type: 'network', AvailabilityZones: ['us-east-1a'], Listeners: [{ Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tcp' }] }] }],
      model: { registrationDelay: { network: '0s' }, firstCheckJitter: '0s' },
    });
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ status: 200, delayMs: 20_000 })));
    w.elb.registerTargets('tcp', [A]);
    runUntil(w, 10_000);
    const s = send(w, w.elb.listenerEndpoint('net', 80));
    w.elb.deregisterTargets('tcp', [A]);
    runUntil(w, 60_000);
    expect(s.response).toMatchObject({ status: 200, source: 'target' });
    expect(s.answeredAt).toBe(30_000);
  });

  it('are reset by an NLB with deregistration_delay.connection_termination.enabled (L-022)', () => {
    const w = world({
      targetGroups: [
        {
          Name: 'tcp',
          Protocol: 'TCP',
          Port: 8080,
          TargetType: 'ip',
          ...FAST,
          Attributes: [
            { Key: 'deregistration_delay.timeout_seconds', Value: '10' },
            { Key: 'deregistration_delay.connection_termination.enabled', Value: 'true' },
          ],
        },
      ],
      loadBalancers: [{ Name: 'net', Type: 'network', AvailabilityZones: ['us-east-1a'], Listeners: [{ Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tcp' }] }] }],
      model: { registrationDelay: { network: '0s' }, firstCheckJitter: '0s' },
    });
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ status: 200, delayMs: 20_000 })));
    w.elb.registerTargets('tcp', [A]);
    runUntil(w, 10_000);
    const s = send(w, w.elb.listenerEndpoint('net', 80));
    w.elb.deregisterTargets('tcp', [A]);
    runUntil(w, 60_000);
    expect(s.response).toMatchObject({ status: 0, source: 'elb' });
    expect(s.answeredAt).toBe(20_000);
  });
});
