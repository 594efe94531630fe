// Request traffic (issue 6's benchmark): how many simulated requests per wall second the
// request-level model runs, with and without the load balancer in the path, and how long
// the fluid (aggregate) mode takes where request-level would be too slow.
//
// (a) baseline: a Workload (Poisson, constant rate) sends straight to 10 TaskServers
//     (4 workers each, exponential service of mean 50 ms, rho = 0.7: 560 requests/s) through
//     a bare round-robin endpoint: the traffic model alone.
// (b) ours: the same Workload sends to an ALB listener (two zones, cross-zone on) that
//     forwards to an `ip` target group with the same 10 tasks registered as targets, health
//     checks running (interval 30 s), every response recorded per load balancer, target
//     group and target as well as per route. Round robin, and least outstanding requests.
//     Each request has an arrival, a start and an end of service; the arrival and the end
//     are events of the queue, the start is not one of its own: it happens at the arrival
//     when a worker is free, or inside the end event that frees a worker (2.00 events per
//     request, health checks included).
// The figure is requests finished per second of wall time over the whole run (arrivals
// stop at the horizon, then the requests in flight finish), and the ratio b/a of the
// medians of rounds in which (a), (b) round robin and (b) least outstanding alternate in
// one process, after a warm-up round of each.
//
// Checks before the figures count: the same seed twice gives the same result (count and
// latency sum), every request is answered 200 by a target, every target is healthy when
// traffic starts and stays healthy, and (a) and (b) round robin give the same latencies:
// the load balancer deals the requests out in the same order as the bare round robin,
// each task draws its service times from its own stream, and a health check takes 0 ms of
// a worker, so the per-request latencies must be identical (sum and count compared).
//
// (c) fluid: one simulated day of 50 services x 1,000 requests/s on average (diurnal,
//     amplitude 0.5, each service at its own phase so no two steps repeat and the latency
//     curves are recomputed every step), each 25 tasks x 4 workers at 50 ms, one
//     FluidService per service on one Simulation, steps of 1 minute (the bundled fluid
//     scenario's step; the goal is judged on it) and, for scale, of 10 s, every step's row
//     kept. Wall time from building the services to their results; checked that
//     the expected requests total 50 x 86,400 x 1,000 = 4.32e9.
// (d) the horizon the issue names ("days at thousands of requests per second"): (c)'s
//     4.32e9 requests at (b)'s rate, and what request-level would hold in memory for them
//     (each latency recorder keeps at most EXACT_LATENCY_SAMPLES exact latencies, 8 bytes
//     each, then a DDSketch of a few kB: the workload's route and the target group each
//     have one; per-target figures are counters only).
//
// Run alone:  npm run build && node --expose-gc bench/macro/traffic.mjs [--quick] [--json]
import { ElasticLoadBalancing } from '../../dist/elb/elb.js';
import { FluidService } from '../../dist/traffic/fluid.js';
import { Network } from '../../dist/traffic/http.js';
import { parseElbSection } from '../../dist/elb/schema.js';
import { Simulation } from '../../dist/engine/index.js';
import { TaskServer } from '../../dist/traffic/server.js';
import { EXACT_LATENCY_SAMPLES } from '../../dist/traffic/stats.js';
import { Workload } from '../../dist/traffic/workload.js';
import { collectGarbage, isMain, median, MismatchError, runStandalone, si as siRaw } from '../lib/common.mjs';

export const MODEL = {
  tasks: 10,
  workers: 4,
  serviceMeanMs: 50,
  rho: 0.7,
  /** Traffic starts here: every target is healthy by then (two checks 30 s apart, from 0 s). */
  startMs: 60_000,
  healthCheckIntervalSeconds: 30,
};
/** Requests per second of simulated time. */
export const RATE = (MODEL.rho * MODEL.tasks * MODEL.workers * 1000) / MODEL.serviceMeanMs;

export const FLUID = { services: 50, ratePerService: 1_000, amplitude: 0.5, tasks: 25, workers: 4, serviceMeanMs: 50, dayMs: 86_400_000, steps: [60_000, 10_000] };
/** The goals. */
export const GOAL = { requestsPerSec: 1_000_000, fluidSeconds: 2 };

const PLAN = { requests: 2_000_000, rounds: 5, warmupRequests: 300_000, fluidRuns: 3 };
const QUICK_PLAN = { requests: 300_000, rounds: 3, warmupRequests: 100_000, fluidRuns: 3 };
/** Bytes per exact latency sample (a Float64Array entry). */
const BYTES_PER_SAMPLE = 8;
const RECORDERS_PER_REQUEST = 2;

