import { Simulation, SimulationError, type StopReason } from '../engine/simulation.js';
import { HashSink, JsonlFileSink, MemorySink, type TraceRecord, type TraceSink } from '../engine/trace.js';
import { EcsModel } from '../ecs/model.js';
import { DeploymentHistory, type DeploymentRecord } from '../ecs/service/deployment-history.js';
import { costOfRun, type CostResult } from '../cost/cost.js';
import { ScenarioAutoScaling, type AutoscalingResult } from './autoscaling.js';
import { EventBridgeRecorder } from '../ecs/events/eventbridge.js';
import { elbLink } from '../ecs/service/elb-link.js';
import { deploymentAlarmsLink } from '../ecs/service/cloudwatch-link.js';
import { ElasticLoadBalancing } from '../elb/elb.js';
import type { ElbResult } from '../elb/elb.js';
import { Network } from '../traffic/http.js';
import type { RequestSummary } from '../traffic/stats.js';
import { Workload } from '../traffic/workload.js';
import { FluidService } from '../traffic/fluid.js';
import type { RateProfileSpec } from '../traffic/profile.js';
import type { EcsConfig } from '../ecs/config.js';
import { workloadConfig } from './schema/traffic.js';
import { readText } from './loader.js';
import type { ScenarioIssue } from './errors.js';
import { dirname, resolve } from 'node:path';
import { PlacementRegistry } from '../ecs/placement/registry.js';
import type { EcsResult } from '../ecs/result.js';
import { createStation, type Station, type StationResult } from '../queueing/station.js';
import { buildEcsConfig } from './ecs-config.js';
import { ScenarioError } from './errors.js';
import { evaluateAtEnd, ProbeWatch, type ExpectationResult } from './expectations.js';
import type { Scenario } from './loader.js';
import { closest } from './zod-issues.js';
import { CloudWatch, type AlarmHistoryItem, type MetricAlarmDescription } from '../cloudwatch/alarm.js';
import type { MetricDataResult } from '../cloudwatch/metric-store.js';
import { EcsMetrics } from '../ecs/metrics.js';
import { ManagedScaling, type ManagedScalingResult } from '../ecs/capacity/managed-scaling.js';
import { ElbMetrics } from '../elb/metrics.js';
import type { CloudwatchSectionSpec } from './schema/cloudwatch.js';

/**
 * Runs a validated scenario: builds the model on a fresh simulation, runs it to `until`,
 * and gathers one JSON-serialisable result. The result holds nothing that depends on the
 * host (no wall time, no file paths), so the same scenario and seed give the same bytes.
 */
export interface WorkloadResult {
  readonly name: string;
  /** `fluid` for the aggregate mode: counts are expected values, and latency has no max. */
  readonly mode?: 'fluid';
  readonly sent: number;
  readonly finished: number;
  readonly inFlight: number;
  /** Every request of the workload, as its clients saw them. */
  readonly total: RequestSummary;
  readonly routes: readonly RequestSummary[];
}

export interface RunResult {
  readonly scenario: string;
  readonly seed: string | number;
  /** SHA-256 of the JSONL event log: the run's determinism fingerprint. */
  readonly logHash: string;
  readonly untilMs: number;
  readonly simulatedMs: number;
  readonly eventsProcessed: number;
  readonly traceRecords: number;
  readonly stopReason: StopReason | 'error';
  /** Set when a model callback threw: the run stopped there and the rest is partial. */
  readonly error?: { readonly message: string; readonly atMs: number; readonly actor?: string };
  readonly queueing?: Readonly<Record<string, StationResult>>;
  readonly ecs?: EcsResult;
  readonly elb?: ElbResult;
  readonly traffic?: { readonly workloads: readonly WorkloadResult[] };
  /** Present when the scenario has a `cloudwatch` section. */
  readonly cloudwatch?: CloudwatchResult;
  /** Every service deployment with its timings, outcome and where its time went (critical path). */
  readonly deployments?: readonly DeploymentRecord[];
  /** Service Auto Scaling, when the scenario has an `autoscaling` section. */
  readonly autoscaling?: AutoscalingResult;
  /** Cluster auto scaling per capacity provider, when one has managed scaling (ecs-facts A-020 to A-027). */
  readonly clusterAutoScaling?: ManagedScalingResult;
  /** What the run's capacity cost (EC2, Fargate, load balancers), from the shipped price table and the scenario's overrides. */
  readonly cost?: CostResult;
  readonly expectations: readonly ExpectationResult[];
}

