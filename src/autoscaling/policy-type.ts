import type { Factory } from '../engine/registry.js';
import type { AlarmStateValue } from '../cloudwatch/evaluation.js';

/**
 * What a scaling policy type is (`PutScalingPolicy`'s `PolicyType`): a plug-in registered by
 * name (scaling-policies.ts). Its argument is the policy's `<PolicyType>PolicyConfiguration`
 * (`TargetTrackingScalingPolicyConfiguration` for `TargetTrackingScaling`), checked by the
 * type's own zod schema; the factory turns a checked configuration into the policy's
 * behaviour. The service keeps everything the types share: the target's Min/Max (A-011),
 * suspension (A-016), deployments (A-007), cooldowns (A-009, A-010), activities and the
 * not-scaled reasons (A-017, A-018). A type only decides what capacity it wants.
 */
export type ScalingPolicyType<C = unknown> = Factory<ScalingPolicyBehaviour, C>;

export interface ScalingPolicyBehaviour {
  /** Cooldowns in seconds. */
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
  /**
   * The alarms the policy creates and owns (target tracking's AlarmHigh and AlarmLow, A-002),
   * as `PutMetricAlarm` input; the service names them in its answers and deletes them with the
   * policy. Absent when the user's own alarms invoke the policy (step scaling): the policy's
   * alarms are then those whose actions name its ARN.
   */
  ownedAlarms?(ctx: OwnedAlarmContext): readonly OwnedAlarm[];
  /** What to do when one of its alarms invokes the policy: pure, from the view alone. */
  decide(view: ScalingView): ScalingDecision;
}

export interface OwnedAlarmContext {
  readonly policyArn: string;
  /** `service/<cluster>/<service>`. */
  readonly resourceId: string;
  /** Two version-4 UUIDs drawn when the policy was created, stable across updates (alarm names keep them). */
  readonly ids: readonly [string, string];
}

export interface OwnedAlarm {
  /** The policy's own name for the alarm (`AlarmHigh`): what `AlarmView.key` says when it fires. */
  readonly key: string;
  /** `PutMetricAlarm` input; `AlarmActions` should hold the policy ARN. */
  readonly alarm: Readonly<Record<string, unknown>> & { readonly AlarmName: string };
}

/** An alarm as a decision sees it. */
export interface AlarmView {
  readonly AlarmName: string;
  /** The owning policy's key for it (`AlarmHigh`), or undefined for a user's alarm. */
  readonly key: string | undefined;
  readonly Threshold: number;
  readonly EvaluationPeriods: number;
  readonly state: AlarmStateValue | undefined;
  /**
   * Up to EvaluationPeriods datapoints, newest first: the newest available in the alarm's
   * evaluation range (C-025), aligned as the alarm aligns them; empty when none.
   */
  readonly datapoints: readonly number[];
}

/** Another policy on the same scalable target (A-008: target tracking policies agree on scale-in). */
export interface PolicyView {
  readonly PolicyName: string;
  readonly PolicyType: string;
  /** Its checked `<PolicyType>PolicyConfiguration`. */
  readonly configuration: unknown;
  /** One of the alarms it owns, by key; undefined when it owns none by that key. */
  ownedAlarm(key: string): AlarmView | undefined;
}

export interface ScalingView {
  /** The simulated time of the invocation, in ms since the run began (a predictive type reads its profile here). */
  readonly nowMs: number;
  /** The alarm that invoked the policy. */
  readonly alarm: AlarmView;
  /** The scalable target's RUNNING tasks: the capacity scaling counts from. */
  readonly runningCount: number;
  readonly desiredCount: number;
  /** whether this policy's scale-out cooldown is on, and the capacity before it began. */
  readonly scaleOutCooldown: { readonly active: boolean; readonly baseCapacity: number };
  /** The target's other policies, in the order they were first put. */
  readonly otherPolicies: readonly PolicyView[];
}

/**
 * Scale out or in towards `desired` (before Min/Max, suspension and cooldowns apply), or
 * leave the target alone; `reason` says why, for people and tests.
 */
export type ScalingDecision =
  | { readonly direction: 'out' | 'in'; readonly desired: number; readonly reason: string }
  | { readonly direction: 'none'; readonly reason: string };

/** The configuration field of a policy type: `StepScaling` → `StepScalingPolicyConfiguration`, as AWS names them. */
export function configurationField(policyType: string): string {
  return `${policyType}PolicyConfiguration`;
}
