import { andList, isObject, list, noteArn, objects, str, num, withoutNulls, type AutoScalingGroupInfo, type Inventory, type ItemMaker, type Json } from './inventory.js';

/**
 * AWS CLI JSON outputs, recognised by their shape (the top-level key and what its items
 * carry), never by file name: users save them as they like. Each recogniser adds what its
 * output holds to the inventory, in the API's own shapes, and says what it left out.
 */

export interface CliOutputKind {
  /** The CLI command that prints this shape. */
  readonly command: string;
  /** True when `doc` is this command's output. */
  matches(doc: Json): boolean;
  /** Adds the output's items; returns how many. */
  add(inv: Inventory, doc: Json, from: string, item: ItemMaker): number;
}

/** Top-level `key` is a list whose items (if any) carry `itemKey`. */
const listOf = (key: string, itemKey: string) => (doc: Json): boolean => Array.isArray(doc[key]) && objects(doc[key]).every((i) => itemKey in i) && (doc[key] as unknown[]).every(isObject);

const clean = (v: unknown): Json => withoutNulls(v) as Json;

export const CLI_OUTPUT_KINDS: readonly CliOutputKind[] = [
  {
    command: 'aws ecs describe-clusters', // ecs-facts I-001
    matches: listOf('clusters', 'clusterArn'),
    add(inv, doc, _from, item) {
      const clusters = objects(doc['clusters']).map(clean);
      clusters.forEach((c, i) => {
        noteArn(inv, c['clusterArn']);
        const insights = objects(c['settings']).find((s) => s['name'] === 'containerInsights');
        inv.clusters.push(
          item(
            {
              name: str(c['clusterName']) ?? 'default',
              containerInsights: str(insights?.['value']),
              capacityProviders: list(c['capacityProviders']).filter((p): p is string => typeof p === 'string'),
              defaultCapacityProviderStrategy: objects(c['defaultCapacityProviderStrategy']),
            },
            ['clusters', i],
          ),
        );
      });
      return clusters.length;
    },
  },
  {
    command: 'aws ecs describe-services', // ecs-facts S-124, S-125
    matches: listOf('services', 'serviceArn'),
    add(inv, doc, from, item) {
      const services = objects(doc['services']).map(clean);
      services.forEach((s, i) => {
        noteArn(inv, s['serviceArn']);
        inv.services.push(item(s, ['services', i]));
      });
      failures(inv, doc, from);
      return services.length;
    },
  },
  {
    command: 'aws ecs describe-task-definition', // ecs-facts T-060
    matches: (doc) => isObject(doc['taskDefinition']) && Array.isArray((doc['taskDefinition'] as Json)['containerDefinitions']),
    add(inv, doc, from, item) {
      const td = clean(doc['taskDefinition']);
      noteArn(inv, td['taskDefinitionArn']);
      inv.taskDefinitions.push(item(td, ['taskDefinition']));
      if (list(doc['tags']).length > 0) inv.ignored.push(`${from}: tags (they change nothing in a simulation)`);
      return 1;
    },
  },
  {
    command: 'aws ecs list-task-definitions',
    matches: (doc) => Array.isArray(doc['taskDefinitionArns']),
    add(inv, doc, from, _item) {
      const n = list(doc['taskDefinitionArns']).length;
      inv.ignored.push(`${from}: ${n} task definition ARNs only; a service's task definition is imported from its describe-task-definition output`);
      return n;
    },
  },
  {
    command: 'aws ecs describe-container-instances', // ecs-facts I-002
    matches: listOf('containerInstances', 'containerInstanceArn'),
    add(inv, doc, from, item) {
      const instances = objects(doc['containerInstances']).map(clean);
      instances.forEach((ci, i) => {
        noteArn(inv, ci['containerInstanceArn']);
        // ecs-facts T-083: the built-in attributes carry the instance type, AZ and OS.
        const attrs = new Map(objects(ci['attributes']).map((a) => [str(a['name']) ?? '', str(a['value'])]));
        const custom: Record<string, string> = {};
        for (const [name, value] of attrs) if (!name.startsWith('ecs.') && !name.startsWith('com.amazonaws.') && value !== undefined) custom[name] = value;
        const resource = (name: string): number | undefined => num(objects(ci['registeredResources']).find((r) => r['name'] === name)?.['integerValue']);
        inv.containerInstances.push(
          item(
            {
            instanceType: attrs.get('ecs.instance-type') ?? '',
            availabilityZone: attrs.get('ecs.availability-zone') ?? '',
            status: str(ci['status']) ?? 'ACTIVE',
            agentConnected: ci['agentConnected'] !== false,
            attributes: custom,
            capacityProviderName: str(ci['capacityProviderName']),
            osType: attrs.get('ecs.os-type'),
            registeredCpu: resource('CPU'),
            registeredMemory: resource('MEMORY'),
            ec2InstanceId: str(ci['ec2InstanceId']),
            containerInstanceArn: str(ci['containerInstanceArn']),
            },
            ['containerInstances', i],
          ),
        );
      });
      failures(inv, doc, from);
      return instances.length;
    },
  },
  {
    command: 'aws ecs describe-capacity-providers',
    matches: listOf('capacityProviders', 'capacityProviderArn'),
    add(inv, doc, _from, item) {
      const providers = objects(doc['capacityProviders']).map(clean);
      providers.forEach((p, i) => {
        noteArn(inv, p['capacityProviderArn']);
        inv.capacityProviders.push(item(p, ['capacityProviders', i]));
      });
      return providers.length;
    },
  },
  {
    command: 'aws ecs describe-tasks', // ecs-facts I-010
    matches: listOf('tasks', 'taskArn'),
    add(inv, doc, from, item) {
      const tasks = objects(doc['tasks']).map(clean);
      tasks.forEach((t, i) => {
        noteArn(inv, t['taskArn']);
        inv.tasks.push(item(t, ['tasks', i]));
      });
      failures(inv, doc, from);
      return tasks.length;
    },
  },
  {
    command: 'aws autoscaling describe-auto-scaling-groups', // ecs-facts I-011
    matches: listOf('AutoScalingGroups', 'AutoScalingGroupName'),
    add(inv, doc, _from, item) {
      const groups = objects(doc['AutoScalingGroups']).map(clean);
      groups.forEach((g, i) => {
        noteArn(inv, g['AutoScalingGroupARN']);
        inv.autoScalingGroups.push(item(autoScalingGroupInfo(g), ['AutoScalingGroups', i]));
      });
      return groups.length;
    },
  },
  {
    command: 'aws ec2 describe-launch-template-versions', // ecs-facts I-012
    matches: listOf('LaunchTemplateVersions', 'LaunchTemplateId'),
    add(inv, doc, _from, item) {
      const versions = objects(doc['LaunchTemplateVersions']).map(clean);
      versions.forEach((v, i) => {
        const data = isObject(v['LaunchTemplateData']) ? v['LaunchTemplateData'] : {};
        inv.launchTemplateVersions.push(
          item({ id: str(v['LaunchTemplateId']) ?? '', name: str(v['LaunchTemplateName']), version: num(v['VersionNumber']) ?? 1, isDefault: v['DefaultVersion'] === true, instanceType: str(data['InstanceType']) }, ['LaunchTemplateVersions', i]),
        );
      });
      return versions.length;
    },
  },
  {
    command: 'aws elbv2 describe-load-balancers', // ecs-facts I-004
    matches: listOf('LoadBalancers', 'LoadBalancerArn'),
    add(inv, doc, _from, item) {
      const lbs = objects(doc['LoadBalancers']).map(clean);
      lbs.forEach((lb, i) => {
        noteArn(inv, lb['LoadBalancerArn']);
        inv.loadBalancers.push(item(lb, ['LoadBalancers', i]));
      });
      return lbs.length;
    },
  },
  {
    command: 'aws elbv2 describe-target-groups', // ecs-facts I-003
    matches: listOf('TargetGroups', 'TargetGroupArn'),
    add(inv, doc, _from, item) {
      const tgs = objects(doc['TargetGroups']).map(clean);
      tgs.forEach((tg, i) => {
        noteArn(inv, tg['TargetGroupArn']);
        inv.targetGroups.push(item(tg, ['TargetGroups', i]));
      });
      return tgs.length;
    },
  },
  {
    command: 'aws elbv2 describe-listeners', // ecs-facts I-005
    matches: listOf('Listeners', 'ListenerArn'),
    add(inv, doc, _from, item) {
      const listeners = objects(doc['Listeners']).map(clean);
      listeners.forEach((l, i) => inv.listeners.push(item(l, ['Listeners', i])));
      return listeners.length;
    },
  },
  {
    command: 'aws elbv2 describe-rules',
    matches: listOf('Rules', 'RuleArn'),
    add(inv, doc, _from, item) {
      const rules = objects(doc['Rules']).map(clean);
      rules.forEach((r, i) => {
        // describe-rules prints no ListenerArn: a rule's ARN is its listener's with the rule id added (ecs-facts I-005).
        const arn = str(r['RuleArn']) ?? '';
        const listenerArn = arn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');
        inv.rules.push(item({ ...r, ListenerArn: listenerArn }, ['Rules', i]));
      });
      return rules.length;
    },
  },
  {
    // The output has no ARN; the collection script wraps it with jq (README), ecs-facts I-013.
    command: 'aws elbv2 describe-target-group-attributes (with its TargetGroupArn)',
    matches: (doc) => typeof doc['TargetGroupArn'] === 'string' && Array.isArray(doc['Attributes']),
    add(inv, doc, _from, item) {
      const attributes = objects(doc['Attributes']).map(clean);
      inv.targetGroupAttributes.push(item({ TargetGroupArn: doc['TargetGroupArn'] as string, Attributes: attributes }, []));
      return attributes.length;
    },
  },
  {
    command: 'aws elbv2 describe-target-group-attributes (no TargetGroupArn)',
    matches: (doc) => Object.keys(doc).length === 1 && listOf('Attributes', 'Key')(doc),
    add(inv, doc, from, _item) {
      const n = list(doc['Attributes']).length;
      inv.ignored.push(`${from}: ${n} attributes of a target group or load balancer the output does not name; save them as {"TargetGroupArn": ..., "Attributes": [...]} (the README's collection script does, with jq)`);
      return n;
    },
  },
  {
    command: 'aws elbv2 describe-target-health',
    matches: (doc) => Array.isArray(doc['TargetHealthDescriptions']),
    add(inv, doc, from, _item) {
      const n = list(doc['TargetHealthDescriptions']).length;
      inv.ignored.push(`${from}: ${n} target health descriptions; the simulated targets are registered and checked from the start`);
      return n;
    },
  },
  {
    command: 'aws application-autoscaling describe-scalable-targets', // ecs-facts I-006
    matches: listOf('ScalableTargets', 'ResourceId'),
    add(inv, doc, _from, item) {
      const targets = objects(doc['ScalableTargets']).map(clean);
      targets.forEach((t, i) => inv.scalableTargets.push(item(t, ['ScalableTargets', i])));
      return targets.length;
    },
  },
  {
    command: 'aws application-autoscaling describe-scaling-policies',
    matches: listOf('ScalingPolicies', 'PolicyName'),
    add(inv, doc, _from, item) {
      const policies = objects(doc['ScalingPolicies']).map(clean);
      policies.forEach((p, i) => {
        noteArn(inv, p['PolicyARN']);
        inv.scalingPolicies.push(item(p, ['ScalingPolicies', i]));
      });
      return policies.length;
    },
  },
  {
    command: 'aws application-autoscaling describe-scheduled-actions', // ecs-facts I-014
    matches: listOf('ScheduledActions', 'ScheduledActionName'),
    add(inv, doc, _from, item) {
      const actions = objects(doc['ScheduledActions']).map(clean);
      actions.forEach((a, i) => inv.scheduledActions.push(item(a, ['ScheduledActions', i])));
      return actions.length;
    },
  },
  {
    command: 'aws cloudwatch describe-alarms', // ecs-facts I-007
    matches: (doc) => Array.isArray(doc['MetricAlarms']) || Array.isArray(doc['CompositeAlarms']),
    add(inv, doc, from, item) {
      const alarms = objects(doc['MetricAlarms']).map(clean);
      alarms.forEach((a, i) => {
        noteArn(inv, a['AlarmArn']);
        inv.alarms.push(item(a, ['MetricAlarms', i]));
      });
      const composite = objects(doc['CompositeAlarms']).map((a) => str(a['AlarmName']) ?? '?');
      if (composite.length > 0) inv.ignored.push(`${from}: composite alarms ${andList(composite)} (composite alarms are not modelled)`);
      return alarms.length + composite.length;
    },
  },
  {
    command: 'aws ec2 describe-subnets', // ecs-facts I-008
    matches: listOf('Subnets', 'SubnetId'),
    add(inv, doc, _from, _item) {
      const subnets = objects(doc['Subnets']);
      for (const s of subnets) {
        const id = str(s['SubnetId']);
        const az = str(s['AvailabilityZone']);
        if (id !== undefined && az !== undefined) inv.subnets.set(id, az);
      }
      return subnets.length;
    },
  },
];

