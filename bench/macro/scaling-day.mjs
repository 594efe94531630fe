// One simulated day of 100 services under Service Auto Scaling (issue 8's benchmark): how
// long the simulator takes to replay a day of diurnal traffic with target tracking on
// every service.
//
// The scenario is built in code (the format of scenarios/*.yaml): 100 Fargate services
// (awsvpc, 0.25 vCPU / 512 MiB, 4 workers at 40 ms each), each behind its own fluid
// workload (one step a minute) with a diurnal rate whose mean runs from 40/s to 238/s across
// the services and whose peak is at a different hour for each. Each service has a
// scalable target (min 1, max 20) and a target-tracking policy at 50% CPU: Application
// Auto Scaling creates 200 CloudWatch alarms, evaluated every minute against the AWS/ECS
// CPUUtilization that ECS publishes every minute for each service's RUNNING tasks. The day
// starts at 5m, when the services are created with 2 tasks each; the run ends at 24h05m.
//
// The baseline, in the same bench run, is the same day without the autoscaling section
// (each service keeps its 2 tasks; CloudWatch is still on, with the same metrics but no
// alarms), so the ratio says what scaling itself costs: 200 alarm evaluations a minute,
// the scaling activities, and the tasks they start and stop.
//
// Checks before the figures: every service scaled out and back in at least once (desired
// rose, and fell, at some minute after the first few), desired
// stayed within [1, 20], and the same seed gives the same log hash twice (quick size).
//
// Run alone:  npm run build && node --expose-gc bench/macro/scaling-day.mjs [--quick] [--json]
import { parseScenario } from '../../dist/scenario/loader.js';
import { runScenario } from '../../dist/scenario/runner.js';
import { collectGarbage, isMain, median, MismatchError, runStandalone } from '../lib/common.mjs';

const CREATE_AT_S = 300;
const DAY_S = 86_400;
const pad3 = (i) => String(i).padStart(3, '0');

/** The scenario as a plain object; `scaling: false` leaves the autoscaling section out. */
export function buildScenario({ services, hours = 24, scaling = true }) {
  const names = Array.from({ length: services }, (_, s) => `svc-${pad3(s)}`);
  const target = (name) => `service/default/${name}`;
  return {
    name: `a day of ${services} services under target tracking`,
    seed: 'scaling-day',
    until: `${CREATE_AT_S + hours * 3600}s`,
    ecs: {
      fargate: { availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
      taskDefinitions: names.map((family) => ({
        definition: {
          family,
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'app', image: `bench/${family}:1`, essential: true, portMappings: [{ containerPort: 8080 }] }],
        },
        behaviour: { containers: { app: { startup: '5s', server: { workers: 4, serviceTime: { exponential: { mean: '40ms' } } } } } },
      })),
    },
    workloads: names.map((name, s) => ({
      name: `${name}-users`,
      start: `${CREATE_AT_S + 60}s`,
      arrivals: { diurnal: { mean: `${40 + 2 * s}/s`, amplitude: 0.7, period: '24h', phase: `${(s % 24) * 3600}s` } },
      fluid: { service: name, step: '1m' },
    })),
    timeline: names.map((name) => ({ at: `${CREATE_AT_S}s`, createService: { serviceName: name, taskDefinition: name, desiredCount: 2, launchType: 'FARGATE' } })),
    cloudwatch: { alarms: [], metrics: [] },
    ...(scaling
      ? {
          autoscaling: {
            scalableTargets: names.map((name) => ({ ServiceNamespace: 'ecs', ResourceId: target(name), ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 20 })),
            scalingPolicies: names.map((name) => ({
              PolicyName: `${name}-cpu50`,
              ServiceNamespace: 'ecs',
              ResourceId: target(name),
              ScalableDimension: 'ecs:service:DesiredCount',
              PolicyType: 'TargetTrackingScaling',
              TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
            })),
          },
        }
      : {}),
  };
}

function runOnce(size) {
  const scenario = parseScenario(JSON.stringify(buildScenario(size)), 'scaling-day.json');
  collectGarbage();
  const t0 = performance.now();
  const { result } = runScenario(scenario);
  const wallMs = performance.now() - t0;
  return { result, wallMs };
}

/** Every service scaled out and in, and stayed within its bounds. */
function verify(result, size) {
  const problems = [];
  if (result.stopReason !== 'until' || result.error !== undefined) problems.push(`run stopped by ${result.stopReason}`);
  const series = result.autoscaling?.series ?? {};
  for (let s = 0; s < size.services; s += 1) {
    const points = series[`service/default/svc-${pad3(s)}`] ?? [];
    const desired = points.map((p) => p.desired);
    const max = Math.max(...desired);
    if (desired.some((d, i) => i > 6 && (d < 1 || d > 20))) problems.push(`svc-${pad3(s)} left [1, 20]`);
    // Scaled out: desired rose at some minute (the quietest services need only 2 tasks at their peak, A-010: no overshoot).
    if (!desired.some((d, i) => i > 6 && d > (desired[i - 1] ?? d))) problems.push(`svc-${pad3(s)} never scaled out (max desired ${max})`);
    if (size.hours >= 24 && !desired.some((d, i) => i > 0 && d < (desired[i - 1] ?? d))) problems.push(`svc-${pad3(s)} never scaled in`);
  }
  if (problems.length > 0) throw new MismatchError(problems.slice(0, 5).join('; '));
}

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const size = quick ? { services: 10, hours: 24 } : { services: 100, hours: 24 };
  log(`checking determinism (10 services, 6 h)`);
  const a = runOnce({ services: 10, hours: 6 }).result.logHash;
  const b = runOnce({ services: 10, hours: 6 }).result.logHash;
  if (a !== b) throw new MismatchError(`same seed, different log hashes: ${a} vs ${b}`);
  const runs = quick ? 1 : 3;
  const main = [];
  const baseline = [];
  let last;
  for (let i = 0; i < runs; i += 1) {
    log(`baseline run ${i + 1}/${runs} (${size.services} services, fixed 2 tasks)`);
    baseline.push(runOnce({ ...size, scaling: false }).wallMs);
    log(`main run ${i + 1}/${runs} (${size.services} services, target tracking)`);
    last = runOnce(size);
    verify(last.result, size);
    main.push(last.wallMs);
  }
  const r = last.result;
  const activities = r.autoscaling.activities.filter((x) => x.StatusCode === 'Successful').length;
  const tasks = Object.values(r.ecs.tasksByLabel).reduce((n, t) => n + t.length, 0);
  return {
    services: size.services,
    simulatedHours: size.hours,
    wallMs: median(main),
    baselineWallMs: median(baseline),
    ratio: median(main) / median(baseline),
    events: r.eventsProcessed,
    alarms: r.cloudwatch.alarms.MetricAlarms.length,
    scalingActivities: activities,
    tasksStarted: tasks,
    costUsd: r.cost?.totals.total,
  };
}

export function format(r) {
  return [
    `one simulated day (${r.simulatedHours} h) of ${r.services} services under CPU target tracking:`,
    `  wall time ${(r.wallMs / 1000).toFixed(2)} s (median), ${String(r.events).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} events, ${r.alarms} alarms, ${r.scalingActivities} scaling activities, ${r.tasksStarted} tasks started`,
    `  baseline (same day, no autoscaling): ${(r.baselineWallMs / 1000).toFixed(2)} s  -> scaling costs ${r.ratio.toFixed(2)}x the baseline's wall time`,
    `  simulated cost of the day: $${r.costUsd?.toFixed(2)} (Fargate, unverified prices)`,
  ];
}

if (isMain(import.meta.url)) await runStandalone(run, format);
