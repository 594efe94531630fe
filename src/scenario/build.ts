import type { ScalingPolicyRegistry } from '../autoscaling/scaling-policies.js';
import { dirname, resolve } from 'node:path';
import type { Simulation } from '../engine/simulation.js';
import type { JsonlFileSink } from '../engine/trace.js';
import { CloudWatch, type CloudWatchOptions } from '../cloudwatch/alarm.js';
import { EcsModel } from '../ecs/model.js';
import type { EcsConfig } from '../ecs/config.js';
import { DeploymentHistory } from '../ecs/service/deployment-history.js';
import { EventBridgeRecorder } from '../ecs/events/eventbridge.js';
import { elbLink } from '../ecs/service/elb-link.js';
import { deploymentAlarmsLink } from '../ecs/service/cloudwatch-link.js';
import { EcsMetrics } from '../ecs/metrics.js';
import { ManagedScaling } from '../ecs/capacity/managed-scaling.js';
import type { PlacementRegistry } from '../ecs/placement/registry.js';
import type { ContainerInstance } from '../ecs/capacity/container-instance.js';
import { ElasticLoadBalancing } from '../elb/elb.js';
import { ElbMetrics } from '../elb/metrics.js';
import { FluidElbRecords, FluidListenerFlow } from '../elb/fluid.js';
import { Network } from '../traffic/http.js';
import { Workload } from '../traffic/workload.js';
import { FluidService } from '../traffic/fluid.js';
import type { RateProfileSpec } from '../traffic/profile.js';
import { createStation, type Station } from '../queueing/station.js';
import { ScenarioAutoScaling, namesPolicyByName, withPolicyArns } from './autoscaling.js';
import { ProbeWatch } from './expectations.js';
import type { Scenario } from './loader.js';
import { readText } from './loader.js';
import { workloadConfig } from './schema/traffic.js';
import { ecsVerbActions, verbOf } from './timeline/registry.js';
import { didYouMean } from '../issues/index.js';
import { ElbStats } from '../elb/stats.js';
import type { TimeSeriesRecorder } from './time-series.js';
import { elbDimensionValues, resolveDimensions, type ElbDimensionValues } from './cloudwatch-queries.js';

/**
 * Builds the scenario's model on a simulation without running it: the ECS model, load
 * balancers, workloads, CloudWatch and its publishers, Application Auto Scaling, queueing
 * stations and the probe watches. Called on the run's simulation, and by `assemble` on a
 * throwaway one, so that whatever only building can find is found before any run.
 * Expects an assembled scenario: the references it follows were checked by `assemble`.
 */
export interface BuiltModel {
  readonly ecs: EcsModel | undefined;
  readonly elb: ElasticLoadBalancing | undefined;
  readonly cw: CloudWatch | undefined;
  readonly history: DeploymentHistory | undefined;
  readonly managedScaling: ManagedScaling | undefined;
  readonly autoscaling: ScenarioAutoScaling | undefined;
  readonly workloads: readonly Workload[];
  readonly fluids: readonly FluidWorkload[];
  /** Fluid workloads through a load balancer's listener (elb/fluid.ts), and their records of the load balancers' requests. */
  readonly fluidFlows: readonly FluidListenerFlow[];
  readonly fluidElb: FluidElbRecords | undefined;
  readonly stations: ReadonlyMap<string, Station>;
  /** By expectation index, for `throughout` expectations. */
  readonly watches: ReadonlyMap<number, ProbeWatch>;
}

export interface FluidWorkload {
  readonly name: string;
  readonly service: string;
  readonly fluid: FluidService;
}

export interface BuildOptions {
  readonly placementRegistry: PlacementRegistry;
  readonly scalingPolicyRegistry?: ScalingPolicyRegistry | undefined;
  readonly explainPlacement?: boolean | undefined;
  /** Where ECS's EventBridge events are written as they happen. */
  readonly eventsFile?: JsonlFileSink | undefined;
  /** Records the run's time series (services, requests); absent: none kept. */
  readonly timeSeries?: TimeSeriesRecorder | undefined;
}

/** Whether a capacity provider has managed scaling, which needs CloudWatch (ecs-facts A-021). */
export function hasClusterAutoScaling(ecsConfig: EcsConfig | undefined): boolean {
  return (ecsConfig?.capacityProviders ?? []).some((p) => p.autoScalingGroupProvider?.managedScaling.status === 'ENABLED');
}

/**
 * @throws InputError for what only building finds (input Application Auto Scaling refuses).
 */
