// A production day (issue 14's benchmark): the whole model, as a planner would build it.
// 1,000 m5.xlarge instances over 3 AZs; 100 REPLICA services x 20 tasks (bridge network
// mode, one dynamic host port each), each behind its own ALB target group (instance
// targets, 30 s health checks); CloudWatch at 60 s; a CPU target-tracking policy on every
// service (200 alarms); diurnal aggregate (fluid) traffic per service, one step a minute;
// and one rolling deployment per service (revision 2 of its task definition), spread over
// the day. How long does the simulator take to replay that day, and how does the cost grow
// with the cluster?
//
// The scenario is built in code (the format of scenarios/*.yaml):
// - a task: 512 CPU units / 1 GiB, a server of 4 workers at 40 ms a request (100 req/s at
//   full CPU), 5 s start-up, a /health route; 8 fit an m5.xlarge by CPU;
// - a service's traffic: diurnal, mean 800 req/s (~40% CPU over 20 tasks), amplitude 0.6,
//   peak hour staggered across the services; target tracking at 50% CPU, min 5, max 40
//   (4,000 tasks at most, the cluster holds 8,000);
// - each service is created at 5m with 20 tasks and gets its rolling deployment at
//   30m + s x (23h / services); the ALBs (one per 10 services, a listener rule per path)
//   are what ECS registers the tasks with, and a target group's deregistration delay is 60 s;
// - the run ends at 24h05m.
//
// Sizes: `full` is the day above; `tenth` is 100 instances and 10 services (the same per
// service and per instance); `ten` is 10,000 instances and 1,000 services, over the first
// 10 minutes after the services are created only (a day at that size would take too long
// for a bench; the issue measured the same horizon), compared with the full size over the
// same 15 minutes (`full10m`). Growth figures: full day ÷ tenth day (10x the model over the
// same horizon), and 10x ÷ full over the first 15 minutes (goal: at most 11x).
//
// Each run has a node process of its own, so that peak RSS (process.resourceUsage().maxRSS,
// the process's high-water mark) is the run's own. The full day runs twice, and the two log
// hashes must match (determinism), as must the tenth's two quick runs.
//
// Run alone:  npm run build && node --expose-gc bench/macro/production-day.mjs [--quick] [--json]
//             [--only-size=full|tenth|ten|full10m|tenth1h] [--hours=N]   (one run, printed as JSON)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../dist/scenario/loader.js';
import { runScenario } from '../../dist/scenario/runner.js';
import { collectGarbage, isMain, MismatchError, runStandalone, si } from '../lib/common.mjs';

const CREATE_AT_S = 300;
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const SERVICES_PER_ALB = 10;
const pad = (i) => String(i).padStart(4, '0');

export const SIZES = {
  full: { instances: 1_000, services: 100, tasksPerService: 20, hours: 24 },
  tenth: { instances: 100, services: 10, tasksPerService: 20, hours: 24 },
  /** 10x over the first 10 minutes after the services are created (the issue's growth figure). */
  ten: { instances: 10_000, services: 1_000, tasksPerService: 20, hours: 1 / 6 },
  full10m: { instances: 1_000, services: 100, tasksPerService: 20, hours: 1 / 6 },
  tenth1h: { instances: 100, services: 10, tasksPerService: 20, hours: 1 },
};

