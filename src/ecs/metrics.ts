import type { Simulation } from '../engine/index.js';
import { MinutePublisher } from '../cloudwatch/publishing.js';
import type { Dimension, MetricStore } from '../cloudwatch/metric-store.js';
import type { ControlPlane } from './control-plane.js';
import type { ListeningServer, ServerWatcher, TaskServers } from './network/servers.js';
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
 * report moves a STOPPED task again). Cost per minute: the live tasks plus the new ones. The control
 * plane never deletes a task record.
 */
export class LiveTasks<I extends { readonly task: TaskRecord }> {
  private readonly live: I[] = [];
  private seen = 0;
  private readonly fresh: Iterator<TaskRecord>;

  constructor(
    private readonly all: ReadonlyMap<string, TaskRecord>,
    /** What to keep beside each task, made once when the task is first seen. */
    private readonly make: (task: TaskRecord) => I,
  ) {
    this.fresh = all.values();
  }

  /**
   * The tasks kept so far plus the ones created since, oldest first, each with what `make`
   * gave. The caller drops the `gone` ones itself (keeping the order) in the pass it makes
   * over them anyway: one pass a minute over the tasks, not two.
   */
  withNew(): I[] {
    while (this.seen < this.all.size) {
      const next = this.fresh.next();
      this.seen += 1;
      if (next.done === true) break;
      this.live.push(this.make(next.value));
    }
    return this.live;
  }

  /** Stopped for good: no report moves it again. */
  static gone(task: TaskRecord): boolean {
    return task.lastStatus === 'STOPPED' && task.desiredStatus === 'STOPPED';
  }
}

/** A task's average use over the minute just ended, summed over its counted servers; reused minute after minute while one listens. */
interface TaskUse {
  cpuPercent: number;
  memoryMiB: number;
  /** The minute (generation) these sums are for; older means the task had no counted server listening. */
  generation: number;
  /** Its counted servers listening now. */
  servers: number;
  readonly taskArn: string;
}

/** A counted server's integrals at the last minute boundary (0 when it started listening), and its task's sums. */
interface ServerMark {
  readonly server: { usage(): { readonly cpuPercentMs: number; readonly memoryMiBMs: number } };
  cpuPercentMs: number;
  memoryMiBMs: number;
  readonly task: TaskUse;
  /** False once the server stopped listening (dropped from `counted` at the next minute). */
  open: boolean;
}

/**
 * One service's samples of the minute, and its dimensions. The arrays are reused: a new
 * minute overwrites them from index 0 (`count` says how many are this minute's), and they
 * are cut to `count` only when published, so a service whose task count holds keeps its
 * arrays' storage (emptying them, `length = 0`, gave the storage up and regrew it from
 * nothing every minute: the day's largest allocation site outside CloudWatch).
 */
interface ServiceSamples {
  readonly cpu: number[];
  readonly memory: number[];
  readonly dims: readonly Dimension[];
  generation: number;
  count: number;
}

const NO_USE: TaskUse = { cpuPercent: 0, memoryMiB: 0, generation: -1, servers: 0, taskArn: '' };

/** A fluid service's CPU integral at the last minute boundary, and its mean CPU % per task over the minute just ended. */
interface FluidMark {
  integral: number;
  percent: number;
}

/** What a minute needs of a task, worked out once when the task is first seen (a task's service and sizes never change). */
interface LiveTask {
  readonly task: TaskRecord;
  /** Its service's samples; undefined for a task of no service. */
  readonly service: ServiceSamples | undefined;
  /** Its service's fluid model, when the fluid mode serves the service. */
  readonly fluid: FluidMark | undefined;
  readonly cpu: number;
  readonly memory: number;
  /** Its launch type is EC2 (it never changes). */
  readonly ec2: boolean;
  /** Its sums over its servers, as last found in `uses`. */
  use: TaskUse | undefined;
  /** `EcsMetrics.usesMade` when `uses` was last searched in vain for it: no search again until a sum is made. */
  missedAt: number;
}

