import type { Simulation } from '../../engine/simulation.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { StopCode } from '../task/lifecycle.js';
import { taskId, type TaskRecord } from '../task/task-record.js';
import { AZ_REBALANCING_MAX_STARTS_PER_STEP, AZ_REBALANCING_STOP_CODE, azOrder, isAzBalanced, rebalancingMessages, rebalancingUnsupportedBecause, type AzCounts } from './az-rebalancing.js';
import type { Service } from './service.js';
import { wantedTasks } from './service-tasks.js';

/**
 * The AZ rebalancing operation (ecs-facts S-025 to S-028; its rules in az-rebalancing.ts):
 * when a steady service's AZs are unbalanced, start tasks in the emptiest AZs and pair
 * each healthy new task with a stop in the most crowded one, until they are balanced.
 */

/** What rebalancing asks of the scheduler and the control plane. */
export interface AzRebalancerLink {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly instances: readonly ContainerInstance[];
  /** Moves whenever an instance registers or its status or agent connection changes: the zones are cached against it. */
  instancesVersion(): number;
  /** The cluster's instance with this ARN (a task's draining check looks up its own instance, not every instance). */
  instanceByArn(containerInstanceArn: string | undefined): ContainerInstance | undefined;
  meetsConstraints(instance: ContainerInstance, service: Service): boolean;
  stopTask(taskArn: string, reason: string, stopCode: StopCode): boolean;
  healthy(t: TaskRecord, service: Service): boolean;
  event(service: Service, message: string): void;
  poke(service: Service, atLeastMs?: number): void;
  /** Launch tokens (ecs-facts T-094): how many of `wanted` may start now. */
  take(service: Service, wanted: number): number;
  /** Launches one task on one of `instances`; its ARN, or undefined (after saying `failureMessage`). */
  launchOne(service: Service, instances: readonly ContainerInstance[], failureMessage: string): string | undefined;
  updateCounts(service: Service): void;
}

/** An AZ rebalancing operation in progress (ecs-facts S-027). */
interface Rebalancing {
  /** Tasks started to rebalance that no stop has yet been paired with, by ARN. */
  readonly replacements: Set<string>;
}

export class AzRebalancer {
  private readonly operations = new Map<string, Rebalancing>();
  /**
   * The AZs that can take an unconstrained service's tasks, per launch type, as of an
   * instances version: a steady service's step reads them without a pass over every
   * instance of the cluster (issue 14).
   */
  private readonly zonesByLaunchType = new Map<string, { readonly version: number; readonly zones: readonly string[] }>();

  constructor(
    private readonly sim: Simulation,
    private readonly link: AzRebalancerLink,
  ) {}

  /** Whether an operation is under way for the service (then it is not steady). */
  inProgress(service: Service): boolean {
    return this.operations.has(service.serviceName);
  }

  /**
   * Whether the scheduler rebalances this service: ENABLED and compatible. Fargate
   * services are compatible in ECS, but the model cannot yet ask Fargate for a task in a
   * given AZ (the control plane chooses), so they are left out.
   */
  private rebalances(service: Service): boolean {
    const spec = service.spec;
    return spec.availabilityZoneRebalancing === 'ENABLED' && spec.launchType === 'EC2' && rebalancingUnsupportedBecause(spec, spec.taskDefinition.placementConstraints) === undefined;
  }

  /**
   * The AZs that can take the service's tasks: those with an ACTIVE, connected instance of
   * its launch type that meets its constraints. ECS rebalances over existing instances
   * only (DG service-rebalancing.html); an AZ whose instances are all full still counts,
   * and placement there fails with the rebalancing event.
   */
  private zones(service: Service): readonly string[] {
    // Without constraints the answer depends on the launch type and the instances only: cached until one changes.
    const free = service.spec.placementConstraints.length === 0 && service.spec.taskDefinition.placementConstraints.length === 0;
    if (!free) return this.scanZones(service, false);
    const version = this.link.instancesVersion();
    const known = this.zonesByLaunchType.get(service.spec.launchType);
    if (known !== undefined && known.version === version) return known.zones;
    const zones = this.scanZones(service, true);
    this.zonesByLaunchType.set(service.spec.launchType, { version, zones });
    return zones;
  }

  private scanZones(service: Service, free: boolean): string[] {
    const zones = new Set<string>();
    for (const i of this.link.instances) {
      if (zones.has(i.availabilityZone) || i.status !== 'ACTIVE' || !i.agentConnected || i.launchType !== service.spec.launchType) continue;
      if (free || this.link.meetsConstraints(i, service)) zones.add(i.availabilityZone);
    }
    return [...zones].sort(azOrder);
  }