export function buildModel(scenario: Scenario, ecsConfig: EcsConfig | undefined, sim: Simulation, options: BuildOptions): BuiltModel {
  const spec = scenario.spec;
  // CloudWatch and the publishers exist only when the scenario asks: nothing changes otherwise.
  // Cluster auto scaling (managed scaling on a capacity provider) needs CloudWatch too (ecs-facts A-021).
  const clusterAutoScaling = hasClusterAutoScaling(ecsConfig);
  // A timeline that puts metrics (putMetricData) needs CloudWatch even with no cloudwatch section.
  const putsMetrics = (spec.timeline ?? []).some((e) => verbOf(e)?.verb.model === 'cloudwatch');
  const cw = spec.cloudwatch === undefined && spec.autoscaling === undefined && !clusterAutoScaling && !putsMetrics ? undefined : new CloudWatch(sim, cloudWatchOptions(spec.cloudwatch?.publicationDelay));
  let managedScaling: ManagedScaling | undefined;
  let autoscaling: ScenarioAutoScaling | undefined;
  let history: DeploymentHistory | undefined;
  let ecs: EcsModel | undefined;
  let elb: ElasticLoadBalancing | undefined;
  const network = new Network();
  let elbMetrics: ElbMetrics | undefined;
  if (ecsConfig !== undefined) ecs = new EcsModel(sim, ecsConfig, { placementRegistry: options.placementRegistry, explainPlacement: options.explainPlacement, network, verbs: ecsVerbActions });
  if (ecs !== undefined) history = DeploymentHistory.attach(sim, ecs.controlPlane);
  const eventsFile = options.eventsFile;
  const series = options.timeSeries;
  if (ecs !== undefined && series !== undefined) ecs.controlPlane.observers.add(series);
  if (ecs !== undefined && eventsFile !== undefined) EventBridgeRecorder.attach(sim, ecs.controlPlane, { keep: false, write: (line) => eventsFile.write(line) });
  if (spec.elb !== undefined) {
    const cp = ecs?.controlPlane;
    // Instances by EC2 id, filed as the cluster's list grows (it only grows): a lookup, not a scan per target.
    const byEc2Id = new Map<string, ContainerInstance>();
    let filed = 0;
    const instanceOf = (id: string): ContainerInstance | undefined => {
      const all = cp?.instances ?? [];
      for (; filed < all.length; filed += 1) {
        const i = all[filed] as ContainerInstance;
        if (!byEc2Id.has(i.ec2InstanceId)) byEc2Id.set(i.ec2InstanceId, i);
      }
      return byEc2Id.get(id);
    };
    elbMetrics = cw === undefined ? undefined : new ElbMetrics(sim, cw.metrics);
    const stats = series === undefined ? elbMetrics : (elbMetrics ?? new ElbStats()).tap(series);
    elb = new ElasticLoadBalancing(sim, network, spec.elb, {
      ...(stats === undefined ? {} : { stats }),
      ...(ecsConfig === undefined ? {} : { region: ecsConfig.region, accountId: ecsConfig.accountId }),
      // ELB finds an instance target's IP, and any target's zone, from EC2 (the ECS model's instances and ENIs).
      resolveTarget: (id, type) => {
        if (cp === undefined) return undefined;
        if (type === 'instance') {
          const instance = instanceOf(id);
          return instance?.privateIpAddress === undefined ? undefined : { ip: instance.privateIpAddress, availabilityZone: instance.availabilityZone };
        }
        const zone = cp.addresses.zoneOf(id);
        return zone === undefined ? { ip: id } : { ip: id, availabilityZone: zone };
      },
    });
    cp?.connectLoadBalancing(elbLink(elb));
    elbMetrics?.start(elb);
  }
  const workloads = buildWorkloads(scenario, sim, elb, series);
  const fluids = buildFluidWorkloads(scenario, sim, ecsConfig, ecs, series);
  const fluidElb = elb === undefined || !(spec.workloads ?? []).some((w) => w.fluid !== undefined && w.fluid.service === undefined) ? undefined : new FluidElbRecords(elbMetrics);
  const flows = fluidElb === undefined || elb === undefined ? { flows: [], cpu: new Map() } : buildFluidFlows(scenario, sim, ecsConfig, ecs, elb, fluidElb, series);
  const fluidCpu = new Map<string, { cpuPercentMsAt(tMs: number): number }>(fluids.map((f) => [f.service, f.fluid]));
  for (const [service, c] of flows.cpu) if (!fluidCpu.has(service)) fluidCpu.set(service, c);
  if (cw !== undefined) startCloudWatch(scenario, sim, cw, ecs, fluidCpu, ecsConfig?.containerInsights === true, elbDimensionValues(spec, ecsConfig));
  if (cw !== undefined && ecs !== undefined && ecsConfig !== undefined && clusterAutoScaling) {
    const ms = new ManagedScaling(sim, ecs.controlPlane, cw, ecs.autoScalingGroups, ecsConfig).start();
    ecs.controlPlane.provisioningListener = (record) => ms.provisioning(record);
    managedScaling = ms;
  }
  if (cw !== undefined && spec.autoscaling !== undefined) autoscaling = ScenarioAutoScaling.start(scenario, sim, cw, ecs, ecsConfig, options.scalingPolicyRegistry);
  if (cw !== undefined && autoscaling !== undefined) {
    const policies = autoscaling.service.describeScalingPolicies().ScalingPolicies;
    const elbValues = elbDimensionValues(spec, ecsConfig);
    for (const alarm of spec.cloudwatch?.alarms ?? []) if (namesPolicyByName(alarm)) cw.putMetricAlarm(withElbDimensions(withPolicyArns(alarm, policies), elbValues));
  }
  // ecs-facts S-088: ECS reads the deployment alarms from CloudWatch (a scenario naming alarms without a cloudwatch section is refused in ecs-config.ts).
  if (cw !== undefined && ecs !== undefined) ecs.controlPlane.scheduler.connectAlarms(deploymentAlarmsLink(cw));
  const stations = new Map<string, Station>();
  for (const s of spec.queueing ?? []) {
    stations.set(s.name, createStation(sim, { name: s.name, servers: s.servers, interarrival: s.interarrival, service: s.service, queueCapacity: s.queueCapacity, warmupMs: s.warmup }));
  }
  // assemble checked the names against the probes this build registers (probeNamesOf).
  const watches = new Map<number, ProbeWatch>();
  spec.expectations.forEach((e, i) => {
    if (e.throughout !== undefined) watches.set(i, new ProbeWatch(i, e, sim.probe(e.throughout)));
  });
  return { ecs, elb, cw, history, managedScaling, autoscaling, workloads, fluids, fluidFlows: flows.flows, fluidElb, stations, watches };
}

