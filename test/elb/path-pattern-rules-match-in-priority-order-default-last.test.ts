import { describe, expect, it } from 'vitest';
import { runUntil, send, world } from './support.js';

const fixed = (code: number) => [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: String(code), ContentType: 'text/plain' as const } }];

function rules() {
  return world({
    targetGroups: [],
    loadBalancers: [
      {
        Name: 'front',
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
        Listeners: [
          {
            Port: 80,
            Protocol: 'HTTP',
            DefaultActions: fixed(404),
            // Given out of order: evaluation follows Priority, lowest first (ecs-facts L-038).
            Rules: [
              { Priority: 20, Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }], Actions: fixed(220) },
              { Priority: 10, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/admin*'] } }], Actions: fixed(210) },
              { Priority: 5, Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } }], Actions: fixed(205) },
              {
                Priority: 30,
                Conditions: [
                  { Field: 'host-header', Values: ['*.example.org'] },
                  { Field: 'path-pattern', Values: ['/v?/items'] },
                ],
                Actions: fixed(230),
              },
            ],
          },
        ],
      },
    ],
  });
}

function statusOf(path: string, host?: string): number | undefined {
  const w = rules();
  const s = send(w, w.elb.listenerEndpoint('front', 80), path, host);
  runUntil(w, 1);
  return s.response?.status;
}

describe('listener rules (ecs-facts L-038, L-039)', () => {
  it('are matched in priority order, the default action last', () => {
    expect(statusOf('/api/admin/users')).toBe(210);
    expect(statusOf('/api/orders')).toBe(220);
    expect(statusOf('/static/app.js')).toBe(404);
  });

  it('path-pattern is case-sensitive, whole-path, and ignores the query string', () => {
    expect(statusOf('/API/orders')).toBe(404);
    expect(statusOf('/api')).toBe(404);
    expect(statusOf('/api/orders?id=7')).toBe(220);
  });

  it('host-header is case-insensitive and ignores the port', () => {
    expect(statusOf('/api/orders', 'Shop.Example.COM')).toBe(205);
    expect(statusOf('/api/orders', 'shop.example.com:8443')).toBe(205);
    expect(statusOf('/api/orders', 'other.example.com')).toBe(220);
  });

  it('a rule matches only when all its conditions do; ? matches one character', () => {
    expect(statusOf('/v1/items', 'eu.example.org')).toBe(230);
    expect(statusOf('/v12/items', 'eu.example.org')).toBe(404);
    expect(statusOf('/v1/items', 'example.org')).toBe(404);
    expect(statusOf('/v1/items')).toBe(404);
  });

  it('fixed responses are the load balancer own answers, counted in its statistics', () => {
    const w = rules();
    send(w, w.elb.listenerEndpoint('front', 80), '/nowhere');
    runUntil(w, 1);
    expect(w.elb.result().loadBalancers[0]?.requests?.codes).toEqual([{ status: 404, source: 'elb', count: 1 }]);
  });
});
