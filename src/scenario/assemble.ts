import { checkResultPath, splitResultPath } from '../result/index.js';
import { ScalingPolicyRegistry } from '../autoscaling/scaling-policies.js';
import { ScenarioAutoScaling, alarmActionIssues } from './autoscaling.js';
import { dirname, resolve } from 'node:path';
import { Simulation } from '../engine/simulation.js';
import type { EcsConfig } from '../ecs/config.js';
import { TASK_STATUS_ORDER } from '../ecs/task/lifecycle.js';
import { autoScalingGroupProviderWithDefaults } from '../ecs/capacity/managed-scaling.js';
import { PlacementRegistry } from '../ecs/placement/registry.js';
import { createStation } from '../queueing/station.js';
import { didYouMean, InputError, type Issue } from '../issues/index.js';
import { buildModel, fluidServer, workloadTarget } from './build.js';
import { buildEcsConfig } from './ecs-config.js';
import type { ScenarioWarning } from './schema/pasted.js';
import { readText, type Scenario } from './loader.js';
import { workloadConfig } from './schema/traffic.js';
import type { ScenarioSpec } from './schema/scenario.js';
import { regexHazard } from './expectations.js';
import { estimateRun, limitProblems, type RunLimits } from './limits.js';
import { resolveTargetGroupName } from '../elb/schema.js';
import { formatDuration } from '../engine/duration.js';
import { elbDimensionValues, resolveDimensions } from './cloudwatch-queries.js';

/**
 * Assemble, then run: this phase turns a validated scenario into a ready-to-run plan and
 * finds every problem it can without running, all at once: the ECS section and timeline
 * (ecs-config.ts), the workloads' load balancers, listeners, services and traces,
 * autoscaling targets, the probes `throughout` names and the result paths `that` and
 * `sameAs` name. Then it builds the model on a throwaway simulation, so that whatever only
 * building finds (input Application Auto Scaling refuses) is found here too. `validate`
 * is this phase alone; `run` is this phase, then the run: a run never meets an input
 * problem this phase missed.
 */
export interface AssembledScenario {
  readonly scenario: Scenario;
  /** The ECS model's configuration, when the scenario has an ecs section. */
  readonly ecsConfig: EcsConfig | undefined;
  readonly placementRegistry: PlacementRegistry;
  readonly scalingPolicyRegistry: ScalingPolicyRegistry;
  /** What loading and assembling unwrapped, dropped or assumed (pasted outputs, default servers): the result's `warnings`. */
  readonly warnings: readonly ScenarioWarning[];
}

export interface AssembleOptions {
  /** Placement plug-ins (ECS's built-ins when absent). */
  readonly placementRegistry?: PlacementRegistry | undefined;
  /** Scaling policy types (AWS's two when absent); register your own to name them as a PolicyType. */
  readonly scalingPolicyRegistry?: ScalingPolicyRegistry | undefined;
  /**
   * Checks an expectation's result path (`that`, `sameAs`) before the run: a problem
   * message, or undefined when a result can hold it. A checker made from the scenario's
   * own sections (`resultPathChecker`) when absent.
   */
  readonly checkResultPath?: ResultPathCheck | undefined;
  /**
   * Refuse a run whose estimated events or tasks exceed these (limits.ts); the CLI passes
   * DEFAULT_LIMITS or its flags. Absent: no limit (a library caller decides).
   */
  readonly limits?: RunLimits | undefined;
}

/** A problem with a dotted result path, in the words of an expectation, or undefined when a result can hold it. */
export type ResultPathCheck = (dotted: string) => string | undefined;

/**
 * @throws InputError listing every problem found without running, each at its file, line and column.
 */
export function assemble(scenario: Scenario, options: AssembleOptions = {}): AssembledScenario {
  const placementRegistry = options.placementRegistry ?? PlacementRegistry.withBuiltins();
  const scalingPolicyRegistry = options.scalingPolicyRegistry ?? ScalingPolicyRegistry.withBuiltins();
  const issues: Issue[] = [];
  const warnings: ScenarioWarning[] = [...(scenario.warnings ?? [])];
  const ecsConfig = collect(issues, () => buildEcsConfig(scenario, placementRegistry, warnings));
  issues.push(...ScenarioAutoScaling.policyIssues(scenario, scalingPolicyRegistry), ...alarmActionIssues(scenario));
  issues.push(...checkWorkloads(scenario, ecsConfig));
  issues.push(...checkAutoscalingTargets(scenario, ecsConfig));
  issues.push(...checkProbes(scenario, probeNamesOf(scenario.spec, ecsConfig)));
  issues.push(...checkExpectationPaths(scenario, options.checkResultPath ?? defaultResultPathCheck(scenario.spec)));
  issues.push(...checkReferences(scenario), ...checkAfterUntil(scenario), ...checkPatterns(scenario), ...checkMetricDimensions(scenario, ecsConfig));
  if (options.limits !== undefined) issues.push(...checkLimits(scenario, ecsConfig, options.limits));
  if (issues.length > 0) throw new InputError(issues);
  const assembled = { scenario, ecsConfig, placementRegistry, scalingPolicyRegistry, warnings };
  // Built and dropped: its simulation never runs.
  buildModel(scenario, ecsConfig, new Simulation({ seed: scenario.spec.seed }), { placementRegistry, scalingPolicyRegistry });
  return assembled;
}