/** CloudWatch at the end of the run, in the APIs' shapes. */
export interface CloudwatchResult {
  /** DescribeAlarms. */
  readonly alarms: { readonly MetricAlarms: readonly MetricAlarmDescription[] };
  /** DescribeAlarmHistory, oldest first (the API answers newest first). */
  readonly history: readonly AlarmHistoryItem[];
  /** GetMetricData over the whole run for `cloudwatch.metrics`, oldest first (ScanBy TimestampAscending); what is published by the end (C-019 delay). */
  readonly metricData: readonly MetricDataResult[];
}

export interface RunScenarioOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: string | number | undefined;
  /** Writes the event log as JSONL here. */
  readonly tracePath?: string | undefined;
  /** Keeps the last N trace records in memory and returns them. */
  readonly keepRecords?: number | undefined;
  /** Checks the model's invariants after every event (slower), not only at the end. */
  readonly checkInvariants?: boolean | undefined;
  /** Placement plug-ins (ECS's built-ins when absent); register your own to use them in scenarios. */
  readonly placementRegistry?: PlacementRegistry | undefined;
  /** Keep every placement decision with each instance's verdict (for `ecs-sim explain`). */
  readonly explainPlacement?: boolean | undefined;
  /** Writes ECS's EventBridge events (`source: "aws.ecs"`) here as JSONL, as they happen. */
  readonly eventsPath?: string | undefined;
}

export interface RunOutput {
  readonly result: RunResult;
  /** The kept trace records, when `keepRecords` was given. */
  readonly records?: readonly TraceRecord[];
}

