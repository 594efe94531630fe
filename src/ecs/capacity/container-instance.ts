/**
 * A container instance as the control plane accounts it (ecs-facts T-068, T-072, T-073):
 * registered and remaining resources, reserved and used host ports, ENI slots for
 * `awsvpc` tasks, attributes, status and agent connection.
 */
/** The agent release the facts file's agent sources come from (ecs-facts, source key AGENT). */
export const DEFAULT_AGENT_VERSION = '1.105.0';

export type ContainerInstanceStatus = 'REGISTERING' | 'REGISTRATION_FAILED' | 'ACTIVE' | 'INACTIVE' | 'DEREGISTERING' | 'DRAINING';

export interface Resources {
  readonly cpu: number;
  readonly memory: number;
  /** Tasks with their own ENI (awsvpc) this instance can still take. */
  readonly eni: number;
  /** GPUs (ecs-facts T-116): on an instance, only where its type has them; on a reservation, only where the task asks. */
  readonly gpu?: number;
}

export interface ResourceSample {
  readonly t: number;
  readonly cpu: number;
  readonly memory: number;
  readonly eni: number;
  readonly tasks: number;
}

/** What one task takes from an instance. */
export interface Reservation extends Resources {
  /** `tcp/80`-style host ports (static mappings, host mode, and assigned dynamic ports). */
  readonly ports: readonly string[];
  /** The task's group, for spread and distinctInstance (ecs-facts S-014, S-016). */
  readonly group: string;
}

/**
 * How many instances of one cluster are DRAINING, kept by their status setters, so the
 * scheduler can skip asking each task's instance when none is (the usual case).
 */
export class DrainingCount {
  draining = 0;
}

export class ContainerInstance {
  private currentStatus: ContainerInstanceStatus = 'REGISTERING';
  /** The count this instance's DRAINING status is in: its own until a cluster adopts it (`joinCluster`). */
  private drainingCount = new DrainingCount();
  private currentAgentVersion = DEFAULT_AGENT_VERSION;
  private currentAgentConnected = false;
  /** Told of every change placement can see (the placement index re-files the instance). */
  private watcher: ((instance: ContainerInstance) => void) | undefined;
  private attributesKey: string | undefined;
  /** The used host ports outside the dynamic range, as `shapeKey` spells them; reset when one changes. */
  private fixedPortsKey: string | undefined;
  registeredAtMs: number | undefined;
  /** When EC2 launched the instance and when it was terminated: its billed lifetime. */
  launchedAtMs: number | undefined;
  terminatedAtMs: number | undefined;
  /** EC2's `InstanceLifecycle`: absent for On-Demand, `spot` for a Spot instance. */
  instanceLifecycle: 'spot' | undefined;
  /** The EC2 instance's private IP (bridge and host mode tasks are reached at it). */
  privateIpAddress: string | undefined;
  remaining: Resources;
  /** Host ports in use: reserved ones (ecs-facts T-071) and those tasks took. */
  readonly usedPorts = new Set<string>();
  /** Ports of `usedPorts` in the dynamic range, per protocol. */
  private readonly dynamicInUse = { tcp: 0, udp: 0 };
  readonly reservations = new Map<string, Reservation>();
  readonly history: ResourceSample[] = [];
  /** Next dynamic host port to try (ecs-facts T-051: 49153–65535). */
  private nextDynamicPort = 49153;

  constructor(
    readonly containerInstanceArn: string,
    readonly ec2InstanceId: string,
    readonly instanceType: string,
    readonly availabilityZone: string,
    readonly launchType: 'EC2' | 'EXTERNAL',
    readonly registered: Resources,
    readonly reservedPorts: readonly number[],
    readonly attributes: Readonly<Record<string, string>>,
  ) {
    this.remaining = registered;
    for (const p of reservedPorts) this.usePort(`tcp/${p}`);
  }

  get status(): ContainerInstanceStatus {
    return this.currentStatus;
  }

