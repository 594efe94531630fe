import type { Reservation } from '../capacity/container-instance.js';
import type { TaskDefinition } from '../task-definition/types.js';

/** `networkBindings` of a container in describe-tasks (bridge and host mode). */
export interface NetworkBinding {
  readonly bindIP: string;
  readonly containerPort: number;
  readonly hostPort: number;
  readonly protocol: 'tcp' | 'udp';
}

/** Where one container port can be reached inside the VPC. */
export interface ContainerEndpoint {
  readonly containerName: string;
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp';
  /** `ip:port` as a load balancer target or a client would connect to it. */
  readonly address: string;
}

/**
 * The host port of every port mapping: fixed ones as given, dynamic ones (hostPort 0 or
 * absent in bridge mode, ecs-facts T-051) from the ports placement assigned, in the order
 * `reservationOn` assigned them (per protocol, in mapping order). Host mode binds the
 * container port itself (T-050).
 */
export function networkBindings(def: TaskDefinition, reservation: Reservation): Map<string, NetworkBinding[]> {
  const assigned = { tcp: [] as number[], udp: [] as number[] };
  const staticCount = { tcp: 0, udp: 0 };
  for (const c of def.containerDefinitions) {
    for (const p of c.portMappings) if (def.networkMode === 'host' || (p.hostPort !== undefined && p.hostPort !== 0)) staticCount[p.protocol] += 1;
  }
  // reservation.ports: the fixed ports first, then the dynamic ones, tcp before udp.
  const skip = { tcp: staticCount.tcp, udp: staticCount.udp };
  for (const key of reservation.ports) {
    const protocol = key.startsWith('udp/') ? 'udp' : 'tcp';
    if (skip[protocol] > 0) {
      skip[protocol] -= 1;
      continue;
    }
    assigned[protocol].push(Number(key.slice(4)));
  }
  const out = new Map<string, NetworkBinding[]>();
  for (const c of def.containerDefinitions) {
    const bindings: NetworkBinding[] = [];
    for (const p of c.portMappings) {
      const fixed = def.networkMode === 'host' ? p.containerPort : p.hostPort;
      const hostPort = fixed !== undefined && fixed !== 0 ? fixed : (assigned[p.protocol].shift() ?? 0);
      bindings.push({ bindIP: '0.0.0.0', containerPort: p.containerPort, hostPort, protocol: p.protocol });
    }
    if (bindings.length > 0) out.set(c.name, bindings);
  }
  return out;
}

/** A container's endpoints: at the task's own address (awsvpc) or the instance's, by host port. */
export function containerEndpoints(def: TaskDefinition, taskAddress: string | undefined, instanceAddress: string | undefined, bindings: ReadonlyMap<string, readonly NetworkBinding[]>): ContainerEndpoint[] {
  const out: ContainerEndpoint[] = [];
  for (const c of def.containerDefinitions) {
    if (def.networkMode === 'awsvpc') {
      if (taskAddress === undefined) continue;
      for (const p of c.portMappings) out.push({ containerName: c.name, containerPort: p.containerPort, protocol: p.protocol, address: `${taskAddress}:${p.containerPort}` });
      continue;
    }
    if (instanceAddress === undefined) continue;
    for (const b of bindings.get(c.name) ?? []) out.push({ containerName: c.name, containerPort: b.containerPort, protocol: b.protocol, address: `${instanceAddress}:${b.hostPort}` });
  }
  return out;
}
