import { andList, isObject, list, noteArn, objects, str, num, withoutNulls, type AutoScalingGroupInfo, type Inventory, type Item, type ItemMaker, type Json } from './inventory.js';

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

/**
 * The reader most outputs need: every item of the list under `key` (nulls dropped), its
 * ARN (`arnKey`) noted for the account and region, mapped (`map`, default as it is) and
 * added to its inventory list (`into`); with `failures`, the output's failures are listed.
 */
function listed<T>(command: string, key: string, itemKey: string, options: { into: (inv: Inventory) => Item<T>[]; map: (item: Json) => T; arnKey?: string; failures?: boolean }): CliOutputKind {
  return {
    command,
    matches: listOf(key, itemKey),
    add(inv, doc, from, item) {
      const items = objects(doc[key]).map(clean);
      items.forEach((v, i) => {
        if (options.arnKey !== undefined) noteArn(inv, v[options.arnKey]);
        options.into(inv).push(item(options.map(v), [key, i]));
      });
      if (options.failures === true) failures(inv, doc, from);
      return items.length;
    },
  };
}
const asIs = (v: Json): Json => v;

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
  // ecs-facts S-124, S-125
  listed('aws ecs describe-services', 'services', 'serviceArn', { into: (inv) => inv.services, map: asIs, arnKey: 'serviceArn', failures: true }),
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
  listed('aws ecs describe-capacity-providers', 'capacityProviders', 'capacityProviderArn', { into: (inv) => inv.capacityProviders, map: asIs, arnKey: 'capacityProviderArn' }),
  // ecs-facts I-010
  listed('aws ecs describe-tasks', 'tasks', 'taskArn', { into: (inv) => inv.tasks, map: asIs, arnKey: 'taskArn', failures: true }),
  // ecs-facts I-011
  listed('aws autoscaling describe-auto-scaling-groups', 'AutoScalingGroups', 'AutoScalingGroupName', { into: (inv) => inv.autoScalingGroups, map: autoScalingGroupInfo, arnKey: 'AutoScalingGroupARN' }),
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
  // ecs-facts I-004
  listed('aws elbv2 describe-load-balancers', 'LoadBalancers', 'LoadBalancerArn', { into: (inv) => inv.loadBalancers, map: asIs, arnKey: 'LoadBalancerArn' }),
  // ecs-facts I-003
  listed('aws elbv2 describe-target-groups', 'TargetGroups', 'TargetGroupArn', { into: (inv) => inv.targetGroups, map: asIs, arnKey: 'TargetGroupArn' }),
  // ecs-facts I-005
  listed('aws elbv2 describe-listeners', 'Listeners', 'ListenerArn', { into: (inv) => inv.listeners, map: asIs }),
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
    // As the target group's: the output has no ARN, the collection script adds it with jq (ecs-facts I-017).
    command: 'aws elbv2 describe-load-balancer-attributes (with its LoadBalancerArn)',
    matches: (doc) => typeof doc['LoadBalancerArn'] === 'string' && Array.isArray(doc['Attributes']),
    add(inv, doc, _from, item) {
      const attributes = objects(doc['Attributes']).map(clean);
      inv.loadBalancerAttributes.push(item({ LoadBalancerArn: doc['LoadBalancerArn'] as string, Attributes: attributes }, []));
      return attributes.length;
    },
  },
  {
    command: 'aws elbv2 describe-target-group-attributes (no TargetGroupArn)',
    matches: (doc) => Object.keys(doc).length === 1 && listOf('Attributes', 'Key')(doc),
    add(inv, doc, from, _item) {
      const n = list(doc['Attributes']).length;
      inv.ignored.push(`${from}: ${n} attributes of a target group or load balancer the output does not name; save them as {"TargetGroupArn": ..., "Attributes": [...]} or {"LoadBalancerArn": ..., "Attributes": [...]} (the README's collection script does, with jq)`);
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
  // ecs-facts I-006
  listed('aws application-autoscaling describe-scalable-targets', 'ScalableTargets', 'ResourceId', { into: (inv) => inv.scalableTargets, map: asIs }),
  listed('aws application-autoscaling describe-scaling-policies', 'ScalingPolicies', 'PolicyName', { into: (inv) => inv.scalingPolicies, map: asIs, arnKey: 'PolicyARN' }),
  // ecs-facts I-014
  listed('aws application-autoscaling describe-scheduled-actions', 'ScheduledActions', 'ScheduledActionName', { into: (inv) => inv.scheduledActions, map: asIs }),
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
    overrides: mixedOverrides(mixed === undefined ? [] : objects(mixed['Overrides'])),
    launchTemplate: spec === undefined ? undefined : { id: str(spec['LaunchTemplateId']), name: str(spec['LaunchTemplateName']), version: spec['Version'] === undefined ? undefined : String(spec['Version']) },
    instances: objects(g['Instances']).map((i) => ({ id: str(i['InstanceId']) ?? '', instanceType: str(i['InstanceType']), availabilityZone: str(i['AvailabilityZone']) })),
    availabilityZones: list(g['AvailabilityZones']).filter((z): z is string => typeof z === 'string').sort(),
    minSize: num(g['MinSize']) ?? 0,
    maxSize: num(g['MaxSize']) ?? 0,
    desiredCapacity: num(g['DesiredCapacity']),
  };
}

/** A mixed instances policy's overrides with an InstanceType, and their WeightedCapacity (a string in the API, "1" to "999"; default 1). */
export function mixedOverrides(overrides: readonly Json[]): { instanceType: string; weight: number }[] {
  return overrides.flatMap((o) => {
    const instanceType = str(o['InstanceType']);
    const weight = Number(o['WeightedCapacity'] ?? 1);
    return instanceType === undefined ? [] : [{ instanceType, weight: Number.isInteger(weight) && weight >= 1 ? weight : 1 }];
  });
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
