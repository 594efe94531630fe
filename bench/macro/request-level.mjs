// Request level at production size (issue 14): how fast request-by-request traffic runs
// through an ALB, and whether its memory stays flat day after day.
//
// (a) throughput: 50 tasks (4 workers each, exponential service of mean 20 ms: capacity
//     10,000 requests/s) behind an ALB (two zones, round robin, health checks every 30 s),
//     a Poisson workload at 5,000 requests/s for 1 simulated hour (18M requests; --quick:
//     6 min). Figures: simulated requests per wall second (from the first request to the
//     last answer and the summaries of the workload and the load balancer), peak RSS of the process, and the live heap after a GC at the end.
// (b) memory per simulated day: 5 tasks behind the same ALB at 300 requests/s, run day by
//     day (26M requests a day); after each day a GC and the live heap (used heap plus
//     external memory, array buffers included) and RSS. Flat means day N's live heap within 1.2x of
//     day 1's. 30 days by default (about 25 s each), --days=N to change, --quick 2.
// (c) health checks while nothing changes: 100 target groups x 20 tasks (2,000 healthy,
//     idle task servers, as ECS runs them behind an ALB), checked every 30 s for one
//     simulated day (5.76M checks; --quick 2 h), with `healthCheckEvents: 'per-check'`
//     (every check a request: its timer, a timeout timer, a completion event) and
//     `'elided'` (the default: checks the server will certainly pass cost no event while
//     nothing touches it). Checked first: both give the same histories, host counts and server loads.
//
// Each part runs in a child process of its own, so one part's heap never colours the
// other's peak RSS. Checks: every request is a target's 200, the run is deterministic
// (a short run twice gives the same latency sum and p99), no target changes health.
//
// Run alone:  npm run build && node --expose-gc bench/macro/request-level.mjs [--quick] [--days=N] [--parts=throughput,days,fleet] [--json]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ElasticLoadBalancing } from '../../dist/elb/elb.js';
import { Network } from '../../dist/traffic/http.js';
import { parseElbSection } from '../../dist/elb/schema.js';
import { Simulation } from '../../dist/engine/index.js';
import { TaskServer } from '../../dist/traffic/server.js';
import { Workload } from '../../dist/traffic/workload.js';
import { collectGarbage, isMain, MismatchError, runStandalone, si as siRaw } from '../lib/common.mjs';

export const THROUGHPUT = { tasks: 50, workers: 4, serviceMeanMs: 20, rate: 5_000, hours: 1, quickHours: 0.1 };
export const DAYS = { tasks: 5, workers: 4, serviceMeanMs: 20, rate: 300, days: 30, quickDays: 2, flatWithin: 1.2 };
export const GOAL = { requestsPerSec: 1_500_000 };
export const FLEET = { groups: 100, tasksPerGroup: 20, hours: 24, quickHours: 2 };

const ZONES = ['us-east-1a', 'us-east-1b'];
const START_MS = 60_000; // every target is healthy by then
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const si = (x) => siRaw(Number(x.toPrecision(3)));

/** A simulation with `tasks` servers behind an ALB and a Poisson workload from START_MS to `stopMs`. */
export function build({ tasks, workers, serviceMeanMs, rate }, stopMs, seed) {
  const sim = new Simulation({ seed });
  const network = new Network();
  const elb = new ElasticLoadBalancing(
    sim,
    network,
    parseElbSection({
      targetGroups: [{ Name: 'web', Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 30, HealthyThresholdCount: 2 }],
      loadBalancers: [{ Name: 'front', Type: 'application', AvailabilityZones: ZONES, Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'web' }] }] }],
      model: { registrationDelay: { application: '0s' }, firstCheckJitter: '0s' },
    }),
  );
  const servers = Array.from({ length: tasks }, (_, i) => {
    const s = new TaskServer(sim, { name: `task-${i}`, workers, serviceTime: { exponential: { mean: serviceMeanMs } }, healthCheck: { path: '/health', serviceTime: { constant: 0 } } });
    network.listen(`10.0.${i >> 8}.${i & 255}:8080`, s);
    return s;
  });
  elb.registerTargets(
    'web',
    servers.map((_, i) => ({ Id: `10.0.${i >> 8}.${i & 255}`, AvailabilityZone: ZONES[i % ZONES.length] })),
  );
  let bad = 0;
  const workload = new Workload(sim, { name: 'clients', arrivals: { constant: rate }, routes: [{ name: 'r', path: '/' }], startMs: START_MS, stopMs }, elb.listenerEndpoint('front', 80), {
    onResponse: (_request, response) => {
      if (response.status !== 200 || response.source !== 'target') bad += 1;
    },
  });
  workload.start();
  const check = () => {
    if (bad > 0) throw new MismatchError(`${bad} responses other than a target's 200`);
    const changes = elb.result().targetGroups[0].targets.reduce((s, t) => s + t.history.filter((h) => h.t > START_MS).length, 0);
    if (changes > 0) throw new MismatchError(`${changes} target health changes during the traffic`);
  };
  return { sim, elb, workload, check };
}

