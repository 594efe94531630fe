import { describe, expect, it } from 'vitest';
import { Simulation, type TraceSink } from '../../src/engine/index.js';
import { ElasticLoadBalancing } from '../../src/elb/elb.js';
import { parseElbSection } from '../../src/elb/schema.js';
import { Network, type HttpResponse } from '../../src/traffic/http.js';
import { TaskServer, type TaskServerConfig } from '../../src/traffic/server.js';
import { albSection } from './support.js';

/**
 * A healthy target whose idle server will pass its checks is "quiet": its checks cost no
 * event (elided mode). Each row is one thing that can change what a check does or sees;
 * it must wake the target (its checks are events again) or be accounted for exactly, so
 * that the run is the same as with every check a request (per-check mode): the target's
 * history, the server's counters and load, every response, and the trace. Checks every
 * 10 s (timeout 5 s), 2 ms health service, no first-check jitter: checks start at
 * 0 s (registration) + 10 s, 20 s, ..., so times on that grid tie with checks.
 */

interface World {
  readonly sim: Simulation;
  readonly elb: ElasticLoadBalancing;
  readonly network: Network;
  readonly server: () => TaskServer;
  readonly start: (config?: Partial<TaskServerConfig>) => TaskServer;
  readonly send: () => void;
  readonly seen: unknown[];
}

type Action = (w: World) => void;

const ADDRESS = '10.0.0.1:8080';
const TARGET = { Id: '10.0.0.1', AvailabilityZone: 'us-east-1a' };
const HORIZON = 200_000;

function run(mode: 'elided' | 'per-check', config: Partial<TaskServerConfig>, actions: readonly (readonly [number, Action])[], until = HORIZON) {
  const lines: string[] = [];
  const sink: TraceSink = { write: (line) => void lines.push(line) };
  const sim = new Simulation({ seed: 'wake', sinks: [sink] });
  const network = new Network();
  const elb = new ElasticLoadBalancing(
    sim,
    network,
    parseElbSection(albSection({ tg: { HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2 }, model: { firstCheckJitter: '0ms', registrationDelay: { application: '0ms' } } })),
    { healthCheckEvents: mode },
  );
  const servers: TaskServer[] = [];
  const start = (extra: Partial<TaskServerConfig> = {}): TaskServer => {
    const s = new TaskServer(sim, { name: `app-${servers.length}`, workers: 1, serviceTime: { constant: 4 }, healthCheck: { serviceTime: { constant: 2 } }, ...config, ...extra });
    servers.push(s);
    network.listen(ADDRESS, s);
    return s;
  };
  start();
  elb.registerTargets('web', [TARGET]);
  const endpoint = elb.listenerEndpoint('front', 80);
  const seen: unknown[] = [];
  const w: World = {
    sim,
    elb,
    network,
    server: () => servers[servers.length - 1] as TaskServer,
    start,
    send: () => endpoint.send({ id: 0, route: 'r', method: 'GET', path: '/', sentAt: sim.now }, (r: HttpResponse) => seen.push({ t: sim.now, status: r.status, source: r.source })),
    seen,
  };
  for (const [at, action] of actions) sim.at(at, () => action(w));
  sim.run({ until });
  const tg = elb.result().targetGroups[0];
  return {
    history: tg?.targets.map((t) => t.history),
    hostCounts: tg?.hostCounts,
    servers: servers.map((s) => ({ received: s.received, started: s.started, completed: s.completed, healthChecks: s.healthChecks, refused: s.refused, resets: s.resets, usage: s.usage(), busy: s.busyWorkers })),
    seen,
    lines,
    events: sim.eventsProcessed,
  };
}

const read: Action = (w) => void w.seen.push({ t: w.sim.now, usage: w.server().usage(), cpu: w.server().cpuUtilization, busy: w.server().busyWorkers, checks: w.server().healthChecks });

interface Row {
  readonly reason: string;
  readonly config?: Partial<TaskServerConfig>;
  readonly actions: readonly (readonly [number, Action])[];
  readonly until?: number;
  /** What the row shows happened (in both modes). */
  readonly then: (r: ReturnType<typeof run>) => void;
}

