import { describe, expect, it } from 'vitest';
import { albSection, listen, runUntil, send, world } from './support.js';

const A = { Id: '10.0.0.5', AvailabilityZone: 'us-east-1a' };
const B = { Id: '10.0.0.6', AvailabilityZone: 'us-east-1b' };
const FAST = { HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 };
const SLOW_START_60S = [{ Key: 'slow_start.duration_seconds', Value: '60' }];

/** Share of requests B gets in each 20 s window from `from`, at 50 requests/s. */
function sharesOfB(w: ReturnType<typeof world>, from: number, windows: number): number[] {
  const ep = w.elb.listenerEndpoint('front', 80);
  const sent: ReturnType<typeof send>[] = [];
  for (let t = from; t < from + windows * 20_000; t += 20) w.sim.at(t, () => sent.push(send(w, ep)));
  runUntil(w, from + windows * 20_000 + 100);
  return Array.from({ length: windows }, (_, k) => {
    const inWindow = sent.filter((s) => s.request.sentAt >= from + k * 20_000 && s.request.sentAt < from + (k + 1) * 20_000);
    return inWindow.filter((s) => s.response?.target === '10.0.0.6:8080').length / inWindow.length;
  });
}

describe('slow start (ecs-facts L-023, L-024)', () => {
  it('a target joining healthy ones gets a share that grows linearly over slow_start.duration_seconds, then its full share', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: SLOW_START_60S } }));
    listen(w, '10.0.0.5:8080');
    listen(w, '10.0.0.6:8080');
    w.elb.registerTargets('web', [A]);
    runUntil(w, 10_000);
    w.elb.registerTargets('web', [B]); // healthy at 15 001 ms (checks at 10 s and 15 s)
    runUntil(w, 15_001);
    const t = w.elb.targetGroupByNameOrArn('web')?.target('10.0.0.6:8080');
    expect([t?.slowStartFrom, t?.slowStartUntil]).toEqual([15_001, 75_001]);
    const [first, second, third, after] = sharesOfB(w, 15_100, 4) as [number, number, number, number];
    expect(first).toBeLessThan(second);
    expect(second).toBeLessThan(third);
    expect(first).toBeLessThan(0.2);
    expect(after).toBeCloseTo(0.5, 2);
  });

  it('targets registered in one call into an empty group do not enter slow start', () => {
    const w = world(albSection({ tg: { ...FAST, Attributes: SLOW_START_60S } }));
    listen(w, '10.0.0.5:8080');
    listen(w, '10.0.0.6:8080');
    w.elb.registerTargets('web', [A, B]);
    runUntil(w, 10_000);
    const group = w.elb.targetGroupByNameOrArn('web');
    expect(group?.target('10.0.0.5:8080')?.slowStartUntil).toBe(0);
    expect(group?.target('10.0.0.6:8080')?.slowStartUntil).toBe(0);
    const [share] = sharesOfB(w, 10_000, 1) as [number];
    expect(share).toBeCloseTo(0.5, 2);
  });
});
