import type { RandomStream } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { EcsObservers } from '../observers.js';
import type { Service } from './service.js';

/**
 * Writes a service's events (ecs-facts S-058, S-059): each with a UUID from the ids stream
 * and the time, kept on the service (describe-services' `events`), traced, and told to the
 * observers. Which events to write, and when, is the scheduler's and its parts' to decide.
 */
export class ServiceEvents {
  constructor(
    private readonly sim: Simulation,
    private readonly ids: RandomStream,
    private readonly observers: EcsObservers,
  ) {}

  write(service: Service, message: string): void {
    const event = { id: uuidV4(this.ids), createdAt: this.sim.now, message };
    service.events.push(event);
    this.sim.trace.emit('ecs', 'serviceEvent', { service: service.serviceName, message });
    this.observers.serviceEvent(service, event);
  }
}

/** A version-4 UUID (RFC 4122 variant) from `ids`: four draws (ecs-facts S-058). */
export function uuidV4(ids: RandomStream): string {
  let hex = '';
  while (hex.length < 32) hex += Math.floor(ids.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