/** `matches:` patterns that could backtrack catastrophically are refused (expectations.ts). */
function checkPatterns(scenario: Scenario): Issue[] {
  return scenario.spec.expectations.flatMap((e, i) => {
    const hazard = e.matches === undefined ? undefined : regexHazard(e.matches);
    return hazard === undefined ? [] : [scenario.issue(['expectations', i, 'matches'], hazard)];
  });
}

/** The run's estimated events and tasks against the limits, before anything runs. */
function checkLimits(scenario: Scenario, ecsConfig: EcsConfig | undefined, limits: RunLimits): Issue[] {
  return limitProblems(estimateRun(scenario.spec, ecsConfig), limits).map((p) => scenario.issue(p.field === 'until' ? ['until'] : ['timeline'], p.message));
}

/**
 * Names that point elsewhere in the file: a service's `loadBalancers` name target groups of
 * the elb section; `loseAvailabilityZone` names an AZ the cluster has (its instances' or
 * Fargate's).
 */
function checkReferences(scenario: Scenario): Issue[] {
  const spec = scenario.spec;
  const issues: Issue[] = [];
  const groups = new Set((spec.elb?.targetGroups ?? []).map((g) => g.Name));
  const zones = new Set([...(spec.ecs?.instances ?? []).flatMap((g) => g.availabilityZones), ...(spec.ecs?.fargate?.availabilityZones ?? [])]);
  (spec.timeline ?? []).forEach((entry, i) => {
    (entry.createService?.loadBalancers ?? []).forEach((lb, k) => {
      const name = lb.targetGroupArn;
      // Without an elb section, target groups are outside the model: any ARN stands.
      if (name === undefined || spec.elb === undefined || resolveTargetGroupName(name, groups) !== undefined) return;
      const guess = didYouMean(name, [...groups]);
      const hint = guess !== undefined ? `; did you mean "${guess}"?` : groups.size > 0 ? `; it has ${[...groups].join(', ')}` : '; the scenario has no elb target groups';
      issues.push(scenario.issue(['timeline', i, 'createService', 'loadBalancers', k, 'targetGroupArn'], `no target group "${name}" in the elb section${hint}`));
    });
    const zone = entry.loseAvailabilityZone;
    if (zone !== undefined && !zones.has(zone)) {
      const guess = didYouMean(zone, [...zones]);
      const hint = guess !== undefined ? `; did you mean "${guess}"?` : zones.size > 0 ? `; it has ${[...zones].join(', ')}` : '';
      issues.push(scenario.issue(['timeline', i, 'loseAvailabilityZone'], `the cluster has no instances or Fargate in Availability Zone "${zone}"${hint}`));
    }
  });
  return issues;
}

/** Load balancer and target group dimensions of queries and alarms that name none of the scenario's (cloudwatch-queries.ts). */
function checkMetricDimensions(scenario: Scenario, ecsConfig: EcsConfig | undefined): Issue[] {
  const section = scenario.spec.cloudwatch;
  if (section === undefined) return [];
  const values = elbDimensionValues(scenario.spec, ecsConfig);
  const issues: Issue[] = [];
  section.metrics.forEach((m, i) => {
    for (const p of resolveDimensions(m.Namespace, m.Dimensions, values).problems) issues.push(scenario.issue(['cloudwatch', 'metrics', i, 'Dimensions', p.index, 'Value'], p.message));
  });
  section.alarms.forEach((a, i) => {
    if (a.Namespace === undefined) return;
    for (const p of resolveDimensions(a.Namespace, a.Dimensions ?? [], values).problems) issues.push(scenario.issue(['cloudwatch', 'alarms', i, 'Dimensions', p.index, 'Value'], p.message));
  });
  return issues;
}

