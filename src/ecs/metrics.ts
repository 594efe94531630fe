import type { Simulation } from '../engine/index.js';
import { MinutePublisher } from '../cloudwatch/publishing.js';
import type { Dimension, MetricStore } from '../cloudwatch/metric-store.js';
import type { ControlPlane } from './control-plane.js';
import type { TaskServers } from './network/servers.js';
import type { TaskRecord } from './task/task-record.js';
import { shareInstanceCpu } from './cpu-shares.js';

/**
 * ECS's AWS/ECS metrics, published once a minute (ecs-facts C-001: "automatically sent to
 * CloudWatch in 1-minute periods"), at minute boundaries of simulated time, each datapoint
 * stamped with the start of the minute it covers (C-017).
 *
 * - **Service** `CPUUtilization` / `MemoryUtilization` (`ClusterName, ServiceName`, C-003):
 *   one sample per RUNNING task of the service (C-005: SampleCount per minute is the
 *   number of RUNNING tasks), the task's use over the minute × 100 / its task-level
 *   reservation. With equal tasks, Average is then exactly "total CPU units used by tasks
 *   in service × 100 / (CPU units in task definition × number of tasks)"; Sum, Minimum
 *   and Maximum work as CloudWatch's do. A service with no RUNNING task at the minute's
 *   end puts nothing (C-001): no datapoint.
 * - **A task's use** comes from its containers' request servers (`TaskServer.usage()`
 *   integrals over the minute; each server's CPU % is already a share of the task's CPU,
 *   so a task's servers add up, and may pass 100% only without task-level `cpu`, C-004). A server that started during
 *   the minute counts from its start, the rest of the minute as idle. **A task with no
 *   server model reports 0% CPU and 0% memory**: the model does not know what it does.
 *   Memory: the servers' average MiB ÷ the task's memory.
 * - **Cluster** `CPUUtilization` / `MemoryUtilization` (`ClusterName`, C-003): used ÷
 *   registered of the EC2 container instances that are ACTIVE or DRAINING; one sample a
 *   minute; none for a cluster with no such instance (Fargate only).
 * - **Cluster** `CPUReservation` / `MemoryReservation` (`ClusterName`, C-002): reserved
 *   (registered − remaining) × 100 / registered over ACTIVE and DRAINING instances.
 */
const NS = 'AWS/ECS';
const INSIGHTS = 'ECS/ContainerInsights';

/**
 * The control plane's tasks that are not STOPPED, in the order the control plane created
 * them (its `tasks` map's order, which the published samples follow, so sums come out
 * bit-identical), kept without a scan of every task the cluster ever ran: a live iterator
 * over the map picks up the tasks created since the last call (a Map iterator visits
 * entries added after it was made, as long as it never reports `done`: it is advanced only
 * while the map has entries it has not seen), and a task is dropped once it is stopped for
 * good: lastStatus and desiredStatus both STOPPED (the control plane sets both, and no
 * report moves a STOPPED task again). Cost per call: the live tasks plus the new ones. The control
 * plane never deletes a task record.
 */
export class LiveTasks {
  private readonly live: TaskRecord[] = [];
  private seen = 0;
  private readonly fresh: Iterator<TaskRecord>;

  constructor(private readonly all: ReadonlyMap<string, TaskRecord>) {
    this.fresh = all.values();
  }

  /** The tasks not STOPPED now, oldest first; valid until the next call. */
  current(): readonly TaskRecord[] {
    while (this.seen < this.all.size) {
      const next = this.fresh.next();
      this.seen += 1;
      if (next.done === true) break;
      this.live.push(next.value);
    }
    let kept = 0;
    for (const t of this.live) if (t.lastStatus !== 'STOPPED' || t.desiredStatus !== 'STOPPED') this.live[kept++] = t;
    this.live.length = kept;
    return this.live;
  }
}

interface TaskUse {
  cpuPercent: number;
  memoryMiB: number;
}