/**
 * The cost of a minute: one pass over the counted servers and one over the tasks not
 * STOPPED (`LiveTasks`), with no map, array or string built per minute. Each server's and
 * each task's sums, each service's sample arrays and dimensions live from minute to minute
 * (a generation number says which minute they hold); the sums are added in the same order
 * as ever (the servers' order in `listening()`), so every published value is bit-identical.
 *
 * **Counted servers.** The servers are watched as they start and stop listening
 * (`TaskServers.watch`), not scanned every minute, and a server whose use cannot show is
 * not read at all: one of a fluid-served task (its CPU is the fluid model's) that models no
 * memory (its memory integral stays 0, and adding 0 to a task's sum changes no bit). What
 * is left is read once a minute, in the order the servers started listening.
 */
export class EcsMetrics implements ServerWatcher {
  /** The counted servers listening (and, until the next minute, those that stopped), in the order of `listening()`. */
  private counted: ServerMark[] = [];
  /** Each counted server's mark, while it listens. */
  private readonly markOf = new Map<object, ServerMark>();
  /** Marks in `counted` whose server stopped listening; a server replaced in place (`counted` out of order). */
  private closedMarks = 0;
  private reorder = false;
  /** Each task's sums over its counted servers, by task ARN, while one of them listens. */
  private readonly uses = new Map<string, TaskUse>();
  /** How many sums were ever made (`LiveTask.missedAt`). */
  private usesMade = 0;
  private generation = 0;
  /**
   * This minute's RUNNING tasks and their CPU % and memory: the first n entries (n
   * counted in `publish`). Reused minute to minute and never cut (see `ServiceSamples`); a stale entry
   * past the count is overwritten before it is read again.
   */
  private readonly running: LiveTask[] = [];
  private readonly runningCpu: number[] = [];
  private readonly runningMemory: number[] = [];
  private readonly minutes = new MinutePublisher(this.sim, (minuteStart) => this.publish(minuteStart));

  /** Each fluid service's mark, by service name. */
  private readonly fluidMarks = new Map<string, FluidMark>();

  /** The tasks to look at each minute: never the ones stopped before it. */
  private readonly liveTasks: LiveTasks<LiveTask>;

