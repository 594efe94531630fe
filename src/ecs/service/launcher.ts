import type { Simulation } from '../../engine/simulation.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { PlacementDecision, PlacementStrategy } from '../placement/framework.js';
import type { TaskRecord } from '../task/task-record.js';
import type { LaunchOptions, LaunchResult, Registered, RunTaskFailure } from '../types.js';
import type { Deployment, Service } from './service.js';

/**
 * How the service scheduler starts tasks: placed by the service's strategies (AZ spread
 * by default, ecs-facts S-007, S-009), within the launch rate (T-094), with ECS's event
 * when a task cannot be placed, said once per cause (S-029 to S-031, S-059, S-065).
 */

/** ecs-facts S-007, S-009: a service with no strategy spreads over AZs, then instances. */
export const SERVICE_DEFAULT_STRATEGY: readonly PlacementStrategy[] = [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }];

/** ecs-facts T-094: launches per minute per service (2023 figures). */
const LAUNCHES_PER_MINUTE = { EC2: 250, EXTERNAL: 250, FARGATE: 500 } as const;

/** How long after a failed placement the scheduler tries again. Assumption: ECS documents none. */
export const PLACEMENT_RETRY_MS = 30_000;

interface Bucket {
  tokens: number;
  atMs: number;
}

/** What launching asks of the control plane. */
export interface LauncherHost {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  resolve(reference: string): Registered | undefined;
  launch(registered: Registered, options: LaunchOptions): LaunchResult;
  unableToPlace(service: Service, decision: PlacementDecision | undefined, failures: readonly RunTaskFailure[]): string;
}

export class ServiceLauncher {
  private readonly buckets = new Map<string, Bucket>();
  private readonly lastPlacementFailure = new Map<string, string>();

  constructor(
    private readonly sim: Simulation,
    private readonly host: LauncherHost,
    private readonly event: (service: Service, message: string) => void,
    private readonly poke: (service: Service, atLeastMs?: number) => void,
  ) {}

  /** The service is steady: a placement failure is said again if it comes back (S-059). */
  steady(service: Service): void {
    this.lastPlacementFailure.delete(service.serviceName);
  }

  launchReplicas(service: Service, missing: number, deployment?: Deployment): string[] {
    const started: string[] = [];
    const n = Math.min(missing, this.take(service, missing));
    for (let i = 0; i < n; i += 1) {
      const arn = this.launchOne(service, undefined, undefined, deployment);
      if (arn === undefined) break;
      started.push(arn);
    }
    if (n < missing) this.poke(service, 1_000);
    return started;
  }

  launchDaemons(service: Service, eligible: readonly ContainerInstance[], wanted: readonly TaskRecord[]): string[] {
    const covered = new Set(wanted.map((t) => t.containerInstanceArn));
    const started: string[] = [];
    for (const instance of eligible) {
      if (covered.has(instance.containerInstanceArn)) continue;
      const arn = this.launchOne(service, [instance]);
      if (arn !== undefined) started.push(arn);
    }
    return started;
  }

  /** Launches one task; on failure writes ECS's placement event (once per cause) and retries later. */
  launchOne(service: Service, instances: readonly ContainerInstance[] | undefined, failureMessage?: string, deployment?: Deployment): string | undefined {
    // New tasks run the PRIMARY deployment's task definition (a blue/green deployment also replaces blue's, for blue).
    const primary = deployment ?? service.primary;
    const registered = primary === undefined ? undefined : this.host.resolve(primary.taskDefinition);
    if (registered === undefined || primary === undefined) return undefined;
    const launched = this.host.launch(registered, {
      launchType: service.spec.launchType,
      ...(service.spec.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: service.spec.capacityProviderStrategy }),
      group: service.group,
      label: service.serviceName,
      startedBy: primary.id,
      constraints: service.spec.placementConstraints,
      strategy: service.spec.placementStrategy.length > 0 ? service.spec.placementStrategy : service.spec.launchType === 'FARGATE' ? [] : SERVICE_DEFAULT_STRATEGY,
      ...(instances === undefined ? {} : { instances }),
    });
    if ('taskArn' in launched) {
      // The launch made the task's record (task-launcher.ts): the service keeps it with its ARN.
      const record = this.host.tasks.get(launched.taskArn);
      if (record === undefined) throw new Error(`internal: launched task ${launched.taskArn} has no record`);
      service.addLive(record);
      return launched.taskArn;
    }
    const message = failureMessage ?? this.host.unableToPlace(service, launched.decision, launched.failures);
    // The same cause is said once until placement succeeds or the service is steady (ecs-facts S-059).
    if (this.lastPlacementFailure.get(service.serviceName) !== message) {
      this.lastPlacementFailure.set(service.serviceName, message);
      this.event(service, message);
    }
    this.poke(service, PLACEMENT_RETRY_MS);
    return undefined;
  }

  /** ecs-facts T-094: launches per minute per service, as a token bucket. */
  take(service: Service, wanted: number): number {
    const rate = LAUNCHES_PER_MINUTE[service.spec.launchType];
    const bucket = this.buckets.get(service.serviceName) ?? { tokens: rate, atMs: this.sim.now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((this.sim.now - bucket.atMs) / 60_000) * rate);
    bucket.atMs = this.sim.now;
    const n = Math.min(wanted, Math.floor(bucket.tokens));
    bucket.tokens -= n;
    this.buckets.set(service.serviceName, bucket);
    return n;
  }
}
