import type { ServiceLoadBalancer } from '../ecs/service/load-balancers.js';
import { taskServerConfig } from './schema/traffic.js';
import { dirname, isAbsolute, join } from 'node:path';
import { InstanceTypeError, resolveInstanceType, type InstanceTypeOverride } from '../ecs/capacity/instance-types.js';
import type { ContainerBehaviour, DeploymentCircuitBreaker, EcsConfig, InstanceGroup, Latencies, RunTaskAction, TaskBehaviour, TimelineAction } from '../ecs/config.js';
import { DEFAULT_EC2_PULL_BANDWIDTH_MBPS, DEFAULT_FARGATE_PULL_BANDWIDTH_MBPS, DEFAULT_IMAGE_SIZE_MB, DEFAULT_LATENCIES } from '../ecs/defaults.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, TaskDefinitionError, TaskDefinitionRegistry, taskDefinitionInputSchema } from '../ecs/task-definition/index.js';
import type { TaskDefinition } from '../ecs/task-definition/types.js';
import type { PlacementConstraint, PlacementStrategy } from '../ecs/placement/framework.js';
import { PlacementArgumentError, PlacementRegistry } from '../ecs/placement/registry.js';
import { defaultAvailabilityZoneRebalancing } from '../ecs/service/az-rebalancing.js';
import { ScenarioError, type FieldPath, type ScenarioIssue } from './errors.js';
import { loadJsonDocument } from './json-document.js';
import type { Scenario } from './loader.js';
import type { TimelineEntrySpec } from './schema/ecs.js';
import { closest, explainIssues } from './zod-issues.js';

/**
 * Turns a validated scenario's `ecs` section and timeline into the model's EcsConfig,
 * checking what the schema alone cannot (instance types exist, task definitions pass
 * ECS's own registration checks, the timeline names real task definitions, instances and
 * labels). Every problem is reported at once, located in its file.
 * @throws ScenarioError
 */
