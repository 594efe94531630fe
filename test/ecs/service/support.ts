import type { EcsResult } from '../../../src/ecs/result.js';
import type { TimelineAction } from '../../../src/ecs/config.js';

type CreateServiceAction = Extract<TimelineAction, { kind: 'createService' }>['service'];

/**
 * Service-scheduler helpers: CreateService, UpdateService, DeleteService and the faults
 * as timeline actions with the defaults the scenario loader applies (ecs-facts S-050,
 * S-037), and readers for a service's events.
 */

export type ServiceOptions = Partial<Omit<CreateServiceAction, 'serviceName' | 'taskDefinition'>>;

/** CreateService at `atMs`, REPLICA with 100/200 unless told (DAEMON gets 0/100, as the loader gives). */
export function createService(atMs: number, serviceName: string, taskDefinition: string, options: ServiceOptions = {}): TimelineAction {
  const daemon = options.schedulingStrategy === 'DAEMON';
  const service: CreateServiceAction = {
    serviceName,
    taskDefinition,
    desiredCount: 0,
    launchType: 'EC2',
    schedulingStrategy: 'REPLICA',
    placementConstraints: [],
    placementStrategy: [],
    minimumHealthyPercent: daemon ? 0 : 100,
    maximumPercent: daemon ? 100 : 200,
    healthCheckGracePeriodMs: 0,
    ignoredFields: [],
    ...options,
  };
  return { kind: 'createService', atMs, service };
}

export function updateService(atMs: number, service: string, desiredCount: number): TimelineAction {
  return { kind: 'updateService', atMs, service, desiredCount };
}

export function deleteService(atMs: number, service: string, force = false): TimelineAction {
  return { kind: 'deleteService', atMs, service, force };
}

export function killTask(atMs: number, label: string, exitCode = 137): TimelineAction {
  return { kind: 'killTask', atMs, label, exitCode };
}

/** A service's event messages, oldest first (describe output lists them newest first). */
export function messages(result: EcsResult, service: string): string[] {
  const s = result.services[service];
  if (s === undefined) throw new Error(`no service ${service}`);
  return [...s.events].reverse().map((e) => e.message);
}

/** The 32-hex task id at the end of a task ARN (ecs-facts S-061). */
export function idOf(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}