function liveMemory() {
  collectGarbage();
  const m = process.memoryUsage();
  return { heapBytes: m.heapUsed + m.external, rssBytes: m.rss };
}

/** Part (a), in its own process. */
export function throughput(quick) {
  const hours = quick ? THROUGHPUT.quickHours : THROUGHPUT.hours;
  // Determinism first (and a JIT warm-up): a short run twice.
  const short = [0, 1].map(() => {
    const r = build(THROUGHPUT, START_MS + 60_000, 'check');
    r.sim.run({ until: START_MS + 120_000 });
    r.check();
    const l = r.workload.stats.summary('r').latency;
    return `${r.workload.finished} ${l.mean * l.count} ${l.p99}`;
  });
  if (short[0] !== short[1]) throw new MismatchError(`not deterministic: ${short[0]} then ${short[1]}`);
  collectGarbage();
  const stopMs = START_MS + Math.round(hours * HOUR_MS);
  const r = build(THROUGHPUT, stopMs, 'throughput');
  r.sim.run({ until: START_MS });
  const events0 = r.sim.eventsProcessed;
  // CPU time too: on a shared machine the wall time says little (2 cores, up to 8 sessions).
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  r.sim.run({ until: stopMs + 60_000 });
  // The results are part of the run: a planner wants the percentiles, not just the events.
  const summary = r.workload.stats.summary('r');
  const elbResult = r.elb.result();
  const sec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  r.check();
  if (r.workload.finished !== r.workload.sent) throw new MismatchError(`${r.workload.sent - r.workload.finished} requests unanswered`);
  const tg = elbResult.targetGroups[0];
  const live = liveMemory();
  return {
    hours,
    requests: r.workload.finished,
    sec,
    requestsPerSec: r.workload.finished / sec,
    cpuSec,
    requestsPerCpuSec: r.workload.finished / cpuSec,
    eventsPerRequest: (r.sim.eventsProcessed - events0) / r.workload.finished,
    p50: summary.latency.p50,
    p99: summary.latency.p99,
    targetGroupP99: tg.requests?.latency?.p99,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    liveHeapBytes: live.heapBytes,
  };
}

/** Part (b), in its own process. */
export function days(count, log) {
  const stopMs = START_MS + count * DAY_MS;
  const r = build(DAYS, stopMs, 'days');
  const rows = [];
  for (let d = 1; d <= count; d += 1) {
    const t0 = performance.now();
    r.sim.run({ until: START_MS + d * DAY_MS });
    const sec = (performance.now() - t0) / 1000;
    const live = liveMemory();
    rows.push({ day: d, sec, requests: r.workload.finished, ...live });
    log(`  day ${d}: ${si(r.workload.finished)} requests, ${sec.toFixed(1)} s, live heap ${si(live.heapBytes)}B, RSS ${si(live.rssBytes)}B`);
  }
  r.check();
  return rows;
}

