import { createServiceSchema } from '../schema/ecs.js';
import { instanceType as builtInInstanceType } from '../../ecs/capacity/instance-types.js';
import { parseTaskDefinitionArn } from '../../ecs/task-definition/normalize.js';
import type { Issue } from '../../issues/index.js';
import { andList, isObject, list, num, objects, pick, str, type Inventory, type Item, type Json } from './inventory.js';

/**
 * The inventory → a scenario that reproduces the cluster: its capacity, task definitions,
 * load balancers, services (created at 0s), scaling and alarms, with expectations that the
 * services reach their desired counts. Pure: the comments the YAML carries (where each part
 * came from) are returned alongside, keyed by the path they belong to.
 */

export interface BuiltScenario {
  readonly scenario: Json;
  /** Comment lines above a node of the scenario, by its path (`timeline.0`). */
  readonly comments: ReadonlyMap<string, string>;
  /** References that do not resolve: the import fails with these. */
  readonly problems: readonly Issue[];
}

/** How long the imported scenario runs: long enough for every service to reach a steady state. */
export const IMPORTED_UNTIL = '10m';

/** CreateService's fields: a describe-services `Service` keeps these (ecs-facts S-119). */
const CREATE_SERVICE_FIELDS = Object.keys(createServiceSchema.shape);
/** CreateService fields dropped on import: the scenario has one cluster, and a client token is per call. */
const NOT_CARRIED = new Set(['cluster', 'clientToken']);

const PUT_SCALING_POLICY_FIELDS = ['PolicyName', 'ServiceNamespace', 'ResourceId', 'ScalableDimension', 'PolicyType', 'StepScalingPolicyConfiguration', 'TargetTrackingScalingPolicyConfiguration'];
const REGISTER_SCALABLE_TARGET_FIELDS = ['ServiceNamespace', 'ResourceId', 'ScalableDimension', 'MinCapacity', 'MaxCapacity', 'RoleARN', 'SuspendedState'];
const PUT_METRIC_ALARM_FIELDS = [
  'AlarmName', 'AlarmDescription', 'ActionsEnabled', 'OKActions', 'AlarmActions', 'InsufficientDataActions', 'MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic',
  'Dimensions', 'Period', 'Unit', 'EvaluationPeriods', 'DatapointsToAlarm', 'Threshold', 'ComparisonOperator', 'TreatMissingData', 'EvaluateLowSampleCountPercentile',
];
const CREATE_TARGET_GROUP_FIELDS = [
  'Protocol', 'ProtocolVersion', 'Port', 'VpcId', 'TargetType', 'HealthCheckEnabled', 'HealthCheckProtocol', 'HealthCheckPort', 'HealthCheckPath', 'HealthCheckIntervalSeconds',
  'HealthCheckTimeoutSeconds', 'HealthyThresholdCount', 'UnhealthyThresholdCount', 'Matcher', 'IpAddressType', 'Attributes',
];
/** DescribeTargetGroups fields that CreateTargetGroup does not take: the group's identity and state. */
const TARGET_GROUP_STATE = new Set(['TargetGroupArn', 'TargetGroupName', 'LoadBalancerArns']);

const refName = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'group';

/** "Target groups from target-groups.json" */
const fromLine = (what: string, items: readonly Item<unknown>[]): string => `${what} from ${andList([...new Set(items.map((i) => i.from))])}`;

