import { describe, expect, it } from 'vitest';
import type { TargetHealthChangeEvent } from '../../src/elb/target-group.js';
import { albSection, FakeServer, listen, runUntil, send, stateOf, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 3 };

describe('a failing target', () => {
  it('answering 500 goes unhealthy with Target.ResponseCodeMismatch after UnhealthyThresholdCount checks (ecs-facts L-005, L-013, L-015)', () => {
    const w = world(albSection({ tg: FAST }));
    const server = listen(w, '10.0.0.5:8080');
    const events: TargetHealthChangeEvent[] = [];
    w.elb.onTargetHealthChange((e) => events.push(e));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 5_001);
    expect(stateOf(w, 'web', A.Id)).toBe('healthy');
    server.checkScript = () => ({ status: 500, delayMs: 1 });
    runUntil(w, 15_001); // checks at 10 s and 15 s fail: 2 of 3
    expect(stateOf(w, 'web', A.Id)).toBe('healthy');
    runUntil(w, 20_001); // the third
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions[0]?.TargetHealth).toEqual({
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [500]',
    });
    const last = events.at(-1);
    expect(last).toMatchObject({ t: 20_001, targetGroupName: 'web', target: { Id: '10.0.0.5', Port: 8080, AvailabilityZone: 'us-east-1a' }, previous: { State: 'healthy' }, current: { State: 'unhealthy' } });
    expect(last?.targetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web\/[0-9a-f]{16}$/);
  });

  it('whose check is slower than the timeout fails with Target.Timeout, "Request timed out", and the late answer is ignored', () => {
    const w = world(albSection({ tg: FAST }));
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, undefined, () => ({ status: 200, delayMs: 2_500 })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    expect(stateOf(w, 'web', A.Id)).toBe('initial Elb.InitialHealthChecking');
    runUntil(w, 12_000); // third check (at 10 s) times out at 12 s
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions[0]?.TargetHealth).toEqual({ State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' });
    runUntil(w, 60_000);
    expect(stateOf(w, 'web', A.Id)).toBe('unhealthy Target.Timeout');
  });

  it('with nothing listening fails with Target.FailedHealthChecks, and requests sent to it by fail-open get 502 (L-015, L-034)', () => {
    const w = world(albSection({ tg: FAST }));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions[0]?.TargetHealth).toEqual({ State: 'unhealthy', Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' });
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    runUntil(w, 10_001);
    expect(s.response).toMatchObject({ status: 502, source: 'elb', target: '10.0.0.5:8080' });
    expect(s.answeredAt).toBe(10_000);
  });

  it('whose address is a black hole (unreachableTargets: timeout) fails with Target.Timeout, and requests get 504 after the 10 s connect timeout (L-035)', () => {
    const w = world(albSection({ tg: FAST, model: { unreachableTargets: 'timeout' } }));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 12_000);
    expect(stateOf(w, 'web', A.Id)).toBe('unhealthy Target.Timeout');
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    runUntil(w, 30_000);
    expect(s.response).toMatchObject({ status: 504, source: 'elb' });
    expect(s.answeredAt).toBe(22_000);
  });

  it('whose connection is reset fails with Target.FailedHealthChecks', () => {
    const w = world(albSection({ tg: FAST }));
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, undefined, () => ({ reset: true, delayMs: 1 })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_001);
    expect(stateOf(w, 'web', A.Id)).toBe('unhealthy Target.FailedHealthChecks');
  });

  it('recovers to healthy after HealthyThresholdCount passes, and its history records each change with the reason', () => {
    const w = world(albSection({ tg: FAST }));
    const server = listen(w, '10.0.0.5:8080', new FakeServer(w.sim, undefined, () => ({ status: 503, delayMs: 1 })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_001);
    server.checkScript = () => ({ status: 200, delayMs: 1 });
    runUntil(w, 20_001);
    const history = w.elb.result().targetGroups[0]?.targets[0]?.history;
    expect(history).toEqual([
      { t: 0, State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' },
      { t: 0, State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checks in progress' },
      { t: 10_001, State: 'unhealthy', Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [503]' },
      { t: 20_001, State: 'healthy' },
    ]);
  });

  it('on an NLB gives Target.FailedHealthChecks for a wrong code too (L-014)', () => {
    const w = world({
      targetGroups: [{ Name: 'tcp', Protocol: 'TCP', Port: 8080, TargetType: 'ip', HealthCheckProtocol: 'HTTP', ...FAST }],
      loadBalancers: [{ Name: 'net', Type: 'network', AvailabilityZones: ['us-east-1a'], Listeners: [{ Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tcp' }] }] }],
      model: { registrationDelay: { network: '0s' }, firstCheckJitter: '0s' },
    });
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, undefined, () => ({ status: 500, delayMs: 1 })));
    w.elb.registerTargets('tcp', [A]);
    runUntil(w, 10_001);
    expect(w.elb.describeTargetHealth('tcp').TargetHealthDescriptions[0]?.TargetHealth).toEqual({ State: 'unhealthy', Reason: 'Target.FailedHealthChecks', Description: 'Health checks failed' });
  });
});