/** Part (c): one run of the idle fleet in a mode; returns wall time, events and what must match. */
export function fleet(mode, hours) {
  const sim = new Simulation({ seed: 'fleet' });
  const network = new Network();
  const names = Array.from({ length: FLEET.groups }, (_, g) => `tg-${g}`);
  const elb = new ElasticLoadBalancing(
    sim,
    network,
    parseElbSection({
      targetGroups: names.map((Name) => ({ Name, Protocol: 'HTTP', Port: 8080, TargetType: 'ip', HealthCheckPath: '/health', HealthCheckIntervalSeconds: 30 })),
      // A forward action takes at most 5 target groups: 20 load balancers of 5 each.
      loadBalancers: Array.from({ length: FLEET.groups / 5 }, (_, l) => ({
        Name: `front-${l}`,
        Type: 'application',
        AvailabilityZones: ZONES,
        Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: names.slice(5 * l, 5 * l + 5).map((n) => ({ TargetGroupArn: n, Weight: 1 })) } }] }],
      })),
    }),
    { healthCheckEvents: mode },
  );
  const servers = [];
  names.forEach((name, g) => {
    const targets = [];
    for (let i = 0; i < FLEET.tasksPerGroup; i += 1) {
      const ip = `10.${g >> 8}.${g & 255}.${i + 1}`;
      const s = new TaskServer(sim, { name: `${name}-${i}`, workers: 4, serviceTime: { exponential: { mean: 20 } } });
      network.listen(`${ip}:8080`, s);
      servers.push(s);
      targets.push({ Id: ip, AvailabilityZone: ZONES[i % ZONES.length] });
    }
    elb.registerTargets(name, targets);
  });
  const t0 = performance.now();
  sim.run({ until: Math.round(hours * HOUR_MS) });
  const sec = (performance.now() - t0) / 1000;
  const result = elb.result();
  const checks = servers.reduce((n, s) => n + s.healthChecks, 0);
  const fingerprint = JSON.stringify([result.targetGroups.map((g) => [g.targets.map((t) => t.history), g.hostCounts]), servers.map((s) => [s.completed, s.usage()])]);
  return { mode, sec, events: sim.eventsProcessed, checks, fingerprint };
}

export function fleetParts(quick) {
  const hours = quick ? FLEET.quickHours : FLEET.hours;
  const a = fleet('per-check', 0.25);
  const b = fleet('elided', 0.25);
  if (a.fingerprint !== b.fingerprint) throw new MismatchError('elided and per-check health checks disagree on histories, host counts or loads');
  const runs = [];
  for (const mode of ['per-check', 'elided', 'elided', 'per-check']) {
    collectGarbage();
    const r = fleet(mode, hours);
    runs.push({ mode: r.mode, sec: r.sec, events: r.events, checks: r.checks, fingerprint: r.fingerprint.length });
  }
  const pick = (mode) => runs.filter((r) => r.mode === mode);
  const perCheck = pick('per-check');
  const elided = pick('elided');
  return { hours, perCheck: { sec: Math.min(...perCheck.map((r) => r.sec)), events: perCheck[0].events, checks: perCheck[0].checks }, elided: { sec: Math.min(...elided.map((r) => r.sec)), events: elided[0].events, checks: elided[0].checks } };
}

function child(part, extra) {
  const here = fileURLToPath(import.meta.url);
  const res = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', here, `--part=${part}`, ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`request-level part ${part} exited ${res.status ?? res.signal}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
}

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const daysArg = process.argv.find((a) => a.startsWith('--days='));
  const dayCount = daysArg !== undefined ? Number(daysArg.slice('--days='.length)) : quick ? DAYS.quickDays : DAYS.days;
  const only = process.argv.find((a) => a.startsWith('--parts='))?.slice('--parts='.length).split(',') ?? ['throughput', 'days', 'fleet'];
  const passOn = quick ? ['--quick'] : [];
  let a;
  if (only.includes('throughput')) {
    log(`request-level: (a) ${THROUGHPUT.tasks} tasks behind an ALB at ${si(THROUGHPUT.rate)} requests/s for ${quick ? THROUGHPUT.quickHours : THROUGHPUT.hours} h`);
    a = child('throughput', passOn);
    log(`  ${si(a.requests)} requests in ${a.sec.toFixed(1)} s: ${si(a.requestsPerSec)}/s, peak RSS ${si(a.peakRssBytes)}B`);
  }
  let b;
  if (only.includes('days')) {
    log(`request-level: (b) ${DAYS.tasks} tasks at ${DAYS.rate} requests/s for ${dayCount} days`);
    b = child('days', [`--count=${dayCount}`]);
  }
  let c;
  if (only.includes('fleet')) {
    log(`request-level: (c) ${FLEET.groups * FLEET.tasksPerGroup} idle healthy tasks checked every 30 s, per-check and elided`);
    c = child('fleet', passOn);
    log(`  per-check ${c.perCheck.sec.toFixed(2)} s (${si(c.perCheck.events)} events), elided ${c.elided.sec.toFixed(2)} s (${si(c.elided.events)} events)`);
  }
  return { quick, throughputConfig: THROUGHPUT, daysConfig: DAYS, fleetConfig: FLEET, goal: GOAL, throughput: a, days: b, fleet: c };
}