/** A describe-auto-scaling-groups `AutoScalingGroup` → what the import needs of it. */
export function autoScalingGroupInfo(g: Json): AutoScalingGroupInfo {
  const mixed = isObject(g['MixedInstancesPolicy']) && isObject(g['MixedInstancesPolicy']['LaunchTemplate']) ? g['MixedInstancesPolicy']['LaunchTemplate'] : undefined;
  const spec = mixed !== undefined && isObject(mixed['LaunchTemplateSpecification']) ? mixed['LaunchTemplateSpecification'] : isObject(g['LaunchTemplate']) ? g['LaunchTemplate'] : undefined;
  // A mixed instances policy's overrides list the types it launches; the first is its preferred one.
  const override = mixed === undefined ? undefined : objects(mixed['Overrides']).map((o) => str(o['InstanceType'])).find((t) => t !== undefined);
  return {
    name: str(g['AutoScalingGroupName']) ?? '?',
    arn: str(g['AutoScalingGroupARN']),
    instanceType: override,
    launchTemplate: spec === undefined ? undefined : { id: str(spec['LaunchTemplateId']), name: str(spec['LaunchTemplateName']), version: spec['Version'] === undefined ? undefined : String(spec['Version']) },
    instances: objects(g['Instances']).map((i) => ({ id: str(i['InstanceId']) ?? '', instanceType: str(i['InstanceType']), availabilityZone: str(i['AvailabilityZone']) })),
    availabilityZones: list(g['AvailabilityZones']).filter((z): z is string => typeof z === 'string').sort(),
    minSize: num(g['MinSize']) ?? 0,
    maxSize: num(g['MaxSize']) ?? 0,
    desiredCapacity: num(g['DesiredCapacity']),
  };
}

/** The `failures` list ECS's describe calls return: what the call could not describe. */
function failures(inv: Inventory, doc: Json, from: string): void {
  for (const f of objects(doc['failures'])) inv.ignored.push(`${from}: failure ${str(f['arn']) ?? '?'}: ${str(f['reason']) ?? '?'}${typeof f['detail'] === 'string' ? ` (${f['detail']})` : ''}`);
}

/** The kind of CLI output `doc` is, or undefined. */
export function recogniseCliOutput(doc: unknown): CliOutputKind | undefined {
  if (!isObject(doc)) return undefined;
  return CLI_OUTPUT_KINDS.find((k) => k.matches(doc));
}