/**
 * @throws ScenarioError for problems only the built model reveals (an unknown probe).
 */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunOutput {
  const spec = scenario.spec;
  const seed = options.seed ?? spec.seed;
  // Everything the file can get wrong is found before the run starts.
  const placementRegistry = options.placementRegistry ?? PlacementRegistry.withBuiltins();
  const ecsConfig = buildEcsConfig(scenario, placementRegistry);
  const hash = new HashSink();
  const memory = options.keepRecords === undefined ? undefined : new MemorySink(options.keepRecords);
  const sinks: TraceSink[] = [hash];
  if (memory !== undefined) sinks.push(memory);
  if (options.tracePath !== undefined) sinks.push(new JsonlFileSink(options.tracePath));
  const sim = new Simulation({ seed, sinks });
  // EventBridge events: a file written as they happen (a run that fails keeps what it produced).
  const eventsFile = options.eventsPath === undefined ? undefined : new JsonlFileSink(options.eventsPath);

  const stations = new Map<string, Station>();
  let watches: Map<number, ProbeWatch>;
  let ecs: EcsModel | undefined;
  let elb: ElasticLoadBalancing | undefined;
  // CloudWatch and the publishers exist only when the scenario asks: nothing changes otherwise.
  // Cluster auto scaling (managed scaling on a capacity provider) needs CloudWatch too (ecs-facts A-021).
  const clusterAutoScaling = (ecsConfig?.capacityProviders ?? []).some((p) => p.autoScalingGroupProvider?.managedScaling.status === 'ENABLED');
  const cw = spec.cloudwatch === undefined && spec.autoscaling === undefined && !clusterAutoScaling ? undefined : new CloudWatch(sim);
  let managedScaling: ManagedScaling | undefined;
  let autoscaling: ScenarioAutoScaling | undefined;
  let history: DeploymentHistory | undefined;
  const workloads: Workload[] = [];
  const fluids: { readonly name: string; readonly service: string; readonly fluid: FluidService }[] = [];
  try {
    const network = new Network();
    if (ecsConfig !== undefined) ecs = new EcsModel(sim, ecsConfig, { placementRegistry, explainPlacement: options.explainPlacement, network });
    if (ecs !== undefined) history = DeploymentHistory.attach(sim, ecs.controlPlane);
    if (ecs !== undefined && eventsFile !== undefined) EventBridgeRecorder.attach(sim, ecs.controlPlane, { keep: false, write: (line) => eventsFile.write(line) });
    if (spec.elb !== undefined) {
      const cp = ecs?.controlPlane;
      const elbMetrics = cw === undefined ? undefined : new ElbMetrics(sim, cw.metrics);
      elb = new ElasticLoadBalancing(sim, network, spec.elb, {
        ...(elbMetrics === undefined ? {} : { stats: elbMetrics }),
        ...(ecsConfig === undefined ? {} : { region: ecsConfig.region, accountId: ecsConfig.accountId }),
        // ELB finds an instance target's IP, and any target's zone, from EC2 (the ECS model's instances and ENIs).
        resolveTarget: (id, type) => {
          if (cp === undefined) return undefined;
          if (type === 'instance') {
            const instance = cp.instances.find((i) => i.ec2InstanceId === id);
            return instance?.privateIpAddress === undefined ? undefined : { ip: instance.privateIpAddress, availabilityZone: instance.availabilityZone };
          }
          const zone = cp.addresses.zoneOf(id);
          return zone === undefined ? { ip: id } : { ip: id, availabilityZone: zone };
        },
      });
      cp?.connectLoadBalancing(elbLink(elb));
      elbMetrics?.start(elb);
    }
    workloads.push(...buildWorkloads(scenario, sim, elb));
    fluids.push(...buildFluidWorkloads(scenario, sim, ecsConfig, ecs));
    if (cw !== undefined) startCloudWatch(scenario, sim, cw, ecs, new Map(fluids.map((f) => [f.service, f.fluid])), ecsConfig?.containerInsights === true);
    if (cw !== undefined && ecs !== undefined && ecsConfig !== undefined && clusterAutoScaling) {
      const ms = new ManagedScaling(sim, ecs.controlPlane, cw, ecs.autoScalingGroups, ecsConfig).start();
      ecs.controlPlane.provisioningListener = (record) => ms.provisioning(record);
      managedScaling = ms;
    }
    if (cw !== undefined && spec.autoscaling !== undefined) autoscaling = ScenarioAutoScaling.start(scenario, sim, cw, ecs, ecsConfig);
    // ecs-facts S-088: ECS reads the deployment alarms from CloudWatch (a scenario naming alarms without a cloudwatch section is refused in ecs-config.ts).
    if (cw !== undefined && ecs !== undefined) ecs.controlPlane.scheduler.connectAlarms(deploymentAlarmsLink(cw));
    for (const s of spec.queueing ?? []) {
      stations.set(s.name, createStation(sim, { name: s.name, servers: s.servers, interarrival: s.interarrival, service: s.service, queueCapacity: s.queueCapacity, warmupMs: s.warmup }));
    }
    watches = watchProbes(scenario, sim);
    if (cw !== undefined) retainOnlyWhatIsRead(cw, spec.cloudwatch);
  } catch (error) {
    sim.trace.close();
    eventsFile?.close();
    throw error;
  }

  let stopReason: RunResult['stopReason'];
  let error: RunResult['error'];
  const everyEvent = options.checkInvariants ?? spec.checkInvariants ?? false;
  try {
    const model = ecs;
    stopReason =
      everyEvent && model !== undefined
        ? sim.run({
            until: spec.until,
            stopWhen: () => {
              model.check();
              return false;
            },
          })
        : sim.run({ until: spec.until });
  } catch (thrown) {
    if (!(thrown instanceof SimulationError)) throw thrown;
    stopReason = 'error';
    error = thrown.actor === undefined ? { message: thrown.message, atMs: thrown.t } : { message: thrown.message, atMs: thrown.t, actor: thrown.actor };
  } finally {
    // Whatever happened, the log written so far reaches its file.
    sim.trace.close();
    eventsFile?.close();
  }

  const queueing = stations.size === 0 ? undefined : Object.fromEntries([...stations].map(([name, station]) => [name, station.result()]));
  ecs?.check();
  const partial = {
    scenario: spec.name,
    seed,
    logHash: hash.digest(),
    untilMs: spec.until,
    simulatedMs: sim.now,
    eventsProcessed: sim.eventsProcessed,
    traceRecords: sim.trace.records,
    stopReason,
    ...(error === undefined ? {} : { error }),
    ...(queueing === undefined ? {} : { queueing }),
    ...(ecs === undefined ? {} : { ecs: ecs.result() }),
    ...(history === undefined ? {} : { deployments: history.result(sim.now) }),
    ...(elb === undefined ? {} : { elb: elb.result(spec.elb?.describeTargetHealthAt ?? []) }),
    ...(workloads.length + fluids.length === 0 ? {} : { traffic: { workloads: [...workloads.map(workloadResult), ...fluids.map(fluidResult)] } }),
    ...(cw === undefined ? {} : { cloudwatch: cloudwatchResult(cw, spec.cloudwatch ?? { alarms: [], metrics: [] }, sim.now) }),
    ...(autoscaling === undefined ? {} : { autoscaling: autoscaling.result() }),
    ...(managedScaling === undefined ? {} : { clusterAutoScaling: managedScaling.result() }),
    ...(ecs === undefined && elb === undefined ? {} : { cost: costOfRun(ecs, elb, sim.now, spec.cost) }),
  };
  const expectations = spec.expectations.map((e, i) => watches.get(i)?.result() ?? evaluateAtEnd(i, e, partial));
  const result: RunResult = { ...partial, expectations };
  return memory === undefined ? { result } : { result, records: memory.records() };
}