const states = (r: ReturnType<typeof run>): string[] => (r.history?.[0] ?? []).map((h) => `${h.t} ${h.State}${h.Reason === undefined ? '' : ` ${h.Reason}`}`);

const rows: Row[] = [
  {
    reason: 'a request reaches the server between checks, and one at the very instant of a check',
    actions: [
      [95_000, (w) => w.send()],
      [110_000, (w) => w.send()],
      [110_002, (w) => w.send()],
    ],
    then: (r) => expect(r.seen).toHaveLength(3),
  },
  {
    reason: 'a request arrives while a check is in service: it waits for the one worker',
    actions: [[100_001, (w) => w.send()]],
    then: (r) => expect(r.seen).toEqual([{ t: 100_006, status: 200, source: 'target' }]), // the check ends at 100,002 ms, then 4 ms of service
  },
  {
    reason: 'requests scheduled during a check instant, and during the previous one, arrive at the next check instant',
    actions: [
      // Scheduled during instant 100 s (the check's): after the check at 110 s, which is placed as of 100 s's start.
      [100_000, (w) => void w.sim.schedule(10_000, () => w.send())],
      // Scheduled during instant 120 s + 1 ms: after the check at 130 s, as every event scheduled since 120 s began.
      [120_001, (w) => void w.sim.schedule(9_999, () => w.send())],
      // Scheduled before instant 140 s began: before the check at 150 s.
      [139_999, (w) => void w.sim.schedule(10_001, () => w.send())],
    ],
    then: (r) => expect(r.seen).toEqual([
      { t: 110_006, status: 200, source: 'target' },
      { t: 130_006, status: 200, source: 'target' },
      { t: 150_004, status: 200, source: 'target' },
    ]),
  },
  {
    reason: 'requests and reads scheduled during a check instant, and before it, at the instant its answer comes',
    actions: [
      // Scheduled during 100 s (the check's instant): after its answer at 100,002 ms (placed as of 100 s's start): the worker is free.
      [100_000, (w) => void w.sim.schedule(2, () => w.send())],
      // Scheduled before 110 s began: before the answer at 110,002 ms: waits for the check.
      [109_999, (w) => void w.sim.schedule(3, () => w.send())],
      [119_999, (w) => void w.sim.schedule(3, () => read(w))],
      [130_000, (w) => void w.sim.schedule(2, () => read(w))],
    ],
    then: (r) => {
      expect(r.seen.slice(0, 2)).toEqual([
        { t: 100_006, status: 200, source: 'target' },
        { t: 110_006, status: 200, source: 'target' },
      ]);
      // The read placed before the answer sees the check in service; the one after, an idle worker.
      expect(r.seen.slice(2).map((s) => (s as { busy: number }).busy)).toEqual([1, 0]);
    },
  },
  {
    reason: 'the server closes and its address goes away',
    actions: [
      [
        73_000,
        (w) => {
          w.network.close(ADDRESS);
          w.server().close();
        },
      ],
    ],
    then: (r) => expect(states(r)).toContain('90000 unhealthy Target.FailedHealthChecks'),
  },
  {
    reason: 'the server shuts down (SIGTERM) and refuses new requests',
    actions: [[73_000, (w) => w.server().shutdown()]],
    then: (r) => expect(states(r).some((s) => s.includes('unhealthy'))).toBe(true),
  },
  {
    reason: 'a failure window of the health script comes due, and ends',
    config: { healthCheck: { serviceTime: { constant: 2 }, failures: [{ fromMs: 81_000, toMs: 131_000, status: 503 }] } },
    actions: [],
    then: (r) => expect(states(r)).toEqual(['0 initial Elb.RegistrationInProgress', '0 initial Elb.InitialHealthChecking', '10002 healthy', '100002 unhealthy Target.ResponseCodeMismatch', '150002 healthy']),
  },
  {
    reason: 'failAfterMs comes due',
    config: { healthCheck: { serviceTime: { constant: 2 }, failAfterMs: 99_999 } },
    actions: [],
    then: (r) => expect(states(r)).toContain('110002 unhealthy Target.ResponseCodeMismatch'),
  },
  {
    reason: 'cold start: checks are events until it is over, then quiet',
    config: { coldStart: { durationMs: 60_000, factor: 3 } },
    actions: [[150_000, read]],
    then: (r) => expect(states(r)).toContain('10006 healthy'),
  },
  {
    reason: 'the target is deregistered mid-check, and registered again',
    actions: [
      [100_001, (w) => w.elb.deregisterTargets('web', [TARGET])],
      [150_000, (w) => w.elb.registerTargets('web', [TARGET])],
    ],
    then: (r) => expect(states(r)).toContain('100001 draining Target.DeregistrationInProgress'),
  },
  {
    reason: 'another server takes the address (the old one still open)',
    actions: [[55_000, (w) => w.start({ healthCheck: { serviceTime: { constant: 2 }, status: 500 } })]],
    then: (r) => expect(states(r)).toContain('70002 unhealthy Target.ResponseCodeMismatch'),
  },
  {
    reason: 'someone reads the load and counters, at check instants and mid-check: no wake, all accounted',
    actions: [
      [50_000, read],
      [50_001, read],
      [50_002, read],
      [77_777, read],
      [120_001, read],
    ],
    then: (r) => expect(r.seen).toHaveLength(5),
  },
  {
    reason: 'the run ends in the middle of a check',
    actions: [],
    until: 190_001,
    then: (r) => expect(r.servers[0]?.busy).toBe(1),
  },
];