export function buildScenario(inv: Inventory, name: string): BuiltScenario {
  sortInventory(inv);
  const comments = new Map<string, string>();
  const problems: Issue[] = [];
  const ignored = inv.ignored;
  const assumed = inv.assumed;
  const cluster = inv.clusters[0]?.value;
  if (inv.clusters.length > 1) ignored.push(`clusters ${andList(inv.clusters.slice(1).map((c) => c.value.name))}: a scenario simulates one cluster, the first (${cluster?.name})`);
  const clusterName = cluster?.name ?? clusterNameOf(inv) ?? 'default';

  // --- services (only ACTIVE ones are running) ---
  const services: { item: Item; input: Json }[] = [];
  for (const s of inv.services) {
    const status = str(s.value['status']);
    const serviceName = str(s.value['serviceName']) ?? '?';
    if (status !== undefined && status !== 'ACTIVE') {
      ignored.push(`${s.from}: service ${serviceName} is ${status}`);
      continue;
    }
    const { kept, dropped } = pick(s.value, CREATE_SERVICE_FIELDS.filter((f) => !NOT_CARRIED.has(f)));
    // DescribeServices prints the service's role as roleArn; CreateService takes it as role.
    const role = str(s.value['roleArn']);
    if (role !== undefined && kept['role'] === undefined) kept['role'] = role;
    const readOnly = dropped.filter((f) => f !== 'roleArn');
    if (readOnly.length > 0) ignored.push(`${s.from}: service ${serviceName}: ${readOnly.join(', ')} (state ECS reports, not CreateService input: the simulation makes its own)`);
    if (kept['loadBalancers'] !== undefined) kept['loadBalancers'] = objects(kept['loadBalancers']).map((lb) => pick(lb, ['targetGroupArn', 'loadBalancerName', 'containerName', 'containerPort', 'advancedConfiguration']).kept);
    services.push({ item: s, input: kept });
  }

  // --- task definitions: each a service names, by ARN or family:revision ---
  const definitions = new Map<string, Item>();
  for (const td of inv.taskDefinitions) definitions.set(`${str(td.value['family'])}:${num(td.value['revision']) ?? 1}`, td);
  const behaviour = new Map<string, Map<string, Json>>();
  const familyOf = (ref: string): string | undefined => {
    const parsed = parseTaskDefinitionArn(ref);
    const family = parsed?.family ?? (ref.split(':')[0] as string);
    const revision = parsed !== undefined ? parsed.revision : ref.includes(':') ? Number(ref.split(':')[1]) : undefined;
    if (revision !== undefined) return definitions.has(`${family}:${revision}`) ? `${family}:${revision}` : undefined;
    // A family alone names its latest revision (ecs-facts T-060).
    const revisions = [...definitions.keys()].filter((k) => k.startsWith(`${family}:`)).sort((a, b) => Number(a.split(':')[1]) - Number(b.split(':')[1]));
    return revisions[revisions.length - 1];
  };
  const targetGroupByArn = new Map(inv.targetGroups.map((tg) => [str(tg.value['TargetGroupArn']) ?? '', tg.value]));
  for (const { item, input } of services) {
    const ref = str(input['taskDefinition']) ?? '';
    const key = familyOf(ref);
    if (key === undefined) {
      problems.push(item.issue(['taskDefinition'], `task definition ${ref} has no describe-task-definition output among the inputs; add the output of \`aws ecs describe-task-definition --task-definition ${parseTaskDefinitionArn(ref)?.family ?? ref}${parseTaskDefinitionArn(ref)?.revision === undefined ? '' : `:${parseTaskDefinitionArn(ref)?.revision}`}\``));
      continue;
    }
    // A container behind a target group must answer its health checks; ecs-sim cannot know the application.
    for (const lb of objects(input['loadBalancers'])) {
      const container = str(lb['containerName']);
      if (container === undefined) continue;
      const tg = targetGroupByArn.get(str(lb['targetGroupArn']) ?? '');
      const path = str(tg?.['HealthCheckPath']);
      const server: Json = { workers: 16, serviceTime: '10ms', ...(num(lb['containerPort']) === undefined ? {} : { containerPort: lb['containerPort'] }) };
      if (path !== undefined) server['healthCheck'] = { path };
      const containers = behaviour.get(key) ?? new Map<string, Json>();
      containers.set(container, { server });
      behaviour.set(key, containers);
      assumed.push(`container ${container} of ${key} serves requests and health checks${path === undefined ? '' : ` on ${path}`} with 16 workers in 10 ms each (ecs-sim cannot know your application: set behaviour.containers.${container}.server)`);
    }
  }
  const usedDefinitions = [...definitions.entries()];
  const taskDefinitions = usedDefinitions.map(([key, td]) => {
    const entry: Json = { definition: td.value };
    const containers = behaviour.get(key);
    if (containers !== undefined) entry['behaviour'] = { containers: Object.fromEntries(containers) };
    return entry;
  });

  // --- capacity: container instances grouped by capacity provider, else by type and AZ ---
  const instances: Json[] = [];
  const instanceTypes: Json = {};
  const groups = new Map<string, Item<Inventory['containerInstances'][number]['value']>[]>();
  for (const ci of inv.containerInstances) {
    const v = ci.value;
    if (v.status !== 'ACTIVE') {
      ignored.push(`${ci.from}: a ${v.instanceType} container instance in ${v.availabilityZone} is ${v.status} (only ACTIVE instances are imported)`);
      continue;
    }
    if (v.instanceType === '' || v.availabilityZone === '') {
      ignored.push(`${ci.from}: a container instance without the ecs.instance-type and ecs.availability-zone attributes (describe-container-instances prints them; ecs-facts T-083)`);
      continue;
    }
    if (!v.agentConnected) assumed.push(`${ci.from}: a ${v.instanceType} instance in ${v.availabilityZone} has its agent disconnected; it is imported connected`);
    const key = v.capacityProviderName ?? `${v.instanceType}|${v.availabilityZone}|${JSON.stringify(Object.entries(v.attributes).sort())}`;
    groups.set(key, [...(groups.get(key) ?? []), ci]);
  }
  const providerGroup = new Map<string, string>();
  const asgGroup = new Map<string, string>();
  const groupNames = new Set<string>();
  for (const [key, members] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = members[0]?.value;
    if (first === undefined) continue;
    const types = [...new Set(members.map((m) => m.value.instanceType))].sort();
    const zones = [...new Set(members.map((m) => m.value.availabilityZone))].sort();
    let groupName = refName(first.capacityProviderName ?? `${first.instanceType.replace(/\./g, '-')}-${first.availabilityZone}`);
    for (let n = 2; groupNames.has(groupName); n++) groupName = `${groupName}-${n}`;
    groupNames.add(groupName);
    if (types.length > 1) assumed.push(`capacity provider ${first.capacityProviderName}: instances of ${andList(types)}; all are imported as ${first.instanceType}`);
    const group: Json = { name: groupName, count: members.length, instanceType: first.instanceType, availabilityZones: zones };
    if (Object.keys(first.attributes).length > 0) group['attributes'] = first.attributes;
    if (first.osType === 'windows') group['osType'] = 'windows';
    instances.push(group);
    if (first.capacityProviderName !== undefined) providerGroup.set(first.capacityProviderName, groupName);
    if (builtInInstanceType(first.instanceType) === undefined && instanceTypes[first.instanceType] === undefined && first.registeredCpu !== undefined && first.registeredMemory !== undefined) {
      instanceTypes[first.instanceType] = { vcpus: Math.max(1, Math.round(first.registeredCpu / 1024)), memoryMiB: first.registeredMemory };
      assumed.push(`instance type ${first.instanceType} is not built in: its vCPUs and memory are taken from the registered CPU and MEMORY`);
    }
    void key;
  }
  // Auto Scaling groups (templates): an instance group each, sized as the group.
  for (const g of inv.autoScalingGroups) {
    const v = g.value;
    if (v.instanceType === undefined || v.availabilityZones.length === 0) {
      ignored.push(`${g.from}: Auto Scaling group ${v.name} (its ${v.instanceType === undefined ? 'instance type (launch template or configuration)' : "subnets' zones"} could not be found)`);
      continue;
    }
    let groupName = refName(v.name);
    for (let n = 2; groupNames.has(groupName); n++) groupName = `${groupName}-${n}`;
    groupNames.add(groupName);
    asgGroup.set(v.name, groupName);
    const count = v.desiredCapacity ?? v.minSize;
    instances.push({ name: groupName, count, instanceType: v.instanceType, availabilityZones: v.availabilityZones, autoScalingGroup: { MinSize: v.minSize, MaxSize: v.maxSize, ...(v.desiredCapacity === undefined ? {} : { DesiredCapacity: v.desiredCapacity }) } });
  }
  if (inv.containerInstances.length > 0 && services.length > 0) assumed.push('the container instances boot and register from 0s, as new ones would (about a minute); the services are created at 0s and place their tasks as instances register');
  if (inv.containerInstances.length > 0) comments.set('ecs.instances', fromLine('Container instances', inv.containerInstances));

  // --- capacity providers: those backing instance groups ---
  const capacityProviders: Json[] = [];
  for (const p of inv.capacityProviders) {
    const pname = str(p.value['name']) ?? '';
    if (pname === 'FARGATE' || pname === 'FARGATE_SPOT') continue;
    const asgProvider = isObject(p.value['autoScalingGroupProvider']) ? p.value['autoScalingGroupProvider'] : {};
    const byAsg = asgGroup.get(str(asgProvider['autoScalingGroupArn']) ?? '');
    if (byAsg !== undefined) {
      // ecs-facts A-028: the provider stands for its Auto Scaling group, here an instance group.
      const provider = pick(asgProvider, ['managedScaling', 'managedTerminationProtection', 'managedDraining']).kept;
      capacityProviders.push({ name: pname, autoScalingGroupProvider: { autoScalingGroupArn: byAsg, ...provider } });
      continue;
    }
    const group = providerGroup.get(pname);
    if (group === undefined) {
      ignored.push(`${p.from}: capacity provider ${pname} has no imported container instances`);
      continue;
    }
    capacityProviders.push({ name: pname, instanceGroup: group });
    const asg = isObject(p.value['autoScalingGroupProvider']) ? p.value['autoScalingGroupProvider'] : {};
    if (isObject(asg['managedScaling']) && asg['managedScaling']['status'] === 'ENABLED') {
      ignored.push(`${p.from}: capacity provider ${pname}: managed scaling (it needs the Auto Scaling group's MinSize and MaxSize: add autoScalingGroup to instance group ${group} and autoScalingGroupProvider here)`);
    }
  }

  // --- Fargate: the zones of the services' subnets ---
  const fargateServices = services.filter(({ input }) => input['launchType'] === 'FARGATE' || objects(input['capacityProviderStrategy']).some((i) => /^FARGATE/.test(str(i['capacityProvider']) ?? '')));
  const fargateZones = new Set<string>();
  for (const { item, input } of fargateServices) {
    const vpc = isObject(input['networkConfiguration']) && isObject(input['networkConfiguration']['awsvpcConfiguration']) ? input['networkConfiguration']['awsvpcConfiguration'] : {};
    for (const subnet of list(vpc['subnets'])) {
      const az = inv.subnets.get(String(subnet));
      if (az !== undefined) fargateZones.add(az);
      else assumed.push(`${item.from}: subnet ${String(subnet)} has no describe-subnets entry; its zone is not known`);
    }
  }
  const lbZones = inv.loadBalancers.flatMap((lb) => objects(lb.value['AvailabilityZones']).map((z) => str(z['ZoneName'])).filter((z): z is string => z !== undefined));
  let fargate: Json | undefined;
  if (fargateServices.length > 0) {
    let zones = [...fargateZones].sort();
    if (zones.length === 0) {
      zones = [...new Set(lbZones)].sort();
      if (zones.length === 0) zones = [`${inv.region ?? 'us-east-1'}a`, `${inv.region ?? 'us-east-1'}b`];
      assumed.push(`Fargate tasks run in ${andList(zones)} (no subnet's zone was known: add the output of \`aws ec2 describe-subnets\`)`);
    }
    fargate = { availabilityZones: zones };
  }

  // --- ELB ---
  const targetGroups: Json[] = [];
  const keptTargetGroups = new Set<string>();
  for (const tg of inv.targetGroups) {
    const v = tg.value;
    const tgName = str(v['TargetGroupName']) ?? '?';
    if (v['TargetType'] === 'lambda' || v['TargetType'] === 'alb' || v['Protocol'] === 'GENEVE') {
      ignored.push(`${tg.from}: target group ${tgName} (${str(v['TargetType']) ?? str(v['Protocol'])} targets are not modelled)`);
      continue;
    }
    const { kept, dropped } = pick(v, CREATE_TARGET_GROUP_FIELDS);
    const state = dropped.filter((f) => !TARGET_GROUP_STATE.has(f));
    if (state.length > 0) ignored.push(`${tg.from}: target group ${tgName}: ${state.join(', ')} (not CreateTargetGroup input)`);
    if (kept['HealthCheckEnabled'] === false) {
      ignored.push(`${tg.from}: target group ${tgName}: HealthCheckEnabled false (ECS targets are always checked, ecs-facts L-008)`);
    }
    delete kept['HealthCheckEnabled'];
    targetGroups.push({ Name: tgName, ...kept });
    keptTargetGroups.add(str(v['TargetGroupArn']) ?? tgName);
  }
  if (inv.targetGroups.length > 0 && !inv.targetGroups.some((tg) => Array.isArray(tg.value['Attributes']))) {
    assumed.push('target group attributes take ELB\'s defaults (deregistration delay 300 s): add them as Attributes from `aws elbv2 describe-target-group-attributes`');
  }
  const loadBalancers: Json[] = [];
  for (const lb of inv.loadBalancers) {
    const v = lb.value;
    const lbArn = str(v['LoadBalancerArn']) ?? '';
    const lbName = str(v['LoadBalancerName']) ?? '?';
    if (v['Type'] === 'gateway') {
      ignored.push(`${lb.from}: load balancer ${lbName} (gateway load balancers are not modelled)`);
      continue;
    }
    const zones = objects(v['AvailabilityZones']).map((z) => str(z['ZoneName'])).filter((z): z is string => z !== undefined);
    const listeners = inv.listeners
      .filter((l) => l.value['LoadBalancerArn'] === lbArn)
      .map((l) => {
        const { kept, dropped } = pick(l.value, ['Port', 'Protocol', 'DefaultActions', 'Certificates', 'SslPolicy', 'AlpnPolicy']);
        const extra = dropped.filter((f) => f !== 'ListenerArn' && f !== 'LoadBalancerArn');
        if (extra.length > 0) ignored.push(`${l.from}: listener ${lbName}:${String(l.value['Port'])}: ${extra.join(', ')} (not modelled)`);
        const rules = inv.rules
          .filter((r) => r.value['ListenerArn'] === l.value['ListenerArn'] && r.value['IsDefault'] !== true && r.value['Priority'] !== 'default')
          .map((r) => ({ Priority: Number(r.value['Priority']), Conditions: objects(r.value['Conditions']).map(condition), Actions: objects(r.value['Actions']).map(action) }));
        return { ...kept, DefaultActions: objects(kept['DefaultActions']).map(action), ...(rules.length === 0 ? {} : { Rules: rules }) };
      });
    const out: Json = { Name: lbName, Type: v['Type'] ?? 'application', Scheme: v['Scheme'] ?? 'internet-facing', AvailabilityZones: zones };
    if (Array.isArray(v['SecurityGroups'])) out['SecurityGroups'] = v['SecurityGroups'];
    if (listeners.length > 0) out['Listeners'] = listeners;
    loadBalancers.push(out);
  }
  const orphanListeners = inv.listeners.filter((l) => !inv.loadBalancers.some((lb) => lb.value['LoadBalancerArn'] === l.value['LoadBalancerArn']));
  for (const l of orphanListeners) ignored.push(`${l.from}: listener ${str(l.value['ListenerArn'])} (its load balancer is not among the inputs)`);

  // --- Application Auto Scaling ---
  const scalableTargets: Json[] = [];
  for (const t of inv.scalableTargets) {
    if (t.value['ServiceNamespace'] !== 'ecs') {
      ignored.push(`${t.from}: scalable target ${str(t.value['ResourceId'])} (${str(t.value['ServiceNamespace'])}: only ECS services are modelled)`);
      continue;
    }
    scalableTargets.push(pick(t.value, REGISTER_SCALABLE_TARGET_FIELDS).kept);
  }
  const scalingPolicies: Json[] = [];
  for (const p of inv.scalingPolicies) {
    if (p.value['ServiceNamespace'] !== 'ecs') {
      ignored.push(`${p.from}: scaling policy ${str(p.value['PolicyName'])} (${str(p.value['ServiceNamespace'])}: only ECS services are modelled)`);
      continue;
    }
    scalingPolicies.push(pick(p.value, PUT_SCALING_POLICY_FIELDS).kept);
  }
  const stepPolicies = inv.scalingPolicies.filter((p) => p.value['ServiceNamespace'] === 'ecs' && p.value['PolicyType'] === 'StepScaling');
  const stepPolicyNames = new Set(stepPolicies.map((p) => str(p.value['PolicyName']) ?? ''));
  const linked = new Set<string>();

  // --- CloudWatch alarms (those a target tracking policy owns are made again by the policy) ---
  const alarms: Json[] = [];
  for (const a of inv.alarms) {
    const alarmName = str(a.value['AlarmName']) ?? '?';
    // ecs-facts I-007: target tracking's own alarms say so in their description.
    if (/^DO NOT EDIT OR DELETE\. For TargetTrackingScaling policy/.test(str(a.value['AlarmDescription']) ?? '')) {
      ignored.push(`${a.from}: alarm ${alarmName} (a target tracking policy owns it; the imported policy creates its own)`);
      continue;
    }
    if (a.value['Metrics'] !== undefined) {
      ignored.push(`${a.from}: alarm ${alarmName} (metric math alarms are not modelled)`);
      continue;
    }
    const { kept } = pick(a.value, PUT_METRIC_ALARM_FIELDS);
    alarms.push(withPolicyNames(withPlainElbNames(kept), stepPolicyNames, linked));
  }
  for (const p of stepPolicies) {
    const name = str(p.value['PolicyName']) ?? '';
    if (!linked.has(name)) ignored.push(`${p.from}: step scaling policy ${name} is not named by any imported alarm's actions, so nothing triggers it`);
  }

  // --- the scenario ---
  const ecs: Json = {};
  if (inv.region !== undefined) ecs['region'] = inv.region;
  if (inv.accountId !== undefined) ecs['accountId'] = inv.accountId;
  ecs['cluster'] = refName(clusterName);
  if (cluster?.containerInsights !== undefined && ['enabled', 'disabled', 'enhanced'].includes(cluster.containerInsights)) ecs['containerInsights'] = cluster.containerInsights;
  if (instances.length > 0) ecs['instances'] = instances;
  if (Object.keys(instanceTypes).length > 0) ecs['instanceTypes'] = instanceTypes;
  if (fargate !== undefined) ecs['fargate'] = fargate;
  if (capacityProviders.length > 0) ecs['capacityProviders'] = capacityProviders;
  const strategy = cluster?.defaultCapacityProviderStrategy ?? [];
  if (strategy.length > 0) ecs['defaultCapacityProviderStrategy'] = strategy;
  if (taskDefinitions.length > 0) {
    ecs['taskDefinitions'] = taskDefinitions;
  }
  usedDefinitions.forEach(([, td], i) => comments.set(`ecs.taskDefinitions.${i}`, `from ${td.from}`));

  const scenario: Json = {
    name,
    description: `The cluster ${clusterName} as ecs-sim import read it: its services start at 0s on the imported capacity and run to a steady state.`,
    seed: 1,
    until: IMPORTED_UNTIL,
    ecs,
  };
  if (targetGroups.length > 0 || loadBalancers.length > 0) {
    scenario['elb'] = { targetGroups, loadBalancers };
    if (targetGroups.length > 0) comments.set('elb.targetGroups', fromLine('Target groups', inv.targetGroups));
    if (loadBalancers.length > 0) comments.set('elb.loadBalancers', fromLine('Load balancers, listeners and rules', [...inv.loadBalancers, ...inv.listeners, ...inv.rules]));
  }
  scenario['timeline'] = services.map(({ input }) => ({ at: '0s', createService: input }));
  services.forEach(({ item }, i) => comments.set(`timeline.${i}`, `from ${item.from}`));
  if (scalableTargets.length > 0 || scalingPolicies.length > 0) {
    scenario['autoscaling'] = { ...(scalableTargets.length > 0 ? { scalableTargets } : {}), ...(scalingPolicies.length > 0 ? { scalingPolicies } : {}) };
    comments.set('autoscaling', fromLine('Scalable targets and scaling policies', [...inv.scalableTargets, ...inv.scalingPolicies]));
  }
  if (alarms.length > 0) {
    scenario['cloudwatch'] = { alarms };
    comments.set('cloudwatch', fromLine('Alarms', inv.alarms));
  }
  scenario['expectations'] = expectations(services.map((s) => s.input), scalableTargets, clusterName);
  return { scenario, comments, problems };
}

