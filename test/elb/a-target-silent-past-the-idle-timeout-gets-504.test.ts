import { describe, expect, it } from 'vitest';
import { albSection, FakeServer, listen, runUntil, send, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };

describe('ELB timeouts and connection errors (ecs-facts L-034, L-035, L-037)', () => {
  it('a target silent for idle_timeout.timeout_seconds gets 504 at exactly that time, and its late answer is dropped', () => {
    const w = world(albSection({ tg: FAST, lb: { Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '5' }] } }));
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, (r) => (r.path === '/hang' ? { hang: true } : r.path === '/late' ? { status: 200, delayMs: 7_000 } : { status: 200, delayMs: 4_999 })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    const ep = w.elb.listenerEndpoint('front', 80);
    const hang = send(w, ep, '/hang');
    const late = send(w, ep, '/late');
    const inTime = send(w, ep, '/ok');
    runUntil(w, 100_000);
    expect(hang.response).toMatchObject({ status: 504, source: 'elb' });
    expect(hang.answeredAt).toBe(15_000);
    expect(late.response).toMatchObject({ status: 504, source: 'elb' });
    expect(late.answers).toBe(1);
    expect(inTime.response).toMatchObject({ status: 200, source: 'target' });
    expect(w.elb.loadBalancer('front')?.inFlight).toBe(0);
    const lb = w.elb.result().loadBalancers[0];
    expect(lb?.requests?.counts.HTTPCode_ELB_504_Count).toBe(2);
    expect(lb?.requests?.latency.max).toBe(5_000);
  });

  it('defaults to 60 s on an ALB', () => {
    const w = world(albSection({ tg: FAST }));
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ hang: true })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    runUntil(w, 200_000);
    expect(s.answeredAt).toBe(70_000);
  });

  it('a connection the target resets while the request is outstanding gives 502', () => {
    const w = world(albSection({ tg: FAST }));
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ reset: true, delayMs: 30 })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    runUntil(w, 20_000);
    expect(s.response).toMatchObject({ status: 502, source: 'elb', target: '10.0.0.5:8080' });
    expect(s.answeredAt).toBe(10_030);
  });

  it("a target's own 5XX passes through as the target's, not the load balancer's", () => {
    const w = world(albSection({ tg: FAST }));
    listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ status: 503, delayMs: 3 })));
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    const s = send(w, w.elb.listenerEndpoint('front', 80));
    runUntil(w, 20_000);
    expect(s.response).toMatchObject({ status: 503, source: 'target' });
    expect(w.elb.result().targetGroups[0]?.requests?.counts).toMatchObject({ HTTPCode_Target_5XX_Count: 1, HTTPCode_ELB_5XX_Count: 0 });
  });
});