/** Puts the scenario's alarms, starts ECS's publisher, and schedules the timeline's SetAlarmState calls. */
function startCloudWatch(scenario: Scenario, sim: Simulation, cw: CloudWatch, ecs: EcsModel | undefined, fluidByService: ReadonlyMap<string, FluidService>, containerInsights: boolean): void {
  for (const alarm of scenario.spec.cloudwatch?.alarms ?? []) cw.putMetricAlarm(alarm);
  if (ecs !== undefined) new EcsMetrics(sim, ecs.controlPlane, ecs.servers, cw.metrics, fluidByService, containerInsights).start();
  for (const e of scenario.spec.timeline ?? []) {
    const set = e.setAlarmState;
    if (set === undefined) continue;
    const input = { AlarmName: set.AlarmName, StateValue: set.StateValue, StateReason: set.StateReason, ...(set.StateReasonData === undefined ? {} : { StateReasonData: set.StateReasonData }) };
    sim.at(e.at, () => cw.setAlarmState(input));
  }
}

/**
 * Every reader of the metric store is known now (the alarms, and the queries answered at
 * the end): the store may forget what none of them can ask for, so its memory stays flat.
 */
function retainOnlyWhatIsRead(cw: CloudWatch, section: CloudwatchSectionSpec | undefined): void {
  for (const m of section?.metrics ?? []) cw.metrics.keepSeries({ Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions }, m.Period, m.Stat.startsWith('p'));
  cw.metrics.retainOnlyWhatIsRead();
}

function cloudwatchResult(cw: CloudWatch, section: CloudwatchSectionSpec, endMs: number): CloudwatchResult {
  const queries = section.metrics.map((m, i) => ({
    Id: m.Id ?? `m${i}`,
    ...(m.Label === undefined ? {} : { Label: m.Label }),
    MetricStat: { Metric: { Namespace: m.Namespace, MetricName: m.MetricName, Dimensions: m.Dimensions }, Period: m.Period, Stat: m.Stat },
  }));
  return {
    alarms: { MetricAlarms: cw.describeAlarms() },
    history: cw.describeAlarmHistory().AlarmHistoryItems.reverse(),
    metricData: cw.metrics.getMetricData({ MetricDataQueries: queries, StartTime: 0, EndTime: endMs + 1, ScanBy: 'TimestampAscending' }).MetricDataResults,
  };
}

/**
 * The scenario's workloads, each sending to its load balancer's listener (the only one,
 * or the one on `port`).
 * @throws ScenarioError when a workload names no load balancer, or one without that listener.
 */
