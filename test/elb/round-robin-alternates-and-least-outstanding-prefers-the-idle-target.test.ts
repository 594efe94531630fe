import { describe, expect, it } from 'vitest';
import { albSection, FakeServer, listen, runUntil, sendMany, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const B = { Id: '10.0.0.6', AvailabilityZone: 'us-east-1b' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };

function setup(algorithm: string) {
  const w = world(albSection({ tg: { ...FAST, Attributes: [{ Key: 'load_balancing.algorithm.type', Value: algorithm }] } }));
  // A is slow (10 s per request), B quick (10 ms).
  const a = listen(w, '10.0.0.5:8080', new FakeServer(w.sim, () => ({ status: 200, delayMs: 10_000 })));
  const b = listen(w, '10.0.0.6:8080', new FakeServer(w.sim, () => ({ status: 200, delayMs: 10 })));
  w.elb.registerTargets('web', [A, B]);
  runUntil(w, 10_000);
  return { w, a, b };
}

describe('routing algorithms (ecs-facts L-025)', () => {
  it('round robin alternates between targets, whatever their load', () => {
    const { w } = setup('round_robin');
    const sent = sendMany(w, w.elb.listenerEndpoint('front', 80), 10, 100);
    runUntil(w, 30_000);
    const order = sent.map((s) => s.response?.target);
    expect(order).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? order[0] : order[1])));
    expect(new Set(order).size).toBe(2);
  });

  it('least outstanding requests prefers the idle target', () => {
    const { w, a, b } = setup('least_outstanding_requests');
    sendMany(w, w.elb.listenerEndpoint('front', 80), 10, 100);
    runUntil(w, 30_000);
    // The first request finds both idle; after that the slow target has one outstanding and the quick one none.
    expect(a.requests.length).toBe(1);
    expect(b.requests.length).toBe(9);
  });

  it('weighted random spreads requests over the targets from elb/<name>/routing', () => {
    const { w, a, b } = setup('weighted_random');
    sendMany(w, w.elb.listenerEndpoint('front', 80), 2_000, 1);
    runUntil(w, 40_000);
    expect(a.requests.length + b.requests.length).toBe(2_000);
    expect(Math.abs(a.requests.length / 2_000 - 0.5)).toBeLessThan(0.04);
    expect(w.sim.streamNames()).toContain('elb/web/routing');
  });
});