/** Timeline actions and workloads that would start after the run ends never happen: refused, with the time. */
function checkAfterUntil(scenario: Scenario): Issue[] {
  const until = scenario.spec.until;
  const after = (what: string, at: number): string => `${what} at ${formatDuration(at)}, after the run ends (until: ${formatDuration(until)})`;
  const issues: Issue[] = [];
  (scenario.spec.timeline ?? []).forEach((entry, i) => {
    if (entry.at > until) issues.push(scenario.issue(['timeline', i, 'at'], after('this action is', entry.at)));
  });
  (scenario.spec.workloads ?? []).forEach((w, i) => {
    if (w.start !== undefined && w.start >= until) issues.push(scenario.issue(['workloads', i, 'start'], after('this workload starts', w.start)));
  });
  return issues;
}

/** Runs `build`, turning an InputError into issues (and undefined). */
function collect<T>(issues: Issue[], build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/** The services the timeline creates, from the built config or, when the ecs section has problems, from the file. */
function createdServices(spec: ScenarioSpec, ecsConfig: EcsConfig | undefined): string[] {
  if (ecsConfig !== undefined) return ecsConfig.timeline.flatMap((a) => (a.kind === 'createService' ? [a.service.serviceName] : []));
  return (spec.timeline ?? []).flatMap((e) => (e.createService === undefined ? [] : [e.createService.serviceName]));
}

/**
 * Request-level workloads name a load balancer and listener of the elb section; fluid ones
 * a service the timeline creates, whose task definition serves requests, and a rate; traces
 * can be read.
 */
function checkWorkloads(scenario: Scenario, ecsConfig: EcsConfig | undefined): Issue[] {
  const issues: Issue[] = [];
  const loadBalancers = (scenario.spec.elb?.loadBalancers ?? []).map((lb) => ({ name: lb.Name, ports: lb.Listeners.map((l) => l.Port) }));
  (scenario.spec.workloads ?? []).forEach((w, i) => {
    const config = collect(issues, () => {
      try {
        return workloadConfig(w, (file) => readText(resolve(dirname(scenario.file), file), 'the trace'));
      } catch (error) {
        // Located at the field naming the file: a missing file, or a bad field the trace parsers name by line.
        const at = ['workloads', i, 'arrivals', 'trace', 'file'];
        if (error instanceof InputError) throw new InputError(error.issues.map((x) => scenario.issue(at, x.message)));
        if (error instanceof RangeError) throw new InputError([scenario.issue(at, `bad trace: ${error.message}`)]);
        throw error;
      }
    });
    const f = w.fluid;
    if (f === undefined || f.service === undefined) {
      const target = workloadTarget(w, loadBalancers);
      if ('problem' in target) {
        issues.push(scenario.issue(['workloads', i, target.field], target.problem));
        return;
      }
      if (f === undefined) return;
      // Fluid through a load balancer (elb/fluid.ts): an ALB's listener, a rate, and no request-level workload on the same load balancer.
      const lb = (scenario.spec.elb?.loadBalancers ?? []).find((l) => l.Name === target.name);
      if (lb !== undefined && lb.Type === 'network') issues.push(scenario.issue(['workloads', i, 'fluid'], `the fluid mode goes through application load balancers; ${target.name} is a network load balancer (send request-level traffic, or name a service: fluid.service)`));
      const mixed = (scenario.spec.workloads ?? []).findIndex((o) => o.fluid === undefined && workloadTargetName(o, loadBalancers) === target.name);
      const other = (scenario.spec.workloads ?? []).findIndex((o, j) => j < i && o.fluid !== undefined && o.fluid.service === undefined && workloadTargetName(o, loadBalancers) === target.name);
      if (other >= 0) issues.push(scenario.issue(['workloads', i, 'target'], `workloads[${other}] already sends fluid traffic to ${target.name}; one fluid workload per load balancer (give it several routes)`));
      if (mixed >= 0) issues.push(scenario.issue(['workloads', i, 'target'], `load balancer ${target.name} also gets request-level traffic (workloads[${mixed}]); send fluid and request-level workloads to different load balancers`));
      if (config !== undefined && 'timestamps' in config.arrivals) {
        issues.push(scenario.issue(['workloads', i, 'arrivals'], 'the fluid mode needs a rate (a profile, or a trace of rates); a trace of timestamps is request-level only'));
      }
      return;
    }
    const created = createdServices(scenario.spec, ecsConfig);
    if (!created.includes(f.service)) {
      const guess = didYouMean(f.service, created);
      issues.push(scenario.issue(['workloads', i, 'fluid', 'service'], `no createService named "${f.service}" in the timeline${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      return;
    }
    const server = ecsConfig === undefined ? undefined : fluidServer(ecsConfig, f.service);
    if (typeof server === 'string') {
      issues.push(scenario.issue(['workloads', i, 'fluid', 'service'], server));
      return;
    }
    if (config !== undefined && 'timestamps' in config.arrivals) {
      issues.push(scenario.issue(['workloads', i, 'arrivals'], 'the fluid mode needs a rate (a profile, or a trace of rates); a trace of timestamps is request-level only'));
    }
  });
  return issues;
}

/** The load balancer a workload sends to, when it names one that exists. */
function workloadTargetName(w: { readonly target?: string | undefined; readonly port?: number | undefined }, loadBalancers: readonly { readonly name: string; readonly ports: readonly number[] }[]): string | undefined {
  const t = workloadTarget(w, loadBalancers);
  return 'name' in t ? t.name : undefined;
}

/** Each scalable target's ResourceId names a service the timeline creates, as `service/<cluster>/<service>` (the same rule ScenarioAutoScaling applies). */
function checkAutoscalingTargets(scenario: Scenario, ecsConfig: EcsConfig | undefined): Issue[] {
  const section = scenario.spec.autoscaling as { scalableTargets?: unknown[] } | undefined;
  if (section === undefined) return [];
  const ecs = scenario.spec.ecs;
  const cluster = ecs === undefined ? undefined : (ecsConfig?.clusterName ?? ecs.cluster ?? 'default');
  const services = new Set(createdServices(scenario.spec, ecsConfig));
  return (section.scalableTargets ?? []).flatMap((input, i) => {
    const resourceId = (input as { ResourceId?: unknown } | null)?.ResourceId;
    const match = typeof resourceId === 'string' ? /^service\/([^/]+)\/([^/]+)$/.exec(resourceId) : null;
    if (ecs !== undefined && match !== null && match[1] === cluster && services.has(match[2] as string)) return [];
    const known = [...services].map((s) => `service/${cluster ?? 'default'}/${s}`);
    return [scenario.issue(['autoscaling', 'scalableTargets', i, 'ResourceId'], `expected "service/<cluster>/<service>" naming a service the timeline creates${known.length > 0 ? `: ${known.join(', ')}` : ' (the timeline creates none)'}`)];
  });
}

/**
 * The probes a built model has before it runs, which `throughout` may name: each
 * station's, each created service's, each task state's, and each managed-scaling
 * provider's (a test checks this list against every bundled scenario's built model).
 */
export function probeNamesOf(spec: ScenarioSpec, ecsConfig: EcsConfig | undefined): string[] {
  const names: string[] = [];
  for (const s of spec.queueing ?? []) names.push(`queueing.${s.name}.queueLength`, `queueing.${s.name}.busyServers`);
  if (spec.ecs !== undefined) {
    for (const status of TASK_STATUS_ORDER) names.push(`ecs.tasks.${status}`);
    for (const service of createdServices(spec, ecsConfig)) {
      for (const field of ['runningCount', 'desiredCount', 'healthyCount', 'deploymentHealthyShortfall']) names.push(`ecs.services.${service}.${field}`);
    }
    for (const p of managedScalingProviders(spec)) {
      for (const field of ['DesiredCapacity', 'InService', 'CapacityProviderReservation', 'provisioningTasks']) names.push(`ecs.capacityProviders.${p.name}.${field}`);
    }
  }
  return [...new Set(names)].sort();
}

/** Each `throughout` names a probe of the model. */
function checkProbes(scenario: Scenario, names: readonly string[]): Issue[] {
  return scenario.spec.expectations.flatMap((e, i) => {
    if (e.throughout === undefined || names.includes(e.throughout)) return [];
    const guess = didYouMean(e.throughout, names);
    const hint = guess !== undefined ? `; did you mean "${guess}"?` : names.length > 0 ? `; probes: ${names.join(', ')}` : '; this scenario has no probes';
    return [scenario.issue(['expectations', i, 'throughout'], `unknown probe "${e.throughout}"${hint}`)];
  });
}

/**
 * Each expectation's result paths (`that`, `sameAs`), checked by `check` before the run.
 * The seam for the RunResult schema's own path checker.
 */
export function checkExpectationPaths(scenario: Scenario, check: ResultPathCheck): Issue[] {
  return scenario.spec.expectations.flatMap((e, i) => {
    const out: Issue[] = [];
    const that = e.that === undefined ? undefined : check(e.that);
    if (that !== undefined) out.push(scenario.issue(['expectations', i, 'that'], that));
    const sameAs = e.sameAs === undefined ? undefined : check(e.sameAs);
    if (sameAs !== undefined) out.push(scenario.issue(['expectations', i, 'sameAs'], `sameAs: ${sameAs}`));
    return out;
  });
}

/**
 * The result paths a scenario may name: the sections this scenario's result will have
 * (and its stations), then the RunResult's description below them (src/result), with a
 * did-you-mean from either.
 */
export function defaultResultPathCheck(spec: ScenarioSpec): ResultPathCheck {
  const sections = resultPathChecker(spec);
  return (dotted) => {
    const fromSections = sections(dotted);
    if (fromSections !== undefined) return fromSections;
    const verdict = checkResultPath(dotted);
    if ('ok' in verdict) return undefined;
    return verdict.didYouMean === undefined ? verdict.error : `${verdict.error}; did you mean "${verdict.didYouMean}"?`;
  };
}

/**
 * A small path checker made from what the scenario says its result will hold: the
 * result's top-level sections present for this scenario, its stations, and a station's
 * figures. Below those it accepts any path (the run decides: a value the run did not
 * produce fails the expectation). The RunResult schema's checker can replace it.
 */
export function resultPathChecker(spec: ScenarioSpec): ResultPathCheck {
  const sections = resultSections(spec);
  const stations = (spec.queueing ?? []).map((s) => s.name);
  // Each station's figures, as the station reports them (`theory` only where Erlang C applies).
  const figures = new Map((spec.queueing ?? []).map((s) => [s.name, Object.keys(createStation(new Simulation(), { name: s.name, servers: s.servers, interarrival: s.interarrival, service: s.service }).result())]));
  return (dotted) => {
    const path = splitResultPath(dotted);
    const keyOf = (segment: string): string => segment.split('[')[0] as string;
    const closed: readonly (readonly string[])[] = [sections, stations, figures.get(keyOf(path[1] ?? '')) ?? []];
    for (let depth = 0; depth < Math.min(path.length, path[0] === 'queueing' ? 3 : 1); depth += 1) {
      const key = keyOf(path[depth] as string);
      const keys = closed[depth] as readonly string[];
      if (keys.includes(key) || (depth === 0 && key === 'error')) continue;
      const join = (keys: readonly string[]): string => keys.map((k) => k.replace(/\./g, '\\.')).join('.');
      const where = join(path.slice(0, depth));
      const guess = didYouMean(key, keys);
      const hint = guess !== undefined ? `; did you mean "${join([...path.slice(0, depth), guess])}"?` : keys.length > 0 && keys.length <= 30 ? `; ${where === '' ? 'the result' : where} has ${keys.join(', ')}` : '';
      return `the run result has no value at "${dotted}"${hint}`;
    }
    return undefined;
  };
}

/** The run result's top-level keys for this scenario, in the result's order (runner.ts). */
function resultSections(spec: ScenarioSpec): string[] {
  const ecs = spec.ecs !== undefined;
  const managed = managedScalingProviders(spec).length > 0;
  const cw = spec.cloudwatch !== undefined || spec.autoscaling !== undefined || managed;
  return [
    'schemaVersion',
    'scenario',
    'seed',
    'logHash',
    'untilMs',
    'simulatedMs',
    'eventsProcessed',
    'traceRecords',
    'stopReason',
    ...(spec.queueing === undefined ? [] : ['queueing']),
    ...(ecs ? ['ecs', 'deployments'] : []),
    ...(spec.elb === undefined ? [] : ['elb']),
    ...((spec.workloads ?? []).length === 0 ? [] : ['traffic']),
    ...(cw ? ['cloudwatch'] : []),
    ...(spec.autoscaling === undefined ? [] : ['autoscaling']),
    ...(managed ? ['clusterAutoScaling'] : []),
    ...(ecs || spec.elb !== undefined ? ['cost'] : []),
    // Present when there is something to list (a field not modelled, a pasted output, a default).
    ...(ecs ? ['ignoredFields', 'warnings'] : []),
    'expectations',
  ];
}

/** The capacity providers with managed scaling (ecs-facts A-021), from the file. */
function managedScalingProviders(spec: ScenarioSpec): { readonly name: string }[] {
  return (spec.ecs?.capacityProviders ?? []).filter((p) => p.autoScalingGroupProvider !== undefined && autoScalingGroupProviderWithDefaults(p.autoScalingGroupProvider).managedScaling.status === 'ENABLED');
}