const ZONES = ['us-east-1a', 'us-east-1b'];
/** `si`, rounded to 3 digits first so 999,600 reads 1.00M (not 1.00e+3k). */
const si = (x) => siRaw(Number(x.toPrecision(3)));

function servers(sim) {
  return Array.from(
    { length: MODEL.tasks },
    (_, i) =>
      new TaskServer(sim, {
        name: `task-${i}`,
        workers: MODEL.workers,
        serviceTime: { exponential: { mean: MODEL.serviceMeanMs } },
        healthCheck: { path: '/health', serviceTime: { constant: 0 } },
      }),
  );
}

/** The baseline's endpoint: servers in turn, no load balancer (a reset would be a 502, as ELB gives it). */
function bareRoundRobin(tasks) {
  let next = 0;
  const toResponse = (o) => (o.kind === 'response' ? { status: o.status, source: 'target' } : { status: 502, source: 'elb' });
  return {
    send(request, respond) {
      const server = tasks[next];
      next = next + 1 === tasks.length ? 0 : next + 1;
      server.serve(request, (o) => respond(toResponse(o)));
    },
  };
}

function elbSection(algorithm) {
  return parseElbSection({
    targetGroups: [
      {
        Name: 'web',
        Protocol: 'HTTP',
        Port: 8080,
        TargetType: 'ip',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: MODEL.healthCheckIntervalSeconds,
        HealthyThresholdCount: 2,
        Attributes: [{ Key: 'load_balancing.algorithm.type', Value: algorithm }],
      },
    ],
    loadBalancers: [{ Name: 'front', Type: 'application', AvailabilityZones: ZONES, Listeners: [{ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'web' }] }] }],
    model: { registrationDelay: { application: '0s' }, firstCheckJitter: '0s' },
  });
}

/**
 * One run: `mode` is 'direct', 'round_robin' or 'least_outstanding_requests'. Only the
 * traffic (from startMs until every request is answered) is timed.
 */
export function runTraffic(mode, requests, seed) {
  const sim = new Simulation({ seed });
  const tasks = servers(sim);
  let endpoint;
  let elb;
  if (mode === 'direct') {
    endpoint = bareRoundRobin(tasks);
  } else {
    const network = new Network();
    elb = new ElasticLoadBalancing(sim, network, elbSection(mode));
    tasks.forEach((t, i) => network.listen(`10.0.${i}.10:8080`, t));
    elb.registerTargets(
      'web',
      tasks.map((_, i) => ({ Id: `10.0.${i}.10`, AvailabilityZone: ZONES[i % ZONES.length] })),
    );
    endpoint = elb.listenerEndpoint('front', 80);
  }
  sim.run({ until: MODEL.startMs });
  if (elb !== undefined) {
    const states = elb.describeTargetHealth('web').TargetHealthDescriptions.map((d) => d.TargetHealth.State);
    if (states.some((s) => s !== 'healthy')) throw new MismatchError(`targets not all healthy when traffic starts: ${states.join(', ')}`);
  }
  const stopMs = MODEL.startMs + Math.round((requests / RATE) * 1000);
  let bad = 0;
  const workload = new Workload(sim, { name: 'clients', arrivals: { constant: RATE }, routes: [{ name: 'r', path: '/' }], stopMs }, endpoint, {
    onResponse: (_request, response) => {
      if (response.status !== 200 || response.source !== 'target') bad += 1;
    },
  });
  workload.start();
  const events0 = sim.eventsProcessed;
  const t0 = performance.now();
  sim.run({ until: stopMs + 60_000 });
  const sec = (performance.now() - t0) / 1000;
  const events = sim.eventsProcessed - events0;
  const latency = workload.stats.summary('r').latency;
  if (bad > 0 || workload.finished !== workload.sent) throw new MismatchError(`${mode}: ${bad} responses other than a target's 200, ${workload.sent - workload.finished} requests unanswered`);
  if (elb !== undefined) {
    const changes = elb.result().targetGroups[0].targets.reduce((s, t) => s + t.history.filter((h) => h.t > MODEL.startMs).length, 0);
    if (changes > 0) throw new MismatchError(`${mode}: ${changes} target health changes during the traffic`);
  }
  const healthChecks = tasks.reduce((s, t) => s + t.healthChecks, 0);
  return { mode, requests: workload.finished, sec, requestsPerSec: workload.finished / sec, events, eventsPerRequest: events / workload.finished, latencySum: latency.mean * latency.count, meanLatencyMs: latency.mean, healthChecks };
}

