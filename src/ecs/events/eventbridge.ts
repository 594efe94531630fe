import { formatIsoTimestamp } from '../../cloudwatch/format.js';
import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { ContainerInstance } from '../capacity/container-instance.js';
import type { ControlPlane } from '../control-plane.js';
import type { DeploymentChange, EcsObserver } from '../observers.js';
import type { Deployment, Service, ServiceEvent } from '../service/service.js';
import type { TaskRecord } from '../task/task-record.js';
import { serviceActionFor } from './service-actions.js';

/**
 * ECS's EventBridge events (`source: "aws.ecs"`, ecs-facts S-110 to S-117), made from the
 * model's read-only observer calls. The recorder draws only from its own stream
 * (`eventbridge/ids`), never changes the model, and so never moves a decision or the log
 * hash. Events are kept in memory (`events()`) and/or handed, one JSON line each with keys
 * in a fixed order, to `write` as they happen.
 */

export type EcsDetailType = 'ECS Task State Change' | 'ECS Container Instance State Change' | 'ECS Deployment State Change' | 'ECS Service Action';

/** The EventBridge envelope, keys in the order EventBridge gives them (ecs-facts S-110). */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': EcsDetailType;
  readonly source: 'aws.ecs';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface EventBridgeRecorderOptions {
  /** The Unix epoch ms that simulated time 0 stands for (default 0, as CloudWatch's `epochOriginMs`). */
  readonly epochOriginMs?: number | undefined;
  /** Called with each event as one JSON line (no newline), as it happens. */
  readonly write?: ((line: string) => void) | undefined;
  /** Keep the events in memory for `events()` (default true). */
  readonly keep?: boolean | undefined;
}

/** Assumption: the agent build hash the simulated agents report (no fact gives one). */
export const SIMULATED_AGENT_HASH = '0000000';
/** Assumption: the Docker version string the simulated agents report (the doc sample's form). */
export const SIMULATED_DOCKER_VERSION = 'DockerVersion: 25.0.8';
/** Assumption: a container instance's first event has `version` 1; each later event adds 1 (S-110). */
export const FIRST_INSTANCE_VERSION = 1;

