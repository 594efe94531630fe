import { describe, expect, it } from 'vitest';
import { albSection, FakeServer, listen, runUntil, send, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const B = { Id: '10.0.0.6', AvailabilityZone: 'us-east-1b' };
const C = { Id: '10.0.0.7', AvailabilityZone: 'us-east-1a' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };
const failing = (w: ReturnType<typeof world>) => new FakeServer(w.sim, undefined, () => ({ status: 500, delayMs: 1 }));

function sendN(w: ReturnType<typeof world>, n: number): void {
  const ep = w.elb.listenerEndpoint('front', 80);
  for (let i = 0; i < n; i += 1) send(w, ep);
}

describe('fail-open', () => {
  it('all targets unhealthy: requests go to all of them (ecs-facts L-029)', () => {
    const w = world(albSection({ tg: FAST }));
    const a = listen(w, '10.0.0.5:8080', failing(w));
    const b = listen(w, '10.0.0.6:8080', failing(w));
    w.elb.registerTargets('web', [A, B]);
    runUntil(w, 10_000);
    const tg = w.elb.targetGroupByNameOrArn('web');
    expect(tg?.unhealthyHostCount).toBe(2);
    expect(tg?.isFailingOpen).toBe(true);
    sendN(w, 10);
    runUntil(w, 11_000);
    expect(a.requests).toHaveLength(5);
    expect(b.requests).toHaveLength(5);
  });

  it('one target healthy: only it gets requests', () => {
    const w = world(albSection({ tg: FAST }));
    const a = listen(w, '10.0.0.5:8080', failing(w));
    const b = listen(w, '10.0.0.6:8080');
    w.elb.registerTargets('web', [A, B]);
    runUntil(w, 10_000);
    sendN(w, 10);
    runUntil(w, 11_000);
    expect(a.requests).toHaveLength(0);
    expect(b.requests).toHaveLength(10);
    expect(w.elb.targetGroupByNameOrArn('web')?.isFailingOpen).toBe(false);
  });

  it('fewer healthy than minimum_healthy_targets.count: requests go to all, unhealthy ones included (L-031)', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: [{ Key: 'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count', Value: '2' }] } }));
    const a = listen(w, '10.0.0.5:8080', failing(w));
    const b = listen(w, '10.0.0.6:8080');
    w.elb.registerTargets('web', [A, B]);
    runUntil(w, 10_000);
    sendN(w, 10);
    runUntil(w, 11_000);
    expect(a.requests).toHaveLength(5);
    expect(b.requests).toHaveLength(5);
  });

  it('healthy share below minimum_healthy_targets.percentage: requests go to all (L-031)', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: [{ Key: 'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage', Value: '50' }] } }));
    const a = listen(w, '10.0.0.5:8080', failing(w));
    const b = listen(w, '10.0.0.6:8080');
    const c = listen(w, '10.0.0.7:8080', failing(w));
    w.elb.registerTargets('web', [A, B, C]);
    runUntil(w, 10_000);
    sendN(w, 9);
    runUntil(w, 11_000);
    expect([a.requests.length, b.requests.length, c.requests.length]).toEqual([3, 3, 3]);
  });

  it('targets still in initial are not routed to even when failing open (L-017)', () => {
    const w = world(albSection({ tg: FAST }));
    const a = listen(w, '10.0.0.5:8080', failing(w));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    const c = listen(w, '10.0.0.7:8080');
    w.elb.registerTargets('web', [C]);
    sendN(w, 4);
    runUntil(w, 10_001);
    expect(a.requests).toHaveLength(4);
    expect(c.requests).toHaveLength(0);
  });
});