  set status(status: ContainerInstanceStatus) {
    if (this.currentStatus === 'DRAINING') this.drainingCount.draining -= 1;
    if (status === 'DRAINING') this.drainingCount.draining += 1;
    this.currentStatus = status;
    this.watcher?.(this);
  }

  /** Counts this instance's DRAINING status in its cluster's count from now on (ControlPlane.anyDraining). */
  joinCluster(count: DrainingCount): void {
    if (count === this.drainingCount) return;
    if (this.currentStatus === 'DRAINING') {
      this.drainingCount.draining -= 1;
      count.draining += 1;
    }
    this.drainingCount = count;
  }

  /** The agent's version, for `agentVersion` in memberOf expressions (ecs-facts S-021). */
  get agentVersion(): string {
    return this.currentAgentVersion;
  }

  set agentVersion(version: string) {
    this.currentAgentVersion = version;
    this.watcher?.(this);
  }

  get agentConnected(): boolean {
    return this.currentAgentConnected;
  }

  set agentConnected(connected: boolean) {
    this.currentAgentConnected = connected;
    this.watcher?.(this);
  }

  /** One watcher at a time: the placement index of the cluster the instance belongs to. */
  watch(watcher: ((instance: ContainerInstance) => void) | undefined): void {
    this.watcher = watcher;
  }

