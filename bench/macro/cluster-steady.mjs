// A whole cluster brought to steady state (issue 5's benchmark): 1,000 EC2 instances and
// 100 services x 100 tasks, placed and run until every service has reached a steady state.
// Figures: wall time of runScenario (parsing timed apart), simulated events processed and
// events/s, placement decisions per second, peak memory, and the simulated time to steady
// state.
//
// The scenario is built in code (the format of scenarios/*.yaml, as JSON text through
// parseScenario): `m5.xlarge` instances (4096 CPU units, 15,566 MiB registered) round-robin
// over three AZs, launched at 0 s (the last registers at ~3.6 minutes); at 5m, 100 REPLICA
// services with desiredCount 100 are created, each with its own bridge-mode task definition
// (256 CPU units, 512 MiB, its own 200 MB image) and ECS's default strategy (spread AZ, then
// instanceId). Every other
// service maps container port 8080 to a dynamic host port; the rest have no ports. 16 such
// tasks fit an instance by CPU, so the 10,000 tasks (10 per instance on average) fit with
// room for the uneven per-instance counts the spread leaves (spread balances each service's
// tasks, not the instance totals). The run ends 10 simulated minutes after the services are
// created; the bench checks that every service got to its steady state well before that.
// runScenario has no "stop when steady" option, so the run goes on to `until`: at full size
// the last service is steady at 342.6 s after 83,800 of the run's 95,415 events; most of the
// rest are the scheduler's look 40 s after each task reached RUNNING.
//
// The baseline, in the same bench run, is the same workload at a tenth of the size: 100
// instances and 100 services x 10 tasks (1,000 tasks). It keeps what shapes the work per
// task: ~10 tasks per instance, each service on about a tenth of the instances, so every
// instance ends up holding a different mix of services (the placement index, which files
// instances by state, sees as many states as instances in both runs), and the same number of
// services, so the scheduler's per-service work is the same. Only the cluster grows. If
// nothing in the model scanned the cluster per task, the full run would cost ~10x the
// baseline's wall time at the same events/s; a scan over all instances per task makes it
// ~100x. The ratio says where between the two the model is. (The other obvious tenth, 100
// instances x 10 services x 100 tasks, puts exactly one task of each service on every
// instance: all instances stay twins, the index sees ~6 states instead of ~100, and the
// ratio would mostly measure the index's best case against its worst.) --quick runs the
// tenth as its main run, and a hundredth (10 instances, 100 services x 1 task) as its
// baseline.
//
// Before timing: a small cluster (30 instances, 6 services x 20 tasks) runs with the
// model's invariants checked after every event, and the baseline runs twice with the same
// seed and must give the same log hash. Every timed run is then checked (the figures are
// withheld if any check fails): every service RUNNING desiredCount tasks and steady, no task
// ever STOPPED, every task on an instance that registered before the services were created,
// no instance's CPU or memory over-committed (summed from the tasks, against its registered
// resources and its remaining ones), and no invariant violation at the end of the run
// (runScenario checks them there; checking after every event costs O(tasks x instances) per
// event at this size).
//
// Each timed run has a node process of its own (started with --expose-gc; one run of the
// tenth warms its JIT up first), so that no run inherits another's JIT state and heap, and
// so that peak memory is the run's own: process.resourceUsage().maxRSS, the process's
// high-water mark (reported with the RSS before the run: node, the library and the warm-up
// run), and heapUsed just after the run with the result still held, then after a GC (what
// the retained model and result take). The runs alternate,
// baseline first: B M B M B; each baseline process times 3 runs. The figures are medians.
//
// Run alone:  npm run build && node --expose-gc bench/macro/cluster-steady.mjs [--quick] [--json]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../dist/scenario/loader.js';
import { runScenario } from '../../dist/scenario/runner.js';
import { collectGarbage, isMain, median, MismatchError, runStandalone, si } from '../lib/common.mjs';

const INSTANCE_TYPE = 'm5.xlarge';
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const TASK = { cpu: 256, memory: 512 };
const CREATE_AT_MS = 5 * 60_000;
const RUN_AFTER_CREATE_MS = 10 * 60_000;
const SEED = 'cluster-steady';