describe('a quiet target wakes when anything could change its checks', () => {
  it.each(rows)('$reason', (row) => {
    const perCheck = run('per-check', row.config ?? {}, row.actions, row.until);
    const elided = run('elided', row.config ?? {}, row.actions, row.until);
    expect({ ...elided, events: 0 }).toEqual({ ...perCheck, events: 0 });
    expect(elided.events).toBeLessThan(perCheck.events);
    row.then(elided);
  });

  it('a quiet target left alone costs a handful of events, not three per check', () => {
    const perCheck = run('per-check', {}, []);
    const elided = run('elided', {}, []);
    expect({ ...elided, events: 0 }).toEqual({ ...perCheck, events: 0 });
    expect(perCheck.servers[0]?.healthChecks).toBe(21); // 0 s, 10 s, ..., 200 s
    expect(perCheck.events).toBeGreaterThanOrEqual(2 * 21);
    // Registration, the first two checks (initial) and their answers: then nothing.
    expect(elided.events).toBeLessThanOrEqual(6);
  });
});

describe('two target groups checking the same server', () => {
  function runTwo(mode: 'elided' | 'per-check', apiInterval: number) {
    const lines: string[] = [];
    const sim = new Simulation({ seed: 'two', sinks: [{ write: (line) => void lines.push(line) }] });
    const network = new Network();
    const section = albSection({
      tg: { HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5 },
      listener: { DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'web', Weight: 1 }, { TargetGroupArn: 'api', Weight: 1 }] } }] },
    }) as unknown as { targetGroups: Record<string, unknown>[] };
    section.targetGroups.push({ ...section.targetGroups[0], Name: 'api', HealthCheckIntervalSeconds: apiInterval, HealthCheckTimeoutSeconds: 2 });
    const elb = new ElasticLoadBalancing(sim, network, parseElbSection(section as never), { healthCheckEvents: mode });
    const server = new TaskServer(sim, { name: 'shared', workers: 1, serviceTime: { constant: 4 }, healthCheck: { serviceTime: { constant: 3 } } });
    network.listen(ADDRESS, server);
    elb.registerTargets('web', [TARGET]);
    elb.registerTargets('api', [TARGET]);
    sim.run({ until: 300_000 });
    const r = elb.result();
    return { histories: r.targetGroups.map((g) => g.targets.map((t) => t.history)), usage: server.usage(), checks: server.healthChecks, started: server.started, waitSumMs: server.waitSumMs, lines, events: sim.eventsProcessed };
  }

  it.each([10, 5, 7])('give the same histories, load and trace in both modes (the other group every %i s)', (apiInterval) => {
    const perCheck = runTwo('per-check', apiInterval);
    const elided = runTwo('elided', apiInterval);
    expect({ ...elided, events: 0 }).toEqual({ ...perCheck, events: 0 });
    expect(elided.events).toBeLessThanOrEqual(perCheck.events);
    expect(perCheck.checks).toBeGreaterThan(30 + 300 / apiInterval - 2);
  });
});