export class EcsMetrics {
  /** Each listening server's integrals at the last minute boundary, and the minute (generation) that saw it. */
  private readonly last = new Map<object, { cpuPercentMs: number; memoryMiBMs: number; generation: number }>();
  private generation = 0;
  private readonly minutes = new MinutePublisher(this.sim, (minuteStart) => this.publish(minuteStart));

  /** Each fluid service's CPU integral at the last minute boundary. */
  private lastFluid = new Map<string, number>();

  /** The tasks to look at each minute: never the ones stopped before it. */
  private readonly liveTasks: LiveTasks;

  constructor(
    private readonly sim: Simulation,
    private readonly cp: ControlPlane,
    private readonly servers: TaskServers,
    private readonly store: MetricStore,
    /**
     * Services whose requests the fluid mode serves, by service name: each RUNNING task of
     * such a service uses the fluid model's mean CPU % per task over the minute (memory: its
     * idle servers', the fluid model has none).
     */
    private readonly fluid: ReadonlyMap<string, { cpuPercentMsAt(tMs: number): number }> = new Map(),
    /** The cluster's Container Insights setting is on: publish ECS/ContainerInsights task counts too. */
    private readonly containerInsights = false,
  ) {
    this.liveTasks = new LiveTasks(cp.tasks);
  }

  /** The service name of each task group seen (`service:<name>`), so that a minute slices no strings. */
  private readonly services = new Map<string, string | undefined>();

  private serviceOf(group: string): string | undefined {
    if (this.services.has(group)) return this.services.get(group);
    const name = group.startsWith('service:') ? group.slice('service:'.length) : undefined;
    this.services.set(group, name);
    return name;
  }

  /** Publishes at every minute boundary from the next one on. */
  start(): void {
    for (const [name, f] of this.fluid) this.lastFluid.set(name, f.cpuPercentMsAt(this.sim.now));
    this.minutes.start();
  }

  stop(): void {
    this.minutes.stop();
  }

  /** Each task's average use over [minuteStart, now), from its servers. */
  private taskUse(minuteStart: number): Map<string, TaskUse> {
    const span = this.sim.now - minuteStart;
    const use = new Map<string, TaskUse>();
    const generation = ++this.generation;
    for (const entry of this.servers.listening().values()) {
      const u = entry.server.usage();
      const before = this.last.get(entry.server);
      let t = use.get(entry.taskArn);
      if (t === undefined) {
        t = { cpuPercent: 0, memoryMiB: 0 };
        use.set(entry.taskArn, t);
      }
      t.cpuPercent += (u.cpuPercentMs - (before?.cpuPercentMs ?? 0)) / span;
      t.memoryMiB += (u.memoryMiBMs - (before?.memoryMiBMs ?? 0)) / span;
      // Updated in place: no new map of new records every minute.
      if (before === undefined) this.last.set(entry.server, { cpuPercentMs: u.cpuPercentMs, memoryMiBMs: u.memoryMiBMs, generation });
      else {
        before.cpuPercentMs = u.cpuPercentMs;
        before.memoryMiBMs = u.memoryMiBMs;
        before.generation = generation;
      }
    }
    // A server no longer listening is forgotten (were it to listen again, it would count from 0, as before).
    for (const [server, integrals] of this.last) if (integrals.generation !== generation) this.last.delete(server);
    return use;
  }