export const SIZES = {
  full: { instances: 1_000, services: 100, tasksPerService: 100 },
  /** The baseline: a tenth of the instances and of the tasks, the same structure (see the header). */
  tenth: { instances: 100, services: 100, tasksPerService: 10 },
  hundredth: { instances: 10, services: 100, tasksPerService: 1 },
  check: { instances: 30, services: 6, tasksPerService: 20 },
};

/** Runs are child processes; `repeat` timed runs each (the small ones are noisy: ±30% from run to run here). */
const PLAN = { main: 'full', baseline: 'tenth', mainRuns: 2, mainRepeat: 1, baselineRuns: 3, baselineRepeat: 3 };
const QUICK_PLAN = { main: 'tenth', baseline: 'hundredth', mainRuns: 1, mainRepeat: 3, baselineRuns: 3, baselineRepeat: 5 };

const pad3 = (i) => String(i).padStart(3, '0');

/** The scenario as a plain object, in the shape of scenarios/*.yaml. */
export function buildScenario({ instances, services, tasksPerService }) {
  const families = Array.from({ length: services }, (_, s) => `svc-${pad3(s)}`);
  return {
    name: `cluster steady state: ${instances} x ${INSTANCE_TYPE}, ${services} services x ${tasksPerService} tasks`,
    seed: SEED,
    until: `${(CREATE_AT_MS + RUN_AFTER_CREATE_MS) / 1000}s`,
    ecs: {
      instances: [{ name: 'pool', count: instances, instanceType: INSTANCE_TYPE, availabilityZones: AZS }],
      taskDefinitions: families.map((family, s) => ({
        definition: {
          family,
          networkMode: 'bridge',
          containerDefinitions: [
            {
              name: 'app',
              image: `bench/${family}:1`,
              cpu: TASK.cpu,
              memory: TASK.memory,
              essential: true,
              // Every other service: one dynamic host port (bridge, no hostPort).
              portMappings: s % 2 === 1 ? [{ containerPort: 8080 }] : [],
            },
          ],
        },
      })),
    },
    timeline: families.map((family) => ({ at: `${CREATE_AT_MS / 1000}s`, createService: { serviceName: family, taskDefinition: family, desiredCount: tasksPerService } })),
  };
}

function parse(size) {
  const text = JSON.stringify(buildScenario(size));
  const t0 = performance.now();
  const scenario = parseScenario(text, 'cluster-steady.json');
  return { scenario, parseMs: performance.now() - t0 };
}

const STEADY = (name) => `(service ${name}) has reached a steady state.`;

/**
 * Checks a finished run; throws MismatchError naming the first problems. Returns what the
 * figures need: tasks placed, failed placements, and the simulated time to steady state.
 */
