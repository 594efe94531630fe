/**
 * Deployment alarms (ecs-facts S-088, S-089): `deploymentConfiguration.alarms`. The
 * scheduler knows nothing of CloudWatch; it asks a `DeploymentAlarmsLink`, which the
 * runner wires to the CloudWatch model (see cloudwatch-link.ts).
 */

/** `deploymentConfiguration.alarms` (ecs-facts S-088, S-121): every field required. */
export interface DeploymentAlarms {
  readonly alarmNames: readonly string[];
  readonly enable: boolean;
  readonly rollback: boolean;
}

export type DeploymentAlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** What ECS needs of CloudWatch to watch a deployment's alarms (ECS polls DescribeAlarms, S-089). */
export interface DeploymentAlarmsLink {
  /** The alarm's state now; undefined for an alarm that does not exist. */
  stateOf(name: string): DeploymentAlarmState | undefined;
  /** Called on every state transition of any alarm. */
  onStateChange(listener: (name: string, state: DeploymentAlarmState) => void): void;
  /** Period (s) and EvaluationPeriods of an alarm, for the bake time; undefined when unknown. */
  evaluationOf?(name: string): { readonly Period: number; readonly EvaluationPeriods: number } | undefined;
}

/**
 * ecs-facts S-089: after a deployment would otherwise complete, ECS keeps watching its alarms
 * for a bake time "computed from the alarm configuration"; AWS does not publish the formula.
 * Assumption: the longest Period × EvaluationPeriods of the listed alarms (the time an alarm
 * needs to see a full evaluation range of the new tasks), and at least DEFAULT_ALARM_BAKE_TIME_MS.
 */
export const DEFAULT_ALARM_BAKE_TIME_MS = 5 * 60_000;

/** The alarm bake time (ms) for a deployment watching `names` (assumption, see DEFAULT_ALARM_BAKE_TIME_MS). */
export function alarmBakeTimeMs(names: readonly string[], link: DeploymentAlarmsLink | undefined): number {
  let longest = DEFAULT_ALARM_BAKE_TIME_MS;
  for (const name of names) {
    const e = link?.evaluationOf?.(name);
    if (e !== undefined) longest = Math.max(longest, e.Period * e.EvaluationPeriods * 1000);
  }
  return longest;
}

/**
 * Texts for alarm failures. The service event is observed (ecs-facts S-063). The
 * rolloutStateReason texts for alarms were not found in any public capture: assumption,
 * shaped like the breaker's observed texts (S-077).
 */
export const alarmMessages = {
  /** ecs-facts S-063 (observed). */
  deploymentFailed: (service: string, deploymentId: string): string => `(service ${service}) (deployment ${deploymentId}) deployment failed: alarm detected.`,
  /** Assumption (no capture found). */
  rolloutFailed: (alarmNames: readonly string[]): string => `ECS deployment alarms: alarm detected (${alarmNames.join(', ')}).`,
  /** Assumption, by analogy with S-077's breaker text. */
  rolloutRollingBack: (deploymentId: string): string => `ECS deployment alarms: rolling back to deploymentId ${deploymentId}.`,
};

/** Per deployment: whether its alarms are ignored (one was in ALARM at its start, S-089), watched, and its bake end. */
export interface AlarmWatch {
  readonly ignored: boolean;
  watching: boolean;
  bakeUntilMs?: number;
}
