import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, type TraceSink } from '../../src/engine/index.js';
import { ElasticLoadBalancing } from '../../src/elb/elb.js';
import { Network, type HttpResponse } from '../../src/traffic/http.js';
import { parseElbSection } from '../../src/elb/schema.js';
import { TaskServer, type TaskServerConfig } from '../../src/traffic/server.js';
import { albSection } from './support.js';

/**
 * Health checks that cost no event (`healthCheckEvents: 'elided'`, the default: a healthy
 * target's checks its idle server will pass are accounted for when something next touches
 * the server) against
 * every check a request with its events (`per-check`): over random target groups,
 * applications failing and recovering at random times, deregistrations, re-registrations,
 * tasks stopping and new ones starting at the same address, requests arriving now and
 * then, and load read at random instants, everything observable must be the same:
 * target histories (states, reasons, times), HealthyHostCount, each server's counters
 * and load integrals (the load a health check adds), every request's response, latency
 * and id, and the trace, line for line. Only the number of events may differ.
 */

type Action =
  | { readonly at: number; readonly kind: 'deregister' | 'register'; readonly target: number }
  | { readonly at: number; readonly kind: 'restart'; readonly target: number; readonly server: number }
  | { readonly at: number; readonly kind: 'request' | 'read'; readonly delay?: number };

interface Plan {
  readonly interval: number;
  readonly timeout: number;
  readonly healthy: number;
  readonly unhealthy: number;
  readonly jitterMs: number;
  readonly servers: readonly Omit<TaskServerConfig, 'name'>[];
  readonly targets: number;
  readonly actions: readonly Action[];
  readonly horizonMs: number;
}

const HORIZON_MS = 600_000;

const healthScript = fc.record(
  {
    serviceTime: fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1, 3, 40, 2_500).map((c) => ({ constant: c })), fc.constant({ exponential: { mean: 5 } })),
    failures: fc.array(fc.record({ fromMs: fc.integer({ min: 0, max: HORIZON_MS }), toMs: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }), status: fc.constantFrom(500, 503, 302, 200) }), { maxLength: 3 }),
    failAfterMs: fc.option(fc.integer({ min: 0, max: HORIZON_MS }), { nil: undefined }),
    path: fc.constantFrom(undefined, '/health', '/other'),
  },
  { requiredKeys: [] },
).map((h) => ({ ...h, failures: (h.failures ?? []).map((f) => ({ fromMs: f.fromMs, ...(f.toMs === undefined ? {} : { toMs: f.fromMs + f.toMs }), status: f.status })) }));

const serverConfig = fc.record({
  workers: fc.integer({ min: 1, max: 3 }),
  serviceTime: fc.constant({ exponential: { mean: 30 } }),
  healthCheck: healthScript,
  timeoutMs: fc.option(fc.constantFrom(2, 50, 5_000), { nil: undefined }),
  coldStart: fc.option(fc.record({ requests: fc.integer({ min: 0, max: 5 }), durationMs: fc.integer({ min: 0, max: 60_000 }), factor: fc.constantFrom(1, 3) }), { nil: undefined }),
  // Absent keys rather than undefined ones (exactOptionalPropertyTypes).
}).map((c) => JSON.parse(JSON.stringify(c)) as Omit<TaskServerConfig, 'name'>);

const plan: fc.Arbitrary<Plan> = fc
  .record({
    interval: fc.constantFrom(5, 10, 30),
    timeoutPart: fc.constantFrom(2, 3, 4),
    healthy: fc.integer({ min: 2, max: 5 }),
    unhealthy: fc.integer({ min: 2, max: 5 }),
    jitterMs: fc.constantFrom(0, 0, 1, 5_000),
    servers: fc.array(serverConfig, { minLength: 1, maxLength: 4 }),
    targets: fc.integer({ min: 1, max: 3 }),
    actions: fc.array(
      fc.oneof(
        fc.record({ at: fc.integer({ min: 0, max: HORIZON_MS }), kind: fc.constantFrom('deregister' as const, 'register' as const), target: fc.nat(2) }),
        fc.record({ at: fc.integer({ min: 0, max: HORIZON_MS }), kind: fc.constant('restart' as const), target: fc.nat(2), server: fc.nat(3) }),
        // Times on the check grid (with no jitter, checks start on multiples of the interval and answer a
        // constant service time later) make ties with checks and their answers likely.
        fc.record({ at: fc.oneof(fc.integer({ min: 0, max: HORIZON_MS }), fc.tuple(fc.integer({ min: 0, max: 120 }), fc.constantFrom(0, 1, 3, 40)).map(([k, d]) => k * 5_000 + d)), kind: fc.constantFrom('request' as const, 'read' as const, 'read' as const) }),
        // Sent or read later, from inside the run: scheduled at an instant near a check (on the grid), landing on another,
        // so its place in the order at that instant is decided by when it was scheduled.
        fc.record({
          at: fc.tuple(fc.integer({ min: 0, max: 110 }), fc.constantFrom(0, 1, 3)).map(([k, d]) => k * 5_000 + d),
          kind: fc.constantFrom('request' as const, 'read' as const),
          delay: fc.constantFrom(0, 1, 2, 3, 40, 4_999, 5_000, 5_001, 10_000, 30_000),
        }),
      ),
      { maxLength: 60 },
    ),
  })
  .map((p) => ({ ...p, timeout: Math.min(p.timeoutPart, p.interval - 1), horizonMs: HORIZON_MS }));

