import { createServiceSchema } from '../schema/ecs.js';
import { createLoadBalancerSchema, createTargetGroupSchema } from '../../elb/schema.js';
import { instanceType as builtInInstanceType } from '../../ecs/capacity/instance-types.js';
import { parseTaskDefinitionArn } from '../../ecs/task-definition/normalize.js';
import type { Issue } from '../../issues/index.js';
import { andList, isObject, list, num, objects, pick, str, type AutoScalingGroupInfo, type ContainerInstanceInfo, type Inventory, type Item, type Json } from './inventory.js';

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

  // --- capacity: Auto Scaling groups, then the other container instances grouped by capacity provider, else by type and AZ ---
  const instances: Json[] = [];
  const instanceTypes: Json = {};
  const asgGroup = new Map<string, string>();
  const groupNames = new Set<string>();
  const uniqueName = (base: string): string => {
    let groupName = refName(base);
    for (let n = 2; groupNames.has(groupName); n++) groupName = `${refName(base)}-${n}`;
    groupNames.add(groupName);
    return groupName;
  };
  const inAsg = new Set<Item<ContainerInstanceInfo>>();
  /** Each imported container instance's reference in the scenario (`<group>/<index>`), by its ARN: tasks start again on it. */
  const instanceRefs = new Map<string, string>();
  for (const g of inv.autoScalingGroups) {
    const v = g.value;
    const members = asgMembers(v, inv);
    // An Auto Scaling group of the account that neither a capacity provider nor a container instance ties to the cluster is not part of it.
    const provider = inv.capacityProviders.find((p) => namesAsg(v, str(providerAsg(p.value)['autoScalingGroupArn'])));
    if (v.arn !== undefined && provider === undefined && members.length === 0) {
      ignored.push(`${g.from}: Auto Scaling group ${v.name} (no capacity provider or container instance of the cluster is in it)`);
      continue;
    }
    const mixed = mixedInstances(v, members.map((m) => m.value));
    const type = mixed?.type ?? asgInstanceType(v, inv.launchTemplateVersions.map((t) => t.value), members.map((m) => m.value));
    if (mixed !== undefined) assumed.push(mixed.note);
    if (type.instanceType === undefined || v.availabilityZones.length === 0) {
      ignored.push(`${g.from}: Auto Scaling group ${v.name} (its ${type.instanceType === undefined ? 'instance type (launch template or configuration; add the output of `aws ec2 describe-launch-template-versions`)' : "subnets' zones"} could not be found)`);
      continue;
    }
    if (type.from !== undefined) assumed.push(`Auto Scaling group ${v.name} launches ${type.instanceType} (${type.from})`);
    for (const m of members) {
      inAsg.add(m);
      if (m.value.status !== 'ACTIVE' && m.value.status !== 'DRAINING') ignored.push(`${m.from}: a ${m.value.instanceType} container instance of Auto Scaling group ${v.name} in ${m.value.availabilityZone} is ${m.value.status} (the group is imported with its DesiredCapacity; its instances start ACTIVE)`);
    }
    const groupName = uniqueName(v.name);
    asgGroup.set(v.name, groupName);
    if (v.arn !== undefined) asgGroup.set(v.arn, groupName);
    // A mixed instances policy with weights counts capacity in units: the group counts instances of its one type.
    const units = (n: number): number => Math.ceil(n / (mixed?.weight ?? 1));
    const count = units(v.desiredCapacity ?? v.minSize);
    unmatched(assignRefs(groupName, count, v.availabilityZones, members, instanceRefs), groupName);
    const group: Json = { name: groupName, count, instanceType: type.instanceType, availabilityZones: v.availabilityZones };
    const first = members[0]?.value;
    if (first !== undefined && Object.keys(first.attributes).length > 0) group['attributes'] = first.attributes;
    if (first?.osType === 'windows') group['osType'] = 'windows';
    group['autoScalingGroup'] = { MinSize: units(v.minSize), MaxSize: units(v.maxSize), ...(v.desiredCapacity === undefined ? {} : { DesiredCapacity: units(v.desiredCapacity) }) };
    instances.push(group);
    customType(first, type.instanceType);
  }
  function unmatched(left: readonly Item<ContainerInstanceInfo>[], groupName: string): void {
    if (left.length === 0) return;
    assumed.push(`${andList([...new Set(left.map((l) => l.from))])}: ${left.length} container instance${left.length === 1 ? '' : 's'} of ${groupName} in ${andList([...new Set(left.map((l) => l.value.availabilityZone))].sort())} ha${left.length === 1 ? 's' : 've'} no instance of the group in ${left.length === 1 ? 'its' : 'their'} zone (the group spreads its instances evenly over its zones): ${left.length === 1 ? 'its' : 'their'} tasks are placed by ECS`);
  }
  function customType(ci: ContainerInstanceInfo | undefined, type: string): void {
    if (ci === undefined || builtInInstanceType(type) !== undefined || instanceTypes[type] !== undefined || ci.registeredCpu === undefined || ci.registeredMemory === undefined) return;
    instanceTypes[type] = { vcpus: Math.max(1, Math.round(ci.registeredCpu / 1024)), memoryMiB: ci.registeredMemory };
    assumed.push(`instance type ${type} is not built in: its vCPUs and memory are taken from the registered CPU and MEMORY`);
  }
  const groups = new Map<string, Item<ContainerInstanceInfo>[]>();
  for (const ci of inv.containerInstances) {
    const v = ci.value;
    if (inAsg.has(ci)) continue;
    // ecs-facts T-079: a DRAINING instance is kept, and set DRAINING again the moment it registers.
    if (v.status !== 'ACTIVE' && v.status !== 'DRAINING') {
      ignored.push(`${ci.from}: a ${v.instanceType} container instance in ${v.availabilityZone} is ${v.status} (only ACTIVE and DRAINING instances are imported)`);
      continue;
    }
    if (v.instanceType === '' || v.availabilityZone === '') {
      ignored.push(`${ci.from}: a container instance without the ecs.instance-type and ecs.availability-zone attributes (describe-container-instances prints them; ecs-facts T-083)`);
      continue;
    }
    const key = v.capacityProviderName ?? `${v.instanceType}|${v.availabilityZone}|${JSON.stringify(Object.entries(v.attributes).sort())}`;
    groups.set(key, [...(groups.get(key) ?? []), ci]);
  }
  const providerGroup = new Map<string, string>();
  for (const [, members] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = members[0]?.value;
    if (first === undefined) continue;
    const types = [...new Set(members.map((m) => m.value.instanceType))].sort();
    const zones = [...new Set(members.map((m) => m.value.availabilityZone))].sort();
    const groupName = uniqueName(first.capacityProviderName ?? `${first.instanceType.replace(/\./g, '-')}-${first.availabilityZone}`);
    if (types.length > 1) assumed.push(`capacity provider ${first.capacityProviderName}: instances of ${andList(types)}; all are imported as ${first.instanceType}`);
    unmatched(assignRefs(groupName, members.length, zones, members, instanceRefs), groupName);
    const group: Json = { name: groupName, count: members.length, instanceType: first.instanceType, availabilityZones: zones };
    if (Object.keys(first.attributes).length > 0) group['attributes'] = first.attributes;
    if (first.osType === 'windows') group['osType'] = 'windows';
    instances.push(group);
    if (first.capacityProviderName !== undefined) providerGroup.set(first.capacityProviderName, groupName);
    customType(first, first.instanceType);
  }
  // --- DRAINING instances and disconnected agents: set so the moment the instance registers ---
  const instanceStates: { entry: Json; from: string }[] = [];
  for (const ci of inv.containerInstances) {
    const v = ci.value;
    const draining = v.status === 'DRAINING';
    if (!draining && v.agentConnected) continue;
    if (!draining && v.status !== 'ACTIVE') continue;
    const ref = instanceRefs.get(v.containerInstanceArn ?? '');
    const what = `${draining ? 'is DRAINING' : ''}${draining && !v.agentConnected ? ' and ' : ''}${v.agentConnected ? '' : 'has its agent disconnected'}`;
    if (ref === undefined) {
      assumed.push(`${ci.from}: a ${v.instanceType} container instance in ${v.availabilityZone} ${what}; no instance of the scenario stands for it, so none starts so`);
      continue;
    }
    if (draining) instanceStates.push({ entry: { at: '0s', updateContainerInstancesState: { instance: ref, status: 'DRAINING', waitForRegistration: true } }, from: `${ref} was DRAINING in ${ci.from}` });
    // ecs-facts T-084: ECS notices a lost agent after a while (agentDisconnectDetection), not at once.
    if (!v.agentConnected) instanceStates.push({ entry: { at: '0s', disconnectAgent: { instance: ref, waitForRegistration: true } }, from: `${ref} had its agent disconnected in ${ci.from} (ECS notices it after agentDisconnectDetection)` });
  }
  const drains = instanceStates.some((e) => 'updateContainerInstancesState' in e.entry);
  const disconnects = instanceStates.some((e) => 'disconnectAgent' in e.entry);
  if (drains) assumed.push('a DRAINING container instance is imported, and set DRAINING the moment it has registered (ecs-facts T-079)');
  if (disconnects) assumed.push('a container instance whose agent was disconnected is imported, and its agent disconnects the moment it has registered; ECS notices after 1-2 minutes (ecs-facts T-084)');

  // --- the tasks running now (describe-tasks): services start their own; standalone tasks start again on their instance, or are run again ---
  const runTasks = runningTasks(inv, services.map((s) => s.input), familyOf, definitions, instanceRefs);
  if (inv.containerInstances.length > 0 && services.length > 0) assumed.push('the container instances boot and register from 0s, as new ones would (about a minute); the services are created at 0s and place their tasks as instances register');
  const asgItems = inv.autoScalingGroups.filter((g) => asgGroup.has(g.value.name));
  if (asgItems.length > 0) comments.set('ecs.instances', `${fromLine('Auto Scaling groups', asgItems)}${inv.containerInstances.length > 0 ? `; ${fromLine('container instances', inv.containerInstances)}` : ''}`);
  else if (inv.containerInstances.length > 0) comments.set('ecs.instances', fromLine('Container instances', inv.containerInstances));

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
      ignored.push(`${p.from}: capacity provider ${pname}: managed scaling (it needs its Auto Scaling group's MinSize and MaxSize: add the output of \`aws autoscaling describe-auto-scaling-groups\`)`);
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
  // Standalone Fargate tasks ran in their own zones (describe-tasks availabilityZone).
  for (const r of runTasks) for (const z of r.fargateZones) fargateZones.add(z);
  if (fargateServices.length > 0 || runTasks.some((r) => r.fargate)) {
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
    const arn = str(v['TargetGroupArn']);
    const fetched = inv.targetGroupAttributes.filter((a) => a.value.TargetGroupArn === arn);
    // A template's attributes are those its author wrote, all kept; describe-target-group-attributes prints every one, those at ELB's default are left to it.
    const written = objects(kept['Attributes']);
    delete kept['Attributes'];
    const attrs = targetGroupAttributes({ Name: tgName, ...kept }, [...written, ...fetched.flatMap((a) => a.value.Attributes)], written.length);
    for (const n of attrs.notModelled) ignored.push(`${fetched[0]?.from ?? tg.from}: target group ${tgName}: attribute ${n}`);
    targetGroups.push({ Name: tgName, ...kept, ...(attrs.kept.length > 0 ? { Attributes: attrs.kept } : {}) });
    keptTargetGroups.add(str(v['TargetGroupArn']) ?? tgName);
  }
  for (const a of inv.targetGroupAttributes) {
    if (!inv.targetGroups.some((tg) => tg.value['TargetGroupArn'] === a.value.TargetGroupArn)) ignored.push(`${a.from}: attributes of target group ${a.value.TargetGroupArn} (the group is not among the imported target groups)`);
  }
  if (inv.targetGroups.length > 0 && !inv.targetGroups.some((tg) => Array.isArray(tg.value['Attributes'])) && inv.targetGroupAttributes.length === 0) {
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
    // A template's LoadBalancerAttributes, or describe-load-balancer-attributes output (ecs-facts I-017).
    const fetchedLb = inv.loadBalancerAttributes.filter((a) => a.value.LoadBalancerArn === lbArn);
    const lbAttrs = loadBalancerAttributes({ Name: lbName, Type: out['Type'] }, [...objects(v['Attributes']), ...fetchedLb.flatMap((a) => a.value.Attributes)]);
    if (lbAttrs.kept.length > 0) out['Attributes'] = lbAttrs.kept;
    if (lbAttrs.notModelled.length > 0) ignored.push(`${fetchedLb[0]?.from ?? lb.from}: load balancer ${lbName}: attribute${lbAttrs.notModelled.length === 1 ? '' : 's'} ${lbAttrs.notModelled.join(', ')}`);
    if (listeners.length > 0) out['Listeners'] = listeners;
    loadBalancers.push(out);
  }
  for (const a of inv.loadBalancerAttributes) {
    if (!inv.loadBalancers.some((lb) => lb.value['LoadBalancerArn'] === a.value.LoadBalancerArn)) ignored.push(`${a.from}: attributes of load balancer ${a.value.LoadBalancerArn} (the load balancer is not among the imported ones)`);
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
  const scheduledActions: Json[] = [];
  for (const a of inv.scheduledActions) {
    const mapped = scheduledAction(a.value, scalableTargets);
    if (typeof mapped === 'string') ignored.push(`${a.from}: scheduled action ${str(a.value['ScheduledActionName']) ?? '?'} (${mapped})`);
    else scheduledActions.push(mapped);
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
  // Tasks start on their instances before those are set DRAINING (both wait for the instance's registration).
  const starts = runTasks.filter((r) => r.verb === 'startTask');
  const runs = runTasks.filter((r) => r.verb !== 'startTask');
  scenario['timeline'] = [
    ...services.map(({ input }) => ({ at: '0s', createService: input })),
    ...starts.map((r) => ({ at: r.at, [r.verb]: r.input })),
    ...instanceStates.map((e) => e.entry),
    ...runs.map((r) => ({ at: r.at, [r.verb]: r.input })),
  ];
  services.forEach(({ item }, i) => comments.set(`timeline.${i}`, `from ${item.from}`));
  const taskComment = (r: RerunTask): string => `${r.count} running task${r.count === 1 ? '' : 's'} from ${r.from}${r.verb === 'startTask' ? ', each on the instance it ran on' : ''}`;
  starts.forEach((r, i) => comments.set(`timeline.${services.length + i}`, taskComment(r)));
  instanceStates.forEach((e, i) => comments.set(`timeline.${services.length + starts.length + i}`, e.from));
  runs.forEach((r, i) => comments.set(`timeline.${services.length + starts.length + instanceStates.length + i}`, taskComment(r)));
  if (scalableTargets.length > 0 || scalingPolicies.length > 0) {
    scenario['autoscaling'] = { ...(scalableTargets.length > 0 ? { scalableTargets } : {}), ...(scalingPolicies.length > 0 ? { scalingPolicies } : {}), ...(scheduledActions.length > 0 ? { scheduledActions } : {}) };
    comments.set('autoscaling', fromLine(scheduledActions.length > 0 ? 'Scalable targets, scaling policies and scheduled actions' : 'Scalable targets and scaling policies', [...inv.scalableTargets, ...inv.scalingPolicies, ...(scheduledActions.length > 0 ? inv.scheduledActions : [])]));
  }
  if (alarms.length > 0) {
    scenario['cloudwatch'] = { alarms };
    comments.set('cloudwatch', fromLine('Alarms', inv.alarms));
  }
  scenario['expectations'] = expectations(services.map((s) => s.input), scalableTargets, clusterName);
  return { scenario, comments, problems };
}

const providerAsg = (p: Json): Json => (isObject(p['autoScalingGroupProvider']) ? p['autoScalingGroupProvider'] : {});

/** True when `ref` (a capacity provider's autoScalingGroupArn: an ARN, or a template's group name) names the group. */
export function namesAsg(g: AutoScalingGroupInfo, ref: string | undefined): boolean {
  if (ref === undefined) return false;
  return ref === g.arn || ref === g.name || /:autoScalingGroupName\/(.+)$/.exec(ref)?.[1] === g.name;
}

/** The container instances in an Auto Scaling group: its instances by EC2 id, or those of a capacity provider of the group. */
export function asgMembers(g: AutoScalingGroupInfo, inv: Pick<Inventory, 'containerInstances' | 'capacityProviders'>): Item<ContainerInstanceInfo>[] {
  const ids = new Set((g.instances ?? []).map((i) => i.id));
  const providers = new Set(inv.capacityProviders.filter((p) => namesAsg(g, str(providerAsg(p.value)['autoScalingGroupArn']))).map((p) => str(p.value['name'])));
  return inv.containerInstances.filter((ci) => (ci.value.ec2InstanceId !== undefined && ids.has(ci.value.ec2InstanceId)) || (ci.value.capacityProviderName !== undefined && providers.has(ci.value.capacityProviderName)));
}

type LaunchTemplateVersion = Inventory['launchTemplateVersions'][number]['value'];

/**
 * An Auto Scaling group whose mixed instances policy lists several instance types, or
 * weights them (ecs-facts I-018), becomes one instance group of one type: an instance
 * group launches one type. The type is the one most of its instances run (describe-auto-
 * scaling-groups and the container instances say), else the first override (the highest
 * priority); its WeightedCapacity turns the group's capacity in units into instances.
 * Undefined for a group of one type at weight 1 (nothing to approximate).
 */
export function mixedInstances(g: AutoScalingGroupInfo, members: readonly ContainerInstanceInfo[]): { type: { instanceType: string; from?: string }; weight: number; note: string } | undefined {
  const overrides = g.overrides ?? [];
  if (overrides.length === 0 || (overrides.length === 1 && (overrides[0]?.weight ?? 1) === 1)) return undefined;
  const running = new Map<string, number>();
  const types = (g.instances ?? []).length > 0 ? (g.instances ?? []).map((i) => i.instanceType) : members.map((m) => m.instanceType);
  for (const t of types) if (t !== undefined && overrides.some((o) => o.instanceType === t)) running.set(t, (running.get(t) ?? 0) + 1);
  const most = Math.max(0, ...running.values());
  const chosen = (most > 0 ? overrides.find((o) => running.get(o.instanceType) === most) : undefined) ?? (overrides[0] as { instanceType: string; weight: number });
  const weighted = overrides.some((o) => o.weight !== 1);
  const others = [...new Set(overrides.map((o) => o.instanceType).filter((t) => t !== chosen.instanceType))];
  const why = most > 0 ? `the type ${most} of its ${types.length} instance${types.length === 1 ? '' : 's'} run` : 'its first override, the highest priority';
  const note =
    `Auto Scaling group ${g.name}: its mixed instances policy launches ${andList(overrides.map((o) => `${o.instanceType}${weighted ? ` (weight ${o.weight})` : ''}`))}; ` +
    `it is imported as ${chosen.instanceType} only (${why}; an instance group launches one type)${others.length > 0 ? `, so ${andList(others)} instances run as ${chosen.instanceType}` : ''}` +
    (weighted ? `; its capacity in units becomes ${chosen.instanceType} instances of weight ${chosen.weight} (DesiredCapacity ${g.desiredCapacity ?? g.minSize} units → ${Math.ceil((g.desiredCapacity ?? g.minSize) / chosen.weight)} instances)` : '');
  return { type: { instanceType: chosen.instanceType }, weight: chosen.weight, note };
}

/**
 * The instance type an Auto Scaling group launches: its input's own (a template's launch
 * template, a mixed instances policy's first override), else its launch template's version
 * in describe-launch-template-versions output, else its instances' (describe-auto-scaling-groups
 * prints each one's type), else its container instances'. `from` says where, when not the group's own input.
 */
export function asgInstanceType(g: AutoScalingGroupInfo, versions: readonly LaunchTemplateVersion[], members: readonly ContainerInstanceInfo[]): { instanceType: string | undefined; from?: string } {
  if (g.instanceType !== undefined) return { instanceType: g.instanceType };
  const lt = g.launchTemplate;
  if (lt !== undefined) {
    const mine = versions.filter((v) => (lt.id !== undefined && v.id === lt.id) || (lt.name !== undefined && v.name === lt.name));
    const wanted = lt.version === undefined || lt.version === '$Default' ? mine.find((v) => v.isDefault) : lt.version === '$Latest' ? [...mine].sort((a, b) => b.version - a.version)[0] : mine.find((v) => String(v.version) === lt.version);
    if (wanted?.instanceType !== undefined) return { instanceType: wanted.instanceType, from: `launch template ${wanted.name ?? wanted.id} version ${wanted.version}` };
  }
  const own = (g.instances ?? []).map((i) => i.instanceType).find((t) => t !== undefined);
  if (own !== undefined) return { instanceType: own, from: 'the type of its instances' };
  const member = members.find((m) => m.instanceType !== '')?.instanceType;
  if (member !== undefined) return { instanceType: member, from: 'the ecs.instance-type of its container instances' };
  return { instanceType: undefined };
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

/**
 * Gives the group's container instances their references `<group>/<index>`: the model
 * launches instance i in `zones[i % zones.length]`, so each index takes an instance of
 * that zone (by ARN order), and a task that ran on it starts again in the same zone on the
 * same instance. Returns the instances left without one (their zone has fewer indexes).
 */
export function assignRefs(groupName: string, count: number, zones: readonly string[], members: readonly Item<ContainerInstanceInfo>[], refs: Map<string, string>): Item<ContainerInstanceInfo>[] {
  const byZone = new Map<string, Item<ContainerInstanceInfo>[]>();
  const sorted = [...members].filter((m) => m.value.containerInstanceArn !== undefined).sort((a, b) => ((a.value.containerInstanceArn as string) < (b.value.containerInstanceArn as string) ? -1 : 1));
  for (const m of sorted) byZone.set(m.value.availabilityZone, [...(byZone.get(m.value.availabilityZone) ?? []), m]);
  for (let i = 0; i < count && zones.length > 0; i += 1) {
    const m = byZone.get(zones[i % zones.length] as string)?.shift();
    if (m !== undefined) refs.set(m.value.containerInstanceArn as string, `${groupName}/${i}`);
  }
  return [...byZone.values()].flat();
}

/** When standalone EC2 tasks are run again: after the imported instances have booted and registered (boot: median 45 s, p99 2 min). */
export const EC2_RUN_TASK_AT = '3m';

/** A RunTask or StartTask call that starts again tasks that were running, with where they came from. */
export interface RerunTask {
  readonly at: string;
  /** StartTask when the task's instance is imported (it starts there again), else RunTask. */
  readonly verb: 'runTask' | 'startTask';
  readonly input: Json;
  readonly from: string;
  /** How many tasks the call starts. */
  readonly count: number;
  /** On Fargate, and the zones its tasks ran in. */
  readonly fargate: boolean;
  readonly fargateZones: readonly string[];
}

/**
 * The tasks describe-tasks printed (ecs-facts I-010). A service's tasks are the service's
 * own (it starts its desiredCount at 0s and places them by its strategy), said in the
 * header. A standalone task (its group is not `service:…`) keeps its task definition
 * revision, group and startedBy: on an imported container instance (`instanceRefs`, by ARN)
 * it starts there again by StartTask the moment the instance has registered (ecs-facts
 * T-117; one call per up to 10 instances); otherwise RunTask starts it again, at 0s on
 * Fargate, at EC2_RUN_TASK_AT on instances. Stopping tasks are left out.
 */
export function runningTasks(inv: Inventory, services: readonly Json[], familyOf: (ref: string) => string | undefined, definitions: ReadonlyMap<string, Item>, instanceRefs: ReadonlyMap<string, string> = new Map()): RerunTask[] {
  const byService = new Map<string, Item[]>();
  const standalone = new Map<string, { verb: 'runTask' | 'startTask'; input: Json; at: string; from: Set<string>; fargate: boolean; zones: Set<string>; count: number }>();
  const stopping: string[] = [];
  let onInstances = 0;
  for (const t of inv.tasks) {
    const v = t.value;
    const last = str(v['lastStatus']) ?? 'RUNNING';
    if (str(v['desiredStatus']) === 'STOPPED' || ['DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED'].includes(last)) {
      stopping.push(t.from);
      continue;
    }
    const group = str(v['group']) ?? '';
    const ref = str(v['taskDefinitionArn']) ?? '';
    if (group.startsWith('service:')) {
      byService.set(group.slice('service:'.length), [...(byService.get(group.slice('service:'.length)) ?? []), t]);
      continue;
    }
    const key = familyOf(ref);
    if (key === undefined) {
      const parsed = parseTaskDefinitionArn(ref);
      inv.ignored.push(`${t.from}: task ${str(v['taskArn']) ?? '?'} (its task definition ${ref} has no describe-task-definition output among the inputs; add the output of \`aws ecs describe-task-definition --task-definition ${parsed === undefined ? ref : `${parsed.family}:${parsed.revision ?? ''}`}\`)`);
      continue;
    }
    const provider = str(v['capacityProviderName']);
    const fargate = v['launchType'] === 'FARGATE' || /^FARGATE/.test(provider ?? '');
    const family = key.split(':')[0] as string;
    const startedBy = str(v['startedBy']);
    const common: Json = {
      taskDefinition: str(definitions.get(key)?.value['taskDefinitionArn']) ?? key,
      // RunTask's and StartTask's default group is family:<family> (ecs-facts T-107).
      ...(group !== '' && group !== `family:${family}` ? { group } : {}),
      ...(startedBy !== undefined && /^[A-Za-z0-9\-/_]{1,128}$/.test(startedBy) ? { startedBy } : {}),
    };
    const instance = fargate ? undefined : instanceRefs.get(str(v['containerInstanceArn']) ?? '');
    const zone = str(v['availabilityZone']);
    if (instance !== undefined) {
      onInstances += 1;
      const id = `start ${JSON.stringify(common)}`;
      const same = standalone.get(id);
      const refs = (same?.input['containerInstances'] ?? []) as string[];
      // ecs-facts T-117: at most 10 instances per StartTask call, one task on each.
      if (same !== undefined && refs.length < 10 && !refs.includes(instance)) {
        refs.push(instance);
        same.count += 1;
        same.from.add(t.from);
        continue;
      }
      if (same !== undefined) standalone.set(`${id}#${standalone.size}`, same);
      standalone.set(id, { verb: 'startTask', input: { ...common, containerInstances: [instance], waitForRegistration: true }, at: '0s', from: new Set([t.from]), fargate: false, zones: new Set(), count: 1 });
      continue;
    }
    const launch: Json = provider !== undefined && (/^FARGATE/.test(provider) || inv.capacityProviders.some((p) => p.value['name'] === provider))
      ? { capacityProviderStrategy: [{ capacityProvider: provider, weight: 1 }] }
      : { launchType: str(v['launchType']) ?? 'EC2' };
    const input: Json = { taskDefinition: common['taskDefinition'], count: 1, ...launch, ...(common['group'] === undefined ? {} : { group: common['group'] }), ...(common['startedBy'] === undefined ? {} : { startedBy: common['startedBy'] }) };
    const id = JSON.stringify(input);
    const same = standalone.get(id);
    // At most 10 tasks per RunTask call (ecs-facts T-106).
    if (same !== undefined && same.count < 10) {
      same.count += 1;
      same.input['count'] = same.count;
      same.from.add(t.from);
      if (zone !== undefined) same.zones.add(zone);
    } else {
      // A full call is set aside under its own key; the next tasks of its kind fill a new one.
      if (same !== undefined) {
        standalone.delete(id);
        standalone.set(`${id}#${standalone.size}`, same);
      }
      standalone.set(id, { verb: 'runTask', input, at: fargate ? '0s' : EC2_RUN_TASK_AT, from: new Set([t.from]), fargate, zones: new Set(zone === undefined ? [] : [zone]), count: 1 });
    }
  }
  if (stopping.length > 0) inv.ignored.push(`${andList([...new Set(stopping)])}: ${stopping.length} task${stopping.length === 1 ? '' : 's'} stopping or stopped`);
  for (const [name, tasks] of [...byService].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const service = services.find((s) => s['serviceName'] === name);
    const from = andList([...new Set(tasks.map((t) => t.from))]);
    if (service === undefined) {
      inv.ignored.push(`${from}: ${tasks.length} task${tasks.length === 1 ? '' : 's'} of service ${name} (the service is not among the imported ones)`);
      continue;
    }
    const revisionOf = (ref: string): string => {
      const parsed = parseTaskDefinitionArn(ref);
      return familyOf(ref) ?? (parsed === undefined ? ref : `${parsed.family}:${parsed.revision ?? '?'}`);
    };
    const revisions = [...new Set(tasks.map((t) => revisionOf(str(t.value['taskDefinitionArn']) ?? '?')))].sort();
    const own = familyOf(str(service['taskDefinition']) ?? '');
    const older = revisions.filter((r) => r !== own);
    inv.assumed.push(
      `${from}: service ${name} had ${tasks.length} task${tasks.length === 1 ? '' : 's'} running (${revisions.join(', ')}); the scenario starts its desiredCount ${num(service['desiredCount']) ?? '?'} at 0s and ECS places them by the service's strategy (the service scheduler owns its tasks: ecs-sim does not adopt running ones)${older.length > 0 ? `; ${older.join(', ')} ${older.length === 1 ? 'is' : 'are'} not its revision: a deployment was under way, and every task starts at ${own}` : ''}`,
    );
  }
  // Each call is labelled after its family, so the run's tasks say which they are.
  const labels = new Set<string>();
  const reruns = [...standalone.values()].map((r): RerunTask => {
    const base = refName((parseTaskDefinitionArn(String(r.input['taskDefinition']))?.family ?? String(r.input['taskDefinition']).split(':')[0]) as string);
    let label = base;
    for (let n = 2; labels.has(label); n++) label = `${base}-${n}`;
    labels.add(label);
    return { at: r.at, verb: r.verb, input: { ...r.input, label }, from: andList([...r.from]), count: r.count, fargate: r.fargate, fargateZones: r.fargate ? [...r.zones].sort() : [] };
  });
  if (onInstances > 0) {
    inv.assumed.push(`standalone tasks (not a service's) that were running on an imported container instance start there again by StartTask, with their revision, group and startedBy, the moment the instance has registered (it boots at 0s, as a new one would)`);
  }
  if (reruns.some((r) => r.verb === 'runTask')) {
    inv.assumed.push(`standalone tasks (not a service's) that were running elsewhere are started again by RunTask with their revision, group and launch type: at 0s on Fargate, at ${EC2_RUN_TASK_AT} on EC2 (once the imported instances have registered); ECS places them`);
  }
  const order = (r: RerunTask): number => (r.verb === 'startTask' ? 0 : r.at === '0s' ? 1 : 2);
  return reruns.sort((a, b) => order(a) - order(b));
}

/** A target group attribute: the API's `{Key, Value}`, the value a string. */
const attributeOf = (a: Json): { Key: string; Value: string } => ({ Key: String(a['Key']), Value: typeof a['Value'] === 'string' ? a['Value'] : JSON.stringify(a['Value']) });

/**
 * A target group's attributes (describe-target-group-attributes, or a template's
 * TargetGroupAttributes) as the scenario takes them: those the model has are kept (the
 * first `keepDefaultsOfFirst` even at ELB's default, the others only when they differ from
 * it); those it refuses are named with its reason (ecs-facts I-013).
 */
export function targetGroupAttributes(targetGroup: Json, given: readonly Json[], keepDefaultsOfFirst = 0): { kept: Json[]; notModelled: string[] } {
  const base = createTargetGroupSchema.safeParse({ ...targetGroup, Attributes: [] });
  const defaults = new Map(base.success ? base.data.Attributes.map((a) => [a.Key, a.Value]) : []);
  const kept: Json[] = [];
  const notModelled: string[] = [];
  for (const [i, a] of given.map(attributeOf).entries()) {
    const one = createTargetGroupSchema.safeParse({ ...targetGroup, Attributes: [a] });
    if (!base.success || one.success) {
      if (i < keepDefaultsOfFirst || defaults.get(a.Key) !== a.Value) kept.push(a);
      continue;
    }
    const why = one.error.issues.find((i) => i.path[0] === 'Attributes')?.message ?? one.error.issues[0]?.message ?? 'refused';
    // The schema's message speaks to a scenario's author ("…; use "false", got "true""): here only its reason.
    const reason = why.replace(`${a.Key} `, '').replace(/, got ".*"$/, '').replace(/; use .*$/, '');
    notModelled.push(`${a.Key} "${a.Value}" (${reason})`);
  }
  return { kept, notModelled };
}

/** The load balancer attributes the model acts on (ecs-facts L-028, L-037): the others change nothing in a run. */
const MODELLED_LOAD_BALANCER_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  application: ['idle_timeout.timeout_seconds'],
  network: ['load_balancing.cross_zone.enabled'],
};

/**
 * A load balancer's attributes (describe-load-balancer-attributes, or a template's
 * LoadBalancerAttributes) as the scenario takes them (ecs-facts I-017): those the model acts
 * on (an ALB's idle timeout, an NLB's cross-zone load balancing) are kept when they differ
 * from ELB's default; every other one is named, with its value, as not modelled (deletion
 * protection, access logs, HTTP/2, WAF fail-open …), or with the reason the model refuses it.
 */
export function loadBalancerAttributes(lb: { readonly Name: string; readonly Type: unknown }, given: readonly Json[]): { kept: Json[]; notModelled: string[] } {
  const shape = { Name: lb.Name, Type: lb.Type, AvailabilityZones: ['zone-a', 'zone-b'] };
  const base = createLoadBalancerSchema.safeParse({ ...shape, Attributes: [] });
  const defaults = new Map(base.success ? base.data.Attributes.map((a) => [a.Key, a.Value]) : []);
  const modelled = MODELLED_LOAD_BALANCER_ATTRIBUTES[String(lb.Type)] ?? [];
  const kept: Json[] = [];
  const notModelled: string[] = [];
  for (const a of given.map(attributeOf)) {
    const one = createLoadBalancerSchema.safeParse({ ...shape, Attributes: [a] });
    if (!one.success) {
      const why = one.error.issues.find((i) => i.path[0] === 'Attributes')?.message ?? one.error.issues[0]?.message ?? 'refused';
      notModelled.push(`${a.Key} "${a.Value}" (${why.replace(`${a.Key} `, '').replace(/, got ".*"$/, '').replace(/^unknown load balancer attribute .*$/, 'not modelled')})`);
      continue;
    }
    if (!modelled.includes(a.Key)) {
      notModelled.push(`${a.Key} "${a.Value}" (not modelled)`);
      continue;
    }
    if (defaults.get(a.Key) !== a.Value) kept.push(a);
  }
  return { kept, notModelled };
}

const PUT_SCHEDULED_ACTION_FIELDS = ['ServiceNamespace', 'ScheduledActionName', 'ResourceId', 'ScalableDimension', 'Schedule', 'Timezone', 'StartTime', 'EndTime', 'ScalableTargetAction'];

/** An ISO date-time with an offset (the AWS CLI v2 prints `2024-06-01T08:00:00+00:00`) → epoch seconds; others as they are. */
function timestamp(v: unknown): unknown {
  if (typeof v !== 'string' || !/[+-]\d{2}:?\d{2}$/.test(v)) return v;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms / 1000 : v;
}

/**
 * A describe-scheduled-actions `ScheduledAction` (or a template's, with its target's fields)
 * → PutScheduledAction input (ecs-facts A-015, I-014), or why it is not imported.
 */
export function scheduledAction(a: Json, scalableTargets: readonly Json[]): Json | string {
  if (a['ServiceNamespace'] !== 'ecs') return `${str(a['ServiceNamespace']) ?? '?'}: only ECS services are modelled`;
  if (!scalableTargets.some((t) => t['ResourceId'] === a['ResourceId'])) return `its scalable target ${str(a['ResourceId']) ?? '?'} is not among the imported ones`;
  const tz = str(a['Timezone']);
  if (tz !== undefined && tz !== 'UTC' && tz !== 'Etc/UTC') return `time zone ${tz}: only UTC is modelled`;
  const { kept } = pick(a, PUT_SCHEDULED_ACTION_FIELDS);
  if (kept['StartTime'] !== undefined) kept['StartTime'] = timestamp(kept['StartTime']);
  if (kept['EndTime'] !== undefined) kept['EndTime'] = timestamp(kept['EndTime']);
  if (isObject(kept['ScalableTargetAction'])) kept['ScalableTargetAction'] = pick(kept['ScalableTargetAction'], ['MinCapacity', 'MaxCapacity']).kept;
  return kept;
}
