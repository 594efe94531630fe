import { describe, expect, it } from 'vitest';
import { albSection, listen, runUntil, send, stateOf, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };

describe('a new target', () => {
  it('is healthy only after HealthyThresholdCount consecutive passing checks (ecs-facts L-003, L-006: the ECS guide reading)', () => {
    // Defaults: every 30 s, 5 passes needed; checks start at once here (no registration delay, no jitter).
    const w = world(albSection());
    const server = listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 120_000);
    expect(stateOf(w, 'web', A.Id)).toBe('initial Elb.InitialHealthChecking');
    expect(server.checks.length).toBe(5); // at 0, 30, 60, 90, 120 s; the 5th answers 1 ms later
    runUntil(w, 120_001);
    expect(stateOf(w, 'web', A.Id)).toBe('healthy');
  });

  it('with newTargetHealthyAfter "one", is healthy after its first passing check (the ALB guide reading of L-006)', () => {
    const w = world(albSection({ model: { newTargetHealthyAfter: 'one' } }));
    listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 1);
    expect(stateOf(w, 'web', A.Id)).toBe('healthy');
  });

  it('gets no requests while initial: with no other target the load balancer answers 503 (L-017, L-033)', () => {
    const w = world(albSection({ tg: { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2 } }));
    const server = listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [A]);
    const ep = w.elb.listenerEndpoint('front', 80);
    const early = send(w, ep);
    runUntil(w, 5_001); // the second check (at 5 s) passed 1 ms later
    const later = send(w, ep);
    runUntil(w, 6_000);
    expect(early.response).toMatchObject({ status: 503, source: 'elb' });
    expect(later.response).toMatchObject({ status: 200, source: 'target', target: '10.0.0.5:8080' });
    expect(server.requests.length).toBe(1);
  });

  it('shows Elb.RegistrationInProgress until registration completes, then Elb.InitialHealthChecking (L-013, L-015)', () => {
    const w = world(albSection({ model: { registrationDelay: { application: '5s' } } }));
    listen(w, '10.0.0.5:8080');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 4_999);
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions).toEqual([
      { Target: { Id: '10.0.0.5', Port: 8080, AvailabilityZone: 'us-east-1a' }, HealthCheckPort: '8080', TargetHealth: { State: 'initial', Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' } },
    ]);
    runUntil(w, 5_000);
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions[0]?.TargetHealth).toEqual({ State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checks in progress' });
  });

  it('is first checked at a phase drawn from elb/<name>/healthcheck, so targets registered together check at different instants', () => {
    const w = world(albSection({ model: { firstCheckJitter: '30s' } }));
    const servers = ['10.0.0.5', '10.0.0.6', '10.0.0.7'].map((ip) => listen(w, `${ip}:8080`));
    w.elb.registerTargets('web', ['10.0.0.5', '10.0.0.6', '10.0.0.7'].map((Id) => ({ Id, AvailabilityZone: 'us-east-1a' })));
    runUntil(w, 30_000);
    const firsts = servers.map((s) => s.checks[0]?.sentAt);
    expect(firsts.every((t) => t !== undefined && t >= 0 && t < 30_000)).toBe(true);
    expect(new Set(firsts).size).toBe(3);
    expect(w.sim.streamNames()).toContain('elb/web/healthcheck');
  });

  it('is checked with GET on the health-check path, Host <ip>:<port>, and the check is flagged as one (L-007)', () => {
    const w = world(albSection({ tg: { HealthCheckPort: '9000' } }));
    const server = listen(w, '10.0.0.5:9000');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 1);
    expect(server.checks[0]).toMatchObject({ method: 'GET', path: '/health', host: '10.0.0.5:9000', healthCheck: true, route: '' });
    expect(w.elb.describeTargetHealth('web').TargetHealthDescriptions[0]?.HealthCheckPort).toBe('9000');
  });
});