  /**
   * Everything placement may see of this instance except which instance it is: status,
   * agent, resources, ports (those in the dynamic range by count), attributes and the task
   * groups it holds. Two instances with
   * the same key ("twins") get the same verdict from every filter and strategy that looks
   * only at state, so placement decides once per set of twins.
   */
  stateKey(): string {
    const groups = new Map<string, number>();
    for (const r of this.reservations.values()) groups.set(r.group, (groups.get(r.group) ?? 0) + 1);
    const groupList = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([g, n]) => `${g}=${n}`);
    return `${this.shapeKey()}|${groupList.join(',')}`;
  }

  /**
   * `stateKey()` without the task groups, but with how many tasks the instance runs: what
   * placement sees of an instance before it asks how many tasks of one group it holds.
   */
  shapeKey(): string {
    this.attributesKey ??= JSON.stringify([this.launchType, this.instanceType, this.availabilityZone, Object.entries(this.attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
    // Dynamic-range ports count only by number: which ones are taken tells no filter
    // anything (placement asks every instance when a task wants a fixed port in that range).
    this.fixedPortsKey ??= [...this.usedPorts].filter((p) => !inDynamicRange(p, 'tcp') && !inDynamicRange(p, 'udp')).sort().join(',');
    const ports = this.fixedPortsKey;
    const { cpu, memory, eni } = this.remaining;
    const r = this.registered;
    return `${this.currentStatus}|${this.currentAgentConnected ? 1 : 0}|${this.currentAgentVersion}|${r.cpu},${r.memory},${r.eni}${r.gpu === undefined ? '' : `,${r.gpu}`}|${cpu},${memory},${eni}${this.remaining.gpu === undefined ? '' : `,${this.remaining.gpu}`}|${ports}|dynamic:${this.dynamicInUse.tcp}/${this.dynamicInUse.udp}|${this.reservations.size}|${this.attributesKey}`;
  }

  get id(): string {
    return this.containerInstanceArn.slice(this.containerInstanceArn.lastIndexOf('/') + 1);
  }

  /** Whether a task can be placed here now (ecs-facts T-074: only with a connected agent). */
  get accepting(): boolean {
    return this.status === 'ACTIVE' && this.agentConnected;
  }

  /**
   * Whether `count` dynamic host ports of `protocol` are free, besides `alsoTaken`: a
   * count, so placement can check every candidate and assign ports only on the winner.
   */
  hasFreeDynamicPorts(count: number, protocol: 'tcp' | 'udp', alsoTaken: readonly string[]): boolean {
    let free = DYNAMIC_PORTS - (protocol === 'tcp' ? this.dynamicInUse.tcp : this.dynamicInUse.udp);
    for (const key of alsoTaken) if (!this.usedPorts.has(key) && inDynamicRange(key, protocol)) free -= 1;
    return free >= count;
  }

  /** Picks `count` free dynamic host ports, not taking them and avoiding `alsoTaken` (the task's own static ports). */
  dynamicPorts(count: number, protocol: 'tcp' | 'udp', alsoTaken: ReadonlySet<string> = new Set()): number[] | undefined {
    const out: number[] = [];
    let port = this.nextDynamicPort;
    for (let tries = 0; out.length < count && tries < 65535 - 49153 + 1; tries += 1) {
      const key = `${protocol}/${port}`;
      if (!this.usedPorts.has(key) && !alsoTaken.has(key) && !out.includes(port)) out.push(port);
      port = port >= 65535 ? 49153 : port + 1;
    }
    return out.length === count ? out : undefined;
  }

  reserve(taskArn: string, r: Reservation, nowMs: number): void {
    this.reservations.set(taskArn, r);
    this.remaining = withGpu({ cpu: this.remaining.cpu - r.cpu, memory: this.remaining.memory - r.memory, eni: this.remaining.eni - r.eni }, this.remaining.gpu, -(r.gpu ?? 0));
    for (const p of r.ports) this.usePort(p);
    const dynamic = r.ports.map((p) => Number(p.slice(4))).filter((p) => p >= 49153);
    if (dynamic.length > 0) this.nextDynamicPort = Math.max(...dynamic) >= 65535 ? 49153 : Math.max(...dynamic) + 1;
    this.sample(nowMs);
    this.watcher?.(this);
  }

  release(taskArn: string, nowMs: number): void {
    const r = this.reservations.get(taskArn);
    if (r === undefined) return;
    this.reservations.delete(taskArn);
    this.remaining = withGpu({ cpu: this.remaining.cpu + r.cpu, memory: this.remaining.memory + r.memory, eni: this.remaining.eni + r.eni }, this.remaining.gpu, r.gpu ?? 0);
    for (const p of r.ports) {
      if (!this.usedPorts.delete(p)) continue;
      if (inDynamicRange(p, 'tcp')) this.dynamicInUse.tcp -= 1;
      else if (inDynamicRange(p, 'udp')) this.dynamicInUse.udp -= 1;
      else this.fixedPortsKey = undefined;
    }
    this.sample(nowMs);
    this.watcher?.(this);
  }

  private usePort(key: string): void {
    if (this.usedPorts.has(key)) return;
    this.usedPorts.add(key);
    if (inDynamicRange(key, 'tcp')) this.dynamicInUse.tcp += 1;
    else if (inDynamicRange(key, 'udp')) this.dynamicInUse.udp += 1;
    else this.fixedPortsKey = undefined;
  }

  sample(nowMs: number): void {
    const s: ResourceSample = { t: nowMs, cpu: this.remaining.cpu, memory: this.remaining.memory, eni: this.remaining.eni, tasks: this.reservations.size };
    const last = this.history[this.history.length - 1];
    if (last !== undefined && last.t === nowMs) this.history[this.history.length - 1] = s;
    else this.history.push(s);
  }
}

/** ecs-facts T-051: dynamic host ports come from 49153–65535. */
const DYNAMIC_FIRST = 49153;
const DYNAMIC_LAST = 65535;
const DYNAMIC_PORTS = DYNAMIC_LAST - DYNAMIC_FIRST + 1;

function inDynamicRange(key: string, protocol: 'tcp' | 'udp'): boolean {
  if (!key.startsWith(protocol)) return false;
  const port = Number(key.slice(protocol.length + 1));
  return port >= DYNAMIC_FIRST && port <= DYNAMIC_LAST;
}

/** `gpu` stays absent on an instance without GPUs, so results of GPU-less clusters keep their shape. */
function withGpu(r: Resources, gpu: number | undefined, delta: number): Resources {
  return gpu === undefined ? r : { ...r, gpu: gpu + delta };
}