/** A describe-rules / describe-listeners action as CreateRule takes it (Order and the rest kept). */
function action(a: Json): Json {
  return pick(a, ['Type', 'TargetGroupArn', 'ForwardConfig', 'FixedResponseConfig', 'RedirectConfig', 'Order']).kept;
}

function condition(c: Json): Json {
  return pick(c, ['Field', 'Values', 'PathPatternConfig', 'HostHeaderConfig']).kept;
}

/** Every service reaches its desired count (within its scalable target's range, when it has one). */
function expectations(services: readonly Json[], targets: readonly Json[], cluster: string): Json[] {
  const out: Json[] = [];
  for (const s of services) {
    const name = str(s['serviceName']) ?? '?';
    const target = targets.find((t) => t['ResourceId'] === `service/${cluster}/${name}`);
    if (s['schedulingStrategy'] === 'DAEMON') {
      out.push({ that: `ecs.services.${name}.runningCount`, atLeast: 1, description: `the daemon service ${name} runs a task on each instance` });
    } else if (target !== undefined) {
      out.push({ that: `ecs.services.${name}.runningCount`, between: [num(target['MinCapacity']) ?? 0, num(target['MaxCapacity']) ?? 0], description: `${name} runs within its scalable target's capacity` });
    } else {
      out.push({ that: `ecs.services.${name}.runningCount`, equals: num(s['desiredCount']) ?? 0, description: `${name} reaches its desired count` });
    }
  }
  out.push({ that: 'ecs.invariantViolations.length', equals: 0 });
  return out;
}

