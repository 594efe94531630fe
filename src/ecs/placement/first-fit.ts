import type { ContainerInstance, Reservation } from '../capacity/container-instance.js';
import type { TaskDefinition } from '../task-definition/types.js';

/**
 * Interim EC2 placement: the first instance, in registration order, that meets the
 * task's CPU, memory, port and ENI needs (ecs-facts S-001 step 1). The placement issue
 * replaces it with filters and strategies; the resource arithmetic here stays.
 */

/** RunTask failure reasons (ecs-facts T-075). */
export type PlacementFailureReason = 'RESOURCE:CPU' | 'RESOURCE:MEMORY' | 'RESOURCE:PORTS' | 'RESOURCE:ENI' | 'AGENT' | 'ATTRIBUTE';

export interface TaskNeeds {
  readonly cpu: number;
  readonly memory: number;
  readonly eni: number;
  /** Fixed host ports (`tcp/80`). */
  readonly staticPorts: readonly string[];
  /** Dynamic host ports to assign, by protocol. */
  readonly dynamicPorts: readonly ('tcp' | 'udp')[];
}

/**
 * What a task reserves (ecs-facts T-057): task-level cpu and memory when given, else the
 * containers' sum (memoryReservation if set, else memory).
 */
export function taskNeeds(def: TaskDefinition): TaskNeeds {
  const containerCpu = def.containerDefinitions.reduce((sum, c) => sum + c.cpu, 0);
  const containerMemory = def.containerDefinitions.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0);
  const staticPorts: string[] = [];
  const dynamicPorts: ('tcp' | 'udp')[] = [];
  if (def.networkMode === 'bridge' || def.networkMode === 'host' || def.networkMode === 'default') {
    for (const c of def.containerDefinitions) {
      for (const p of c.portMappings) {
        // host mode binds the container port itself (ecs-facts T-050); bridge maps hostPort or a dynamic one (T-051).
        const hostPort = def.networkMode === 'host' ? p.containerPort : p.hostPort;
        if (hostPort === undefined || hostPort === 0) dynamicPorts.push(p.protocol);
        else staticPorts.push(`${p.protocol}/${hostPort}`);
      }
    }
  }
  return { cpu: def.cpu ?? containerCpu, memory: def.memory ?? containerMemory, eni: def.networkMode === 'awsvpc' ? 1 : 0, staticPorts, dynamicPorts };
}

/** Why `instance` cannot take a task with `needs`, or undefined when it can. */
export function rejection(instance: ContainerInstance, needs: TaskNeeds): PlacementFailureReason | undefined {
  if (!instance.agentConnected) return 'AGENT';
  if (needs.cpu > instance.remaining.cpu) return 'RESOURCE:CPU';
  if (needs.memory > instance.remaining.memory) return 'RESOURCE:MEMORY';
  if (needs.staticPorts.some((p) => instance.usedPorts.has(p))) return 'RESOURCE:PORTS';
  if (needs.eni > instance.remaining.eni) return 'RESOURCE:ENI';
  return undefined;
}

/** The reservation for `needs` on `instance`, with dynamic ports assigned, or undefined if ports ran out. */
export function reservationOn(instance: ContainerInstance, needs: TaskNeeds): Reservation | undefined {
  const ports = [...needs.staticPorts];
  for (const protocol of ['tcp', 'udp'] as const) {
    const count = needs.dynamicPorts.filter((p) => p === protocol).length;
    if (count === 0) continue;
    const assigned = instance.dynamicPorts(count, protocol);
    if (assigned === undefined) return undefined;
    ports.push(...assigned.map((p) => `${protocol}/${p}`));
  }
  return { cpu: needs.cpu, memory: needs.memory, eni: needs.eni, ports };
}

export type FirstFit = { readonly instance: ContainerInstance; readonly reservation: Reservation } | { readonly failures: readonly { readonly arn: string; readonly reason: PlacementFailureReason }[] };

export function firstFit(instances: readonly ContainerInstance[], needs: TaskNeeds): FirstFit {
  const failures: { arn: string; reason: PlacementFailureReason }[] = [];
  for (const instance of instances) {
    if (instance.status !== 'ACTIVE') continue;
    const reason = rejection(instance, needs);
    if (reason !== undefined) {
      failures.push({ arn: instance.containerInstanceArn, reason });
      continue;
    }
    const reservation = reservationOn(instance, needs);
    if (reservation === undefined) {
      failures.push({ arn: instance.containerInstanceArn, reason: 'RESOURCE:PORTS' });
      continue;
    }
    return { instance, reservation };
  }
  return { failures };
}