function run(p: Plan, mode: 'elided' | 'per-check') {
  const lines: string[] = [];
  const sink: TraceSink = { write: (line) => void lines.push(line) };
  const sim = new Simulation({ seed: 'elision', sinks: [sink] });
  const network = new Network();
  const elb = new ElasticLoadBalancing(
    sim,
    network,
    parseElbSection(
      albSection({
        tg: { HealthCheckIntervalSeconds: p.interval, HealthCheckTimeoutSeconds: p.timeout, HealthyThresholdCount: p.healthy, UnhealthyThresholdCount: p.unhealthy },
        model: { firstCheckJitter: `${p.jitterMs}ms` },
      }),
    ),
    { healthCheckEvents: mode },
  );
  const ips = Array.from({ length: p.targets }, (_, i) => `10.0.0.${i + 1}`);
  const servers: TaskServer[] = [];
  let made = 0;
  const start = (target: number, config: Omit<TaskServerConfig, 'name'>): void => {
    const s = new TaskServer(sim, { ...config, name: `server-${made}` });
    made += 1;
    servers.push(s);
    network.listen(`${ips[target]}:8080`, s);
  };
  ips.forEach((_, i) => start(i, p.servers[i % p.servers.length]!));
  const byAddress = (target: number): TaskServer | undefined => network.connect(`${ips[target]}:8080`) as TaskServer | undefined;
  elb.registerTargets(
    'web',
    ips.map((ip, i) => ({ Id: ip, AvailabilityZone: i % 2 === 0 ? 'us-east-1a' : 'us-east-1b' })),
  );
  const endpoint = elb.listenerEndpoint('front', 80);
  const seen: unknown[] = [];
  let sent = 0;
  for (const a of p.actions) {
    sim.at(a.at, () => {
      const target = 'target' in a ? a.target % p.targets : 0;
      const d = { Id: ips[target]!, AvailabilityZone: target % 2 === 0 ? 'us-east-1a' : 'us-east-1b' };
      if (a.kind === 'deregister') elb.deregisterTargets('web', [d]);
      else if (a.kind === 'register') elb.registerTargets('web', [d]);
      else if (a.kind === 'restart') {
        const old = byAddress(target);
        network.close(`${ips[target]}:8080`);
        old?.close();
        start(target, p.servers[a.server % p.servers.length]!);
      } else {
        const act = (): void => {
          if (a.kind === 'request') {
            const n = sent;
            sent += 1;
            const request = { id: 0, route: 'r', method: 'GET', path: '/', sentAt: sim.now };
            endpoint.send(request, (r: HttpResponse) => seen.push({ n, t: sim.now, status: r.status, source: r.source, target: r.target }));
          } else {
            seen.push({ t: sim.now, loads: servers.map((s) => [s.busyWorkers, s.inFlight, s.cpuUtilization, s.usage()]) });
          }
        };
        const delay = 'delay' in a ? a.delay : undefined;
        if (delay === undefined) act();
        else sim.schedule(delay, act);
      }
    });
  }
  sim.run({ until: p.horizonMs });
  const result = elb.result();
  const servedBy = servers.map((s) => ({ received: s.received, started: s.started, completed: s.completed, healthChecks: s.healthChecks, resets: s.resets, refused: s.refused, timedOut: s.timedOut, waitSumMs: s.waitSumMs, usage: s.usage(), busy: s.busyWorkers }));
  return { result, servedBy, seen, lines, events: sim.eventsProcessed };
}

describe('health checks that cost nothing while nothing changes', () => {
  it('elided and per-check modes give identical target histories, host counts, server loads, responses and trace', () => {
    let fewer = 0;
    fc.assert(
      fc.property(plan, (p) => {
        const a = run(p, 'per-check');
        const b = run(p, 'elided');
        expect(b.result).toEqual(a.result);
        expect(b.servedBy).toEqual(a.servedBy);
        expect(b.seen).toEqual(a.seen);
        expect(b.lines).toEqual(a.lines);
        expect(b.events).toBeLessThanOrEqual(a.events);
        if (b.events < a.events) fewer += 1;
      }),
      { numRuns: 150, seed: 1414 },
    );
    // The elision really happens in most runs (not a property that holds by doing nothing).
    expect(fewer).toBeGreaterThan(75);
  });

  it('a healthy, idle task checked every 30 s for an hour costs a few events, not two per check, with the same load', () => {
    const runOne = (mode: 'elided' | 'per-check') => {
      const sim = new Simulation({ seed: 3 });
      const network = new Network();
      const elb = new ElasticLoadBalancing(sim, network, parseElbSection(albSection({ tg: { HealthCheckIntervalSeconds: 30 } })), { healthCheckEvents: mode });
      const server = new TaskServer(sim, { name: 'app', workers: 2, serviceTime: { constant: 10 } });
      network.listen('10.0.0.1:8080', server);
      elb.registerTargets('web', [{ Id: '10.0.0.1', AvailabilityZone: 'us-east-1a' }]);
      sim.run({ until: 3_600_000 });
      return { events: sim.eventsProcessed, usage: server.usage(), checks: server.healthChecks, completed: server.completed, history: elb.result().targetGroups[0]!.targets[0]!.history };
    };
    const perCheck = runOne('per-check');
    const elided = runOne('elided');
    expect(elided.checks).toBe(121); // at 0 s, 30 s, ..., 3,600 s
    expect({ ...elided, events: 0 }).toEqual({ ...perCheck, events: 0 });
    expect(perCheck.events).toBeGreaterThanOrEqual(242);
    // Registration, the initial checks until healthy (events: the target is not healthy yet), then none: 121 checks in a handful of events.
    expect(elided.events).toBeLessThanOrEqual(12);
  });
});
