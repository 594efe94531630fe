import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HealthHistoryEntry } from '../../src/elb/target-group.js';
import type { TargetHealthState } from '../../src/elb/health.js';
import { FakeServer, listen, send, world, type Script, type Sent } from './support.js';

const IPS = ['10.0.0.5', '10.0.0.6', '10.0.0.7', '10.0.0.8'];
const ZONES = ['us-east-1a', 'us-east-1b'];

const scriptArb: fc.Arbitrary<Script> = fc.oneof(
  fc.record({ status: fc.constantFrom(200, 404, 500, 503), delayMs: fc.integer({ min: 0, max: 3_000 }) }),
  fc.record({ reset: fc.constant(true as const), delayMs: fc.integer({ min: 0, max: 3_000 }) }),
  fc.constant({ hang: true as const }),
);

const caseArb = fc.record({
  type: fc.constantFrom('application' as const, 'network' as const),
  targets: fc.integer({ min: 1, max: 4 }),
  listening: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  serve: fc.array(fc.array(scriptArb, { minLength: 1, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
  checks: fc.array(fc.array(scriptArb, { minLength: 1, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
  algorithm: fc.constantFrom('round_robin', 'least_outstanding_requests', 'weighted_random'),
  crossZone: fc.constantFrom('true', 'false'),
  idleSeconds: fc.integer({ min: 1, max: 5 }),
  delaySeconds: fc.integer({ min: 0, max: 5 }),
  requests: fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 60 }),
  ops: fc.array(fc.record({ at: fc.integer({ min: 0, max: 40_000 }), target: fc.integer({ min: 0, max: 3 }), register: fc.boolean() }), { maxLength: 8 }),
  seed: fc.integer(),
});

type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;

function build(c: Case) {
  const alb = c.type === 'application';
  const w = world({
    targetGroups: [
      {
        Name: 'tg',
        Protocol: alb ? 'HTTP' : 'TCP',
        Port: 8080,
        TargetType: 'ip',
        HealthCheckProtocol: 'HTTP',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
        Attributes: [
          { Key: 'deregistration_delay.timeout_seconds', Value: String(c.delaySeconds) },
          { Key: 'load_balancing.cross_zone.enabled', Value: c.crossZone },
          ...(alb ? [{ Key: 'load_balancing.algorithm.type', Value: c.algorithm }] : []),
        ],
      },
    ],
    loadBalancers: [
      {
        Name: 'lb',
        Type: c.type,
        AvailabilityZones: ZONES,
        Attributes: alb ? [{ Key: 'idle_timeout.timeout_seconds', Value: String(c.idleSeconds) }] : [],
        Listeners: [{ Port: 80, Protocol: alb ? 'HTTP' : 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tg' }] }],
      },
    ],
    model: { registrationDelay: { application: '1s', network: '1s' }, firstCheckJitter: '5s' },
  }, c.seed);
  for (let i = 0; i < c.targets; i += 1) {
    if (!c.listening[i]) continue;
    let n = 0;
    let m = 0;
    const serve = c.serve[i] as Script[];
    const checks = c.checks[i] as Script[];
    listen(w, `${IPS[i]}:8080`, new FakeServer(w.sim, () => serve[n++ % serve.length] as Script, () => checks[m++ % checks.length] as Script));
  }
  const target = (i: number) => ({ Id: IPS[i] as string, AvailabilityZone: ZONES[i % 2] as string });
  w.elb.registerTargets('tg', Array.from({ length: c.targets }, (_, i) => target(i)));
  for (const op of c.ops) {
    const i = op.target % c.targets;
    w.sim.at(op.at, () => (op.register ? w.elb.registerTargets('tg', [target(i)]) : w.elb.deregisterTargets('tg', [target(i)])));
  }
  const sent: Sent[] = [];
  const ep = w.elb.listenerEndpoint('lb', 80);
  for (const t of c.requests) w.sim.at(t, () => sent.push(send(w, ep)));
  return { w, sent };
}

const STATES: readonly TargetHealthState[] = ['initial', 'healthy', 'unhealthy', 'unused', 'draining'];
/** Which state may follow which (ELB's lifecycle, L-012 to L-020). */
const NEXT: Readonly<Record<string, readonly string[]>> = {
  initial: ['initial', 'healthy', 'unhealthy', 'draining', 'unused'],
  healthy: ['unhealthy', 'draining'],
  unhealthy: ['unhealthy', 'healthy', 'draining'],
  draining: ['unused', 'initial'],
  unused: ['initial', 'unused', 'draining'],
};

describe('invariants (fast-check)', () => {
  it('every request gets exactly one response, and nothing is left in flight', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { w, sent } = build(c);
        w.sim.run({ until: 500_000 });
        expect(sent).toHaveLength(c.requests.length);
        for (const s of sent) expect(s.answers).toBe(1);
        expect(w.elb.loadBalancer('lb')?.inFlight).toBe(0);
        const tg = w.elb.targetGroupByNameOrArn('tg');
        for (const ip of IPS) expect(tg?.target(`${ip}:8080`)?.outstanding ?? 0).toBe(0);
        const total = w.elb.result().loadBalancers[0]?.requests?.count;
        expect(total).toBe(sent.length);
      }),
      { numRuns: 80 },
    );
  });

  it('a target is never in two states, moves only along ELB arrows, and host counts agree with describe-target-health', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { w } = build(c);
        const tg = w.elb.targetGroupByNameOrArn('tg');
        for (let t = 0; t <= 60_000; t += 2_500) {
          w.sim.run({ until: t });
          const described = w.elb.describeTargetHealth('tg').TargetHealthDescriptions;
          const keys = described.map((d) => `${d.Target.Id}:${d.Target.Port}`);
          expect(new Set(keys).size).toBe(keys.length);
          for (const d of described) expect(STATES).toContain(d.TargetHealth.State);
          expect(described.filter((d) => d.TargetHealth.State === 'healthy').length).toBe(tg?.healthyHostCount);
          expect(described.filter((d) => d.TargetHealth.State === 'unhealthy').length).toBe(tg?.unhealthyHostCount);
          expect(tg?.hostCountsAt(t)).toEqual({ t, HealthyHostCount: tg?.healthyHostCount, UnHealthyHostCount: tg?.unhealthyHostCount });
        }
        for (const { history } of tg?.histories() ?? []) {
          history.forEach((h: HealthHistoryEntry, i) => {
            const prev = history[i - 1];
            if (prev === undefined) return;
            expect(h.t).toBeGreaterThanOrEqual(prev.t);
            expect(`${h.State} ${h.Reason ?? ''} ${h.Description ?? ''}`).not.toBe(`${prev.State} ${prev.Reason ?? ''} ${prev.Description ?? ''}`);
            expect(NEXT[prev.State]).toContain(h.State);
          });
        }
      }),
      { numRuns: 80 },
    );
  });
});