/** One simulated day of the fluid services; returns wall time and the totals. */
export function runFluidDay(stepMs) {
  const t0 = performance.now();
  const sim = new Simulation({ seed: 'fluid' });
  const services = Array.from({ length: FLUID.services }, (_, i) => {
    const f = new FluidService(sim, {
      name: `svc-${i}`,
      arrivals: { diurnal: { mean: FLUID.ratePerService, amplitude: FLUID.amplitude, period: FLUID.dayMs, phase: (i * FLUID.dayMs) / FLUID.services } },
      routes: [{ name: 'r', path: '/' }],
      server: { workers: FLUID.workers, serviceTime: { exponential: { mean: FLUID.serviceMeanMs } } },
      tasks: FLUID.tasks,
      stepMs,
      stopMs: FLUID.dayMs,
    });
    f.start();
    return f;
  });
  sim.run({ until: FLUID.dayMs });
  const results = services.map((f) => f.result());
  const sec = (performance.now() - t0) / 1000;
  const requests = results.reduce((s, r) => s + r.total.count, 0);
  const steps = results.reduce((s, r) => s + r.steps.length, 0);
  const p99 = median(results.map((r) => r.total.latency.p99));
  return { stepMs, sec, requests, steps, events: sim.eventsProcessed, p99 };
}

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const plan = quick ? QUICK_PLAN : PLAN;
  const modes = ['direct', 'round_robin', 'least_outstanding_requests'];

  // Checks (which also warm the JIT up): determinism, and (a) = (b) round robin.
  log('traffic: same seed twice, and the baseline against the load balancer');
  const warm = Object.fromEntries(modes.map((m) => [m, runTraffic(m, plan.warmupRequests, 'warm')]));
  for (const m of modes) {
    const again = runTraffic(m, plan.warmupRequests, 'warm');
    for (const key of ['requests', 'latencySum', 'events']) {
      if (again[key] !== warm[m][key]) throw new MismatchError(`${m} is not deterministic: ${key} ${warm[m][key]} then ${again[key]}`);
    }
  }
  if (warm.direct.requests !== warm.round_robin.requests || warm.direct.latencySum !== warm.round_robin.latencySum) {
    throw new MismatchError(`the load balancer's round robin does not reproduce the bare round robin: ${warm.round_robin.requests} requests, latency sum ${warm.round_robin.latencySum} vs ${warm.direct.requests}, ${warm.direct.latencySum}`);
  }

  const rounds = [];
  for (let i = 0; i < plan.rounds; i += 1) {
    const round = {};
    for (const m of i % 2 === 0 ? modes : [...modes].reverse()) {
      collectGarbage();
      round[m] = runTraffic(m, plan.requests, `traffic-${i}`);
      log(`  round ${i} ${m}: ${si(round[m].requests)} requests in ${round[m].sec.toFixed(2)} s, ${si(round[m].requestsPerSec)}/s`);
    }
    if (round.direct.latencySum !== round.round_robin.latencySum) throw new MismatchError(`round ${i}: the load balancer's round robin gave other latencies than the bare round robin`);
    rounds.push(round);
  }
  const summary = Object.fromEntries(
    modes.map((m) => [
      m,
      {
        requestsPerSec: median(rounds.map((r) => r[m].requestsPerSec)),
        min: Math.min(...rounds.map((r) => r[m].requestsPerSec)),
        max: Math.max(...rounds.map((r) => r[m].requestsPerSec)),
        eventsPerRequest: median(rounds.map((r) => r[m].eventsPerRequest)),
        meanLatencyMs: median(rounds.map((r) => r[m].meanLatencyMs)),
        requests: median(rounds.map((r) => r[m].requests)),
      },
    ]),
  );
  const ratio = (m) => median(rounds.map((r) => r[m].requestsPerSec / r.direct.requestsPerSec));

  log('traffic: fluid mode, one day of 50 services');
  runFluidDay(600_000); // warm-up
  const fluid = FLUID.steps.map((stepMs) => {
    const runs = [];
    for (let i = 0; i < plan.fluidRuns; i += 1) {
      collectGarbage();
      runs.push(runFluidDay(stepMs));
    }
    const expected = FLUID.services * FLUID.ratePerService * (FLUID.dayMs / 1000);
    const r = runs[0];
    if (Math.abs(r.requests - expected) > 1e-6 * expected) throw new MismatchError(`fluid day: ${r.requests} expected requests, not ${expected}`);
    log(`  fluid step ${stepMs / 1000} s: ${runs.map((x) => x.sec.toFixed(2)).join(', ')} s`);
    return { stepMs, sec: median(runs.map((x) => x.sec)), min: Math.min(...runs.map((x) => x.sec)), max: Math.max(...runs.map((x) => x.sec)), requests: r.requests, steps: r.steps, events: r.events, p99: r.p99 };
  });

  const horizonRequests = fluid[0].requests;
  const extrapolated = {
    requests: horizonRequests,
    requestLevelSec: horizonRequests / summary.round_robin.requestsPerSec,
    requestLevelSecLor: horizonRequests / summary.least_outstanding_requests.requestsPerSec,
    memoryBytes: Math.min(horizonRequests, EXACT_LATENCY_SAMPLES) * BYTES_PER_SAMPLE * RECORDERS_PER_REQUEST,
    fluidSec: fluid[0].sec,
  };
  return { quick, plan, model: { ...MODEL, rate: RATE }, fluidConfig: FLUID, summary, ratio: { round_robin: ratio('round_robin'), least_outstanding_requests: ratio('least_outstanding_requests') }, fluid, extrapolated, healthChecksPerRun: rounds[0].round_robin.healthChecks };
}

