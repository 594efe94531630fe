import type { DeploymentAlarmsLink, DeploymentAlarmState } from '../../../src/ecs/service/deployment-alarms.js';
import type { EcsConfig, TimelineAction } from '../../../src/ecs/config.js';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService } from '../service/support.js';

/**
 * Deployment-alarm helpers: a CloudWatch stand-in whose alarm states the spec sets at given
 * times, and a service `web` of 2 tasks on web:1 with alarms on "errors", updated to web:2
 * at UPDATE_AT (late enough for the first deployment's own bake to have ended).
 */
export const MIN = 60_000;
export const UPDATE_AT = 15 * MIN;

export class FakeAlarms implements DeploymentAlarmsLink {
  private readonly states = new Map<string, DeploymentAlarmState>();
  private readonly listeners: ((name: string, state: DeploymentAlarmState) => void)[] = [];
  constructor(private readonly evaluation = { Period: 60, EvaluationPeriods: 3 }) {}
  set(name: string, state: DeploymentAlarmState): void {
    this.states.set(name, state);
    for (const l of this.listeners) l(name, state);
  }
  stateOf(name: string): DeploymentAlarmState | undefined {
    return this.states.get(name) ?? 'OK';
  }
  onStateChange(listener: (name: string, state: DeploymentAlarmState) => void): void {
    this.listeners.push(listener);
  }
  evaluationOf(): { Period: number; EvaluationPeriods: number } {
    return this.evaluation;
  }
}

type ServiceExtra = Parameters<typeof createService>[3];

export function alarmedConfig(service: ServiceExtra = {}, updates: readonly TimelineAction[] = [{ kind: 'updateService', atMs: UPDATE_AT, service: 'web', taskDefinition: 'web:2' }]): EcsConfig {
  return ecsConfig({
    instanceGroups: [instances({ count: 4, availabilityZones: ['us-east-1a', 'us-east-1b'] })],
    definitions: [ec2Definition('web'), ec2Definition('web', { image: 'web:2' })],
    timeline: [createService(MIN, 'web', 'web:1', { desiredCount: 2, alarms: { alarmNames: ['errors'], enable: true, rollback: true }, ...service }), ...updates],
  });
}

/** Builds the model with the fake alarms connected; `at` sets alarm states at given times. */
export function buildAlarmed(config: EcsConfig, at: readonly [number, string, DeploymentAlarmState][] = [], alarms = new FakeAlarms()) {
  const m = buildModel(config);
  m.cp.scheduler.connectAlarms(alarms);
  for (const [t, name, state] of at) m.sim.at(t, () => alarms.set(name, state));
  return { ...m, alarms };
}