export function verify(result, size) {
  const problems = [];
  const ecs = result.ecs;
  const total = size.services * size.tasksPerService;
  if (result.stopReason !== 'until' || result.error !== undefined) problems.push(`run stopped by ${result.stopReason}${result.error ? `: ${result.error.message}` : ''}`);
  if (ecs.invariantViolations.length > 0) problems.push(`${ecs.invariantViolations.length} invariant violations, first: ${ecs.invariantViolations[0]}`);
  const created = Object.values(ecs.tasksByLabel).reduce((n, tasks) => n + tasks.length, 0);
  if (created !== total) problems.push(`${created} tasks created, expected ${total}`);
  if (ecs.taskCounts.RUNNING !== total) problems.push(`${ecs.taskCounts.RUNNING} tasks RUNNING, expected ${total} (${JSON.stringify(ecs.taskCounts)})`);
  if (ecs.taskCounts.STOPPED !== 0) problems.push(`${ecs.taskCounts.STOPPED} tasks STOPPED`);
  const names = Object.keys(ecs.services);
  if (names.length !== size.services) problems.push(`${names.length} services, expected ${size.services}`);
  let lastSteadyMs = 0;
  for (const name of names) {
    const s = ecs.services[name];
    if (s.desiredCount !== size.tasksPerService || s.runningCount !== size.tasksPerService || s.pendingCount !== 0) {
      problems.push(`service ${name}: desired ${s.desiredCount}, running ${s.runningCount}, pending ${s.pendingCount}`);
    }
    if (s.steadyStateAt === undefined || !s.events.some((e) => e.message === STEADY(name))) problems.push(`service ${name} never reached a steady state`);
    else lastSteadyMs = Math.max(lastSteadyMs, s.steadyStateAt);
  }
  if (lastSteadyMs > CREATE_AT_MS + RUN_AFTER_CREATE_MS / 2) problems.push(`the last service reached steady state ${(lastSteadyMs - CREATE_AT_MS) / 1000} s after creation: too close to the end of the run`);
  // Registration and over-commit, from the tasks themselves.
  const byArn = new Map(ecs.containerInstances.map((i) => [i.containerInstanceArn, { i, cpu: 0, memory: 0, tasks: 0 }]));
  if (ecs.containerInstances.length !== size.instances) problems.push(`${ecs.containerInstances.length} instances, expected ${size.instances}`);
  for (const i of ecs.containerInstances) {
    if (i.status !== 'ACTIVE' || i.registeredAt === undefined || i.registeredAt >= CREATE_AT_MS) problems.push(`instance ${i.ref} is ${i.status}, registered at ${i.registeredAt} ms`);
  }
  for (const tasks of Object.values(ecs.tasksByLabel)) {
    for (const t of tasks) {
      const at = byArn.get(t.containerInstanceArn);
      if (at === undefined) {
        problems.push(`task ${t.taskArn} is on no known instance`);
        continue;
      }
      if (t.lastStatus !== 'STOPPED') {
        at.cpu += Number(t.cpu);
        at.memory += Number(t.memory);
        at.tasks += 1;
      }
    }
  }
  let maxTasksOnInstance = 0;
  for (const { i, cpu, memory, tasks } of byArn.values()) {
    maxTasksOnInstance = Math.max(maxTasksOnInstance, tasks);
    if (cpu > i.registeredResources.cpu || memory > i.registeredResources.memory) problems.push(`instance ${i.ref} over-committed: ${cpu}/${i.registeredResources.cpu} CPU, ${memory}/${i.registeredResources.memory} MiB`);
    if (i.remainingResources.cpu !== i.registeredResources.cpu - cpu || i.remainingResources.memory !== i.registeredResources.memory - memory) problems.push(`instance ${i.ref}: remaining resources disagree with its tasks`);
    if (i.runningTasksCount !== tasks) problems.push(`instance ${i.ref}: runningTasksCount ${i.runningTasksCount}, ${tasks} tasks on it`);
  }
  if (problems.length > 0) throw new MismatchError(`cluster run (${size.instances} instances) failed its checks: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  // Every place() call: the successful ones made a task each; the failed ones are kept in ecs.placements.
  const failedPlacements = ecs.placements.filter((p) => p.status !== 'Success').length;
  return { tasksPlaced: created, failedPlacements, decisions: created + failedPlacements, lastSteadyMs, steadyAfterCreateMs: lastSteadyMs - CREATE_AT_MS, maxTasksOnInstance };
}

const mb = (bytes) => bytes / (1024 * 1024);

/**
 * `repeat` timed runScenario calls, each on a freshly parsed scenario, in this process (a
 * child started by `timedRunInChild`); each result is checked afterwards. A small run first
 * warms the JIT up. Memory is measured around the first.
 */
function timedRun(key, repeat = 1) {
  const size = SIZES[key];
  // JIT warm-up: the first run in a process runs ~2x slower than the next ones at this size.
  runScenario(parse(SIZES.tenth).scenario);
  const walls = [];
  let first;
  for (let i = 0; i < repeat; i += 1) {
    const { scenario, parseMs } = parse(size);
    collectGarbage();
    const before = { maxRssMB: process.resourceUsage().maxRSS / 1024, rssMB: mb(process.memoryUsage().rss), heapUsedMB: mb(process.memoryUsage().heapUsed) };
    const t0 = performance.now();
    const { result } = runScenario(scenario);
    const wallSec = (performance.now() - t0) / 1000;
    walls.push(wallSec);
    if (first === undefined) {
      const now = process.memoryUsage();
      const maxRssMB = process.resourceUsage().maxRSS / 1024;
      collectGarbage();
      const memory = { before, maxRssMB, rssMB: mb(now.rss), heapUsedMB: mb(now.heapUsed), heapUsedAfterGcMB: mb(process.memoryUsage().heapUsed) };
      const checked = verify(result, size);
      first = { key, ...size, parseMs, events: result.eventsProcessed, traceRecords: result.traceRecords, ...checked, simulatedMs: result.simulatedMs, logHash: result.logHash, memory };
    } else {
      verify(result, size);
      if (result.logHash !== first.logHash) throw new MismatchError(`${key}: same seed, different log hashes between timed runs`);
    }
  }
  return { ...first, walls, wallSec: median(walls) };
}

/**
 * Each timed run gets its own node process: its peak RSS is then its own, and no run
 * inherits another's JIT state and heap (in one process, the 100-instance run took 0.4 s
 * before the 1,000-instance run and 0.7 s after it).
 */
function timedRunInChild(key, repeat, log) {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), `--child=${key}`, `--repeat=${repeat}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`the ${key} run exited with ${child.status ?? child.signal}`);
  const run = JSON.parse(child.stdout.trim().split('\n').at(-1));
  if (run.error !== undefined) throw new MismatchError(run.error);
  log(`  ${key}: ${run.instances} instances, ${run.services}x${run.tasksPerService} tasks: ${run.walls.map((w) => w.toFixed(2)).join(', ')} s, ${si(run.events)} events (${si(run.events / run.wallSec)}/s), ${run.decisions} decisions, steady ${(run.steadyAfterCreateMs / 1000).toFixed(1)} s after creation, peak RSS ${run.memory.maxRssMB.toFixed(0)} MB`);
  return run;
}

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const plan = quick ? QUICK_PLAN : PLAN;
  const started = performance.now();

  log('cluster: invariants after every event on a small cluster');
  {
    const size = SIZES.check;
    const { scenario } = parse(size);
    const { result } = runScenario(scenario, { checkInvariants: true });
    verify(result, size);
  }

  log(`cluster: same seed, same log (${plan.baseline} size, twice)`);
  const a = runScenario(parse(SIZES[plan.baseline]).scenario).result;
  const b = runScenario(parse(SIZES[plan.baseline]).scenario).result;
  if (a.logHash !== b.logHash || a.eventsProcessed !== b.eventsProcessed) throw new MismatchError(`same seed, different runs: ${a.logHash.slice(0, 12)} (${a.eventsProcessed} events) then ${b.logHash.slice(0, 12)} (${b.eventsProcessed} events)`);
  verify(a, SIZES[plan.baseline]);

  // Interleaved, each in its own process: B M B [M B].
  log('cluster: timed runs, each in its own process');
  const baseline = [timedRunInChild(plan.baseline, plan.baselineRepeat, log)];
  const main = [];
  for (let i = 0; i < Math.max(plan.mainRuns, plan.baselineRuns - 1); i += 1) {
    if (i < plan.mainRuns) main.push(timedRunInChild(plan.main, plan.mainRepeat, log));
    if (baseline.length < plan.baselineRuns) baseline.push(timedRunInChild(plan.baseline, plan.baselineRepeat, log));
  }
  for (const runs of [main, baseline]) {
    if (runs.some((r) => r.logHash !== runs[0].logHash)) throw new MismatchError(`${runs[0].key}: same seed, different log hashes between timed runs`);
  }
  if (a.logHash !== baseline[0].logHash) throw new MismatchError(`${plan.baseline}: the timed run's log differs from the check run's`);
  const summary = (runs) => {
    const walls = runs.flatMap((x) => x.walls);
    const wallSec = median(walls);
    const r = runs[0];
    return { ...r, wallSec, eventsPerSec: r.events / wallSec, decisionsPerSec: r.decisions / wallSec, runs: walls, processes: runs.length, peakRssMB: Math.max(...runs.map((x) => x.memory.maxRssMB)) };
  };
  const m = summary(main);
  const base = summary(baseline);
  return {
    quick,
    plan,
    instanceType: INSTANCE_TYPE,
    task: TASK,
    createAtMs: CREATE_AT_MS,
    untilMs: CREATE_AT_MS + RUN_AFTER_CREATE_MS,
    main: m,
    baseline: base,
    ratios: {
      work: m.events / base.events,
      wall: m.wallSec / base.wallSec,
      eventsPerSec: m.eventsPerSec / base.eventsPerSec,
      usPerDecision: m.wallSec / m.decisions / (base.wallSec / base.decisions),
    },
    benchSeconds: (performance.now() - started) / 1000,
  };
}

