import type { FieldPath, Issue } from '../../issues/index.js';

/**
 * What `ecs-sim import` found, in the AWS APIs' own shapes, whatever it was read from (a
 * folder of AWS CLI outputs or a CloudFormation template). Each item remembers where it
 * came from, so the written scenario can say so; `ignored` collects what was not mapped,
 * each with its reason, so nothing is dropped silently.
 */

export type Json = Record<string, unknown>;

export interface Item<T = Json> {
  readonly value: T;
  /** A file name, or `template.yaml: LogicalId`. */
  readonly from: string;
  /** An issue at `path` inside this item, located in its file. */
  readonly issue: (path: FieldPath, message: string) => Issue;
}

/** Makes items of one input: `at` is the item's path in the file. */
export type ItemMaker = <T>(value: T, at: FieldPath) => Item<T>;

export interface ContainerInstanceInfo {
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly status: string;
  readonly agentConnected: boolean;
  /** Custom attributes (not `ecs.*`), as name → value. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly capacityProviderName: string | undefined;
  readonly osType: string | undefined;
  /** registeredResources CPU and MEMORY, for a type the built-in table lacks. */
  readonly registeredCpu: number | undefined;
  readonly registeredMemory: number | undefined;
  /** The EC2 instance: an Auto Scaling group's output names its instances by this id. */
  readonly ec2InstanceId?: string | undefined;
  /** describe-tasks names a task's instance by this ARN. */
  readonly containerInstanceArn?: string | undefined;
}

export interface ClusterInfo {
  readonly name: string;
  readonly containerInsights: string | undefined;
  readonly capacityProviders: readonly string[];
  readonly defaultCapacityProviderStrategy: readonly Json[];
}

/** An EC2 Auto Scaling group (describe-auto-scaling-groups, or a template's AWS::AutoScaling::AutoScalingGroup). */
export interface AutoScalingGroupInfo {
  readonly name: string;
  /** AutoScalingGroupARN (CLI output): a capacity provider names its group by it. */
  readonly arn?: string | undefined;
  /** Known from the input itself (a template's launch template, a mixed instances policy's overrides). */
  readonly instanceType: string | undefined;
  /** A mixed instances policy's overrides, in priority order: each type and its WeightedCapacity (units per instance, default 1). */
  readonly overrides?: readonly { readonly instanceType: string; readonly weight: number }[] | undefined;
  /** The launch template the group launches from, to look up in describe-launch-template-versions output. */
  readonly launchTemplate?: { readonly id?: string | undefined; readonly name?: string | undefined; readonly version?: string | undefined } | undefined;
  /** The group's instances (CLI output): id, and type and zone when printed. */
  readonly instances?: readonly { readonly id: string; readonly instanceType: string | undefined; readonly availabilityZone: string | undefined }[] | undefined;
  readonly availabilityZones: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number | undefined;
}

export interface Inventory {
  region: string | undefined;
  accountId: string | undefined;
  clusters: Item<ClusterInfo>[];
  /** DescribeServices `Service` objects. */
  services: Item[];
  /** Task definition documents (describe-task-definition's `taskDefinition`). */
  taskDefinitions: Item[];
  containerInstances: Item<ContainerInstanceInfo>[];
  /** DescribeCapacityProviders `CapacityProvider` objects. */
  capacityProviders: Item[];
  autoScalingGroups: Item<AutoScalingGroupInfo>[];
  /** Launch template versions (describe-launch-template-versions): their InstanceType. */
  launchTemplateVersions: Item<{ readonly id: string; readonly name: string | undefined; readonly version: number; readonly isDefault: boolean; readonly instanceType: string | undefined }>[];
  /** DescribeTasks `Task` objects: the tasks running now. */
  tasks: Item[];
  /** describe-target-group-attributes output, wrapped with its group's ARN: `{TargetGroupArn, Attributes}`. */
  targetGroupAttributes: Item<{ readonly TargetGroupArn: string; readonly Attributes: readonly Json[] }>[];
  /** describe-load-balancer-attributes output, wrapped with its load balancer's ARN: `{LoadBalancerArn, Attributes}` (ecs-facts I-017). */
  loadBalancerAttributes: Item<{ readonly LoadBalancerArn: string; readonly Attributes: readonly Json[] }>[];
  /** PutScheduledAction-shaped scheduled actions (describe-scheduled-actions, or a template's ScalableTarget.ScheduledActions). */
  scheduledActions: Item[];
  /** DescribeTargetGroups `TargetGroup` objects. */
  targetGroups: Item[];
  /** DescribeLoadBalancers `LoadBalancer` objects. */
  loadBalancers: Item[];
  /** DescribeListeners `Listener` objects. */
  listeners: Item[];
  /** DescribeRules `Rule` objects, with `ListenerArn` added (from the rule's ARN or the template). */
  rules: Item[];
  /** DescribeScalableTargets `ScalableTarget` objects. */
  scalableTargets: Item[];
  /** DescribeScalingPolicies `ScalingPolicy` objects. */
  scalingPolicies: Item[];
  /** DescribeAlarms `MetricAlarm` objects. */
  alarms: Item[];
  /** Subnet id → Availability Zone (describe-subnets, or template subnets). */
  subnets: Map<string, string>;
  /** Each input read: what it was recognised as and how many items it held. */
  read: { readonly from: string; readonly kind: string; readonly count: number }[];
  /** What was not mapped, and why: one line each. */
  ignored: string[];
  /** What was assumed where the input says nothing: one line each. */
  assumed: string[];
}

export function emptyInventory(): Inventory {
  return {
    region: undefined,
    accountId: undefined,
    clusters: [],
    services: [],
    taskDefinitions: [],
    containerInstances: [],
    capacityProviders: [],
    autoScalingGroups: [],
    launchTemplateVersions: [],
    tasks: [],
    targetGroupAttributes: [],
    loadBalancerAttributes: [],
    scheduledActions: [],
    targetGroups: [],
    loadBalancers: [],
    listeners: [],
    rules: [],
    scalableTargets: [],
    scalingPolicies: [],
    alarms: [],
    subnets: new Map(),
    read: [],
    ignored: [],
    assumed: [],
  };
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const objects = (v: unknown): Json[] => list(v).filter(isObject);

/** A copy without `null`s and empty lists and objects, as console exports are full of them. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[k] = withoutNulls(v);
  }
  return out;
}

/** Keeps `keys` of `value` (in the order given); returns the kept object and the other keys present. */
export function pick(value: Json, keys: readonly string[]): { kept: Json; dropped: string[] } {
  const kept: Json = {};
  for (const k of keys) if (value[k] !== undefined && value[k] !== null) kept[k] = value[k];
  const dropped = Object.keys(value).filter((k) => !keys.includes(k) && value[k] !== null && value[k] !== undefined);
  return { kept, dropped };
}

/** `arn:aws:<service>:<region>:<account>:…` → region and account, when both look real. */
export function arnParts(arn: string): { region: string; accountId: string } | undefined {
  const m = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):(\d{12}):/.exec(arn);
  return m === null ? undefined : { region: m[1] as string, accountId: m[2] as string };
}

/** Notes the account's region and id from the first real ARN seen. */
export function noteArn(inv: Inventory, arn: unknown): void {
  if (typeof arn !== 'string' || inv.region !== undefined) return;
  const parts = arnParts(arn);
  if (parts === undefined) return;
  inv.region = parts.region;
  inv.accountId = parts.accountId;
}

/** "a, b and c" */
export function andList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] as string}`;
}
