import type { CapacityProviderDefinition } from '../ecs/capacity/capacity-providers.js';
import { autoScalingGroupProviderWithDefaults } from '../ecs/capacity/managed-scaling.js';
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
import { listenerRuleReferences, resolveTargetGroupName } from '../elb/schema.js';
import { deploymentOptionsProblems, lambdaFunctionKey, withDeploymentDefaults, type DeploymentOptions, type LambdaFunctionBehaviour } from '../ecs/service/deployment-strategy.js';
import {
  CODEDEPLOY_HOOK_EVENTS,
  DEFAULT_DEPLOYMENT_CONFIG_NAME,
  DEFAULT_TERMINATION_WAIT_MINUTES,
  PREDEFINED_DEPLOYMENT_CONFIGS,
  type CodeDeployConfig,
  type CodeDeployHookEvent,
  type EcsDeploymentGroup,
  type TrafficRoutingConfig,
} from '../ecs/service/codedeploy.js';
import { InputError, type FieldPath, type ScenarioIssue } from './errors.js';
import { loadJsonDocument } from './json-document.js';
import type { Scenario } from './loader.js';
import type { TimelineEntrySpec } from './schema/ecs.js';
import { didYouMean } from '../issues/index.js';
import { explainIssues } from './zod-issues.js';
import { isFargateProvider, strategyLaunchType, strategyWithDefaults } from '../ecs/capacity/capacity-providers.js';
import type { CapacityProviderStrategyItem } from '../ecs/config.js';

/**
 * Turns a validated scenario's `ecs` section and timeline into the model's EcsConfig,
 * checking what the schema alone cannot (instance types exist, task definitions pass
 * ECS's own registration checks, the timeline names real task definitions, instances and
 * labels). Every problem is reported at once, located in its file.
 * @throws InputError
 */
