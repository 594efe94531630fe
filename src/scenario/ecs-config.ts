import type { CapacityProviderDefinition } from '../ecs/capacity/capacity-providers.js';
import { isFargateProvider, strategyWithDefaults } from '../ecs/capacity/capacity-providers.js';
import { autoScalingGroupProviderWithDefaults } from '../ecs/capacity/managed-scaling.js';
import type { ServiceLoadBalancer } from '../ecs/service/load-balancers.js';
import { taskServerConfig } from './schema/traffic.js';
import { dirname, isAbsolute, join } from 'node:path';
import { InstanceTypeError, resolveInstanceType, type InstanceTypeOverride } from '../ecs/capacity/instance-types.js';
import type { ContainerBehaviour, EcsConfig, InstanceGroup, Latencies, TaskBehaviour, TimelineAction } from '../ecs/config.js';
import { DEFAULT_EC2_PULL_BANDWIDTH_MBPS, DEFAULT_FARGATE_PULL_BANDWIDTH_MBPS, DEFAULT_IMAGE_SIZE_MB, DEFAULT_LATENCIES } from '../ecs/defaults.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, TaskDefinitionError, TaskDefinitionRegistry, taskDefinitionInputSchema, unwrapTaskDefinitionInput, type TaskDefinitionInput } from '../ecs/task-definition/index.js';
import type { TaskDefinition } from '../ecs/task-definition/types.js';
import { PlacementRegistry } from '../ecs/placement/registry.js';
import { listenerRuleReferences, resolveTargetGroupName } from '../elb/schema.js';
import type { LambdaFunctionBehaviour } from '../ecs/service/deployment-strategy.js';
import { DEFAULT_DEPLOYMENT_CONFIG_NAME, DEFAULT_TERMINATION_WAIT_MINUTES, PREDEFINED_DEPLOYMENT_CONFIGS, type CodeDeployConfig, type EcsDeploymentGroup, type TrafficRoutingConfig } from '../ecs/service/codedeploy.js';
import { didYouMean } from '../issues/index.js';
import { raiseHint, serviceQuotas } from '../ecs/service-quotas.js';
import { definedOnly } from './defined-only.js';
import { InputError, type FieldPath, type ScenarioIssue } from './errors.js';
import { loadJsonDocument } from './json-document.js';
import type { Scenario } from './loader.js';
import { knownDeploymentConfig, unknownConfigMessage } from './timeline/checks.js';
import { verbOf } from './timeline/registry.js';
import type { TimelineContext, TimelineSoFar } from './timeline/verb.js';
import { explainIssues } from './zod-issues.js';
import { pastedTaskDefinitionWarning, type ScenarioWarning } from './schema/pasted.js';
import { formatPath } from './errors.js';
import type { ScenarioSpec } from './schema/scenario.js';

/**
 * Turns a validated scenario's `ecs` section and timeline into the model's EcsConfig,
 * checking what the schema alone cannot (instance types exist, task definitions pass
 * ECS's own registration checks, the timeline names real task definitions, instances and
 * labels). Every problem is reported at once, located in its file.
 * @throws InputError
 */