  /** Each service's samples, and the service names in code-unit order (sorted again only when one is added). */
  private readonly samples = new Map<string, ServiceSamples>();
  private sortedServices: string[] = [];
  private readonly clusterDims: readonly Dimension[];

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
    this.clusterDims = [{ Name: 'ClusterName', Value: cp.clusterName }];
    for (const name of fluid.keys()) this.fluidMarks.set(name, { integral: 0, percent: 0 });
    this.liveTasks = new LiveTasks(cp.tasks, (task) => {
      const name = this.serviceOf(task.group);
      return { task, service: name === undefined ? undefined : this.samplesOf(name), fluid: name === undefined ? undefined : this.fluidMarks.get(name), cpu: Number(task.cpu), memory: Number(task.memory), ec2: task.launchType === 'EC2', use: undefined, missedAt: -1 };
    });
    for (const [address, entry] of servers.listening()) this.opened(address, entry, false);
    servers.watch(this);
  }

  /** @internal (ServerWatcher) A server started listening: counted unless its use cannot show (see the class). */
  opened(_address: string, entry: ListeningServer, replaced: boolean): void {
    if (replaced) this.reorder = true;
    const task = this.cp.tasks.get(entry.taskArn);
    const name = task === undefined ? undefined : this.serviceOf(task.group);
    if (name !== undefined && this.fluid.has(name) && !entry.server.modelsMemory) return;
    let use = this.uses.get(entry.taskArn);
    if (use === undefined) {
      use = { cpuPercent: 0, memoryMiB: 0, generation: 0, servers: 0, taskArn: entry.taskArn };
      this.uses.set(entry.taskArn, use);
      this.usesMade += 1;
    }
    use.servers += 1;
    // A server counts from its start: its integrals are 0 now.
    const mark: ServerMark = { server: entry.server, cpuPercentMs: 0, memoryMiBMs: 0, task: use, open: true };
    this.markOf.set(entry.server, mark);
    this.counted.push(mark);
  }

  /** @internal (ServerWatcher) A server stopped listening: it no longer counts (were it to listen again, it would count from 0). */
  closed(_address: string, entry: ListeningServer): void {
    const mark = this.markOf.get(entry.server);
    if (mark === undefined) return;
    this.markOf.delete(entry.server);
    mark.open = false;
    this.closedMarks += 1;
    const use = mark.task;
    use.servers -= 1;
    if (use.servers === 0 && this.uses.get(use.taskArn) === use) this.uses.delete(use.taskArn);
  }

  /** The service name of each task group seen (`service:<name>`), so that a minute slices no strings. */
  private readonly services = new Map<string, string | undefined>();

  private serviceOf(group: string): string | undefined {
    const known = this.services.get(group);
    if (known !== undefined || this.services.has(group)) return known;
    const name = group.startsWith('service:') ? group.slice('service:'.length) : undefined;
    this.services.set(group, name);
    return name;
  }

  /** Publishes at every minute boundary from the next one on. */
  start(): void {
    for (const [name, f] of this.fluid) (this.fluidMarks.get(name) as FluidMark).integral = f.cpuPercentMsAt(this.sim.now);
    this.minutes.start();
  }

  stop(): void {
    this.minutes.stop();
  }

  /** Each task's average use over [minuteStart, now), from its counted servers, into `uses` (this minute's generation). */
  private taskUse(minuteStart: number): void {
    const span = this.sim.now - minuteStart;
    const generation = ++this.generation;
    if (this.reorder) {
      // A server replaced another in place: take `listening()`'s order again.
      const inOrder: ServerMark[] = [];
      for (const entry of this.servers.listening().values()) {
        const mark = this.markOf.get(entry.server);
        if (mark !== undefined) inOrder.push(mark);
      }
      this.counted = inOrder;
      this.reorder = false;
      this.closedMarks = 0;
    } else if (this.closedMarks > 0) {
      let kept = 0;
      const counted = this.counted;
      for (const mark of counted) if (mark.open) counted[kept++] = mark;
      counted.length = kept;
      this.closedMarks = 0;
    }
    for (const mark of this.counted) {
      const u = mark.server.usage();
      const t = mark.task;
      if (t.generation !== generation) {
        t.cpuPercent = 0;
        t.memoryMiB = 0;
        t.generation = generation;
      }
      t.cpuPercent += (u.cpuPercentMs - mark.cpuPercentMs) / span;
      t.memoryMiB += (u.memoryMiBMs - mark.memoryMiBMs) / span;
      mark.cpuPercentMs = u.cpuPercentMs;
      mark.memoryMiBMs = u.memoryMiBMs;
    }
  }

  /** The samples of service `name` (made on first use). */
  private samplesOf(name: string): ServiceSamples {
    let s = this.samples.get(name);
    if (s === undefined) {
      s = { cpu: [], memory: [], dims: [...this.clusterDims, { Name: 'ServiceName', Value: name }], generation: -1, count: 0 };
      this.samples.set(name, s);
      this.sortedServices = [...this.samples.keys()].sort();
    }
    return s;
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
   * contention inside a minute that the average hides is not modelled. Rewrites `cpus`.
   * Called only in a minute where some EC2 task asked for more than its reservation.
   */
  private shareInstances(running: readonly LiveTask[], count: number, cpus: number[]): void {
    const byInstance = new Map<string, number[]>();
    for (let k = 0; k < count; k += 1) {
      const task = (running[k] as LiveTask).task;
      const arn = task.containerInstanceArn;
      if (arn === undefined || task.launchType !== 'EC2') continue;
      const list = byInstance.get(arn);
      if (list === undefined) byInstance.set(arn, [k]);
      else list.push(k);
    }
    for (const instance of this.cp.instances) {
      const ks = byInstance.get(instance.containerInstanceArn);
      if (ks === undefined) continue;
      const shares = ks.map((k) => (running[k] as LiveTask).cpu);
      const demands = ks.map((k, j) => ((cpus[k] as number) * (shares[j] as number)) / 100);
      const given = shareInstanceCpu(instance.registered.cpu, demands, shares);
      ks.forEach((k, j) => {
        if (given[j] === demands[j]) return;
        const cpu = shares[j] as number;
        cpus[k] = cpu > 0 ? ((given[j] as number) * 100) / cpu : 0;
      });
    }
  }

  private publish(minuteStart: number): void {
    const clusterDims = this.clusterDims;
    this.taskUse(minuteStart);
    const generation = this.generation;
    for (const [name, f] of this.fluid) {
      const now = f.cpuPercentMsAt(this.sim.now);
      const mark = this.fluidMarks.get(name) as FluidMark;
      mark.percent = (now - mark.integral) / (this.sim.now - minuteStart);
      mark.integral = now;
    }
    // Each RUNNING task's use: what its servers asked for, capped at a task-level `cpu` (C-004).
    const running = this.running;
    const cpus = this.runningCpu;
    const memories = this.runningMemory;
    let n = 0;
    let contended = false;
    // The tasks not STOPPED (dropping the ones gone, as LiveTasks.current does) and, of them, the RUNNING ones: one pass.
    const all = this.liveTasks.withNew();
    let kept = 0;
    for (let j = 0; j < all.length; j += 1) {
      const live = all[j] as LiveTask;
      const task = live.task;
      if (LiveTasks.gone(task)) continue;
      all[kept++] = live;
      if (task.lastStatus !== 'RUNNING') continue;
      let use = live.use;
      if ((use === undefined || use.generation !== generation) && live.missedAt !== this.usesMade) {
        live.use = use = this.uses.get(task.taskArn);
        if (use === undefined) live.missedAt = this.usesMade;
      }
      const served = use !== undefined && use.generation === generation ? use : NO_USE;
      // A fluid-served task's request servers see no requests (the fluid model serves them), so its use is the fluid model's.
      const rawCpu = live.fluid === undefined ? served.cpuPercent : live.fluid.percent;
      const cpuPercent = rawCpu > 100 && this.hasTaskLevelCpu(task) ? 100 : rawCpu;
      // Tasks within their reservations cannot together ask for more than the instance registered.
      if (cpuPercent > 100 && live.ec2) contended = true;
      if (n < running.length) {
        running[n] = live;
        cpus[n] = cpuPercent;
        memories[n] = served.memoryMiB;
      } else {
        running.push(live);
        cpus.push(cpuPercent);
        memories.push(served.memoryMiB);
      }
      n += 1;
    }
    all.length = kept;
    if (contended) this.shareInstances(running, n, cpus);
    let usedCpu = 0;
    let usedMemory = 0;
    for (let k = 0; k < n; k += 1) {
      const live = running[k] as LiveTask;
      const cpuPercent = cpus[k] as number;
      const memoryMiB = memories[k] as number;
      if (live.ec2) {
        usedCpu += (cpuPercent * live.cpu) / 100;
        usedMemory += memoryMiB;
      }
      const s = live.service;
      if (s === undefined) continue;
      if (s.generation !== generation) {
        s.count = 0;
        s.generation = generation;
      }
      const memoryPercent = live.memory > 0 ? (memoryMiB * 100) / live.memory : 0;
      if (s.count < s.cpu.length) {
        s.cpu[s.count] = cpuPercent;
        s.memory[s.count] = memoryPercent;
      } else {
        s.cpu.push(cpuPercent);
        s.memory.push(memoryPercent);
      }
      s.count += 1;
    }
    // C-001/C-003/C-005: one sample per RUNNING task; no task, no datapoint.
    for (const name of this.sortedServices) {
      const s = this.samples.get(name) as ServiceSamples;
      if (s.generation !== generation || s.count === 0) continue;
      if (s.cpu.length !== s.count) {
        s.cpu.length = s.count;
        s.memory.length = s.count;
      }
      this.store.putMetricValues(NS, 'CPUUtilization', s.dims, s.cpu, minuteStart, 'Percent');
      this.store.putMetricValues(NS, 'MemoryUtilization', s.dims, s.memory, minuteStart, 'Percent');
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