/** A load balancer or target group named plainly in an alarm's dimensions is its CloudWatch value (cloudwatch-queries.ts). */
function withElbDimensions<A extends { readonly Namespace?: string | undefined; readonly Dimensions?: readonly { readonly Name: string; readonly Value: string }[] | undefined }>(alarm: A, elbValues: ElbDimensionValues): A {
  return alarm.Namespace === undefined || alarm.Dimensions === undefined ? alarm : { ...alarm, Dimensions: resolveDimensions(alarm.Namespace, alarm.Dimensions, elbValues).dimensions };
}

/** `cloudwatch.publicationDelay` (C-019, EF-006): one delay for all, or one per namespace with "*" for the rest. */
function cloudWatchOptions(delay: number | Readonly<Record<string, number>> | undefined): CloudWatchOptions {
  if (delay === undefined) return {};
  if (typeof delay === 'number') return { publicationDelayMs: delay };
  const byNamespace = new Map(Object.entries(delay).filter(([ns]) => ns !== '*'));
  const rest = delay['*'];
  return { ...(rest === undefined ? {} : { publicationDelayMs: rest }), publicationDelayByNamespace: byNamespace };
}

/** Puts the scenario's alarms, starts ECS's publisher, and schedules the timeline's CloudWatch verbs (SetAlarmState). */
function startCloudWatch(scenario: Scenario, sim: Simulation, cw: CloudWatch, ecs: EcsModel | undefined, fluidByService: ReadonlyMap<string, { cpuPercentMsAt(tMs: number): number }>, containerInsights: boolean, elbValues: ElbDimensionValues): void {
  // A load balancer or target group named plainly in an alarm's dimensions is its CloudWatch value (cloudwatch-queries.ts).
  // An alarm naming a step policy by PolicyName is put once the policy has its ARN (after autoscaling starts).
  for (const alarm of scenario.spec.cloudwatch?.alarms ?? []) if (!namesPolicyByName(alarm)) cw.putMetricAlarm(withElbDimensions(alarm, elbValues));
  if (ecs !== undefined) new EcsMetrics(sim, ecs.controlPlane, ecs.servers, cw.metrics, fluidByService, containerInsights).start();
  for (const e of scenario.spec.timeline ?? []) {
    const found = verbOf(e);
    if (found?.verb.model === 'cloudwatch') {
      const { verb, input } = found;
      sim.at(e.at, () => verb.apply(cw, input, e.at));
    }
  }
}

