import type { ContainerInstance } from '../ecs/capacity/container-instance.js';
import type { EcsModel } from '../ecs/model.js';
import type { TaskRecord } from '../ecs/task/task-record.js';
import type { ElasticLoadBalancing } from '../elb/elb.js';
import { ElbStats } from '../elb/stats.js';

/**
 * What a run used, in the units AWS bills, read from the model's final state (read-only).
 * Quantities are integers (seconds, hours) or sums of integers, so they are exact and the
 * same run always gives the same bytes.
 */

export type PurchaseOption = 'on-demand' | 'spot';

export interface Ec2Usage {
  readonly instanceType: string;
  readonly purchaseOption: PurchaseOption;
  /** `ecs.os-type`: EC2 prices in the table are Linux ones. */
  readonly osType: string;
  readonly instances: number;
  /** Billed seconds: per second with a 60 s minimum per launch (EC2_MINIMUM_BILLED_SECONDS). */
  readonly instanceSeconds: number;
}

export interface FargateUsage {
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  readonly purchaseOption: PurchaseOption;
  /** `LINUX` or `WINDOWS` (the table has Linux prices only). */
  readonly operatingSystem: 'LINUX' | 'WINDOWS';
  readonly tasks: number;
  /** Σ billed seconds × vCPUs (task cpu units / 1024). */
  readonly vcpuSeconds: number;
  /** Σ billed seconds × GB (task memory MiB / 1024). */
  readonly gbSeconds: number;
  /** Σ billed seconds × GB of ephemeral storage above the included 20 GB (ecs-facts P-003). */
  readonly ephemeralStorageGbSeconds: number;
}

export interface LoadBalancerUsage {
  readonly LoadBalancerName: string;
  readonly Type: 'application' | 'network';
  /** Billed hours: every partial hour counts as a full one (ecs-facts P-005). */
  readonly hours: number;
  /** Requests the load balancer answered, when the default stats recorder counted them (not an LCU dimension). */
  readonly requests?: number;
  /** LCU-hours (NLCU-hours for an NLB), or undefined when no dimension is modelled. */
  readonly capacityUnitHours?: number;
  /** LCU dimensions (ecs-facts P-006) the model does not measure. */
  readonly dimensionsNotModelled: readonly string[];
}

export interface Usage {
  /** The run's end, ms: the span `perHour` divides by. */
  readonly endMs: number;
  /** By instance type, then purchase option, then OS; sorted. */
  readonly ec2: readonly Ec2Usage[];
  /** EXTERNAL (ECS Anywhere) instances: no EC2 charge; seconds registered with the cluster. */
  readonly external: { readonly instances: number; readonly instanceSeconds: number };
  readonly fargate: readonly FargateUsage[];
  readonly loadBalancers: readonly LoadBalancerUsage[];
  /** What the bill would include that this usage does not measure, in words. */
  readonly notMetered: readonly string[];
}

/**
 * AWS's EC2 billing text (knowledge-center "EC2 instance-hour billing", as quoted in the
 * pages found by search): Linux instances are billed per second, "a minimum of 60 seconds
 * each time a new instance is started". Not in ecs-facts.
 */
export const EC2_MINIMUM_BILLED_SECONDS = 60;

/**
 * ecs-facts P-003: Fargate is billed per second with a 1-minute minimum; AWS's Fargate
 * pricing page (quoted on devops.stackexchange.com/q/4830) counts "from the time you start
 * to download your container image until the Amazon ECS Task terminates, rounded up to the
 * nearest second".
 */
export const FARGATE_MINIMUM_BILLED_SECONDS = 60;

/** ecs-facts P-003: 20 GB of ephemeral storage is included per task. */
export const FARGATE_INCLUDED_EPHEMERAL_GB = 20;

/**
 * ecs-facts P-006's four LCU dimensions. The ELB model counts requests only: no connections
 * (new or active), no bytes and no per-request rule evaluations, so no LCU count is derived.
 */
export const LCU_DIMENSIONS_NOT_MODELLED: readonly string[] = ['new connections per second', 'active connections per minute', 'processed bytes', 'rule evaluations per second'];