  /**
   * ECS/ContainerInsights' counts (ecs-facts C-007), as they stand at the minute's end: per
   * service (ServiceName, ClusterName) RunningTaskCount, PendingTaskCount, DesiredTaskCount,
   * DeploymentCount and TaskSetCount; per cluster ServiceCount, TaskCount (RUNNING tasks)
   * and ContainerInstanceCount (ACTIVE or DRAINING instances). Assumption: an ECS-controller
   * service has one task set per listed deployment (its events name deployments as task
   * sets, L-048).
   */
  private publishContainerInsights(minuteStart: number, clusterDims: readonly Dimension[]): void {
    const scheduler = this.cp.scheduler;
    let services = 0;
    for (const name of [...scheduler.services.keys()].sort()) {
      const service = scheduler.services.get(name);
      if (service === undefined || service.status === 'INACTIVE') continue;
      services += 1;
      const counts = scheduler.counts(service);
      const deployments = service.deployments.filter((d) => d.status !== 'INACTIVE').length;
      const dims: Dimension[] = [...clusterDims, { Name: 'ServiceName', Value: name }];
      const put = (metric: string, value: number): void => this.store.putMetricData(INSIGHTS, metric, dims, value, minuteStart, 'Count');
      put('RunningTaskCount', counts.runningCount);
      put('PendingTaskCount', counts.pendingCount);
      put('DesiredTaskCount', service.result(counts).desiredCount);
      put('DeploymentCount', deployments);
      put('TaskSetCount', deployments);
    }
    const running = this.cp.taskCount('RUNNING');
    let instances = 0;
    for (const i of this.cp.instances) if (i.status === 'ACTIVE' || i.status === 'DRAINING') instances += 1;
    this.store.putMetricData(INSIGHTS, 'ServiceCount', clusterDims, services, minuteStart, 'Count');
    this.store.putMetricData(INSIGHTS, 'TaskCount', clusterDims, running, minuteStart, 'Count');
    this.store.putMetricData(INSIGHTS, 'ContainerInstanceCount', clusterDims, instances, minuteStart, 'Count');
  }

  /**
   * ecs-facts C-004: with task-level `cpu` a task's containers share that limit, so its CPU
   * cannot pass 100% of it however many servers it has; with container-level `cpu` only
   * (EC2), containers may use the instance's unreserved CPU and the task may pass 100%.
   */
  private hasTaskLevelCpu(task: TaskRecord): boolean {
    return this.cp.resolve(task.taskDefinitionArn)?.definition.cpu !== undefined;
  }

  /**
   * EF-003: tasks on one EC2 instance that together ask for more CPU than it registered
   * share it by their CPU shares (`shareInstanceCpu`); below that, each gets what it asks,
   * so a task without task-level `cpu` may pass 100% of its reservation (C-004). Applied to
   * the minute's averages, as the agent reports one aggregated point a minute (C-004):
   * contention inside a minute that the average hides is not modelled. Rewrites `uses`.
   */
  private shareInstances(running: readonly TaskRecord[], uses: TaskUse[]): void {
    const byInstance = new Map<string, number[]>();
    for (let k = 0; k < running.length; k += 1) {
      const arn = (running[k] as TaskRecord).containerInstanceArn;
      if (arn === undefined || (running[k] as TaskRecord).launchType !== 'EC2') continue;
      const list = byInstance.get(arn);
      if (list === undefined) byInstance.set(arn, [k]);
      else list.push(k);
    }
    if (byInstance.size === 0) return;
    for (const instance of this.cp.instances) {
      const ks = byInstance.get(instance.containerInstanceArn);
      if (ks === undefined) continue;
      const shares = ks.map((k) => Number((running[k] as TaskRecord).cpu));
      const demands = ks.map((k, j) => ((uses[k] as TaskUse).cpuPercent * (shares[j] as number)) / 100);
      const given = shareInstanceCpu(instance.registered.cpu, demands, shares);
      ks.forEach((k, j) => {
        if (given[j] === demands[j]) return;
        const cpu = shares[j] as number;
        uses[k] = { cpuPercent: cpu > 0 ? ((given[j] as number) * 100) / cpu : 0, memoryMiB: (uses[k] as TaskUse).memoryMiB };
      });
    }
  }