/** The scenario's request-level workloads, each sending to its load balancer's listener (the only one, or the one on `port`). */
function buildWorkloads(scenario: Scenario, sim: Simulation, elb: ElasticLoadBalancing | undefined, series: TimeSeriesRecorder | undefined): Workload[] {
  const out: Workload[] = [];
  for (const w of scenario.spec.workloads ?? []) {
    if (w.fluid !== undefined || elb === undefined) continue;
    const target = workloadTarget(w, (scenario.spec.elb?.loadBalancers ?? []).map((lb) => ({ name: lb.Name, ports: lb.Listeners.map((l) => l.Port) })));
    if (!('port' in target)) continue;
    const sink = series?.workload(w.name);
    const workload = new Workload(
      sim,
      workloadConfig(w, (file) => readText(resolve(dirname(scenario.file), file), 'the trace')),
      elb.listenerEndpoint(target.name, target.port),
      sink === undefined ? {} : { onResponse: (_request, response, latencyMs) => sink.record(latencyMs, response.status, response.source) },
    );
    workload.start();
    out.push(workload);
  }
  return out;
}

/**
 * The load balancer and port a request-level workload sends to, or why it has none
 * (the message and the field it is about).
 */
export function workloadTarget(
  w: { readonly target?: string | undefined; readonly port?: number | undefined },
  loadBalancers: readonly { readonly name: string; readonly ports: readonly number[] }[],
): { readonly name: string; readonly port: number } | { readonly field: 'target' | 'port'; readonly problem: string } {
  const names = loadBalancers.map((lb) => lb.name);
  const lbName = w.target ?? (names.length === 1 ? names[0] : undefined);
  const lb = loadBalancers.find((l) => l.name === lbName);
  if (lb === undefined) {
    const guess = w.target === undefined ? undefined : didYouMean(w.target, names);
    const problem =
      names.length === 0
        ? 'a workload sends to a load balancer, and this scenario has none (add an elb section)'
        : w.target === undefined
          ? `name the load balancer to send to (target): one of ${names.join(', ')}`
          : `no load balancer "${w.target}"${guess === undefined ? `; have ${names.join(', ')}` : `; did you mean "${guess}"?`}`;
    return { field: 'target', problem };
  }
  const port = w.port ?? (lb.ports.length === 1 ? lb.ports[0] : undefined);
  if (port === undefined || !lb.ports.includes(port)) {
    return { field: 'port', problem: `load balancer ${lb.name} listens on ${lb.ports.join(', ') || 'no port'}${w.port === undefined ? '; name the port' : `, not ${w.port}`}` };
  }
  return { name: lb.name, port };
}