const sortByName = <T extends { readonly name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class EventBridgeRecorder implements EcsObserver {
  private readonly list: EventBridgeEvent[] = [];
  private readonly ids: RandomStream;
  private readonly region: string;
  private readonly account: string;
  private readonly origin: number;
  private readonly keep: boolean;
  private readonly write: ((line: string) => void) | undefined;
  private readonly instanceVersions = new Map<string, number>();
  /** Tasks whose placement (first event) and whose stop already produced an instance event. */
  private readonly placedSeen = new Set<string>();
  private readonly stoppedSeen = new Set<string>();
  private readonly containerArns = new Map<string, string>();

  constructor(
    private readonly sim: Simulation,
    private readonly controlPlane: ControlPlane,
    options: EventBridgeRecorderOptions = {},
  ) {
    // A new named stream: no other actor's draws move (DESIGN.md, random streams).
    this.ids = sim.rng('eventbridge/ids');
    // arn:aws:ecs:<region>:<account>:cluster/<name>
    const parts = controlPlane.clusterArn.split(':');
    this.region = parts[3] ?? '';
    this.account = parts[4] ?? '';
    this.origin = options.epochOriginMs ?? 0;
    this.keep = options.keep ?? true;
    this.write = options.write;
  }

  /**
   * Builds a recorder and attaches it to the model's observers.
   * @throws never (a model without ECS has nothing to observe: pass its control plane).
   */
  static attach(sim: Simulation, controlPlane: ControlPlane, options: EventBridgeRecorderOptions = {}): EventBridgeRecorder {
    const recorder = new EventBridgeRecorder(sim, controlPlane, options);
    controlPlane.observers.add(recorder);
    return recorder;
  }

  /** Every event so far, in the order emitted (empty when `keep` is false). */
  events(): readonly EventBridgeEvent[] {
    return this.list;
  }

  // ---- Observer ---------------------------------------------------------------------------

  taskChanged(record: TaskRecord): void {
    this.emit('ECS Task State Change', [record.taskArn], this.taskDetail(record));
    // ecs-facts S-113: each task start or stop on an instance also emits an instance event.
    const arn = record.containerInstanceArn;
    if (arn === undefined) return;
    const first = !this.placedSeen.has(record.taskArn);
    const stopped = record.lastStatus === 'STOPPED' && !this.stoppedSeen.has(record.taskArn);
    if (first) this.placedSeen.add(record.taskArn);
    if (stopped) this.stoppedSeen.add(record.taskArn);
    if (!first && !stopped) return;
    const instance = this.controlPlane.instances.find((i) => i.containerInstanceArn === arn);
    if (instance !== undefined) this.instanceChanged(instance);
  }

  instanceChanged(instance: ContainerInstance): void {
    const version = (this.instanceVersions.get(instance.containerInstanceArn) ?? FIRST_INSTANCE_VERSION - 1) + 1;
    this.instanceVersions.set(instance.containerInstanceArn, version);
    this.emit('ECS Container Instance State Change', [instance.containerInstanceArn], this.instanceDetail(instance, version));
  }

  serviceEvent(service: Service, event: ServiceEvent): void {
    const row = serviceActionFor(event.message);
    if (row?.eventName === undefined || row.eventType === undefined) return;
    const reason = row.reason?.(event.message);
    // ecs-facts S-114: field order of the documented samples; service actions carry no detail.version (S-110).
    this.emit('ECS Service Action', [service.serviceArn], {
      eventType: row.eventType,
      eventName: row.eventName,
      clusterArn: this.controlPlane.clusterArn,
      ...(reason === undefined || reason === '' ? {} : { reason }),
      createdAt: this.iso(event.createdAt),
    });
  }

  deploymentChanged(service: Service, deployment: Deployment, change: DeploymentChange, detail?: { readonly rollbackTo?: string; readonly reason?: string }): void {
    // ecs-facts S-116: IN_PROGRESS (initial and rollback deployments), COMPLETED, FAILED; INACTIVE has no event.
    const name = change === 'started' ? 'SERVICE_DEPLOYMENT_IN_PROGRESS' : change === 'completed' ? 'SERVICE_DEPLOYMENT_COMPLETED' : change === 'failed' ? 'SERVICE_DEPLOYMENT_FAILED' : undefined;
    if (name === undefined) return;
    // ecs-facts S-077, S-117: the reason is the deployment's rolloutStateReason (a rollback's names its target).
    const reason = change === 'failed' ? (detail?.reason ?? deployment.rolloutStateReason) : deployment.rolloutStateReason;
    this.emit('ECS Deployment State Change', [service.serviceArn], {
      eventType: change === 'failed' ? 'ERROR' : 'INFO',
      eventName: name,
      deploymentId: deployment.id,
      // The doc samples give second precision here (ecs-facts S-116).
      updatedAt: this.isoSeconds(deployment.updatedAt),
      reason,
    });
  }

  // ---- Shapes -------------------------------------------------------------------------------

  private emit(detailType: EcsDetailType, resources: readonly string[], detail: Record<string, unknown>): void {
    const event: EventBridgeEvent = {
      version: '0',
      id: this.uuid(),
      'detail-type': detailType,
      source: 'aws.ecs',
      account: this.account,
      time: this.isoSeconds(this.sim.now),
      region: this.region,
      resources,
      detail,
    };
    if (this.keep) this.list.push(event);
    this.write?.(JSON.stringify(event));
  }

  /**
   * ecs-facts S-112 (fields), T-022 (timestamps, version), T-024, T-025, T-027. Keys are in
   * alphabetical order, as real captured task events give them (the DG sample's order is
   * hand-written); timestamps keep milliseconds, as real task events do.
   */
  private taskDetail(t: TaskRecord): Record<string, unknown> {
    const at = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : this.iso(ms));
    const put = (o: Record<string, unknown>, key: string, v: unknown): void => {
      if (v !== undefined) o[key] = v;
    };
    const d: Record<string, unknown> = {};
    put(d, 'attachments', t.attachments?.map((a) => ({ id: a.id, type: a.type, status: a.status, details: a.details.map((x) => ({ name: x.name, value: x.value })) })));
    d['availabilityZone'] = t.availabilityZone;
    put(d, 'capacityProviderName', t.capacityProviderName);
    d['clusterArn'] = t.clusterArn;
    put(d, 'connectivity', t.connectivity);
    put(d, 'connectivityAt', at(t.connectivityAt));
    put(d, 'containerInstanceArn', t.containerInstanceArn);
    d['containers'] = t.containers.map((c) => {
      const out: Record<string, unknown> = { containerArn: this.containerArn(t, c.name) };
      put(out, 'exitCode', c.exitCode);
      out['healthStatus'] = c.healthStatus;
      out['image'] = c.image;
      out['lastStatus'] = c.lastStatus;
      out['name'] = c.name;
      put(out, 'networkBindings', c.networkBindings?.map((b) => ({ ...b })));
      put(out, 'reason', c.reason);
      out['taskArn'] = t.taskArn;
      return out;
    });
    d['cpu'] = t.cpu;
    d['createdAt'] = this.iso(t.createdAt);
    d['desiredStatus'] = t.desiredStatus;
    put(d, 'executionStoppedAt', at(t.executionStoppedAt));
    d['group'] = t.group;
    d['lastStatus'] = t.lastStatus;
    d['launchType'] = t.launchType;
    d['memory'] = t.memory;
    d['overrides'] = { containerOverrides: t.containers.map((c) => ({ name: c.name })) };
    put(d, 'pullStartedAt', at(t.pullStartedAt));
    put(d, 'pullStoppedAt', at(t.pullStoppedAt));
    put(d, 'startedAt', at(t.startedAt));
    put(d, 'startedBy', t.startedBy);
    put(d, 'stopCode', t.stopCode);
    put(d, 'stoppedAt', at(t.stoppedAt));
    put(d, 'stoppedReason', t.stoppedReason);
    put(d, 'stoppingAt', at(t.stoppingAt));
    d['taskArn'] = t.taskArn;
    d['taskDefinitionArn'] = t.taskDefinitionArn;
    d['updatedAt'] = this.iso(this.sim.now);
    d['version'] = t.version;
    return d;
  }

  /** ecs-facts S-113, T-068 (the resource names and types). */
  private instanceDetail(i: ContainerInstance, version: number): Record<string, unknown> {
    const ports = (protocol: 'tcp' | 'udp', from: Iterable<string>): string[] =>
      [...from]
        .filter((p) => p.startsWith(`${protocol}/`))
        .map((p) => Number(p.slice(protocol.length + 1)))
        .sort((a, b) => a - b)
        .map(String);
    const registeredPorts = i.reservedPorts.map((p) => `tcp/${p}`);
    const resources = (cpu: number, memory: number, used: Iterable<string>): unknown[] => [
      { name: 'CPU', type: 'INTEGER', integerValue: cpu },
      { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: ports('tcp', used) },
      { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: ports('udp', used) },
    ];
    const attributes = Object.entries(i.attributes)
      .map(([name, value]) => ({ name, value }))
      .sort(sortByName)
      .map((a) => (a.value === '' ? { name: a.name } : { name: a.name, value: a.value }));
    return {
      agentConnected: i.agentConnected,
      attributes,
      clusterArn: this.controlPlane.clusterArn,
      containerInstanceArn: i.containerInstanceArn,
      ec2InstanceId: i.ec2InstanceId,
      registeredResources: resources(i.registered.cpu, i.registered.memory, registeredPorts),
      // The API lists the ports in use under remainingResources' PORTS.
      remainingResources: resources(i.remaining.cpu, i.remaining.memory, i.usedPorts),
      status: i.status,
      version,
      versionInfo: { agentHash: SIMULATED_AGENT_HASH, agentVersion: i.agentVersion, dockerVersion: SIMULATED_DOCKER_VERSION },
      updatedAt: this.iso(this.sim.now),
    };
  }

  /** A container's ARN, made once per container from the recorder's own stream. */
  private containerArn(t: TaskRecord, name: string): string {
    const key = `${t.taskArn}\u0000${name}`;
    let arn = this.containerArns.get(key);
    if (arn === undefined) {
      const rest = t.taskArn.slice(t.taskArn.indexOf(':task/') + ':task/'.length);
      arn = `arn:aws:ecs:${this.region}:${this.account}:container/${rest}/${this.uuid()}`;
      this.containerArns.set(key, arn);
    }
    return arn;
  }

  private iso(ms: number): string {
    return formatIsoTimestamp(this.origin + ms);
  }

  /** EventBridge's `time`: ISO 8601 UTC to the second (`2020-05-23T12:31:14Z`, S-116 sample). */
  private isoSeconds(ms: number): string {
    return `${formatIsoTimestamp(this.origin + ms).slice(0, 19)}Z`;
  }

  /** A version-4 UUID from the recorder's own stream. */
  private uuid(): string {
    let hex = '';
    while (hex.length < 32) hex += Math.floor(this.ids.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Events as JSONL: one event per line, keys in the fixed order they were built in (byte-stable). */
export function formatEventsJsonl(events: readonly EventBridgeEvent[]): string {
  return events.map((e) => `${JSON.stringify(e)}\n`).join('');
}