export function buildEcsConfig(scenario: Scenario, registry: PlacementRegistry = PlacementRegistry.withBuiltins()): EcsConfig | undefined {
  const spec = scenario.spec;
  const ecs = spec.ecs;
  if (ecs === undefined) {
    if ((spec.timeline ?? []).some((e) => e.setAlarmState === undefined)) throw new ScenarioError([scenario.issue(['timeline'], 'a timeline needs an ecs section to act on')]);
    return undefined;
  }
  const issues: ScenarioIssue[] = [];
  const at = (path: FieldPath, message: string, atKey = false): void => {
    issues.push(scenario.issue(path, message, atKey));
  };
  const region = ecs.region ?? DEFAULT_REGION;
  const accountId = ecs.accountId ?? DEFAULT_ACCOUNT_ID;
  const custom = Object.fromEntries(Object.entries(ecs.instanceTypes ?? {}).map(([name, spec]) => [name, definedOnly(spec) as InstanceTypeOverride]));

  for (const name of Object.keys(custom)) {
    try {
      resolveInstanceType(name, custom);
    } catch (error) {
      if (!(error instanceof InstanceTypeError)) throw error;
      at(['ecs', 'instanceTypes', name], oneLine(error.message));
    }
  }

  const instanceGroups: InstanceGroup[] = [];
  const groupNames = new Map<string, number>();
  (ecs.instances ?? []).forEach((g, i) => {
    const name = g.name ?? `group-${i}`;
    if (groupNames.has(name)) at(['ecs', 'instances', i, 'name'], `duplicate instance group name "${name}"`);
    groupNames.set(name, g.count);
    try {
      resolveInstanceType(g.instanceType, custom);
    } catch (error) {
      if (!(error instanceof InstanceTypeError)) throw error;
      at(['ecs', 'instances', i, 'instanceType'], oneLine(error.message));
    }
    instanceGroups.push({
      name,
      count: g.count,
      instanceType: g.instanceType,
      availabilityZones: g.availabilityZones,
      attributes: g.attributes ?? {},
      launchType: g.launchType ?? 'EC2',
      osType: g.osType ?? 'linux',
      reservedMemoryMiB: g.reservedMemoryMiB ?? 0,
      imagePullBehavior: g.imagePullBehavior ?? 'default',
      awsvpcTrunking: g.awsvpcTrunking ?? false,
      pullBandwidthMBps: g.pullBandwidth ?? DEFAULT_EC2_PULL_BANDWIDTH_MBPS,
      launchAtMs: g.launchAt ?? 0,
    });
  });

  const definitions = new TaskDefinitionRegistry({ region, accountId });
  const taskDefinitions: { definition: TaskDefinition; behaviour: TaskBehaviour }[] = [];
  (ecs.taskDefinitions ?? []).forEach((entry, i) => {
    const definition = registerEntry(scenario, definitions, entry, i, issues);
    if (definition === undefined) return;
    const names = definition.containerDefinitions.map((c) => c.name);
    const containers = definedOnly(entry.behaviour?.containers ?? {}) as Record<string, ContainerBehaviour>;
    for (const name of Object.keys(containers)) {
      if (!names.includes(name)) {
        const guess = closest(name, names);
        at(['ecs', 'taskDefinitions', i, 'behaviour', 'containers', name], `no container "${name}" in ${definition.family}${guess === undefined ? `; it has ${names.join(', ')}` : `; did you mean "${guess}"?`}`, true);
      }
    }
    for (const [name, spec] of Object.entries(entry.behaviour?.containers ?? {})) {
      const server = spec?.server;
      const container = definition.containerDefinitions.find((c) => c.name === name);
      if (server === undefined || container === undefined) continue;
      const ports = container.portMappings.filter((p) => p.protocol === 'tcp').map((p) => p.containerPort);
      const path = ['ecs', 'taskDefinitions', i, 'behaviour', 'containers', name, 'server'];
      if (ports.length === 0) at(path, `container "${name}" has no tcp portMappings to serve requests on`, true);
      else if (server.containerPort !== undefined && !ports.includes(server.containerPort)) at([...path, 'containerPort'], `container "${name}" maps tcp ports ${ports.join(', ')}, not ${server.containerPort}`, true);
      const { name: _name, ...config } = taskServerConfig(server, name, container.memory ?? container.memoryReservation ?? definition.memory);
      containers[name] = { ...containers[name], server: { ...config, ...(server.containerPort === undefined ? {} : { containerPort: server.containerPort }) } };
    }
    taskDefinitions.push({ definition, behaviour: { containers } });
  });

  const timeline = buildTimeline(scenario, definitions, registry, groupNames, issues, instanceGroups.length > 0, ecs.fargate !== undefined);
  if (issues.length > 0) throw new ScenarioError(issues);

  const latencies: Latencies = { ...DEFAULT_LATENCIES, ...(ecs.latencies ?? {}) } as Latencies;
  return {
    region,
    accountId,
    clusterName: ecs.cluster ?? 'default',
    instanceGroups,
    ...(ecs.fargate === undefined
      ? {}
      : {
          fargate: {
            availabilityZones: ecs.fargate.availabilityZones,
            ...(ecs.fargate.vcpuCapacityPerAz === undefined ? {} : { vcpuCapacityPerAz: ecs.fargate.vcpuCapacityPerAz }),
            pullBandwidthMBps: ecs.fargate.pullBandwidth ?? DEFAULT_FARGATE_PULL_BANDWIDTH_MBPS,
          },
        }),
    customInstanceTypes: custom,
    images: ecs.images ?? {},
    defaultImageSizeMB: ecs.defaultImageSizeMB ?? DEFAULT_IMAGE_SIZE_MB,
    taskDefinitions,
    latencies,
    timeline,
    failingSecrets: ecs.failingSecrets ?? [],
    ...(ecs.describeServicesAt === undefined ? {} : { describeServicesAtMs: [...ecs.describeServicesAt].sort((a, b) => a - b) }),
  };
}