export function buildEcsConfig(scenario: Scenario, registry: PlacementRegistry = PlacementRegistry.withBuiltins()): EcsConfig | undefined {
  const spec = scenario.spec;
  const ecs = spec.ecs;
  if (ecs === undefined) {
    if ((spec.timeline ?? []).some((e) => e.setAlarmState === undefined)) throw new InputError([scenario.issue(['timeline'], 'a timeline needs an ecs section to act on')]);
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

  const definitions = new TaskDefinitionRegistry({ region, accountId });
  const taskDefinitions: { definition: TaskDefinition; behaviour: TaskBehaviour }[] = [];
  (ecs.taskDefinitions ?? []).forEach((entry, i) => {
    const definition = registerEntry(scenario, definitions, entry, i, issues);
    if (definition === undefined) return;
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
  (scenario.spec.timeline ?? []).forEach((e, i) => {
    const strategyOf: readonly [string, { capacityProviderStrategy?: readonly { capacityProvider: string }[] | undefined; launchType?: string | undefined } | undefined][] = [
      ['runTask', e.runTask],
      ['createService', e.createService],
      ['updateService', e.updateService],
    ];
    for (const [key, input] of strategyOf) {
      if (input?.capacityProviderStrategy === undefined) continue;
      checkStrategy(input.capacityProviderStrategy, ['timeline', i, key, 'capacityProviderStrategy']);
      // ecs-facts S-119: a strategy and a launch type cannot be given together.
      if (input.launchType !== undefined) at(['timeline', i, key, 'capacityProviderStrategy'], `give either launchType or capacityProviderStrategy, not both (launchType is ${input.launchType}; ecs-facts S-119)`);
    }
  });
  const defaultStrategy = ecs.defaultCapacityProviderStrategy === undefined ? undefined : strategyWithDefaults(ecs.defaultCapacityProviderStrategy);

  const timeline = buildTimeline(scenario, definitions, registry, groupNames, issues, instanceGroups.length > 0, ecs.fargate !== undefined, defaultStrategy);
  const codeDeploy = buildCodeDeploy(scenario, timeline, issues);
  if (issues.length > 0) throw new InputError(issues);

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
  defaultStrategy?: readonly CapacityProviderStrategyItem[],
): TimelineAction[] {
  const out: TimelineAction[] = [];
  const labels = new Set<string>();
  const services = new Set<string>();
  /** Services with a load balancer's advancedConfiguration (blue/green traffic shifting). */
  const advanced = new Set<string>();
  /** CODE_DEPLOY services created so far (ecs-facts S-090). */
  const codeDeployServices = new Map<string, { readonly loadBalancers?: readonly ServiceLoadBalancer[] | undefined }>();
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
    const action = toAction(e, (field, message) => issues.push(scenario.issue([...path, ...field], message)), (reference) => registry.find(reference)?.placementConstraints ?? [], defaultStrategy);
    if (action === undefined) continue;
    if (action.kind === 'runTask') {
      runTasks += 1;
      const r = action.runTask;
      const known = registry.find(r.taskDefinition);
      if (known === undefined) {
        const references = registry.list().flatMap((d) => [d.family, `${d.family}:${d.revision}`]);
      const guess = didYouMean(r.taskDefinition, references);
        issues.push(scenario.issue([...path, 'runTask', 'taskDefinition'], `no task definition "${r.taskDefinition}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      }
      if (r.launchType === 'FARGATE' && !hasFargate && r.capacityProviderStrategy === undefined) issues.push(scenario.issue([...path, 'runTask', 'launchType'], 'FARGATE needs an ecs.fargate section'));
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
        const guess = didYouMean(s.taskDefinition, references);
        issues.push(scenario.issue([...base, 'taskDefinition'], `no task definition "${s.taskDefinition}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      }
      if (s.schedulingStrategy === 'REPLICA' && e.createService?.desiredCount === undefined) issues.push(scenario.issue([...base, 'desiredCount'], 'a REPLICA service needs desiredCount (ecs-facts S-038)'));
      // ecs-facts S-035: no DAEMON on Fargate; S-037: a DAEMON's maximumPercent is 100.
      if (s.schedulingStrategy === 'DAEMON' && s.launchType === 'FARGATE') issues.push(scenario.issue([...base, 'schedulingStrategy'], 'The daemon scheduling strategy does not support the Fargate launch type (ecs-facts S-035)'));
      if (s.schedulingStrategy === 'DAEMON' && s.maximumPercent !== 100) issues.push(scenario.issue([...base, 'deploymentConfiguration', 'maximumPercent'], 'a DAEMON service\'s maximumPercent must be 100 (ecs-facts S-037)'));
      if (s.launchType === 'FARGATE' && !hasFargate && s.capacityProviderStrategy === undefined) issues.push(scenario.issue([...base, 'launchType'], 'FARGATE needs an ecs.fargate section'));
      if (s.launchType === 'FARGATE' && (s.placementConstraints.length > 0 || s.placementStrategy.length > 0)) issues.push(scenario.issue(base, 'Fargate does not support placement constraints or strategies (ecs-facts S-015)'));
      const def = registry.find(s.taskDefinition);
      (s.loadBalancers ?? []).forEach((lb, k) => {
        const container = def?.containerDefinitions.find((c) => c.name === lb.containerName);
        if (def === undefined) return;
        if (container === undefined) {
          const names = def.containerDefinitions.map((c) => c.name);
          const guess = didYouMean(lb.containerName, names);
          issues.push(scenario.issue([...base, 'loadBalancers', k, 'containerName'], `no container "${lb.containerName}" in ${def.family}${guess === undefined ? `; it has ${names.join(', ')}` : `; did you mean "${guess}"?`}`));
        } else if (!container.portMappings.some((p) => p.containerPort === lb.containerPort)) {
          // The API's own text for this case.
          issues.push(scenario.issue([...base, 'loadBalancers', k, 'containerPort'], `The container ${lb.containerName} did not have a container port ${lb.containerPort} defined (it maps ${container.portMappings.map((p) => p.containerPort).join(', ') || 'no ports'}).`));
        }
      });
      checkDeploymentOptions(scenario, s, [...base, 'deploymentConfiguration'], (s.loadBalancers ?? []).some((lb) => lb.advancedConfiguration !== undefined), issues);
      checkAdvancedConfiguration(scenario, s.loadBalancers ?? [], base, issues);
      if (s.deploymentController?.type === 'CODE_DEPLOY') {
        // ecs-facts S-090: an ALB or NLB target group; S-035: REPLICA only.
        if ((s.loadBalancers ?? []).length === 0) issues.push(scenario.issue([...base, 'loadBalancers'], 'a CODE_DEPLOY service needs a load balancer target group (ecs-facts S-090)'));
        if (s.schedulingStrategy !== 'REPLICA') issues.push(scenario.issue([...base, 'schedulingStrategy'], 'the CODE_DEPLOY deployment controller requires the REPLICA scheduling strategy (ecs-facts S-035)'));
        if (s.strategy !== undefined && s.strategy !== 'ROLLING') issues.push(scenario.issue([...base, 'deploymentConfiguration', 'strategy'], `strategy ${s.strategy} is for the ECS deployment controller; CODE_DEPLOY takes its traffic shifting from the CodeDeploy deployment configuration (ecs-facts S-091)`));
        codeDeployServices.set(s.serviceName, s);
      }
      s.placementConstraints.forEach((c, k) => checkPlacement(() => placement.constraint(c.type, c.expression), [...base, 'placementConstraints', k], 'expression'));
      s.placementStrategy.forEach((st, k) => checkPlacement(() => placement.strategy(st.type, st.field), [...base, 'placementStrategy', k], 'field'));
      services.add(s.serviceName);
    }
    if (action.kind === 'updateService' && action.taskDefinition !== undefined && registry.find(action.taskDefinition) === undefined) {
      const references = registry.list().flatMap((d) => [d.family, `${d.family}:${d.revision}`]);
      const guess = didYouMean(action.taskDefinition, references);
      issues.push(scenario.issue([...path, 'updateService', 'taskDefinition'], `no task definition "${action.taskDefinition}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    }
    if (action.kind === 'createDeployment') {
      out.push(checkCreateDeployment(scenario, action, path, registry, codeDeployServices, issues));
      continue;
    }
    if (action.kind === 'updateService') checkDeploymentOptions(scenario, action, [...path, 'updateService', 'deploymentConfiguration'], advanced.has(action.service), issues);
    if (action.kind === 'createService' && (action.service.loadBalancers ?? []).some((lb) => lb.advancedConfiguration !== undefined)) advanced.add(action.service.serviceName);
    if ((action.kind === 'updateService' || action.kind === 'deleteService' || action.kind === 'continueServiceDeployment') && !services.has(action.service)) {
      const guess = didYouMean(action.service, [...services]);
      issues.push(scenario.issue([...path, action.kind, 'service'], `no earlier createService named "${action.service}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    }
    if (action.kind === 'stopTask' || action.kind === 'killTask') {
      if (!labels.has(action.label) && !services.has(action.label)) {
        const guess = didYouMean(action.label, [...labels, ...services]);
        issues.push(scenario.issue([...path, action.kind, 'label'], `no earlier runTask label or service "${action.label}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
      }
    }
    if (action.kind === 'interruptFargateSpot' && action.service !== undefined && !services.has(action.service)) {
      const guess = didYouMean(action.service, [...services]);
      issues.push(scenario.issue([...path, action.kind, 'service'], `no earlier createService named "${action.service}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    }
    if (action.kind === 'interruptFargateSpot' && !hasFargate) issues.push(scenario.issue([...path, action.kind], 'interruptFargateSpot needs an ecs.fargate section'));
    if (action.kind === 'terminateInstance' || action.kind === 'disconnectAgent' || action.kind === 'reconnectAgent' || action.kind === 'updateContainerInstancesState' || action.kind === 'interruptSpotInstance') {
      const [group = '', index = ''] = action.instance.split('/');
      const count = groups.get(group);
      if (count === undefined) {
        const guess = didYouMean(group, [...groups.keys()]);
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
function toAction(
  e: TimelineEntrySpec,
  fail: (field: FieldPath, message: string) => void,
  taskDefinitionConstraints: (reference: string) => readonly PlacementConstraint[],
  defaultStrategy?: readonly CapacityProviderStrategyItem[],
): TimelineAction | undefined {
  const atMs = e.at;
  // ecs-facts S-119, T-110: a strategy gives the launch type; with neither, the cluster's default strategy, else EC2.
  const launch = (input: { launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL' | undefined; capacityProviderStrategy?: Parameters<typeof strategyWithDefaults>[0] | undefined }): { launchType: 'EC2' | 'FARGATE' | 'EXTERNAL'; capacityProviderStrategy?: CapacityProviderStrategyItem[] } => {
    if (input.launchType !== undefined) return { launchType: input.launchType };
    const strategy = input.capacityProviderStrategy === undefined ? defaultStrategy : strategyWithDefaults(input.capacityProviderStrategy);
    return strategy === undefined ? { launchType: 'EC2' } : { launchType: strategyLaunchType(strategy), capacityProviderStrategy: [...strategy] };
  };
  if (e.interruptFargateSpot !== undefined) {
    const f = e.interruptFargateSpot;
    return { kind: 'interruptFargateSpot', atMs, ...(f.count === undefined ? {} : { count: f.count }), ...(f.service === undefined ? {} : { service: f.service }), ...(f.availabilityZone === undefined ? {} : { availabilityZone: f.availabilityZone }) };
  }
  if (e.interruptSpotInstance !== undefined) return { kind: 'interruptSpotInstance', atMs, instance: e.interruptSpotInstance };
  if (e.runTask !== undefined) {
    const r = e.runTask;
    const runTask: RunTaskAction = {
      taskDefinition: r.taskDefinition,
      count: r.count ?? 1,
      // ecs-facts T-110: with neither launchType nor a capacity provider strategy, EC2.
      ...launch(r),
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
    // ecs-facts S-090: ECS and CODE_DEPLOY are modelled; EXTERNAL (S-109) is listed as ignored.
    if (c.deploymentController !== undefined && c.deploymentController.type !== 'EXTERNAL') modelled.add('deploymentController');
    const daemon = c.schedulingStrategy === 'DAEMON';
    const shape = {
      launchType: launch(c).launchType,
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
        ...withDeploymentDefaults(c.deploymentConfiguration),
        healthCheckGracePeriodMs: (c.healthCheckGracePeriodSeconds ?? 0) * 1000,
        // ecs-facts S-025, S-026: omitted on CreateService, ENABLED for a compatible service
        // and DISABLED for one ECS cannot rebalance (the task definition's constraints are
        // checked again when the scheduler acts).
        availabilityZoneRebalancing: c.availabilityZoneRebalancing ?? defaultAvailabilityZoneRebalancing(shape, taskDefinitionConstraints(c.taskDefinition)),
        ...(c.loadBalancers === undefined || c.loadBalancers.length === 0 ? {} : { loadBalancers: c.loadBalancers.map((lb) => definedOnly(lb) as ServiceLoadBalancer) }),
        ...(launch(c).capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: launch(c).capacityProviderStrategy }),
        ...(c.deploymentController === undefined || c.deploymentController.type === 'EXTERNAL' ? {} : { deploymentController: { type: c.deploymentController.type } }),
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
      ...(u.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: strategyWithDefaults(u.capacityProviderStrategy) }),
      ...withDeploymentDefaults(u.deploymentConfiguration),
    };
  }
  if (e.continueServiceDeployment !== undefined) {
    const c = e.continueServiceDeployment;
    // ecs-facts S-107: action CONTINUE by default.
    return { kind: 'continueServiceDeployment', atMs, service: c.service, ...(c.hookId === undefined ? {} : { hookId: c.hookId }), ...(c.lifecycleStage === undefined ? {} : { lifecycleStage: c.lifecycleStage }), action: c.action ?? 'CONTINUE' };
  }
  if (e.createDeployment !== undefined) {
    const d = e.createDeployment;
    const properties = d.revision.Resources[0]?.TargetService.Properties;
    if (properties === undefined) return undefined;
    return {
      kind: 'createDeployment',
      atMs,
      request: {
        // Filled in by buildTimeline when the scenario has one deployment group.
        applicationName: d.applicationName ?? '',
        deploymentGroupName: d.deploymentGroupName ?? '',
        ...(d.deploymentConfigName === undefined ? {} : { deploymentConfigName: d.deploymentConfigName }),
        revision: {
          taskDefinition: properties.TaskDefinition,
          containerName: properties.LoadBalancerInfo.ContainerName,
          containerPort: properties.LoadBalancerInfo.ContainerPort,
          hooks: (d.revision.Hooks ?? []).flatMap((h) =>
            CODEDEPLOY_HOOK_EVENTS.filter((k) => h[k] !== undefined).map((event: CodeDeployHookEvent) => ({ event, functionName: h[event] as string })),
          ),
        },
      },
    };
  }
  if (e.deleteService !== undefined) return { kind: 'deleteService', atMs, service: e.deleteService.service, force: e.deleteService.force ?? false };
  if (e.failImagePulls !== undefined) return { kind: 'failImagePulls', atMs, forMs: e.failImagePulls.for, ...(e.failImagePulls.image === undefined ? {} : { image: e.failImagePulls.image }) };
  // CloudWatch's actions: the runner schedules them.
  if (e.setAlarmState !== undefined) return undefined;
  fail([], 'expected an action');
  return undefined;
}

/**
 * Deployment alarms name alarms of the cloudwatch section (ecs-facts S-088); the strategy's
 * cross-field rules and hook functions (deploymentOptionsProblems).
 */
function checkDeploymentOptions(scenario: Scenario, options: DeploymentOptions, base: FieldPath, hasAdvancedLoadBalancer: boolean, issues: ScenarioIssue[]): void {
  const functions = Object.keys(scenario.spec.ecs?.lambdaFunctions ?? {});
  for (const [path, message] of deploymentOptionsProblems(options, functions, hasAdvancedLoadBalancer)) issues.push(scenario.issue([...base, ...path], message));
  const alarms = options.alarms;
  if (alarms === undefined) return;
  const defined = (scenario.spec.cloudwatch?.alarms ?? []).map((a) => a.AlarmName);
  if (scenario.spec.cloudwatch === undefined) {
    issues.push(scenario.issue([...base, 'alarms'], 'deployment alarms watch CloudWatch alarms: add a cloudwatch section defining them (ecs-facts S-088)'));
    return;
  }
  alarms.alarmNames.forEach((name, i) => {
    if (defined.includes(name)) return;
    const guess = didYouMean(name, defined);
    // Assumption: ECS's own API error for an unknown alarm name was not found; this names the scenario's alarms.
    issues.push(scenario.issue([...base, 'alarms', 'alarmNames', i], `no alarm "${name}" in the cloudwatch section${guess === undefined ? `; alarms: ${defined.join(', ') || 'none'}` : `; did you mean "${guess}"?`}`));
  });
}

/** `loadBalancers[].advancedConfiguration` names the scenario's target groups and listener rules (ecs-facts S-101). */
function checkAdvancedConfiguration(scenario: Scenario, loadBalancers: readonly ServiceLoadBalancer[], base: FieldPath, issues: ScenarioIssue[]): void {
  const elb = scenario.spec.elb;
  loadBalancers.forEach((lb, k) => {
    const adv = lb.advancedConfiguration;
    if (adv === undefined) return;
    const path: FieldPath = [...base, 'loadBalancers', k, 'advancedConfiguration'];
    if (elb === undefined) {
      issues.push(scenario.issue(path, 'blue/green traffic shifting needs an elb section with the target groups and listener rules'));
      return;
    }
    const names = new Set(elb.targetGroups.map((g) => g.Name));
    if (resolveTargetGroupName(adv.alternateTargetGroupArn, names) === undefined) {
      const guess = didYouMean(adv.alternateTargetGroupArn, [...names]);
      issues.push(scenario.issue([...path, 'alternateTargetGroupArn'], `no target group "${adv.alternateTargetGroupArn}"${guess === undefined ? `; have ${[...names].join(', ')}` : `; did you mean "${guess}"?`}`));
    } else if (resolveTargetGroupName(adv.alternateTargetGroupArn, names) === resolveTargetGroupName(lb.targetGroupArn, names)) {
      issues.push(scenario.issue([...path, 'alternateTargetGroupArn'], 'the alternate target group must differ from targetGroupArn (ecs-facts S-101)'));
    }
    const rules = listenerRuleReferences(elb, scenario.spec.ecs?.region ?? DEFAULT_REGION, scenario.spec.ecs?.accountId ?? DEFAULT_ACCOUNT_ID);
    for (const field of ['productionListenerRule', 'testListenerRule'] as const) {
      const ref = adv[field];
      if (ref === undefined || rules.has(ref)) continue;
      const short = [...rules].filter((r) => !r.startsWith('arn:'));
      const guess = didYouMean(ref, short);
      issues.push(scenario.issue([...path, field], `no listener rule "${ref}": give a rule or listener ARN, or "<load balancer>:<port>[:<priority>]"${guess === undefined ? `; have ${short.join(', ')}` : `; did you mean "${guess}"?`}`));
    }
  });
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

/** The CODE_DEPLOY services a group may name, as buildTimeline saw them. */
type CodeDeployServices = ReadonlyMap<string, { readonly loadBalancers?: readonly ServiceLoadBalancer[] | undefined }>;

/**
 * A createDeployment names a deployment group (or the only one), a task definition of the
 * scenario, the service's load-balanced container, and simulated hook functions.
 */
function checkCreateDeployment(
  scenario: Scenario,
  action: Extract<TimelineAction, { kind: 'createDeployment' }>,
  path: FieldPath,
  registry: TaskDefinitionRegistry,
  services: CodeDeployServices,
  issues: ScenarioIssue[],
): TimelineAction {
  const base: FieldPath = [...path, 'createDeployment'];
  const groups = scenario.spec.ecs?.codeDeploy?.deploymentGroups ?? [];
  let { applicationName, deploymentGroupName } = action.request;
  if (applicationName === '' || deploymentGroupName === '') {
    const candidates = groups.filter((g) => (applicationName === '' || g.applicationName === applicationName) && (deploymentGroupName === '' || g.deploymentGroupName === deploymentGroupName));
    if (candidates.length === 1 && candidates[0] !== undefined) {
      applicationName = candidates[0].applicationName;
      deploymentGroupName = candidates[0].deploymentGroupName;
    } else {
      issues.push(scenario.issue(base, groups.length === 0 ? 'createDeployment needs a deployment group: add ecs.codeDeploy.deploymentGroups' : `give applicationName and deploymentGroupName; ${candidates.length} deployment groups match`));
      return action;
    }
  }
  const group = groups.find((g) => g.applicationName === applicationName && g.deploymentGroupName === deploymentGroupName);
  if (group === undefined) {
    const guess = didYouMean(deploymentGroupName, groups.map((g) => g.deploymentGroupName));
    issues.push(scenario.issue([...base, 'deploymentGroupName'], `no deployment group "${deploymentGroupName}" in application "${applicationName}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
    return action;
  }
  const serviceName = group.ecsServices[0]?.serviceName ?? '';
  const service = services.get(serviceName);
  if (service === undefined) issues.push(scenario.issue([...base, 'deploymentGroupName'], `deployment group "${deploymentGroupName}" names service "${serviceName}", which no earlier createService makes with deploymentController {type: CODE_DEPLOY} (ecs-facts S-090)`));
  const revision = action.request.revision;
  const revisionPath: FieldPath = [...base, 'revision', 'Resources', 0, 'TargetService', 'Properties'];
  if (registry.find(revision.taskDefinition) === undefined) {
    const references = registry.list().flatMap((d) => [d.family, `${d.family}:${d.revision}`]);
    const guess = didYouMean(revision.taskDefinition, references);
    issues.push(scenario.issue([...revisionPath, 'TaskDefinition'], `no task definition "${revision.taskDefinition}" in this scenario${guess === undefined ? '' : `; did you mean "${guess}"?`}`));
  }
  const lb = service?.loadBalancers?.[0];
  if (lb !== undefined && (lb.containerName !== revision.containerName || lb.containerPort !== revision.containerPort)) {
    issues.push(scenario.issue([...revisionPath, 'LoadBalancerInfo'], `the service balances container ${lb.containerName} on port ${lb.containerPort}; the AppSpec says ${revision.containerName}:${revision.containerPort}`));
  }
  const functions = Object.keys(scenario.spec.ecs?.lambdaFunctions ?? {});
  revision.hooks.forEach((h, k) => {
    if (lambdaFunctionKey(h.functionName, functions) !== undefined) return;
    issues.push(scenario.issue([...base, 'revision', 'Hooks', k, h.event], `no simulated function "${h.functionName}": describe its answers under ecs.lambdaFunctions (by ARN or function name)${functions.length === 0 ? '' : `; have ${functions.join(', ')}`}`));
  });
  const configName = action.request.deploymentConfigName;
  if (configName !== undefined && !knownDeploymentConfig(scenario, configName)) issues.push(scenario.issue([...base, 'deploymentConfigName'], unknownConfigMessage(scenario, configName)));
  return { ...action, request: { ...action.request, applicationName, deploymentGroupName } };
}

function knownDeploymentConfig(scenario: Scenario, name: string): boolean {
  return PREDEFINED_DEPLOYMENT_CONFIGS[name] !== undefined || (scenario.spec.ecs?.codeDeploy?.deploymentConfigs ?? []).some((c) => c.deploymentConfigName === name);
}

function unknownConfigMessage(scenario: Scenario, name: string): string {
  const names = [...Object.keys(PREDEFINED_DEPLOYMENT_CONFIGS), ...(scenario.spec.ecs?.codeDeploy?.deploymentConfigs ?? []).map((c) => c.deploymentConfigName)];
  const guess = didYouMean(name, names);
  return `no deployment configuration "${name}"${guess === undefined ? `; have ${names.join(', ')}` : `; did you mean "${guess}"?`} (ecs-facts S-091)`;
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
    if (!knownDeploymentConfig(scenario, configName)) issues.push(scenario.issue([...base, 'deploymentConfigName'], unknownConfigMessage(scenario, configName)));
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