  /** The service's tasks meant to run, not on a DRAINING instance, per AZ in `zones` (tasks elsewhere are not counted). */
  private azCounts(service: Service, zones: readonly string[]): { counts: Map<string, number>; tasks: TaskRecord[] } {
    const counts = new Map<string, number>(zones.map((az) => [az, 0]));
    // Each task's own instance, looked up: not a pass over every instance per step.
    const tasks = wantedTasks(service).filter((t) => t.containerInstanceArn === undefined || this.link.instanceByArn(t.containerInstanceArn)?.status !== 'DRAINING');
    for (const t of tasks) {
      const n = counts.get(t.availabilityZone);
      if (n !== undefined) counts.set(t.availabilityZone, n + 1);
    }
    return { counts, tasks };
  }

  /** A steady, watched service whose AZs are not balanced, with no operation under way. */
  due(service: Service): boolean {
    if (!service.steady || service.status !== 'ACTIVE' || this.operations.has(service.serviceName) || !this.rebalances(service)) return false;
    return !isAzBalanced([...this.azCounts(service, this.zones(service)).counts]);
  }

  /**
   * How many tasks beyond the desired count an operation in progress keeps (its unpaired
   * replacements). The operation stops, as ECS says (SERVICE_REBALANCING_STOPPED), when
   * something else needs the scheduler: the service is deleted, its desired count moved,
   * a task was lost, or an instance drains. Its replacements then count as ordinary tasks,
   * and the usual scale-in (S-010) stops the extra ones from the most crowded AZ.
   */
  extra(service: Service, wanted: readonly TaskRecord[], desired: number, draining: () => boolean): number {
    const op = this.operations.get(service.serviceName);
    // Asked only while an operation is under way: whether a task is on a DRAINING instance costs a lookup per task.
    if (op === undefined) return 0;
    const alive = new Set(wanted.map((t) => t.taskArn));
    for (const arn of [...op.replacements]) if (!alive.has(arn)) op.replacements.delete(arn);
    const originals = wanted.length - op.replacements.size;
    if (service.status === 'ACTIVE' && originals === desired && !draining()) return op.replacements.size;
    this.operations.delete(service.serviceName);
    this.link.event(service, rebalancingMessages.stopped(service.serviceName));
    this.sim.trace.emit('ecs', 'azRebalancingStopped', { service: service.serviceName });
    return 0;
  }

