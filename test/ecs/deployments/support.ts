import type { EcsConfig, TimelineAction } from '../../../src/ecs/config.js';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService } from '../service/support.js';

/**
 * Rolling-deployment helpers: a service of `desired` tasks on revision 1 of `web`, updated
 * at UPDATE_AT to revision 2, with a watch on healthy and live tasks from the update on.
 */
export const MIN = 60_000;
export const UPDATE_AT = 5 * MIN;

type UpdateFields = Omit<Extract<TimelineAction, { kind: 'updateService' }>, 'kind' | 'atMs' | 'service'>;

export function updateService(atMs: number, service: string, fields: UpdateFields): TimelineAction {
  return { kind: 'updateService', atMs, service, ...fields };
}

export function rollingConfig(desired: number, minimumHealthyPercent: number, maximumPercent: number, update: UpdateFields = { taskDefinition: 'web:2' }, extra: Partial<EcsConfig> = {}): EcsConfig {
  return {
    ...ecsConfig({
      instanceGroups: [instances({ count: 4, availabilityZones: ['us-east-1a', 'us-east-1b'] })],
      definitions: [ec2Definition('web'), ec2Definition('web', { image: 'web:2' })],
      timeline: [createService(MIN, 'web', 'web:1', { desiredCount: desired, minimumHealthyPercent, maximumPercent }), updateService(UPDATE_AT, 'web', update)],
    }),
    ...extra,
  };
}

/** Runs the config, sampling after every event from the update on: the fewest healthy tasks (S-045) and the most live ones (S-067). */
export function runWatched(config: EcsConfig, untilMs = 20 * MIN) {
  const m = buildModel(config);
  let minHealthy = Number.POSITIVE_INFINITY;
  let maxLive = 0;
  const healthy = m.sim.probe('ecs.services.web.healthyCount');
  m.sim.run({
    until: untilMs,
    stopWhen: () => {
      if (m.sim.now < UPDATE_AT) return false;
      const service = m.cp.scheduler.services.get('web');
      const live = [...(service?.liveTasks ?? [])].map((arn) => m.cp.tasks.get(arn)).filter((t) => t !== undefined && t.desiredStatus === 'RUNNING' && t.lastStatus !== 'STOPPED').length;
      minHealthy = Math.min(minHealthy, healthy.value);
      maxLive = Math.max(maxLive, live);
      return false;
    },
  });
  return { m, r: m.model.result(), minHealthy, maxLive };
}

/** The service's event messages written at or after `fromMs`, oldest first. */
export function messagesFrom(r: ReturnType<ReturnType<typeof buildModel>['run']>, fromMs: number): string[] {
  return [...(r.services['web']?.events ?? [])].reverse().filter((e) => e.createdAt >= fromMs).map((e) => e.message);
}