function buildWorkloads(scenario: Scenario, sim: Simulation, elb: ElasticLoadBalancing | undefined): Workload[] {
  const issues: ScenarioIssue[] = [];
  const out: Workload[] = [];
  (scenario.spec.workloads ?? []).forEach((w, i) => {
    if (w.fluid !== undefined) return;
    const names = elb?.loadBalancerList().map((lb) => lb.name) ?? [];
    const lbName = w.target ?? (names.length === 1 ? names[0] : undefined);
    const lb = lbName === undefined ? undefined : elb?.loadBalancer(lbName);
    if (lb === undefined) {
      const guess = w.target === undefined ? undefined : closest(w.target, names);
      const message =
        names.length === 0
          ? 'a workload sends to a load balancer, and this scenario has none (add an elb section)'
          : w.target === undefined
            ? `name the load balancer to send to (target): one of ${names.join(', ')}`
            : `no load balancer "${w.target}"${guess === undefined ? `; have ${names.join(', ')}` : `; did you mean "${guess}"?`}`;
      issues.push(scenario.issue(['workloads', i, 'target'], message));
      return;
    }
    const ports = lb.listenerList().map((l) => l.Port);
    const port = w.port ?? (ports.length === 1 ? ports[0] : undefined);
    if (port === undefined || !ports.includes(port)) {
      issues.push(scenario.issue(['workloads', i, 'port'], `load balancer ${lb.name} listens on ${ports.join(', ') || 'no port'}${w.port === undefined ? '; name the port' : `, not ${w.port}`}`));
      return;
    }
    const endpoint = (elb as ElasticLoadBalancing).listenerEndpoint(lb.name, port);
    const workload = new Workload(sim, workloadConfig(w, (file) => readText(resolve(dirname(scenario.file), file), 'the trace')), endpoint);
    workload.start();
    out.push(workload);
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}

/**
 * The fluid workloads: each steps against its service's RUNNING tasks, with the server
 * model of the service's container that serves requests.
 * @throws ScenarioError when the service or its server model is missing.
 */
function buildFluidWorkloads(scenario: Scenario, sim: Simulation, config: EcsConfig | undefined, ecs: EcsModel | undefined): { name: string; service: string; fluid: FluidService }[] {
  const issues: ScenarioIssue[] = [];
  const out: { name: string; service: string; fluid: FluidService }[] = [];
  (scenario.spec.workloads ?? []).forEach((w, i) => {
    const f = w.fluid;
    if (f === undefined) return;
    const created = (config?.timeline ?? []).flatMap((a) => (a.kind === 'createService' ? [a.service] : []));
    const service = created.find((c) => c.serviceName === f.service);
    if (service === undefined || ecs === undefined || config === undefined) {
      const guess = closest(f.service, created.map((c) => c.serviceName));
      issues.push(scenario.issue(['workloads', i, 'fluid', 'service'], `no createService named "${f.service}" in the timeline${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      return;
    }
    const family = service.taskDefinition.split(':')[0];
    const entry = config.taskDefinitions.find((d) => d.definition.family === family || d.definition.taskDefinitionArn === service.taskDefinition);
    const server = Object.values(entry?.behaviour.containers ?? {}).find((c) => c.server !== undefined)?.server;
    if (server === undefined) {
      issues.push(scenario.issue(['workloads', i, 'fluid', 'service'], `service "${f.service}" runs ${family}, whose containers have no server behaviour to serve requests with`));
      return;
    }
    const cp = ecs.controlPlane;
    // The service's own live tasks, not every task the cluster ran: this is asked at every step.
    const running = (): number => {
      let n = 0;
      for (const arn of cp.scheduler.services.get(f.service)?.liveTasks ?? []) {
        const t = cp.tasks.get(arn);
        if (t !== undefined && t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING') n += 1;
      }
      return n;
    };
    const spec = workloadConfig(w, (file) => readText(resolve(dirname(scenario.file), file), 'the trace'));
    if ('timestamps' in spec.arrivals) {
      issues.push(scenario.issue(['workloads', i, 'arrivals'], 'the fluid mode needs a rate (a profile, or a trace of rates); a trace of timestamps is request-level only'));
      return;
    }
    const fluid = new FluidService(sim, {
      name: spec.name,
      arrivals: spec.arrivals as RateProfileSpec,
      routes: spec.routes,
      server,
      tasks: running,
      stepMs: f.step,
      ...(spec.startMs === undefined ? {} : { startMs: spec.startMs }),
      ...(spec.stopMs === undefined ? {} : { stopMs: spec.stopMs }),
      ...(f.dispatch === undefined ? {} : { dispatch: f.dispatch }),
      keepSteps: false,
    });
    fluid.start();
    out.push({ name: spec.name, service: f.service, fluid });
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return out;
}

function fluidResult(f: { readonly name: string; readonly fluid: FluidService }): WorkloadResult {
  const r = f.fluid.result();
  return { name: f.name, mode: 'fluid', sent: r.total.count, finished: r.total.count, inFlight: 0, total: r.total, routes: r.routes };
}

/** A workload's part of the result: what was sent, and per route what came back. */
function workloadResult(w: Workload): WorkloadResult {
  return { name: w.name, sent: w.sent, finished: w.finished, inFlight: w.inFlight, total: w.stats.total(), routes: w.stats.summaries() };
}

/** Attaches a watch to each probe a `throughout` expectation names; unknown names are input errors. */
function watchProbes(scenario: Scenario, sim: Simulation): Map<number, ProbeWatch> {
  const names = sim.probeNames();
  const watches = new Map<number, ProbeWatch>();
  const issues = scenario.spec.expectations.flatMap((e, i) => {
    if (e.throughout === undefined) return [];
    if (!names.includes(e.throughout)) {
      const guess = closest(e.throughout, names);
      const hint = guess !== undefined ? `; did you mean "${guess}"?` : names.length > 0 ? `; probes: ${names.join(', ')}` : '; this scenario has no probes';
      return [scenario.issue(['expectations', i, 'throughout'], `unknown probe "${e.throughout}"${hint}`)];
    }
    watches.set(i, new ProbeWatch(i, e, sim.probe(e.throughout)));
    return [];
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return watches;
}