/** The scenario as a plain object, in the shape of scenarios/*.yaml. */
export function buildScenario({ instances, services, tasksPerService, hours }) {
  const names = Array.from({ length: services }, (_, s) => `svc-${pad(s)}`);
  const daySpreadS = 23 * 3600;
  const definition = (family, revision) => ({
    definition: {
      family,
      networkMode: 'bridge',
      containerDefinitions: [{ name: 'app', image: `bench/${family}:${revision}`, cpu: 512, memory: 1024, essential: true, portMappings: [{ containerPort: 8080 }] }],
    },
    behaviour: { containers: { app: { startup: '5s', server: { workers: 4, serviceTime: { exponential: { mean: '40ms' } }, healthCheck: { path: '/health' } } } } },
  });
  const albs = Array.from({ length: Math.ceil(services / SERVICES_PER_ALB) }, (_, a) => a);
  return {
    name: `a production day: ${instances} x m5.xlarge, ${services} services x ${tasksPerService} tasks`,
    seed: 'production-day',
    until: `${CREATE_AT_S + hours * 3600}s`,
    ecs: {
      // 10x is a what-if past ECS's 5,000 instances per cluster (ecs-facts S-131).
      ...(instances > 5_000 ? { serviceQuotas: { containerInstancesPerCluster: instances } } : {}),
      // A group holds at most 5,000 instances (the scenario schema's limit): 10x takes two.
      instances: Array.from({ length: Math.ceil(instances / 5_000) }, (_, g) => ({ name: g === 0 ? 'pool' : `pool-${g + 1}`, count: Math.min(5_000, instances - g * 5_000), instanceType: 'm5.xlarge', availabilityZones: AZS })),
      taskDefinitions: names.flatMap((family) => [definition(family, 1), definition(family, 2)]),
    },
    elb: {
      targetGroups: names.map((name) => ({
        Name: name,
        Protocol: 'HTTP',
        Port: 8080,
        TargetType: 'instance',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 30,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '60' }],
      })),
      loadBalancers: albs.map((a) => {
        const mine = names.slice(a * SERVICES_PER_ALB, (a + 1) * SERVICES_PER_ALB);
        return {
          Name: `alb-${pad(a)}`,
          AvailabilityZones: AZS,
          Listeners: [
            {
              Port: 80,
              Protocol: 'HTTP',
              DefaultActions: [{ Type: 'forward', TargetGroupArn: mine[0] }],
              Rules: mine.map((name, i) => ({ Priority: i + 1, Conditions: [{ Field: 'path-pattern', Values: [`/${name}/*`] }], Actions: [{ Type: 'forward', TargetGroupArn: name }] })),
            },
          ],
        };
      }),
    },
    workloads: names.map((name, s) => ({
      name: `${name}-users`,
      start: `${CREATE_AT_S + 60}s`,
      arrivals: { diurnal: { mean: '800/s', amplitude: 0.6, period: '24h', phase: `${(s % 24) * 3600}s` } },
      fluid: { service: name, step: '1m' },
    })),
    timeline: [
      ...names.map((name) => ({
        at: `${CREATE_AT_S}s`,
        createService: { serviceName: name, taskDefinition: `${name}:1`, desiredCount: tasksPerService, loadBalancers: [{ targetGroupArn: name, containerName: 'app', containerPort: 8080 }] },
      })),
      ...names.map((name, s) => ({ at: `${CREATE_AT_S + 1800 + Math.floor((s * daySpreadS) / services)}s`, updateService: { service: name, taskDefinition: `${name}:2` } })),
    ]
      // A run refuses actions after its end: the shorter sizes keep only the deployments they reach.
      .filter((a) => Number.parseInt(a.at) < CREATE_AT_S + hours * 3600)
      .sort((a, b) => Number.parseInt(a.at) - Number.parseInt(b.at)),
    cloudwatch: { alarms: [], metrics: [] },
    autoscaling: {
      scalableTargets: names.map((name) => ({ ServiceNamespace: 'ecs', ResourceId: `service/default/${name}`, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 5, MaxCapacity: 40 })),
      scalingPolicies: names.map((name) => ({
        PolicyName: `${name}-cpu50`,
        ServiceNamespace: 'ecs',
        ResourceId: `service/default/${name}`,
        ScalableDimension: 'ecs:service:DesiredCount',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
      })),
    },
  };
}

const mb = (bytes) => bytes / (1024 * 1024);

/** One run in this process: the figures of runScenario on a freshly parsed scenario. */
export function runOnce(size) {
  const scenario = parseScenario(JSON.stringify(buildScenario(size)), 'production-day.json');
  collectGarbage();
  const rssBeforeMB = mb(process.memoryUsage().rss);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { result } = runScenario(scenario);
  const wallSec = (performance.now() - t0) / 1000;
  // CPU time of the run (user + system, GC threads included): on a shared machine the wall
  // time mostly measures the other processes; this does not.
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const heapHeldMB = mb(process.memoryUsage().heapUsed);
  collectGarbage();
  const heapAfterGcMB = mb(process.memoryUsage().heapUsed);
  const problems = [];
  if (result.stopReason !== 'until' || result.error !== undefined) problems.push(`run stopped by ${result.stopReason}${result.error ? `: ${result.error.message}` : ''}`);
  if (result.ecs.invariantViolations.length > 0) problems.push(`${result.ecs.invariantViolations.length} invariant violations, first: ${result.ecs.invariantViolations[0]}`);
  const deployments = Object.values(result.ecs.services).filter((s) => s.deployments.some((d) => String(d.taskDefinition).endsWith(':2'))).length;
  const simulatedSec = size.hours * 3600 + CREATE_AT_S;
  return {
    size,
    problems,
    wallSec,
    cpuSec,
    events: result.eventsProcessed,
    eventsPerSec: result.eventsProcessed / wallSec,
    simulatedSec,
    simPerWall: simulatedSec / wallSec,
    wallPerSimHour: wallSec / (simulatedSec / 3600),
    rssBeforeMB,
    maxRssMB,
    heapHeldMB,
    heapAfterGcMB,
    logHash: result.logHash,
    scalingActivities: (result.autoscaling?.activities ?? []).filter((x) => x.StatusCode === 'Successful').length,
    tasksStarted: Object.values(result.ecs.tasksByLabel).reduce((n, t) => n + t.length, 0),
    servicesOnRevision2: deployments,
  };
}