/** Registers one `taskDefinitions` entry, locating problems in the scenario or in the entry's own file. */
function registerEntry(scenario: Scenario, registry: TaskDefinitionRegistry, entry: { file?: string | undefined; definition?: unknown }, i: number, issues: ScenarioIssue[]): TaskDefinition | undefined {
  let input: unknown;
  let locate: (path: FieldPath, message: string, atKey?: boolean) => ScenarioIssue;
  if (entry.file !== undefined) {
    const file = isAbsolute(entry.file) ? entry.file : join(dirname(scenario.file), entry.file);
    const loaded = loadJsonDocument(file);
    if ('issues' in loaded) {
      issues.push(...loaded.issues.map((x) => (x.line === undefined ? scenario.issue(['ecs', 'taskDefinitions', i, 'file'], x.message) : x)));
      return undefined;
    }
    input = loaded.data;
    locate = loaded.issue;
  } else {
    input = entry.definition;
    const base: FieldPath = ['ecs', 'taskDefinitions', i, 'definition'];
    locate = (path, message, atKey) => scenario.issue([...base, ...path], message, atKey);
  }
  const parsed = taskDefinitionInputSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    issues.push(...explainIssues(parsed.error.issues, taskDefinitionInputSchema).map((x) => locate(x.path, x.message, x.atKey === true)));
    return undefined;
  }
  try {
    return registry.register(parsed.data);
  } catch (error) {
    if (!(error instanceof TaskDefinitionError)) throw error;
    issues.push(...error.issues.map((x) => locate(x.path, x.message)));
    return undefined;
  }
}