/** The cluster's name from a service's clusterArn, when no describe-clusters output says it. */
function clusterNameOf(inv: Inventory): string | undefined {
  for (const s of inv.services) {
    const m = /:cluster\/(.+)$/.exec(str(s.value['clusterArn']) ?? '');
    if (m !== null) return m[1];
  }
  for (const t of inv.scalableTargets) {
    const m = /^service\/([^/]+)\//.exec(str(t.value['ResourceId']) ?? '');
    if (m !== null) return m[1];
  }
  return undefined;
}

const byText = (f: (i: Item) => string) => (a: Item, b: Item): number => {
  const x = f(a);
  const y = f(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The same inputs give the same scenario, whatever their files are called or the order they are read in. */
function sortInventory(inv: Inventory): void {
  inv.services.sort(byText((i) => str(i.value['serviceName']) ?? ''));
  inv.taskDefinitions.sort(byText((i) => `${str(i.value['family']) ?? ''}:${String(num(i.value['revision']) ?? 0).padStart(10, '0')}`));
  inv.targetGroups.sort(byText((i) => str(i.value['TargetGroupName']) ?? ''));
  inv.loadBalancers.sort(byText((i) => str(i.value['LoadBalancerName']) ?? ''));
  inv.listeners.sort((a, b) => (num(a.value['Port']) ?? 0) - (num(b.value['Port']) ?? 0));
  inv.rules.sort(byText((i) => String(i.value['Priority']).padStart(6, '0')));
  inv.scalableTargets.sort(byText((i) => str(i.value['ResourceId']) ?? ''));
  inv.scalingPolicies.sort(byText((i) => str(i.value['PolicyName']) ?? ''));
  inv.alarms.sort(byText((i) => str(i.value['AlarmName']) ?? ''));
}

/**
 * An alarm's `LoadBalancer` / `TargetGroup` dimension holds `app/<name>/<id>` (or
 * `targetgroup/<name>/<id>`) with the id of your account's resource; ecs-sim gives the
 * imported resource an id of its own, so the plain name is kept and resolved at assemble.
 */
function withPlainElbNames(alarm: Json): Json {
  const dimensions = alarm['Dimensions'];
  if (!Array.isArray(dimensions)) return alarm;
  const plain = dimensions.map((d) => {
    if (d === null || typeof d !== 'object' || Array.isArray(d)) return d;
    const entry = d as Json;
    const name = entry['Name'];
    const value = entry['Value'];
    if ((name !== 'LoadBalancer' && name !== 'TargetGroup') || typeof value !== 'string') return d;
    const m = /^(?:app|net|gwy|targetgroup)\/([^/]+)\/[^/]+$/.exec(value);
    return m === null ? d : { ...entry, Value: m[1] };
  });
  return { ...alarm, Dimensions: plain };
}

/** A scaling policy ARN's name part (`…:scalingPolicy:<id>:resource/ecs/service/<cluster>/<service>:policyName/<name>`). */
const POLICY_ARN = /^arn:aws[a-z-]*:autoscaling:[^:]*:[0-9]*:scalingPolicy:[^:]+:resource\/ecs\/service\/[^:]+:policyName\/(.+)$/;

/**
 * An alarm's actions name a step policy by its ARN in your account; ecs-sim gives the
 * imported policy an ARN of its own, so an action naming an imported step policy becomes
 * the policy's name, which the scenario resolves to the policy's ARN (ecs-facts EF-001).
 */
function withPolicyNames(alarm: Json, stepPolicyNames: ReadonlySet<string>, linked: Set<string>): Json {
  const out: Json = { ...alarm };
  for (const field of ['AlarmActions', 'OKActions', 'InsufficientDataActions']) {
    const actions = alarm[field];
    if (!Array.isArray(actions)) continue;
    out[field] = actions.map((action) => {
      const name = typeof action === 'string' ? POLICY_ARN.exec(action)?.[1] : undefined;
      if (name === undefined || !stepPolicyNames.has(name)) return action;
      linked.add(name);
      return name;
    });
  }
  return out;
}