export function buildEcsConfig(scenario: Scenario, registry: PlacementRegistry = PlacementRegistry.withBuiltins(), warnings: ScenarioWarning[] = []): EcsConfig | undefined {
  const spec = scenario.spec;
  const ecs = spec.ecs;
  if (ecs === undefined) {
    if ((spec.timeline ?? []).some((e) => verbOf(e)?.verb.model !== 'cloudwatch')) throw new InputError([scenario.issue(['timeline'], 'a timeline needs an ecs section to act on')]);
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
      ...(g.spot === undefined ? {} : { spot: g.spot }),
      ...(g.spotInstanceDraining === undefined ? {} : { spotInstanceDraining: g.spotInstanceDraining }),
      ...(g.autoScalingGroup === undefined ? {} : { autoScalingGroup: g.autoScalingGroup }),
    });
    const asg = g.autoScalingGroup;
    if (asg !== undefined && asg.DesiredCapacity === undefined && (g.count < asg.MinSize || g.count > asg.MaxSize)) at(['ecs', 'instances', i, 'count'], `count (the initial DesiredCapacity) must be from MinSize (${asg.MinSize}) to MaxSize (${asg.MaxSize}), got ${g.count}`);
  });

  // ecs-facts S-131: container instances per cluster (the groups' initial counts).
  const quotas = serviceQuotas(ecs.serviceQuotas);
  const instanceCount = instanceGroups.reduce((sum, g) => sum + g.count, 0);
  if (instanceCount > quotas.containerInstancesPerCluster) at(['ecs', 'instances'], `the cluster would register ${instanceCount} container instances ${raiseHint('containerInstancesPerCluster', quotas.containerInstancesPerCluster)}`);
  if ((ecs.capacityProviders ?? []).length > quotas.capacityProvidersPerCluster) at(['ecs', 'capacityProviders'], `${(ecs.capacityProviders ?? []).length} capacity providers ${raiseHint('capacityProvidersPerCluster', quotas.capacityProvidersPerCluster)}`);

  const definitions = new TaskDefinitionRegistry({ region, accountId });
  const taskDefinitions: { definition: TaskDefinition; behaviour: TaskBehaviour }[] = [];
  const entryIndex: number[] = [];
  (ecs.taskDefinitions ?? []).forEach((entry, i) => {
    const definition = registerEntry(scenario, definitions, entry, i, issues, warnings);
    if (definition === undefined) return;
    entryIndex.push(i);
    const names = definition.containerDefinitions.map((c) => c.name);
    const containers = definedOnly(entry.behaviour?.containers ?? {}) as Record<string, ContainerBehaviour>;
    for (const name of Object.keys(containers)) {
      if (!names.includes(name)) {
        const guess = didYouMean(name, names);
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
  for (const { index: k, ...server } of defaultServers(scenario.spec, taskDefinitions, (ref) => definitions.find(ref))) {
    const entry = taskDefinitions[k] as (typeof taskDefinitions)[number];
    const containers = { ...entry.behaviour.containers, [server.container]: { ...entry.behaviour.containers[server.container], server: server.config } };
    taskDefinitions[k] = { definition: entry.definition, behaviour: { containers } };
    warnings.push({
      at: formatPath(['ecs', 'taskDefinitions', entryIndex[k] as number, 'behaviour', 'containers', server.container]),
      message: `container ${server.container} of task definition ${entry.definition.family}:${entry.definition.revision} has no server behaviour; it answers health checks with 200 in ${DEFAULT_HEALTH_ANSWER_MS}ms — add \`server:\` to model its traffic`,
    });
  }

  // ecs-facts A-028, A-029: declared providers name instance groups; strategies name known providers.
  const providerNames = new Set<string>();
  const capacityProviders: CapacityProviderDefinition[] = [];
  (ecs.capacityProviders ?? []).forEach((p, k) => {
    if (isFargateProvider(p.name) || providerNames.has(p.name)) at(['ecs', 'capacityProviders', k, 'name'], `capacity provider "${p.name}" is ${isFargateProvider(p.name) ? 'predefined (ecs-facts A-029)' : 'declared twice'}`);
    providerNames.add(p.name);
    const instanceGroup = p.instanceGroup ?? p.autoScalingGroupProvider?.autoScalingGroupArn ?? '';
    const groupPath = p.instanceGroup === undefined ? ['ecs', 'capacityProviders', k, 'autoScalingGroupProvider', 'autoScalingGroupArn'] : ['ecs', 'capacityProviders', k, 'instanceGroup'];
    if (!groupNames.has(instanceGroup)) {
      const guess = didYouMean(instanceGroup, [...groupNames.keys()]);
      at(groupPath, `no instance group "${instanceGroup}"${guess === undefined ? `; groups: ${[...groupNames.keys()].join(', ') || 'none'}` : `; did you mean "${guess}"?`}`);
    }
    const provider = p.autoScalingGroupProvider === undefined ? undefined : autoScalingGroupProviderWithDefaults(p.autoScalingGroupProvider);
    // Managed scaling moves the group's desired capacity, so the group needs an autoScalingGroup (ecs-facts A-021).
    if (provider?.managedScaling.status === 'ENABLED' && groupNames.has(instanceGroup) && instanceGroups.find((g) => g.name === instanceGroup)?.autoScalingGroup === undefined) {
      at(groupPath, `managed scaling needs instance group "${instanceGroup}" to have an autoScalingGroup ({ MinSize, MaxSize })`);
    }
    capacityProviders.push({ name: p.name, instanceGroup, ...(provider === undefined ? {} : { autoScalingGroupProvider: provider }) });
  });
  const checkStrategy = (strategy: readonly { capacityProvider: string }[] | undefined, path: FieldPath): void => {
    (strategy ?? []).forEach((item, k) => {
      const name = item.capacityProvider;
      if (isFargateProvider(name)) {
        if (ecs.fargate === undefined) at([...path, k, 'capacityProvider'], `${name} needs an ecs.fargate section`);
      } else if (!providerNames.has(name)) {
        const known = ['FARGATE', 'FARGATE_SPOT', ...providerNames];
        const guess = didYouMean(name, known);
        at([...path, k, 'capacityProvider'], `no capacity provider "${name}"${guess === undefined ? `; known: ${known.join(', ')} (declare others in ecs.capacityProviders)` : `; did you mean "${guess}"?`}`);
      }
    });
  };
  checkStrategy(ecs.defaultCapacityProviderStrategy, ['ecs', 'defaultCapacityProviderStrategy']);
  const defaultStrategy = ecs.defaultCapacityProviderStrategy === undefined ? undefined : strategyWithDefaults(ecs.defaultCapacityProviderStrategy);

  const timeline = buildTimeline(scenario, { taskDefinitions: definitions, placement: registry, groups: groupNames, hasInstances: instanceGroups.length > 0, hasFargate: ecs.fargate !== undefined, defaultStrategy, providerNames }, issues);
  const codeDeploy = buildCodeDeploy(scenario, timeline, issues);
  if (issues.length > 0) throw new InputError(issues);
  warnings.push(...pastedCallWarnings(scenario, ecs.cluster ?? 'default'));

  const latencies: Latencies = { ...DEFAULT_LATENCIES, ...(ecs.latencies ?? {}) } as Latencies;
  return {
    region,
    accountId,
    clusterName: ecs.cluster ?? 'default',
    instanceGroups,
    ...(ecs.serviceQuotas?.containerInstancesPerCluster === undefined ? {} : { containerInstancesPerCluster: ecs.serviceQuotas.containerInstancesPerCluster }),
    ...(ecs.fargate === undefined
      ? {}
      : {
          fargate: {
            availabilityZones: ecs.fargate.availabilityZones,
            ...(ecs.fargate.vcpuCapacityPerAz === undefined ? {} : { vcpuCapacityPerAz: ecs.fargate.vcpuCapacityPerAz }),
            pullBandwidthMBps: ecs.fargate.pullBandwidth ?? DEFAULT_FARGATE_PULL_BANDWIDTH_MBPS,
            ...(ecs.fargate.spotVcpuCapacityPerAz === undefined ? {} : { spotVcpuCapacityPerAz: ecs.fargate.spotVcpuCapacityPerAz }),
            ...(ecs.fargate.spotInterruptions === undefined ? {} : { spotInterruptions: ecs.fargate.spotInterruptions }),
            ...(ecs.fargate.deregisterSpotTargetsAtNotice === undefined ? {} : { deregisterSpotTargetsAtNotice: ecs.fargate.deregisterSpotTargetsAtNotice }),
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
    ...(ecs.containerInsights === 'enabled' || ecs.containerInsights === 'enhanced' ? { containerInsights: true } : {}),
    ...(ecs.capacityProviders === undefined ? {} : { capacityProviders }),
    ...(defaultStrategy === undefined ? {} : { defaultCapacityProviderStrategy: defaultStrategy }),
    ...(ecs.lambdaFunctions === undefined ? {} : { lambdaFunctions: definedOnly(ecs.lambdaFunctions) as Record<string, LambdaFunctionBehaviour> }),
    ...(codeDeploy === undefined ? {} : { codeDeploy }),
  };
}

/** Registers one `taskDefinitions` entry, locating problems in the scenario or in the entry's own file. */
function registerEntry(
  scenario: Scenario,
  registry: TaskDefinitionRegistry,
  entry: { file?: string | undefined; definition?: unknown; revision?: number | undefined },
  i: number,
  issues: ScenarioIssue[],
  warnings: ScenarioWarning[],
): TaskDefinition | undefined {
  let input: unknown;
  let locate: (path: FieldPath, message: string, atKey?: boolean) => ScenarioIssue;
  if (entry.file !== undefined) {
    const file = isAbsolute(entry.file) ? entry.file : join(dirname(scenario.file), entry.file);
    // A pasted AWS document: a repeated key keeps its last value, as the AWS CLI's --cli-input-json does (ecs-facts PS-009), and is named.
    const loaded = loadJsonDocument(file, { repeatedKeys: 'lastWins' });
    if ('issues' in loaded) {
      issues.push(...loaded.issues.map((x) => (x.line === undefined ? scenario.issue(['ecs', 'taskDefinitions', i, 'file'], x.message) : x)));
      return undefined;
    }
    const repeated = loaded.repeatedKeys ?? [];
    if (repeated.length > 0) {
      warnings.push({
        at: formatPath(['ecs', 'taskDefinitions', i, 'file']),
        message: `${repeated.length === 1 ? 'a key is' : `${repeated.length} keys are`} given twice (${repeated.map((r) => `${formatPath(r.path)} at ${r.line}:${r.col}`).join(', ')}): the last value is kept, as the AWS CLI keeps it`,
        fields: repeated.map((r) => formatPath(r.path)),
      });
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
  const withRevision = withEntryRevision(parsed.data, entry.revision);
  if ('problem' in withRevision) {
    issues.push(scenario.issue(['ecs', 'taskDefinitions', i, 'revision'], withRevision.problem));
    return undefined;
  }
  try {
    const registered = registry.register(withRevision.input);
    // A describe output or console export: say what it carried beyond the register input.
    const pasted = pastedTaskDefinitionWarning(input, formatPath(['ecs', 'taskDefinitions', i, entry.file === undefined ? 'definition' : 'file']));
    if (pasted !== undefined) warnings.push(pasted);
    return registered;
  } catch (error) {
    if (!(error instanceof TaskDefinitionError)) throw error;
    issues.push(...error.issues.map((x) => locate(x.path, x.message)));
    return undefined;
  }
}

/**
 * The entry's `revision` given to its document (inside `taskDefinition` for a describe
 * output); a document that already says another revision is a contradiction.
 */
function withEntryRevision(input: TaskDefinitionInput, revision: number | undefined): { input: TaskDefinitionInput } | { problem: string } {
  if (revision === undefined) return { input };
  const { document } = unwrapTaskDefinitionInput(input);
  if (document.revision != null && document.revision !== revision) return { problem: `the definition says revision ${document.revision}; give one or the other (got ${revision})` };
  if (input.taskDefinition != null) return { input: { ...input, taskDefinition: { ...input.taskDefinition, revision } } };
  return { input: { ...input, revision } };
}

/** How long a container without server behaviour takes to answer a load balancer's health check. */
export const DEFAULT_HEALTH_ANSWER_MS = 2;

/**
 * The server a container gets when a service puts it behind a target group and the scenario
 * gives it no `server` behaviour: it answers health checks 200 in DEFAULT_HEALTH_ANSWER_MS
 * (and requests, 16 at a time in 10 ms), so that a pasted service behind a load balancer
 * works by default instead of failing every health check (issue 18).
 */
export const DEFAULT_SERVER = { workers: 16, serviceTime: { constant: 10 }, healthCheck: { serviceTime: { constant: DEFAULT_HEALTH_ANSWER_MS }, status: 200 } } as const;

/**
 * The containers behind a target group that have no server behaviour, by index in
 * `taskDefinitions`: those named by a createService's loadBalancers, in the task definitions
 * the service runs (its createService's, its updateServices', its CodeDeploy AppSpecs').
 * Pure: `find` resolves a task-definition reference as the registry does.
 */
export function defaultServers(
  spec: ScenarioSpec,
  taskDefinitions: readonly { readonly definition: TaskDefinition; readonly behaviour: TaskBehaviour }[],
  find: (ref: string) => TaskDefinition | undefined,
): { index: number; container: string; config: ContainerBehaviour['server'] & object }[] {
  type Lb = { containerName: string; containerPort: number };
  const lbs = new Map<string, Lb[]>();
  const behind: { ref: string; lbs: readonly Lb[] }[] = [];
  for (const e of spec.timeline ?? []) {
    const c = e.createService;
    if (c !== undefined) {
      lbs.set(c.serviceName, (c.loadBalancers ?? []).map((lb) => ({ containerName: lb.containerName, containerPort: lb.containerPort })));
      behind.push({ ref: c.taskDefinition, lbs: lbs.get(c.serviceName) ?? [] });
    }
    // UpdateService keeps the service's load balancers (changing them is not modelled).
    if (e.updateService?.taskDefinition !== undefined) behind.push({ ref: e.updateService.taskDefinition, lbs: lbs.get(e.updateService.service) ?? [] });
    const appSpec = e.createDeployment?.revision.Resources[0]?.TargetService.Properties;
    if (appSpec !== undefined) behind.push({ ref: appSpec.TaskDefinition, lbs: [{ containerName: appSpec.LoadBalancerInfo.ContainerName, containerPort: appSpec.LoadBalancerInfo.ContainerPort }] });
  }
  const out: { index: number; container: string; config: ContainerBehaviour['server'] & object }[] = [];
  const seen = new Set<string>();
  for (const { ref, lbs: targets } of behind) {
    const definition = find(ref);
    const index = definition === undefined ? -1 : taskDefinitions.findIndex((t) => t.definition.taskDefinitionArn === definition.taskDefinitionArn);
    const entry = taskDefinitions[index];
    if (entry === undefined) continue;
    for (const lb of targets) {
      const key = `${index}/${lb.containerName}`;
      const container = entry.definition.containerDefinitions.find((c) => c.name === lb.containerName);
      if (seen.has(key) || container === undefined || entry.behaviour.containers[lb.containerName]?.server !== undefined) continue;
      if (!container.portMappings.some((p) => p.containerPort === lb.containerPort && p.protocol === 'tcp')) continue;
      seen.add(key);
      const { name: _name, ...config } = taskServerConfig(DEFAULT_SERVER as unknown as Parameters<typeof taskServerConfig>[0], lb.containerName, container.memory ?? container.memoryReservation ?? entry.definition.memory);
      out.push({ index, container: lb.containerName, config: { ...config, containerPort: lb.containerPort } });
    }
  }
  return out;
}

/**
 * What pasted API calls name outside the scenario, said (issue 18: nothing silently ignored):
 * - a scenario has one cluster (ecs.cluster, `default` unless named): an input with `cluster`
 *   naming another (by name or ARN) acts on it all the same (ECS itself would answer
 *   ClusterNotFoundException);
 * - a CreateService with target groups in a scenario without an elb section runs without them
 *   (create-service.ts), as a describe-services output of a service behind a load balancer does.
 */
function pastedCallWarnings(scenario: Scenario, cluster: string): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  (scenario.spec.timeline ?? []).forEach((e, i) => {
    const found = verbOf(e);
    const lbs = (e.createService?.loadBalancers ?? []).length;
    if (lbs > 0 && scenario.spec.elb === undefined && e.createService?.deploymentController?.type !== 'CODE_DEPLOY') {
      const path = scenario.originalPath?.(['timeline', i, 'createService']) ?? ['timeline', i, 'createService'];
      out.push({ at: formatPath(path), message: `its ${lbs === 1 ? 'target group is' : `${lbs} target groups are`} outside the scenario (it has no elb section): the service runs without a load balancer; paste describe-target-groups, describe-load-balancers and describe-listeners outputs into the elb section to model them`, fields: ['loadBalancers'] });
    }
    const given = found === undefined ? undefined : (found.input as { cluster?: unknown } | undefined)?.cluster;
    if (found === undefined || typeof given !== 'string') return;
    const name = /^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(given)?.[1] ?? given;
    if (name === cluster) return;
    const path = scenario.originalPath?.(['timeline', i, found.verb.name]) ?? ['timeline', i, found.verb.name];
    out.push({ at: formatPath(path), message: `cluster "${name}" is not this scenario's cluster ("${cluster}", ecs.cluster): the call acts on "${cluster}", the scenario's one cluster (set ecs.cluster: ${name} to match)`, fields: ['cluster'] });
  });
  return out;
}

function buildTimeline(scenario: Scenario, cluster: Omit<TimelineContext, 'atMs' | 'problem' | 'spec' | 'soFar'>, issues: ScenarioIssue[]): TimelineAction[] {
  const out: TimelineAction[] = [];
  const soFar: TimelineSoFar = { labels: new Set(), services: new Set(), advanced: new Set(), codeDeployServices: new Map(), shapes: new Map(), runTasks: 0 };
  // In time order (file order within an instant): an entry may name what earlier ones made.
  const entries = [...(scenario.spec.timeline ?? [])].map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  for (const { e, i } of entries) {
    const found = verbOf(e);
    if (found === undefined) {
      issues.push(scenario.issue(['timeline', i], 'expected an action'));
      continue;
    }
    const verb = found.verb;
    // CloudWatch's verbs: the build schedules them once CloudWatch exists.
    if (verb.model !== 'ecs') continue;
    const problem = (field: FieldPath, message: string): void => {
      issues.push(scenario.issue(['timeline', i, verb.name, ...field], message));
    };
    const action = verb.toAction(found.input, { ...cluster, atMs: e.at, problem, spec: scenario.spec, soFar });
    if (action !== undefined) out.push(action);
  }
  return out;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, '; ');
}

/**
 * `ecs.codeDeploy` with CodeDeploy's defaults (ecs-facts S-093, S-094: ECSAllAtOnce,
 * reroute at once, terminate after 60 minutes, roll back on failure when the group gives no
 * autoRollbackConfiguration), its target groups, listeners and alarms checked.
 */
function buildCodeDeploy(scenario: Scenario, timeline: readonly TimelineAction[], issues: ScenarioIssue[]): CodeDeployConfig | undefined {
  const spec = scenario.spec.ecs?.codeDeploy;
  if (spec === undefined) return undefined;
  const elb = scenario.spec.elb;
  const targetGroupNames = new Set((elb?.targetGroups ?? []).map((g) => g.Name));
  const listeners = elb === undefined ? new Set<string>() : listenerRuleReferences(elb, scenario.spec.ecs?.region ?? DEFAULT_REGION, scenario.spec.ecs?.accountId ?? DEFAULT_ACCOUNT_ID);
  const alarmNames = (scenario.spec.cloudwatch?.alarms ?? []).map((a) => a.AlarmName);
  const services = new Map<string, readonly ServiceLoadBalancer[]>();
  for (const a of timeline) if (a.kind === 'createService' && a.service.deploymentController?.type === 'CODE_DEPLOY') services.set(a.service.serviceName, a.service.loadBalancers ?? []);
  const deploymentConfigs: Record<string, TrafficRoutingConfig> = {};
  (spec.deploymentConfigs ?? []).forEach((c, i) => {
    if (PREDEFINED_DEPLOYMENT_CONFIGS[c.deploymentConfigName] !== undefined || deploymentConfigs[c.deploymentConfigName] !== undefined) {
      issues.push(scenario.issue(['ecs', 'codeDeploy', 'deploymentConfigs', i, 'deploymentConfigName'], `deployment configuration "${c.deploymentConfigName}" already exists`));
    }
    deploymentConfigs[c.deploymentConfigName] = definedOnly(c.trafficRoutingConfig) as TrafficRoutingConfig;
  });
  const deploymentGroups = spec.deploymentGroups.map((g, i): EcsDeploymentGroup => {
    const base: FieldPath = ['ecs', 'codeDeploy', 'deploymentGroups', i];
    const pair = g.loadBalancerInfo.targetGroupPairInfoList[0];
    const serviceName = g.ecsServices[0]?.serviceName ?? '';
    const lbs = services.get(serviceName);
    if (lbs === undefined) issues.push(scenario.issue([...base, 'ecsServices', 0, 'serviceName'], `no createService "${serviceName}" with deploymentController {type: CODE_DEPLOY} in the timeline (ecs-facts S-090)`));
    const pairNames = (pair?.targetGroups ?? []).map((t) => t.name);
    pairNames.forEach((name, k) => {
      if (resolveTargetGroupName(name, targetGroupNames) !== undefined) return;
      const guess = didYouMean(name, [...targetGroupNames]);
      issues.push(scenario.issue([...base, 'loadBalancerInfo', 'targetGroupPairInfoList', 0, 'targetGroups', k, 'name'], `no target group "${name}" in the elb section${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    });
    if (pairNames.length === 2 && resolveTargetGroupName(pairNames[0] as string, targetGroupNames) === resolveTargetGroupName(pairNames[1] as string, targetGroupNames)) {
      issues.push(scenario.issue([...base, 'loadBalancerInfo', 'targetGroupPairInfoList', 0, 'targetGroups'], 'the two target groups must differ (ecs-facts S-090)'));
    }
    const own = lbs?.[0]?.targetGroupArn;
    if (own !== undefined && !pairNames.some((n) => resolveTargetGroupName(n, targetGroupNames) === resolveTargetGroupName(own, targetGroupNames))) {
      issues.push(scenario.issue([...base, 'loadBalancerInfo', 'targetGroupPairInfoList', 0, 'targetGroups'], `one of the two target groups must be the service's (${own})`));
    }
    for (const [route, key] of [
      [pair?.prodTrafficRoute, 'prodTrafficRoute'],
      [pair?.testTrafficRoute, 'testTrafficRoute'],
    ] as const) {
      const ref = route?.listenerArns[0];
      if (ref === undefined || listeners.has(ref)) continue;
      const short = [...listeners].filter((r) => !r.startsWith('arn:'));
      const guess = didYouMean(ref, short);
      issues.push(scenario.issue([...base, 'loadBalancerInfo', 'targetGroupPairInfoList', 0, key, 'listenerArns', 0], `no listener "${ref}": give a listener ARN or "<load balancer>:<port>"${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    }
    const configName = g.deploymentConfigName ?? DEFAULT_DEPLOYMENT_CONFIG_NAME;
    if (!knownDeploymentConfig(scenario.spec.ecs, configName)) issues.push(scenario.issue([...base, 'deploymentConfigName'], unknownConfigMessage(scenario.spec.ecs, configName)));
    (g.alarmConfiguration?.alarms ?? []).forEach((a, k) => {
      if (alarmNames.includes(a.name)) return;
      const guess = didYouMean(a.name, alarmNames);
      issues.push(scenario.issue([...base, 'alarmConfiguration', 'alarms', k, 'name'], `no alarm "${a.name}" in the cloudwatch section${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    });
    const termination = g.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess;
    const ready = g.blueGreenDeploymentConfiguration?.deploymentReadyOption;
    return {
      applicationName: g.applicationName,
      deploymentGroupName: g.deploymentGroupName,
      serviceName,
      deploymentConfigName: configName,
      targetGroups: [pairNames[0] ?? '', pairNames[1] ?? ''],
      prodListener: pair?.prodTrafficRoute.listenerArns[0] ?? '',
      ...(pair?.testTrafficRoute?.listenerArns[0] === undefined ? {} : { testListener: pair.testTrafficRoute.listenerArns[0] }),
      blueGreenDeploymentConfiguration: {
        terminateBlueInstancesOnDeploymentSuccess: { action: termination?.action ?? 'TERMINATE', terminationWaitTimeInMinutes: termination?.terminationWaitTimeInMinutes ?? DEFAULT_TERMINATION_WAIT_MINUTES },
        deploymentReadyOption: { actionOnTimeout: ready?.actionOnTimeout ?? 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: ready?.waitTimeInMinutes ?? 0 },
      },
      // ecs-facts S-094: roll back on failure unless the group says otherwise.
      autoRollbackConfiguration: g.autoRollbackConfiguration === undefined ? { enabled: true, events: ['DEPLOYMENT_FAILURE'] } : { enabled: g.autoRollbackConfiguration.enabled, events: [...(g.autoRollbackConfiguration.events ?? [])] },
      ...(g.alarmConfiguration === undefined ? {} : { alarmConfiguration: { enabled: g.alarmConfiguration.enabled, alarms: g.alarmConfiguration.alarms.map((a) => ({ name: a.name })) } }),
    };
  });
  if (deploymentGroups.length > 0 && elb === undefined) issues.push(scenario.issue(['ecs', 'codeDeploy'], 'CodeDeploy shifts traffic on a load balancer: add an elb section with the two target groups and the listeners (ecs-facts S-090)'));
  if (issues.length > 0) throw new InputError(issues);
  return { deploymentGroups, deploymentConfigs };
}