  private publish(minuteStart: number): void {
    const cluster = this.cp.clusterName;
    const clusterDims: Dimension[] = [{ Name: 'ClusterName', Value: cluster }];
    const use = this.taskUse(minuteStart);
    const fluidCpu = new Map<string, number>();
    for (const [name, f] of this.fluid) {
      const now = f.cpuPercentMsAt(this.sim.now);
      fluidCpu.set(name, (now - (this.lastFluid.get(name) ?? 0)) / (this.sim.now - minuteStart));
      this.lastFluid.set(name, now);
    }
    // Each RUNNING task's use: what its servers asked for, capped at a task-level `cpu` (C-004).
    const running: TaskRecord[] = [];
    const uses: TaskUse[] = [];
    for (const task of this.liveTasks.current()) {
      if (task.lastStatus !== 'RUNNING') continue;
      const name = this.serviceOf(task.group);
      const fluidPercent = name === undefined ? undefined : fluidCpu.get(name);
      // A fluid-served task's request servers see no requests (the fluid model serves them), so its use is the fluid model's.
      const served = use.get(task.taskArn);
      const raw = fluidPercent !== undefined ? { cpuPercent: fluidPercent, memoryMiB: served?.memoryMiB ?? 0 } : (served ?? { cpuPercent: 0, memoryMiB: 0 });
      running.push(task);
      uses.push(raw.cpuPercent > 100 && this.hasTaskLevelCpu(task) ? { cpuPercent: 100, memoryMiB: raw.memoryMiB } : raw);
    }
    this.shareInstances(running, uses);
    let usedCpu = 0;
    let usedMemory = 0;
    const byService = new Map<string, { cpu: number[]; memory: number[] }>();
    for (let k = 0; k < running.length; k += 1) {
      const task = running[k] as TaskRecord;
      const u = uses[k] as TaskUse;
      const name = this.serviceOf(task.group);
      const cpu = Number(task.cpu);
      const memory = Number(task.memory);
      if (task.launchType === 'EC2') {
        usedCpu += (u.cpuPercent * cpu) / 100;
        usedMemory += u.memoryMiB;
      }
      if (name === undefined) continue;
      let s = byService.get(name);
      if (s === undefined) {
        s = { cpu: [], memory: [] };
        byService.set(name, s);
      }
      s.cpu.push(u.cpuPercent);
      s.memory.push(memory > 0 ? (u.memoryMiB * 100) / memory : 0);
    }
    // C-001/C-003/C-005: one sample per RUNNING task; no task, no datapoint.
    for (const name of [...byService.keys()].sort()) {
      const s = byService.get(name) as { cpu: number[]; memory: number[] };
      const dims: Dimension[] = [...clusterDims, { Name: 'ServiceName', Value: name }];
      this.store.putMetricValues(NS, 'CPUUtilization', dims, s.cpu, minuteStart, 'Percent');
      this.store.putMetricValues(NS, 'MemoryUtilization', dims, s.memory, minuteStart, 'Percent');
    }
    if (this.containerInsights) this.publishContainerInsights(minuteStart, clusterDims);
    // C-002/C-003: EC2 instances that are ACTIVE or DRAINING.
    let registeredCpu = 0;
    let registeredMemory = 0;
    let reservedCpu = 0;
    let reservedMemory = 0;
    for (const i of this.cp.instances) {
      if (i.status !== 'ACTIVE' && i.status !== 'DRAINING') continue;
      registeredCpu += i.registered.cpu;
      registeredMemory += i.registered.memory;
      reservedCpu += i.registered.cpu - i.remaining.cpu;
      reservedMemory += i.registered.memory - i.remaining.memory;
    }
    if (registeredCpu > 0) {
      this.store.putMetricData(NS, 'CPUReservation', clusterDims, (reservedCpu * 100) / registeredCpu, minuteStart, 'Percent');
      this.store.putMetricData(NS, 'CPUUtilization', clusterDims, (usedCpu * 100) / registeredCpu, minuteStart, 'Percent');
    }
    if (registeredMemory > 0) {
      this.store.putMetricData(NS, 'MemoryReservation', clusterDims, (reservedMemory * 100) / registeredMemory, minuteStart, 'Percent');
      this.store.putMetricData(NS, 'MemoryUtilization', clusterDims, (usedMemory * 100) / registeredMemory, minuteStart, 'Percent');
    }
  }
}