  /**
   * One step of AZ rebalancing (DG service-rebalancing.html): once the service is steady
   * and its AZs are unbalanced, say so; start tasks in the AZs with the fewest; when a
   * new task is RUNNING and healthy (S-045), stop one in the AZ with the most; say when
   * the AZs are balanced. Starts stay within maximumPercent, counting every task not yet
   * STOPPED (S-067's RUNNING + PENDING, and the STOPPING that DG23 adds), and a stop only
   * follows a healthy new task, so healthy tasks never drop below the desired count and
   * minimumHealthyPercent holds whatever its value. A step starts as many tasks as
   * maximumPercent allows, up to AZ_REBALANCING_MAX_STARTS_PER_STEP (an assumption).
   */
  step(service: Service, steady: boolean): void {
    const name = service.serviceName;
    // S-027: watched from the steady state on.
    if ((!steady && !this.operations.has(name)) || !this.rebalances(service)) return;
    const zones = this.zones(service);
    const { counts, tasks } = this.azCounts(service, zones);
    const listed = (): AzCounts => zones.map((az) => [az, counts.get(az) ?? 0] as const);
    const maxTotal = Math.floor((service.desiredCount * service.spec.maximumPercent) / 100);
    let op = this.operations.get(name);
    if (op === undefined) {
      // Nothing to do without room to start a task before stopping one.
      if (isAzBalanced(listed()) || maxTotal <= service.desiredCount) return;
      op = { replacements: new Set() };
      this.operations.set(name, op);
      this.link.event(service, rebalancingMessages.started(name, listed()));
      this.sim.trace.emit('ecs', 'azRebalancingStarted', { service: name, counts: Object.fromEntries(listed()) });
    }

    // Pair each healthy new task with a stop in the most crowded AZ (the wait rule).
    const ready = tasks.filter((t) => op.replacements.has(t.taskArn) && this.link.healthy(t, service));
    const stopped = new Map<string, string[]>();
    const reason = rebalancingMessages.stopReason(service.primary?.id ?? 'ecs-svc/0');
    let candidates = tasks.filter((t) => !op.replacements.has(t.taskArn) && t.lastStatus === 'RUNNING' && counts.has(t.availabilityZone));
    for (const replacement of ready) {
      op.replacements.delete(replacement.taskArn);
      const victim = this.mostCrowded(candidates, counts);
      if (victim === undefined) continue;
      candidates = candidates.filter((t) => t !== victim);
      if (!this.link.stopTask(victim.taskArn, reason, AZ_REBALANCING_STOP_CODE)) continue;
      counts.set(victim.availabilityZone, (counts.get(victim.availabilityZone) ?? 1) - 1);
      stopped.set(victim.availabilityZone, [...(stopped.get(victim.availabilityZone) ?? []), taskId(victim.taskArn)]);
    }
    for (const az of [...stopped.keys()].sort(azOrder)) this.link.event(service, rebalancingMessages.tasksStopped(name, az, stopped.get(az) ?? []));

    // Start in the emptiest AZ while the AZs would stay unbalanced once every unpaired new task has its stop.
    const started = new Map<string, string[]>();
    let live = 0;
    for (const t of service.liveRecords.values()) if (t.lastStatus !== 'STOPPED') live += 1;
    const originals = new Map(zones.map((az) => [az, candidates.filter((t) => t.availabilityZone === az).length]));
    if (this.sim.now < service.throttledUntilMs) {
      this.link.poke(service, service.throttledUntilMs - this.sim.now);
    } else {
      for (let n = 0; n < AZ_REBALANCING_MAX_STARTS_PER_STEP && live < maxTotal; n += 1) {
        const projected = projectStops(counts, originals, op.replacements.size);
        if (isAzBalanced(projected)) break;
        const emptiest = projected.reduce((a, b) => (b[1] < a[1] ? b : a));
        const az = emptiest[0];
        if (this.link.take(service, 1) === 0) {
          this.link.poke(service, 1_000);
          break;
        }
        const inAz = this.link.instances.filter((i) => i.availabilityZone === az && i.status === 'ACTIVE' && i.launchType === service.spec.launchType);
        // A restricted list goes around the placement index: only rebalancing launches pass one.
        const arn = this.link.launchOne(service, inAz, rebalancingMessages.unableToPlace(name, az));
        if (arn === undefined) break;
        op.replacements.add(arn);
        counts.set(az, (counts.get(az) ?? 0) + 1);
        live += 1;
        started.set(az, [...(started.get(az) ?? []), taskId(arn)]);
      }
    }
    for (const az of [...started.keys()].sort(azOrder)) this.link.event(service, rebalancingMessages.tasksStarted(name, az, started.get(az) ?? []));
    if (started.size > 0 || stopped.size > 0) this.link.updateCounts(service);

    if (op.replacements.size === 0 && isAzBalanced(listed())) {
      this.operations.delete(name);
      this.link.event(service, rebalancingMessages.completed(name, listed()));
      this.sim.trace.emit('ecs', 'azRebalancingCompleted', { service: name, counts: Object.fromEntries(listed()) });
    }
  }

  /**
   * The task to stop for rebalancing: in the AZ with the most tasks, then on the instance
   * with the most (S-010), then the oldest; no random draw.
   */
  private mostCrowded(candidates: readonly TaskRecord[], counts: ReadonlyMap<string, number>): TaskRecord | undefined {
    const perInstance = new Map<string, number>();
    for (const t of candidates) perInstance.set(t.containerInstanceArn ?? '', (perInstance.get(t.containerInstanceArn ?? '') ?? 0) + 1);
    let best: TaskRecord | undefined;
    let bestKey: readonly [number, number] = [-1, -1];
    for (const t of candidates) {
      const key = [counts.get(t.availabilityZone) ?? 0, perInstance.get(t.containerInstanceArn ?? '') ?? 0] as const;
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
        best = t;
        bestKey = key;
      }
    }
    return best;
  }
}

/**
 * Tasks per AZ once `stops` more tasks are stopped, each from the AZ with the most tasks
 * that still has one of its original (non-replacement) tasks: what the AZs will look like
 * when every unpaired new task has been paired with its stop.
 */
function projectStops(counts: ReadonlyMap<string, number>, originals: ReadonlyMap<string, number>, stops: number): [string, number][] {
  const after = new Map(counts);
  const left = new Map(originals);
  for (let k = 0; k < stops; k += 1) {
    let from: string | undefined;
    for (const [az, n] of after) if ((left.get(az) ?? 0) > 0 && (from === undefined || n > (after.get(from) ?? 0))) from = az;
    if (from === undefined) break;
    after.set(from, (after.get(from) ?? 0) - 1);
    left.set(from, (left.get(from) ?? 0) - 1);
  }
  return [...after];
}