function inChild(key, hours) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), `--only-size=${key}`, ...(hours === undefined ? [] : [`--hours=${hours}`])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`production-day ${key} run failed: exit ${child.status ?? child.signal}`);
  const r = JSON.parse(child.stdout.trim().split('\n').at(-1));
  if (r.problems.length > 0) throw new MismatchError(`${key}: ${r.problems.join('; ')}`);
  return r;
}

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const plan = quick ? [['tenth', 'a'], ['tenth', 'b'], ['tenth1h']] : [['full', 'a'], ['full', 'b'], ['tenth'], ['full10m'], ['ten']];
  const runs = {};
  for (const [key, tag] of plan) {
    log(`production day: ${key}${tag ? ` (${tag})` : ''}: ${JSON.stringify(SIZES[key])}`);
    const r = inChild(key);
    log(`  ${r.wallSec.toFixed(1)} s, ${si(r.events)} events, peak RSS ${r.maxRssMB.toFixed(0)} MB, hash ${r.logHash}`);
    runs[tag === 'b' ? `${key}B` : key] = r;
  }
  const main = quick ? 'tenth' : 'full';
  if (runs[main].logHash !== runs[`${main}B`].logHash) throw new MismatchError(`same seed, different log hashes: ${runs[main].logHash} vs ${runs[`${main}B`].logHash}`);
  return { quick, runs };
}

const line = (label, r) =>
  `  ${label}: wall ${r.wallSec.toFixed(2)} s (CPU ${r.cpuSec.toFixed(2)} s), ${si(r.events)} events (${si(r.eventsPerSec)}/s), ${si(r.simPerWall)} simulated s per wall s, ${(r.wallPerSimHour * 1000).toFixed(0)} ms per simulated hour, peak RSS ${r.maxRssMB.toFixed(0)} MB (heap held at the end ${r.heapAfterGcMB.toFixed(0)} MB), ${r.scalingActivities} scaling activities, ${r.tasksStarted} tasks`;

export function format(r) {
  const { runs } = r;
  const main = r.quick ? 'tenth' : 'full';
  const out = [`a production day (${r.quick ? 'quick: 1/10 size only' : '1,000 x m5.xlarge, 100 services x 20 tasks, ALB, CloudWatch, target tracking, fluid traffic, deployments'}):`];
  out.push(line(`${main} day`, runs[main]), `  log hash ${runs[main].logHash} (twice: ${runs[`${main}B`].wallSec.toFixed(2)} s the second time)`);
  if (runs.tenth1h !== undefined) out.push(line('tenth, first hour', runs.tenth1h));
  if (!r.quick) {
    out.push(line('1/10 day', runs.tenth), line('full, first 15 min', runs.full10m), line('10x, first 15 min', runs.ten));
    out.push(`  growth: 1/10 -> full (day) ${(runs.full.wallSec / runs.tenth.wallSec).toFixed(1)}x; full -> 10x (first 15 min) ${(runs.ten.wallSec / runs.full10m.wallSec).toFixed(1)}x (goal <= 11x); by CPU time ${(runs.full.cpuSec / runs.tenth.cpuSec).toFixed(1)}x and ${(runs.ten.cpuSec / runs.full10m.cpuSec).toFixed(1)}x`);
  }
  return out;
}

if (isMain(import.meta.url)) {
  const onlySize = process.argv.find((a) => a.startsWith('--only-size='))?.slice('--only-size='.length);
  if (onlySize !== undefined) {
    const hours = process.argv.find((a) => a.startsWith('--hours='))?.slice('--hours='.length);
    const size = { ...SIZES[onlySize], ...(hours === undefined ? {} : { hours: Number(hours) }) };
    process.stdout.write(`${JSON.stringify(runOnce(size))}\n`);
  } else await runStandalone(run, format);
}
