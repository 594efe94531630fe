import { describe, expect, it } from 'vitest';
import { FakeServer, listen, runUntil, send, stateOf, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const B = { Id: '10.0.0.6', AvailabilityZone: 'us-east-1a' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };

function nlb(attributes: { Key: string; Value: string }[] = []) {
  return world({
    targetGroups: [{ Name: 'tcp', Protocol: 'TCP', Port: 8080, TargetType: 'ip', ...FAST, Attributes: attributes }],
    loadBalancers: [{ Name: 'net', Type: 'network', AvailabilityZones: ['us-east-1a'], Listeners: [{ Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tcp' }] }] }],
    model: { registrationDelay: { network: '0s' }, firstCheckJitter: '0s' },
  });
}

describe('an NLB', () => {
  it('passes a TCP check when something listens, and fails it when nothing does (L-009)', () => {
    const w = nlb();
    listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('tcp', [A, B]);
    runUntil(w, 5_000);
    expect([stateOf(w, 'tcp', A.Id), stateOf(w, 'tcp', B.Id)]).toEqual(['healthy', 'unhealthy Target.FailedHealthChecks']);
  });

  it('resets the connections of a target that turns unhealthy while another is healthy (L-011)', () => {
    const w = nlb();
    const server = new FakeServer(w.sim, () => ({ status: 200, delayMs: 60_000 }));
    listen(w, '10.0.0.5:8080', server);
    listen(w, '10.0.0.6:8080');
    w.elb.registerTargets('tcp', [A, B]);
    runUntil(w, 5_000);
    const ep = w.elb.listenerEndpoint('net', 80);
    const sent = Array.from({ length: 20 }, () => send(w, ep));
    runUntil(w, 5_001);
    w.network.close('10.0.0.5:8080'); // the task stops listening; established connections stay
    runUntil(w, 20_000);
    expect(stateOf(w, 'tcp', A.Id)).toBe('unhealthy Target.FailedHealthChecks');
    const onA = sent.filter((s) => s.response?.target === '10.0.0.5:8080');
    expect(onA.length).toBeGreaterThan(0);
    expect(onA.every((s) => s.response?.status === 0 && s.response.source === 'elb' && s.answeredAt === 15_000)).toBe(true);
    expect(w.elb.result().loadBalancers[0]?.requests?.counts.TCP_ELB_Reset_Count).toBe(onA.length);
  });

  it('keeps them with target_health_state.unhealthy.connection_termination.enabled false (L-016)', () => {
    const w = nlb([{ Key: 'target_health_state.unhealthy.connection_termination.enabled', Value: 'false' }]);
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ status: 200, delayMs: 30_000 })));
    listen(w, '10.0.0.6:8080');
    w.elb.registerTargets('tcp', [A, B]);
    runUntil(w, 5_000);
    const ep = w.elb.listenerEndpoint('net', 80);
    const sent = Array.from({ length: 20 }, () => send(w, ep));
    runUntil(w, 5_001);
    w.network.close('10.0.0.5:8080');
    runUntil(w, 60_000);
    expect(sent.every((s) => s.response?.status === 200)).toBe(true);
  });

  it('does not reset them when failing open (the only target turns unhealthy)', () => {
    const w = nlb();
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ status: 200, delayMs: 30_000 })));
    w.elb.registerTargets('tcp', [A]);
    runUntil(w, 5_000);
    const s = send(w, w.elb.listenerEndpoint('net', 80));
    runUntil(w, 5_001);
    w.network.close('10.0.0.5:8080');
    runUntil(w, 60_000);
    expect(stateOf(w, 'tcp', A.Id)).toBe('unhealthy Target.FailedHealthChecks');
    expect(s.response).toMatchObject({ status: 200, source: 'target' });
  });

  it('passes a reset from the target on as status 0 from the target (TCP_Target_Reset_Count)', () => {
    const w = nlb();
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ reset: true, delayMs: 5 })));
    w.elb.registerTargets('tcp', [A]);
    runUntil(w, 5_000);
    const s = send(w, w.elb.listenerEndpoint('net', 80));
    runUntil(w, 6_000);
    expect(s.response).toMatchObject({ status: 0, source: 'target' });
    expect(w.elb.result().loadBalancers[0]?.requests?.counts.TCP_Target_Reset_Count).toBe(1);
  });
});