function buildTimeline(
  scenario: Scenario,
  registry: TaskDefinitionRegistry,
  placement: PlacementRegistry,
  groups: ReadonlyMap<string, number>,
  issues: ScenarioIssue[],
  hasInstances: boolean,
  hasFargate: boolean,
): TimelineAction[] {
  const out: TimelineAction[] = [];
  const labels = new Set<string>();
  const services = new Set<string>();
  const checkPlacement = (build: () => unknown, path: FieldPath, argName: string): void => {
    try {
      build();
    } catch (error) {
      if (!(error instanceof PlacementArgumentError)) throw error;
      issues.push(scenario.issue(error.field === 'type' ? [...path, 'type'] : [...path, argName], error.message));
    }
  };
  const entries = [...(scenario.spec.timeline ?? [])].map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  let runTasks = 0;
  for (const { e, i } of entries) {
    const path: FieldPath = ['timeline', i];
    const action = toAction(e, (field, message) => issues.push(scenario.issue([...path, ...field], message)), (reference) => registry.find(reference)?.placementConstraints ?? []);
    if (action === undefined) continue;
    if (action.kind === 'runTask') {
      runTasks += 1;
      const r = action.runTask;
      const known = registry.find(r.taskDefinition);
      if (known === undefined) {
        const references = registry.list().flatMap((d) => [d.family, `${d.family}:${d.revision}`]);
      const guess = closest(r.taskDefinition, references);
        issues.push(scenario.issue([...path, 'runTask', 'taskDefinition'], `no task definition "${r.taskDefinition}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      }
      if (r.launchType === 'FARGATE' && !hasFargate) issues.push(scenario.issue([...path, 'runTask', 'launchType'], 'FARGATE needs an ecs.fargate section'));
      const hasPlacement = (r.placementConstraints ?? []).length > 0 || (r.placementStrategy ?? []).length > 0 || (known?.placementConstraints.length ?? 0) > 0;
      if (r.launchType === 'FARGATE' && hasPlacement) {
        // ecs-facts S-015, T-088: Fargate takes no placement strategies or constraints.
        issues.push(scenario.issue([...path, 'runTask'], 'Fargate does not support placement constraints or strategies (ecs-facts S-015)'));
      }
      (r.placementConstraints ?? []).forEach((c, k) => checkPlacement(() => placement.constraint(c.type, c.expression), [...path, 'runTask', 'placementConstraints', k], 'expression'));
      (r.placementStrategy ?? []).forEach((s, k) => checkPlacement(() => placement.strategy(s.type, s.field), [...path, 'runTask', 'placementStrategy', k], 'field'));
      known?.placementConstraints.forEach((c) => checkPlacement(() => placement.constraint(c.type, c.expression), [...path, 'runTask', 'taskDefinition'], 'expression'));
      if ((known?.placementConstraints.length ?? 0) + (r.placementConstraints ?? []).length > 10) {
        issues.push(scenario.issue([...path, 'runTask', 'placementConstraints'], 'at most 10 placement constraints per task, counting the task definition\'s (ecs-facts T-108)'));
      }
      if (r.launchType !== 'FARGATE' && !hasInstances) issues.push(scenario.issue([...path, 'runTask', 'launchType'], `${r.launchType} needs instances (ecs.instances); for Fargate set launchType: FARGATE`));
      const label = r.label ?? `runTask-${runTasks}`;
      if (labels.has(label)) issues.push(scenario.issue([...path, 'runTask', 'label'], `label "${label}" is used by an earlier runTask`));
      labels.add(label);
      out.push({ ...action, runTask: { ...r, label } });
      continue;
    }
    if (action.kind === 'createService') {
      const s = action.service;
      const base: FieldPath = [...path, 'createService'];
      if (registry.find(s.taskDefinition) === undefined) {
        const references = registry.list().flatMap((d) => [d.family, `${d.family}:${d.revision}`]);
        const guess = closest(s.taskDefinition, references);
        issues.push(scenario.issue([...base, 'taskDefinition'], `no task definition "${s.taskDefinition}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      }
      if (s.schedulingStrategy === 'REPLICA' && e.createService?.desiredCount === undefined) issues.push(scenario.issue([...base, 'desiredCount'], 'a REPLICA service needs desiredCount (ecs-facts S-038)'));
      // ecs-facts S-035: no DAEMON on Fargate; S-037: a DAEMON's maximumPercent is 100.
      if (s.schedulingStrategy === 'DAEMON' && s.launchType === 'FARGATE') issues.push(scenario.issue([...base, 'schedulingStrategy'], 'The daemon scheduling strategy does not support the Fargate launch type (ecs-facts S-035)'));
      if (s.schedulingStrategy === 'DAEMON' && s.maximumPercent !== 100) issues.push(scenario.issue([...base, 'deploymentConfiguration', 'maximumPercent'], 'a DAEMON service\'s maximumPercent must be 100 (ecs-facts S-037)'));
      if (s.launchType === 'FARGATE' && !hasFargate) issues.push(scenario.issue([...base, 'launchType'], 'FARGATE needs an ecs.fargate section'));
      if (s.launchType === 'FARGATE' && (s.placementConstraints.length > 0 || s.placementStrategy.length > 0)) issues.push(scenario.issue(base, 'Fargate does not support placement constraints or strategies (ecs-facts S-015)'));
      const def = registry.find(s.taskDefinition);
      (s.loadBalancers ?? []).forEach((lb, k) => {
        const container = def?.containerDefinitions.find((c) => c.name === lb.containerName);
        if (def === undefined) return;
        if (container === undefined) {
          const names = def.containerDefinitions.map((c) => c.name);
          const guess = closest(lb.containerName, names);
          issues.push(scenario.issue([...base, 'loadBalancers', k, 'containerName'], `no container "${lb.containerName}" in ${def.family}${guess === undefined ? `; it has ${names.join(', ')}` : `; did you mean "${guess}"?`}`));
        } else if (!container.portMappings.some((p) => p.containerPort === lb.containerPort)) {
          // The API's own text for this case.
          issues.push(scenario.issue([...base, 'loadBalancers', k, 'containerPort'], `The container ${lb.containerName} did not have a container port ${lb.containerPort} defined (it maps ${container.portMappings.map((p) => p.containerPort).join(', ') || 'no ports'}).`));
        }
      });
      s.placementConstraints.forEach((c, k) => checkPlacement(() => placement.constraint(c.type, c.expression), [...base, 'placementConstraints', k], 'expression'));
      s.placementStrategy.forEach((st, k) => checkPlacement(() => placement.strategy(st.type, st.field), [...base, 'placementStrategy', k], 'field'));
      services.add(s.serviceName);
    }
    if (action.kind === 'updateService' && action.taskDefinition !== undefined && registry.find(action.taskDefinition) === undefined) {
      const references = registry.list().flatMap((d) => [d.family, `${d.family}:${d.revision}`]);
      const guess = closest(action.taskDefinition, references);
      issues.push(scenario.issue([...path, 'updateService', 'taskDefinition'], `no task definition "${action.taskDefinition}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    }
    if ((action.kind === 'updateService' || action.kind === 'deleteService') && !services.has(action.service)) {
      const guess = closest(action.service, [...services]);
      issues.push(scenario.issue([...path, action.kind, 'service'], `no earlier createService named "${action.service}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    }
    if (action.kind === 'stopTask' || action.kind === 'killTask') {
      if (!labels.has(action.label) && !services.has(action.label)) {
        const guess = closest(action.label, [...labels, ...services]);
        issues.push(scenario.issue([...path, action.kind, 'label'], `no earlier runTask label or service "${action.label}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      }
    }
    if (action.kind === 'terminateInstance' || action.kind === 'disconnectAgent' || action.kind === 'reconnectAgent' || action.kind === 'updateContainerInstancesState') {
      const [group = '', index = ''] = action.instance.split('/');
      const count = groups.get(group);
      if (count === undefined) {
        const guess = closest(group, [...groups.keys()]);
        issues.push(scenario.issue([...path, action.kind], `no instance group "${group}"${guess === undefined ? `; groups: ${[...groups.keys()].join(', ') || 'none'}` : `; did you mean "${guess}"?`}`));
      } else if (Number(index) >= count) {
        issues.push(scenario.issue([...path, action.kind], `group "${group}" has ${count} instances (0 to ${count - 1}), got ${index}`));
      }
    }
    out.push(action);
  }
  return out;
}

/** `taskDefinitionConstraints` gives a task definition's own placement constraints (for the AZ rebalancing default). */
function toAction(e: TimelineEntrySpec, fail: (field: FieldPath, message: string) => void, taskDefinitionConstraints: (reference: string) => readonly PlacementConstraint[]): TimelineAction | undefined {
  const atMs = e.at;
  if (e.runTask !== undefined) {
    const r = e.runTask;
    const runTask: RunTaskAction = {
      taskDefinition: r.taskDefinition,
      count: r.count ?? 1,
      // ecs-facts T-110: with neither launchType nor a capacity provider strategy, EC2.
      launchType: r.launchType ?? 'EC2',
      ...(r.group === undefined ? {} : { group: r.group }),
      ...(r.startedBy === undefined ? {} : { startedBy: r.startedBy }),
      ...(r.label === undefined ? {} : { label: r.label }),
      ...(r.placementConstraints === undefined ? {} : { placementConstraints: r.placementConstraints.map((c) => definedOnly(c) as PlacementConstraint) }),
      ...(r.placementStrategy === undefined ? {} : { placementStrategy: r.placementStrategy.map((s) => definedOnly(s) as PlacementStrategy) }),
    };
    return { kind: 'runTask', atMs, runTask };
  }
  if (e.stopTask !== undefined) return { kind: 'stopTask', atMs, label: e.stopTask.label, ...(e.stopTask.reason === undefined ? {} : { reason: e.stopTask.reason }) };
  // ecs-facts T-037: 137 is what a SIGKILL (e.g. the OOM killer) leaves.
  if (e.killTask !== undefined) return { kind: 'killTask', atMs, label: e.killTask.label, exitCode: e.killTask.exitCode ?? 137 };
  if (e.terminateInstance !== undefined) return { kind: 'terminateInstance', atMs, instance: e.terminateInstance };
  if (e.disconnectAgent !== undefined) return { kind: 'disconnectAgent', atMs, instance: e.disconnectAgent };
  if (e.reconnectAgent !== undefined) return { kind: 'reconnectAgent', atMs, instance: e.reconnectAgent };
  if (e.loseAvailabilityZone !== undefined) return { kind: 'loseAvailabilityZone', atMs, availabilityZone: e.loseAvailabilityZone };
  if (e.createService !== undefined) {
    const c = e.createService;
    const modelled = new Set(['cluster', 'serviceName', 'taskDefinition', 'desiredCount', 'launchType', 'schedulingStrategy', 'placementConstraints', 'placementStrategy', 'deploymentConfiguration', 'healthCheckGracePeriodSeconds', 'loadBalancers', 'capacityProviderStrategy', 'availabilityZoneRebalancing']);
    const daemon = c.schedulingStrategy === 'DAEMON';
    const shape = {
      launchType: c.launchType ?? 'EC2',
      schedulingStrategy: c.schedulingStrategy ?? 'REPLICA',
      placementConstraints: (c.placementConstraints ?? []).map((x) => definedOnly(x) as PlacementConstraint),
      placementStrategy: (c.placementStrategy ?? []).map((x) => definedOnly(x) as PlacementStrategy),
      // ecs-facts S-050 (REPLICA 100/200), S-037 (DAEMON 0/100 through the API).
      maximumPercent: c.deploymentConfiguration?.maximumPercent ?? (daemon ? 100 : 200),
    } as const;
    return {
      kind: 'createService',
      atMs,
      service: {
        serviceName: c.serviceName,
        taskDefinition: c.taskDefinition,
        // ecs-facts S-038: DAEMON needs no desiredCount.
        desiredCount: c.desiredCount ?? 0,
        ...shape,
        minimumHealthyPercent: c.deploymentConfiguration?.minimumHealthyPercent ?? (daemon ? 0 : 100),
        ...(c.deploymentConfiguration?.deploymentCircuitBreaker === undefined ? {} : { deploymentCircuitBreaker: definedOnly(c.deploymentConfiguration.deploymentCircuitBreaker) as DeploymentCircuitBreaker }),
        healthCheckGracePeriodMs: (c.healthCheckGracePeriodSeconds ?? 0) * 1000,
        // ecs-facts S-025, S-026: omitted on CreateService, ENABLED for a compatible service
        // and DISABLED for one ECS cannot rebalance (the task definition's constraints are
        // checked again when the scheduler acts).
        availabilityZoneRebalancing: c.availabilityZoneRebalancing ?? defaultAvailabilityZoneRebalancing(shape, taskDefinitionConstraints(c.taskDefinition)),
        ...(c.loadBalancers === undefined || c.loadBalancers.length === 0 ? {} : { loadBalancers: c.loadBalancers.map((lb) => definedOnly(lb) as ServiceLoadBalancer) }),
        ignoredFields: Object.keys(c).filter((k) => !modelled.has(k) && (c as Record<string, unknown>)[k] !== undefined),
      },
    };
  }
  if (e.updateContainerInstancesState !== undefined) return { kind: 'updateContainerInstancesState', atMs, instance: e.updateContainerInstancesState.instance, status: e.updateContainerInstancesState.status };
  if (e.updateService !== undefined) {
    const u = e.updateService;
    return {
      kind: 'updateService',
      atMs,
      service: u.service,
      ...(u.desiredCount === undefined ? {} : { desiredCount: u.desiredCount }),
      ...(u.taskDefinition === undefined ? {} : { taskDefinition: u.taskDefinition }),
      ...(u.forceNewDeployment === undefined ? {} : { forceNewDeployment: u.forceNewDeployment }),
      ...(u.deploymentConfiguration?.minimumHealthyPercent === undefined ? {} : { minimumHealthyPercent: u.deploymentConfiguration.minimumHealthyPercent }),
      ...(u.deploymentConfiguration?.maximumPercent === undefined ? {} : { maximumPercent: u.deploymentConfiguration.maximumPercent }),
      ...(u.deploymentConfiguration?.deploymentCircuitBreaker === undefined ? {} : { deploymentCircuitBreaker: definedOnly(u.deploymentConfiguration.deploymentCircuitBreaker) as DeploymentCircuitBreaker }),
      ...(u.availabilityZoneRebalancing === undefined ? {} : { availabilityZoneRebalancing: u.availabilityZoneRebalancing }),
    };
  }
  if (e.deleteService !== undefined) return { kind: 'deleteService', atMs, service: e.deleteService.service, force: e.deleteService.force ?? false };
  if (e.failImagePulls !== undefined) return { kind: 'failImagePulls', atMs, forMs: e.failImagePulls.for, ...(e.failImagePulls.image === undefined ? {} : { image: e.failImagePulls.image }) };
  // CloudWatch's actions: the runner schedules them.
  if (e.setAlarmState !== undefined) return undefined;
  fail([], 'expected an action');
  return undefined;
}

/** Drops keys whose value is undefined (zod's optional output), at every level, for exact optional types. */
function definedOnly(o: object): object {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v !== null && typeof v === 'object' && !Array.isArray(v) ? definedOnly(v as object) : v]),
  );
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ');
}