const fmtSec = (s) => (s >= 120 ? `${(s / 60).toFixed(1)} min` : s >= 10 ? `${s.toFixed(1)} s` : `${s.toFixed(2)} s`);
const desc = (r) => `${r.instances.toLocaleString('en-US')} instances, ${r.services} service${r.services === 1 ? '' : 's'} x ${r.tasksPerService} task${r.tasksPerService === 1 ? '' : 's'}`;

export function format(r) {
  const m = r.main;
  const b = r.baseline;
  const lines = [
    `cluster to steady state: ${r.instanceType} in 3 AZs, bridge tasks of ${r.task.cpu} CPU units / ${r.task.memory} MiB (half with a dynamic port), default spread; services created at ${r.createAtMs / 60_000}m, run to ${r.untilMs / 60_000}m${r.quick ? ' (--quick: a tenth of the size)' : ''}`,
    `  checked: invariants after every event (${SIZES.check.instances} instances, ${SIZES.check.services}x${SIZES.check.tasksPerService} tasks); same seed, same log hash; every timed run: all ${(m.services * m.tasksPerService).toLocaleString('en-US')} tasks RUNNING, every service steady, none STOPPED, no over-commit, no invariant violation at the end`,
    `  ${desc(m)}: ${fmtSec(m.wallSec)} runScenario (parse ${m.parseMs.toFixed(0)} ms apart)${m.runs.length > 1 ? `, median of ${m.runs.length} (${m.runs.map((w) => w.toFixed(w >= 10 ? 1 : 2)).join(', ')} s)` : ''}`,
    `    ${si(m.events)} events, ${si(m.eventsPerSec)} events/s; ${m.decisions.toLocaleString('en-US')} placement decisions (${m.tasksPlaced.toLocaleString('en-US')} placed, ${m.failedPlacements} failed), ${si(m.decisionsPerSec)} decisions/s of whole-run wall time`,
    `    steady state ${(m.steadyAfterCreateMs / 1000).toFixed(1)} s (simulated) after the services were created; at most ${m.maxTasksOnInstance} tasks on one instance`,
  ];
  const mem = m.memory;
  lines.push(
    `    memory: peak RSS ${m.peakRssMB.toFixed(0)} MB (the run's own process, high-water; ${mem.before.maxRssMB.toFixed(0)} MB before the run), heapUsed ${mem.heapUsedMB.toFixed(0)} MB just after it with the result held, ${mem.heapUsedAfterGcMB.toFixed(0)} MB after a GC (${mem.before.heapUsedMB.toFixed(0)} MB before the run)`,
  );
  lines.push(
    `  baseline ${desc(b)}: ${fmtSec(b.wallSec)} (median of ${b.runs.length} in ${b.processes} processes), ${si(b.events)} events, ${si(b.eventsPerSec)} events/s, ${si(b.decisionsPerSec)} decisions/s, steady ${(b.steadyAfterCreateMs / 1000).toFixed(1)} s after creation, peak RSS ${b.peakRssMB.toFixed(0)} MB`,
    `  ratio to baseline: ${r.ratios.work.toFixed(1)}x the events, ${r.ratios.wall.toFixed(1)}x the wall time (linear would be ~${r.ratios.work.toFixed(0)}x), events/s x${r.ratios.eventsPerSec.toFixed(2)}, wall time per decision x${r.ratios.usPerDecision.toFixed(1)}`,
    `  bench time ${fmtSec(r.benchSeconds)}`,
  );
  return lines;
}

const childKey = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
if (isMain(import.meta.url) && childKey !== undefined) {
  let out;
  try {
    out = timedRun(childKey, Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice('--repeat='.length) ?? 1));
  } catch (error) {
    if (!(error instanceof MismatchError)) throw error;
    out = { error: error.message };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else if (isMain(import.meta.url)) {
  await runStandalone(run, format);
}