const fmtSec = (s) => (s >= 7200 ? `${(s / 3600).toFixed(1)} h` : s >= 120 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(2)} s`);

export function format(r) {
  const m = r.model;
  const s = r.summary;
  const label = { direct: '(a) workload -> tasks (baseline)', round_robin: '(b) workload -> ALB -> tasks, round robin', least_outstanding_requests: '(b) workload -> ALB -> tasks, least outstanding' };
  const lines = [
    `traffic: ${m.tasks} tasks x ${m.workers} workers, exponential ${m.serviceMeanMs} ms, Poisson ${si(m.rate)} requests/s (rho ${m.rho}); ${si(r.plan.requests)} requests a run, ${r.plan.rounds} rounds alternating${r.quick ? ' (--quick: short runs)' : ''}`,
    `  checks: same seed twice gives the same run; every request a target's 200; targets healthy throughout; the ALB's round robin gives exactly the bare round robin's latencies`,
  ];
  for (const key of ['direct', 'round_robin', 'least_outstanding_requests']) {
    const x = s[key];
    const vs = key === 'direct' ? '' : `; ${r.ratio[key].toFixed(2)}x the baseline's rate`;
    lines.push(`  ${label[key].padEnd(48)} ${si(x.requestsPerSec)} requests/s of wall time (rounds ${si(x.min)}-${si(x.max)}), ${x.eventsPerRequest.toFixed(2)} events/request, mean latency ${x.meanLatencyMs.toFixed(1)} ms${vs}`);
  }
  const goal = s.round_robin.requestsPerSec >= GOAL.requestsPerSec ? 'goal MET' : `goal MISSED (${(s.round_robin.requestsPerSec / GOAL.requestsPerSec).toFixed(2)}x of it)`;
  lines.push(`  goal: >= ${si(GOAL.requestsPerSec)} requests/s through ALB -> target -> response: ${si(s.round_robin.requestsPerSec)}/s, ${goal}`);
  const f = r.fluidConfig;
  lines.push(`  (c) fluid: one day of ${f.services} services x ${si(f.ratePerService)} requests/s (diurnal ±${f.amplitude * 100}%), ${f.tasks} tasks x ${f.workers} workers each, every step recomputed:`);
  for (const x of r.fluid) {
    const verdict = x === r.fluid[0] ? `; goal (under ${GOAL.fluidSeconds} s): ${x.sec <= GOAL.fluidSeconds ? 'MET' : 'MISSED'}` : '';
    lines.push(`      step ${x.stepMs / 1000} s: ${fmtSec(x.sec)} wall (runs ${x.min.toFixed(2)}-${x.max.toFixed(2)} s), ${si(x.steps)} steps (${((x.sec * 1e6) / x.steps).toFixed(1)} µs each), ${si(x.requests)} requests${verdict}`);
  }
  const e = r.extrapolated;
  lines.push(
    `  (d) that day request-level (EXTRAPOLATED from (b)): ${si(e.requests)} requests at ${si(s.round_robin.requestsPerSec)}/s = ~${fmtSec(e.requestLevelSec)} (least outstanding ~${fmtSec(e.requestLevelSecLor)}), and at most ${si(e.memoryBytes)}B of latency samples (${RECORDERS_PER_REQUEST} recorders x ${si(EXACT_LATENCY_SAMPLES)} exact samples x ${BYTES_PER_SAMPLE} B, then 1% sketches); fluid ${fmtSec(e.fluidSec)}: ~${si(e.requestLevelSec / e.fluidSec)}x faster`,
  );
  return lines;
}

if (isMain(import.meta.url)) await runStandalone(run, format);
