import type { ContainerInstance, Reservation } from '../capacity/container-instance.js';
import type { TaskDefinition } from '../task-definition/types.js';

/**
 * What a task needs from a container instance, and the reservation it takes there
 * (ecs-facts S-001 step 1: CPU, memory, ports; T-081: ENIs for awsvpc tasks).
 */

export interface TaskNeeds {
  readonly cpu: number;
  readonly memory: number;
  readonly eni: number;
  /** Fixed host ports (`tcp/80`). */
  readonly staticPorts: readonly string[];
  /** Dynamic host ports to assign, by protocol. */
  readonly dynamicPorts: readonly ('tcp' | 'udp')[];
  /** GPUs (`resourceRequirements` of type GPU, ecs-facts T-116); absent or 0 for none. */
  readonly gpu?: number;
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
  const gpu = def.containerDefinitions.reduce((sum, c) => sum + (c.gpus ?? 0), 0);
  return { cpu: def.cpu ?? containerCpu, memory: def.memory ?? containerMemory, eni: def.networkMode === 'awsvpc' ? 1 : 0, staticPorts, dynamicPorts, ...(gpu > 0 ? { gpu } : {}) };
}

/** The reservation for `needs` on `instance`, with dynamic ports assigned, or undefined if ports ran out. */
export function reservationOn(instance: ContainerInstance, needs: TaskNeeds, group: string): Reservation | undefined {
  const ports = [...needs.staticPorts];
  for (const protocol of ['tcp', 'udp'] as const) {
    const count = needs.dynamicPorts.filter((p) => p === protocol).length;
    if (count === 0) continue;
    const assigned = instance.dynamicPorts(count, protocol, new Set(needs.staticPorts));
    if (assigned === undefined) return undefined;
    ports.push(...assigned.map((p) => `${protocol}/${p}`));
  }
  return { cpu: needs.cpu, memory: needs.memory, eni: needs.eni, ...(needs.gpu === undefined || needs.gpu === 0 ? {} : { gpu: needs.gpu }), ports, group };
}

/** Whether `instance` has the dynamic host ports `needs` asks for (the reservation is made only for the winner). */
export function hasDynamicPortsFor(instance: ContainerInstance, needs: TaskNeeds): boolean {
  if (needs.dynamicPorts.length === 0) return true;
  for (const protocol of ['tcp', 'udp'] as const) {
    let count = 0;
    for (const p of needs.dynamicPorts) if (p === protocol) count += 1;
    if (count > 0 && !instance.hasFreeDynamicPorts(count, protocol, needs.staticPorts)) return false;
  }
  return true;
}