/** The fluid workloads: each steps against its service's RUNNING tasks, with the server model of the service's container that serves requests. */
function buildFluidWorkloads(scenario: Scenario, sim: Simulation, config: EcsConfig | undefined, ecs: EcsModel | undefined, series: TimeSeriesRecorder | undefined): FluidWorkload[] {
  const out: FluidWorkload[] = [];
  for (const w of scenario.spec.workloads ?? []) {
    const f = w.fluid;
    if (f === undefined || f.service === undefined || ecs === undefined || config === undefined) continue;
    const service = f.service;
    const server = fluidServer(config, service);
    if (typeof server === 'string' || server === undefined) continue;
    const cp = ecs.controlPlane;
    // The service's own live task records, not every task the cluster ran, and no lookup by
    // ARN per task: this is asked at every step.
    const running = (): number => {
      const live = cp.scheduler.services.get(service)?.liveRecords;
      if (live === undefined) return 0;
      let n = 0;
      for (const t of live.values()) if (t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING') n += 1;
      return n;
    };
    const spec = workloadConfig(w, (file) => readText(resolve(dirname(scenario.file), file), 'the trace'));
    if ('timestamps' in spec.arrivals) continue;
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
    series?.fluidWorkload(fluid);
    fluid.start();
    out.push({ name: spec.name, service, fluid });
  }
  return out;
}

/**
 * The fluid workloads that send to a load balancer's listener (elb/fluid.ts): each steps
 * against the targets its rules and target groups route to, with the server model of the
 * task listening at each. The services registered in the load balancer's target groups
 * take their tasks' CPU from the flow.
 */
function buildFluidFlows(
  scenario: Scenario,
  sim: Simulation,
  config: EcsConfig | undefined,
  ecs: EcsModel | undefined,
  elb: ElasticLoadBalancing,
  records: FluidElbRecords,
  series: TimeSeriesRecorder | undefined,
): { flows: FluidListenerFlow[]; cpu: Map<string, { cpuPercentMsAt(tMs: number): number }> } {
  const flows: FluidListenerFlow[] = [];
  const cpu = new Map<string, { cpuPercentMsAt(tMs: number): number }>();
  if (series !== undefined) records.keepPeriods(series.periodMs);
  const cp = ecs?.controlPlane;
  const serviceOfGroup = (group: string): string | undefined => (group.startsWith('service:') ? group.slice('service:'.length) : undefined);
  const serverAt = (address: string) => {
    const open = ecs?.servers.listening().get(address);
    if (open === undefined || cp === undefined) return undefined;
    const task = cp.tasks.get(open.taskArn);
    if (task === undefined) return undefined;
    const server = cp.resolve(task.taskDefinitionArn)?.behaviour.containers[open.containerName]?.server;
    return server === undefined ? undefined : { server, service: serviceOfGroup(task.group) };
  };
  const runningOf = (service: string) => {
    let count = 0;
    const live = cp?.scheduler.services.get(service)?.liveRecords;
    if (live !== undefined) for (const t of live.values()) if (t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING') count += 1;
    const server = config === undefined ? undefined : fluidServer(config, service);
    return { count, idlePercent: typeof server === 'object' ? (server.cpu?.baselinePercent ?? 1) : 1 };
  };
  const loadBalancers = (scenario.spec.elb?.loadBalancers ?? []).map((lb) => ({ name: lb.Name, ports: lb.Listeners.map((l) => l.Port) }));
  const created = config?.timeline.flatMap((a) => (a.kind === 'createService' ? [a.service] : [])) ?? [];
  for (const w of scenario.spec.workloads ?? []) {
    if (w.fluid === undefined || w.fluid.service !== undefined) continue;
    const target = workloadTarget(w, loadBalancers);
    const lb = 'port' in target ? elb.loadBalancer(target.name) : undefined;
    if (lb === undefined || !('port' in target)) continue;
    const spec = workloadConfig(w, (file) => readText(resolve(dirname(scenario.file), file), 'the trace'));
    if ('timestamps' in spec.arrivals) continue;
    const flow = new FluidListenerFlow(
      sim,
      {
        name: spec.name,
        arrivals: spec.arrivals as RateProfileSpec,
        routes: spec.routes,
        stepMs: w.fluid.step,
        loadBalancer: lb,
        port: target.port,
        serverAt,
        ...(spec.startMs === undefined ? {} : { startMs: spec.startMs }),
        ...(spec.stopMs === undefined ? {} : { stopMs: spec.stopMs }),
        ...(w.fluid.dispatch === undefined ? {} : { dispatch: w.fluid.dispatch }),
      },
      records,
      runningOf,
    );
    // The services whose tasks this load balancer's target groups hold.
    const groups = new Set(lb.groups());
    for (const service of created) {
      if (cpu.has(service.serviceName)) continue;
      if ((service.loadBalancers ?? []).some((l) => l.targetGroupArn !== undefined && [...groups].some((g) => g === elb.targetGroupByNameOrArn(l.targetGroupArn as string)))) cpu.set(service.serviceName, flow.cpuOf(service.serviceName));
    }
    series?.fluidFlow(flow, records);
    flow.start();
    flows.push(flow);
  }
  return { flows, cpu };
}

/**
 * The server model a fluid workload steps with: that of the container of the service's
 * task definition that serves requests; a message when there is none, undefined when the
 * timeline creates no such service.
 */
export function fluidServer(config: EcsConfig, serviceName: string): NonNullable<ReturnType<typeof serverOf>> | string | undefined {
  const created = config.timeline.flatMap((a) => (a.kind === 'createService' ? [a.service] : []));
  const service = created.find((c) => c.serviceName === serviceName);
  if (service === undefined) return undefined;
  const family = service.taskDefinition.split(':')[0];
  const entry = config.taskDefinitions.find((d) => d.definition.family === family || d.definition.taskDefinitionArn === service.taskDefinition);
  return serverOf(entry) ?? `service "${serviceName}" runs ${family}, whose containers have no server behaviour to serve requests with`;
}

function serverOf(entry: EcsConfig['taskDefinitions'][number] | undefined) {
  return Object.values(entry?.behaviour.containers ?? {}).find((c) => c.server !== undefined)?.server;
}