const HOUR_MS = 3_600_000;
const ceilSeconds = (ms: number): number => Math.ceil(ms / 1000);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Meters a run. Pass the model and load balancers after the run, with its end time.
 * EC2 instances bill from `launchedAtMs` to `terminatedAtMs` (or the run's end); Fargate
 * tasks from `pullStartedAt` to `stoppedAt` (or the run's end); load balancers from 0.
 */
export function meterUsage(model: EcsModel | undefined, elb: ElasticLoadBalancing | undefined, endMs: number): Usage {
  const ec2 = new Map<string, { instanceType: string; purchaseOption: PurchaseOption; osType: string; instances: number; instanceSeconds: number }>();
  const external = { instances: 0, instanceSeconds: 0 };
  for (const i of instancesOf(model)) {
    if (i.launchedAtMs === undefined || i.launchedAtMs > endMs) continue;
    const ms = Math.min(i.terminatedAtMs ?? endMs, endMs) - i.launchedAtMs;
    if (i.launchType === 'EXTERNAL') {
      // ECS Anywhere: the hardware is the user's; only ECS Anywhere's own instance-hour
      // applies. Its billing granularity was not found: plain seconds, no minimum.
      external.instances += 1;
      external.instanceSeconds += ceilSeconds(ms);
      continue;
    }
    const purchaseOption: PurchaseOption = i.instanceLifecycle === 'spot' ? 'spot' : 'on-demand';
    const osType = i.attributes['ecs.os-type'] ?? 'linux';
    const key = `${i.instanceType}|${purchaseOption}|${osType}`;
    const row = ec2.get(key) ?? { instanceType: i.instanceType, purchaseOption, osType, instances: 0, instanceSeconds: 0 };
    row.instances += 1;
    row.instanceSeconds += Math.max(EC2_MINIMUM_BILLED_SECONDS, ceilSeconds(ms));
    ec2.set(key, row);
  }

  const fargate = new Map<string, { cpuArchitecture: 'X86_64' | 'ARM64'; purchaseOption: PurchaseOption; operatingSystem: 'LINUX' | 'WINDOWS'; tasks: number; vcpuSeconds: number; gbSeconds: number; ephemeralStorageGbSeconds: number }>();
  const cp = model?.controlPlane;
  for (const t of cp?.tasks.values() ?? []) {
    if (t.launchType !== 'FARGATE' || t.pullStartedAt === undefined || t.pullStartedAt > endMs) continue;
    const definition = cp?.resolve(t.taskDefinitionArn)?.definition;
    const cpuArchitecture = definition?.runtimePlatform.cpuArchitecture ?? 'X86_64';
    const operatingSystem = (definition?.runtimePlatform.operatingSystemFamily ?? 'LINUX') === 'LINUX' ? 'LINUX' : 'WINDOWS';
    const purchaseOption: PurchaseOption = t.capacityProviderName === 'FARGATE_SPOT' ? 'spot' : 'on-demand';
    const seconds = Math.max(FARGATE_MINIMUM_BILLED_SECONDS, ceilSeconds(fargateEndMs(t, endMs) - t.pullStartedAt));
    const key = `${cpuArchitecture}|${purchaseOption}|${operatingSystem}`;
    const row = fargate.get(key) ?? { cpuArchitecture, purchaseOption, operatingSystem, tasks: 0, vcpuSeconds: 0, gbSeconds: 0, ephemeralStorageGbSeconds: 0 };
    row.tasks += 1;
    // Integer × integer / 1024 is a dyadic fraction: exact in a double, and so is the sum.
    row.vcpuSeconds += (Number(t.cpu) * seconds) / 1024;
    row.gbSeconds += (Number(t.memory) * seconds) / 1024;
    const extraGb = Math.max(0, (definition?.ephemeralStorageGiB ?? FARGATE_INCLUDED_EPHEMERAL_GB) - FARGATE_INCLUDED_EPHEMERAL_GB);
    row.ephemeralStorageGbSeconds += extraGb * seconds;
    fargate.set(key, row);
  }

  const stats = elb?.stats instanceof ElbStats ? elb.stats : undefined;
  const loadBalancers: LoadBalancerUsage[] = (elb?.loadBalancerList() ?? [])
    .map((lb) => ({
      LoadBalancerName: lb.name,
      Type: lb.type,
      // The load balancers exist from time 0 (the elb section builds them at the start).
      hours: Math.ceil(endMs / HOUR_MS),
      ...(stats === undefined ? {} : { requests: stats.loadBalancerSummary(lb.name).count }),
      dimensionsNotModelled: LCU_DIMENSIONS_NOT_MODELLED,
    }))
    .sort((a, b) => cmp(a.LoadBalancerName, b.LoadBalancerName));

  const notMetered: string[] = [];
  if (loadBalancers.length > 0) notMetered.push(`load balancer capacity units (LCU/NLCU): the ELB model does not measure ${LCU_DIMENSIONS_NOT_MODELLED.join(', ')} (ecs-facts P-006)`);
  notMetered.push('EBS volumes, data transfer, NAT gateways, public IPv4 addresses and CloudWatch (not modelled)');

  return {
    endMs,
    ec2: [...ec2.values()].sort((a, b) => cmp(a.instanceType, b.instanceType) || cmp(a.purchaseOption, b.purchaseOption) || cmp(a.osType, b.osType)),
    external,
    fargate: [...fargate.values()].sort((a, b) => cmp(a.cpuArchitecture, b.cpuArchitecture) || cmp(a.purchaseOption, b.purchaseOption) || cmp(a.operatingSystem, b.operatingSystem)),
    loadBalancers,
    notMetered,
  };
}

/**
 * Where Fargate billing stops: `stoppedAt` (the task has terminated), else the run's end.
 * Assumption: AWS says "until the Amazon ECS Task terminates"; we read that as STOPPED
 * (`stoppedAt`), not the containers' exit (`executionStoppedAt`), which is earlier.
 */
function fargateEndMs(t: TaskRecord, endMs: number): number {
  return Math.min(t.stoppedAt ?? endMs, endMs);
}

/** Every instance the run launched, once: by scenario reference, then any others the control plane knows (capacity-provider launches), in their own order. */
function instancesOf(model: EcsModel | undefined): ContainerInstance[] {
  if (model === undefined) return [];
  const seen = new Set<string>();
  const out: ContainerInstance[] = [];
  for (const i of [...model.instancesByRef.values(), ...model.controlPlane.instances]) {
    if (seen.has(i.containerInstanceArn)) continue;
    seen.add(i.containerInstanceArn);
    out.push(i);
  }
  return out;
}