export function format(r) {
  const lines = [];
  const a = r.throughput;
  if (a !== undefined) {
    const c = r.throughputConfig;
    const verdict = a.requestsPerSec >= r.goal.requestsPerSec ? 'goal MET' : `goal MISSED (${(a.requestsPerSec / r.goal.requestsPerSec).toFixed(2)}x of it)`;
    lines.push(
      `request level (a): ${c.tasks} tasks x ${c.workers} workers (exponential ${c.serviceMeanMs} ms) behind an ALB, Poisson ${si(c.rate)} requests/s for ${a.hours} h${r.quick ? ' (--quick)' : ''}`,
      `  ${si(a.requests)} requests in ${a.sec.toFixed(2)} s wall (${a.cpuSec.toFixed(2)} s CPU: ${si(a.requestsPerCpuSec)} per CPU second; load average ${loadavg()[0].toFixed(1)}): ${si(a.requestsPerSec)} requests/s, ${a.eventsPerRequest.toFixed(2)} events/request; peak RSS ${si(a.peakRssBytes)}B, live heap at the end ${si(a.liveHeapBytes)}B; p50 ${a.p50.toFixed(1)} ms, p99 ${a.p99.toFixed(1)} ms`,
      `  goal: >= ${si(r.goal.requestsPerSec)} requests/s: ${verdict}`,
    );
  }
  const b = r.days;
  if (b !== undefined && b.length > 0) {
    const c = r.daysConfig;
    const first = b[0];
    const last = b.at(-1);
    const ratio = last.heapBytes / first.heapBytes;
    lines.push(
      `request level (b): ${c.tasks} tasks behind an ALB at ${c.rate} requests/s, ${b.length} simulated days (${si(last.requests)} requests)`,
      `  live heap after day 1 ${si(first.heapBytes)}B, after day ${last.day} ${si(last.heapBytes)}B (${ratio.toFixed(2)}x; RSS ${si(first.rssBytes)}B -> ${si(last.rssBytes)}B); ${(b.reduce((s, x) => s + x.sec, 0) / b.length).toFixed(1)} s wall a day`,
      `  goal: day ${last.day} within ${c.flatWithin}x of day 1: ${ratio <= c.flatWithin ? 'MET' : 'MISSED'}`,
    );
  }
  const c = r.fleet;
  if (c !== undefined) {
    const f = r.fleetConfig;
    lines.push(
      `health checks (c): ${f.groups} target groups x ${f.tasksPerGroup} healthy idle tasks, checks every 30 s for ${c.hours} h (${si(c.elided.checks)} checks); same histories, host counts and loads in both modes`,
      `  per-check ${c.perCheck.sec.toFixed(2)} s wall, ${si(c.perCheck.events)} events; elided ${c.elided.sec.toFixed(2)} s wall, ${si(c.elided.events)} events: ${(c.perCheck.sec / c.elided.sec).toFixed(2)}x faster, ${(c.perCheck.events / c.elided.events).toFixed(2)}x fewer events`,
    );
  }
  return lines;
}

if (isMain(import.meta.url)) {
  const part = process.argv.find((a) => a.startsWith('--part='))?.slice('--part='.length);
  if (part === 'throughput') {
    process.stdout.write(`${JSON.stringify(throughput(process.argv.includes('--quick')))}\n`);
  } else if (part === 'fleet') {
    process.stdout.write(`${JSON.stringify(fleetParts(process.argv.includes('--quick')))}\n`);
  } else if (part === 'days') {
    const count = Number(process.argv.find((a) => a.startsWith('--count='))?.slice('--count='.length) ?? DAYS.days);
    process.stdout.write(`${JSON.stringify(days(count, (line) => console.error(line)))}\n`);
  } else {
    await runStandalone(run, format);
  }
}
