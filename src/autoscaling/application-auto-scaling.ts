import type { CloudWatch, AlarmActionInvocation } from '../cloudwatch/alarm.js';
import type { MetricAlarmConfig } from '../cloudwatch/schema.js';
import { metricKey, statisticOf, type Dimension, type Statistic } from '../cloudwatch/metric-store.js';
import type { Simulation, Timer } from '../engine/index.js';
import { adjustedCapacity, aggregate, selectStep, targetTrackingCapacity } from './capacity.js';
import { nextScheduleTime, parseSchedule, type Schedule } from './schedule.js';
import {
  parseWith,
  putScalingPolicySchema,
  putScheduledActionSchema,
  registerScalableTargetSchema,
  type PutScalingPolicyConfig,
  type PutScheduledActionConfig,
} from './schema.js';

/**
 * Application Auto Scaling for ECS services, over the CloudWatch model.
 *
 * - **Target tracking** creates and owns two alarms: AlarmHigh (3 × 60 s,
 *   `GreaterThanThreshold` target) and AlarmLow (15 × 60 s, `LessThanThreshold` 0.9 ×
 *   target), both `TreatMissingData: missing`, with the policy ARN as their action. The
 *   alarms re-invoke the policy every minute while in ALARM (C-027), and never in
 *   INSUFFICIENT_DATA, so missing data never scales.
 * - **Capacity** starts from the service's running count; target tracking asks for
 *   `targetTrackingCapacity`; the result is clamped to [Min, Max], with the
 *   jump to MinCapacity (or down to MaxCapacity) of A-011.
 * - **Step scaling**: the user's alarm names the policy ARN; the breach is the aggregated
 *   metric minus the alarm threshold.
 * - **Cooldowns** (A-009, A-010): per policy. A scale-out during its cooldown only goes
 *   ahead if it asks for more than the capacity already set (for step policies the
 *   adjustment is taken from the capacity before the cooldown began, so +2 then +3 adds
 *   only 1); a scale-out cancels every scale-in cooldown of the target.
 * - **Several policies** (A-008): a scale-out never lowers the desired count, so the
 *   largest wins; a target-tracking scale-in needs every scale-in-enabled target-tracking
 *   policy's AlarmLow in ALARM and takes the largest of their capacities.
 * - **Deployments** (A-007): no dynamic scale-in while `deploymentInProgress()`.
 * - **Scheduled actions** (A-015, A-016) set Min/Max at their time, ignore cooldowns
 *   and move the desired count into the new range.
 * - **Activities** (A-017 to A-019): `describeScalingActivities` returns them oldest first
 *   (the API returns newest first); `StartTime`/`EndTime` are epoch **seconds** (the API's
 *   JSON form), counted from the metric store's `epochOriginMs`; the model keeps ms in
 *   `startTimeMs` of the trace record.
 */

/** What the autoscaler needs of an ECS service; the ECS scheduler provides it. */
export interface ScalableTargetLink {
  runningCount(): number;
  desiredCount(): number;
  setDesiredCount(n: number): void;
  deploymentInProgress(): boolean;
}

export interface ApplicationAutoScalingOptions {
  readonly region: string;
  readonly accountId: string;
}

export interface SuspendedState {
  readonly DynamicScalingInSuspended: boolean;
  readonly DynamicScalingOutSuspended: boolean;
  readonly ScheduledScalingSuspended: boolean;
}

export type ScalingActivityStatusCode = 'Pending' | 'InProgress' | 'Successful' | 'Overridden' | 'Unfulfilled' | 'Failed';

export type NotScaledReasonCode = 'AlreadyAtMaxCapacity' | 'AlreadyAtMinCapacity' | 'AlreadyAtDesiredCapacity';

export interface NotScaledReason {
  readonly Code: NotScaledReasonCode;
  readonly MaxCapacity?: number;
  readonly MinCapacity?: number;
  readonly CurrentCapacity?: number;
}

/** `DescribeScalingActivities` `ScalingActivities[]` entry. */
export interface ScalingActivity {
  readonly ActivityId: string;
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly Description: string;
  readonly Cause: string;
  /** Epoch seconds (the API's JSON form). */
  readonly StartTime: number;
  /** Epoch seconds. */
  readonly EndTime: number;
  readonly StatusCode: ScalingActivityStatusCode;
  readonly StatusMessage: string;
  readonly NotScaledReasons?: readonly NotScaledReason[];
}

export interface ScalableTargetDescription {
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly MinCapacity: number;
  readonly MaxCapacity: number;
  readonly RoleARN: string;
  /** Epoch seconds. */
  readonly CreationTime: number;
  readonly SuspendedState: SuspendedState;
}

export interface ScalingPolicyDescription {
  readonly PolicyARN: string;
  readonly PolicyName: string;
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly PolicyType: 'TargetTrackingScaling' | 'StepScaling';
  readonly TargetTrackingScalingPolicyConfiguration?: PutScalingPolicyConfig['TargetTrackingScalingPolicyConfiguration'];
  readonly StepScalingPolicyConfiguration?: PutScalingPolicyConfig['StepScalingPolicyConfiguration'];
  readonly Alarms: readonly { AlarmName: string; AlarmARN: string }[];
  /** Epoch seconds. */
  readonly CreationTime: number;
}

export interface ScheduledActionDescription {
  readonly ScheduledActionName: string;
  readonly ScheduledActionARN: string;
  readonly ServiceNamespace: 'ecs';
  readonly Schedule: string;
  readonly Timezone: string;
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly StartTime?: number;
  readonly EndTime?: number;
  readonly ScalableTargetAction: { readonly MinCapacity?: number | undefined; readonly MaxCapacity?: number | undefined };
  readonly CreationTime: number;
}

/** ScaleInCooldown default for ECS services. */
export const SCALE_IN_COOLDOWN_SECONDS_DEFAULT = 300;
/** Assumption: ScaleOutCooldown default for ECS services (A-009 marks 300 `[unverified]`). */
export const SCALE_OUT_COOLDOWN_SECONDS_DEFAULT = 300;
/** step scaling `Cooldown` default. */
export const STEP_COOLDOWN_SECONDS_DEFAULT = 300;
/** AlarmLow threshold = 0.9 × target (observed for 70 → 63 and 80 → 72). */
export const ALARM_LOW_FACTOR = 0.9;
/** AlarmHigh evaluates 3 one-minute datapoints, AlarmLow 15. */
export const ALARM_HIGH_EVALUATION_PERIODS = 3;
export const ALARM_LOW_EVALUATION_PERIODS = 15;
/**
 * Assumption: with `DisableScaleIn: true` AAS creates no AlarmLow. The API reference only
 * says the policy "won't remove capacity"; without a scale-in alarm it cannot, and this is
 * what AWS-created policies are commonly seen to have. Switch here if evidence differs.
 */
export const DISABLE_SCALE_IN_OMITS_ALARM_LOW = true;
/**
 * Assumption: a target-tracking scale-out from zero running tasks starts from one, since
 * running × metric / target is 0 (ALBRequestCountPerTarget can scale to zero, A-001).
 */
export const SCALE_OUT_FROM_ZERO_BASE = 1;
/** Assumption (AAS docs not found): scheduled activity wording, after observed AWS output. */
export const scheduledCause = (name: string): string => `scheduled action name ${name} was triggered`;
/** The service-linked role AAS uses for ECS services. */
export const ECS_SERVICE_LINKED_ROLE = 'aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService';

interface Target {
  readonly ResourceId: string;
  MinCapacity: number;
  MaxCapacity: number;
  roleArn: string;
  suspended: SuspendedState;
  link: ScalableTargetLink;
  readonly createdMs: number;
  /** Scale-in blocked until (per policy ARN). */
  readonly scaleInCooldownUntil: Map<string, number>;
}

interface Policy {
  readonly arn: string;
  readonly name: string;
  readonly target: Target;
  config: PutScalingPolicyConfig;
  readonly createdMs: number;
  /** Target tracking: the alarm names it owns. */
  highAlarm: string | undefined;
  lowAlarm: string | undefined;
  readonly uuidHigh: string;
  readonly uuidLow: string;
  outCooldownUntil: number;
  /** Capacity (running count) before the scale-out that began the current cooldown. */
  outCooldownBase: number;
  /** Last not-scaled reason recorded, so a repeat each minute is not recorded again. */
  lastNotScaled: string | undefined;
  deleted: boolean;
}

interface ScheduledAction {
  readonly config: PutScheduledActionConfig;
  readonly schedule: Schedule;
  readonly anchorEpochMs: number;
  readonly createdMs: number;
  timer: Timer | undefined;
}

interface ActivityRecord {
  readonly activity: ScalingActivity;
  readonly scaled: boolean;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class ApplicationAutoScaling {
  private readonly targets = new Map<string, Target>();
  private readonly policies = new Map<string, Policy>();
  private readonly scheduled = new Map<string, ScheduledAction>();
  private readonly activities: ActivityRecord[] = [];
  private readonly ids;

  constructor(
    private readonly sim: Simulation,
    private readonly cloudwatch: CloudWatch,
    private readonly options: ApplicationAutoScalingOptions,
  ) {
    this.ids = sim.rng('autoscaling/ids');
  }

  /**
   * `RegisterScalableTarget`: creates the target, or updates Min/Max/SuspendedState
   * of a registered one (and rebinds the link). Registering does not change the desired
   * count (assumption: the next alarm or scheduled action moves it, A-011).
   * @throws AutoScalingConfigError for bad input.
   */
  registerScalableTarget(input: unknown, link: ScalableTargetLink): void {
    const c = parseWith(registerScalableTargetSchema, 'RegisterScalableTarget', input);
    const existing = this.targets.get(c.ResourceId);
    const suspended: SuspendedState = {
      DynamicScalingInSuspended: c.SuspendedState?.DynamicScalingInSuspended ?? existing?.suspended.DynamicScalingInSuspended ?? false,
      DynamicScalingOutSuspended: c.SuspendedState?.DynamicScalingOutSuspended ?? existing?.suspended.DynamicScalingOutSuspended ?? false,
      ScheduledScalingSuspended: c.SuspendedState?.ScheduledScalingSuspended ?? existing?.suspended.ScheduledScalingSuspended ?? false,
    };
    const roleArn = c.RoleARN ?? `arn:aws:iam::${this.options.accountId}:role/${ECS_SERVICE_LINKED_ROLE}`;
    if (existing !== undefined) {
      existing.MinCapacity = c.MinCapacity;
      existing.MaxCapacity = c.MaxCapacity;
      existing.suspended = suspended;
      existing.roleArn = roleArn;
      existing.link = link;
      return;
    }
    this.targets.set(c.ResourceId, { ResourceId: c.ResourceId, MinCapacity: c.MinCapacity, MaxCapacity: c.MaxCapacity, roleArn, suspended, link, createdMs: this.sim.now, scaleInCooldownUntil: new Map() });
  }

  /**
   * `PutScalingPolicy`: creates or updates a policy. Target tracking creates (or updates)
   * its alarms; step scaling registers its ARN for the user's alarms to call.
   * @throws AutoScalingConfigError for bad input; Error `ObjectNotFoundException` when the
   *   scalable target is not registered.
   */
  putScalingPolicy(input: unknown): { PolicyARN: string; Alarms: { AlarmName: string; AlarmARN: string }[] } {
    const c = parseWith(putScalingPolicySchema, 'PutScalingPolicy', input);
    const target = this.targets.get(c.ResourceId);
    if (target === undefined) throw new Error(`ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: ${c.ResourceId}, scalable dimension: ecs:service:DesiredCount`);
    const key = `${c.ResourceId}\u0000${c.PolicyName}`;
    let policy = this.policies.get(key);
    if (policy === undefined) {
      const arn = `arn:aws:autoscaling:${this.options.region}:${this.options.accountId}:scalingPolicy:${this.uuid()}:resource/ecs/${c.ResourceId}:policyName/${c.PolicyName}`;
      policy = { arn, name: c.PolicyName, target, config: c, createdMs: this.sim.now, highAlarm: undefined, lowAlarm: undefined, uuidHigh: this.uuid(), uuidLow: this.uuid(), outCooldownUntil: -Infinity, outCooldownBase: 0, lastNotScaled: undefined, deleted: false };
      this.policies.set(key, policy);
      const p = policy;
      this.cloudwatch.registerAction(arn, (inv) => this.onAlarm(p, inv));
    } else {
      policy.config = c;
    }
    if (c.PolicyType === 'TargetTrackingScaling') this.putTargetTrackingAlarms(policy);
    else this.deleteOwnedAlarms(policy);
    return { PolicyARN: policy.arn, Alarms: this.alarmsOf(policy) };
  }

  /** `DeleteScalingPolicy`: deletes the policy and the alarms it owns. */
  deleteScalingPolicy(input: { readonly PolicyName: string; readonly ResourceId: string }): void {
    const key = `${input.ResourceId}\u0000${input.PolicyName}`;
    const policy = this.policies.get(key);
    if (policy === undefined) throw new Error(`ObjectNotFoundException: No scaling policy found for service namespace: ecs, resource ID: ${input.ResourceId}, scalable dimension: ecs:service:DesiredCount, policy name: ${input.PolicyName}`);
    this.deleteOwnedAlarms(policy);
    policy.deleted = true;
    this.policies.delete(key);
  }

  /**
   * `PutScheduledAction`: creates or replaces a scheduled action.
   * @throws AutoScalingConfigError for bad input; Error `ObjectNotFoundException` for an
   *   unregistered target.
   */
  putScheduledAction(input: unknown): void {
    const c = parseWith(putScheduledActionSchema, 'PutScheduledAction', input);
    if (!this.targets.has(c.ResourceId)) throw new Error(`ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: ${c.ResourceId}, scalable dimension: ecs:service:DesiredCount`);
    const key = `${c.ResourceId}\u0000${c.ScheduledActionName}`;
    const old = this.scheduled.get(key);
    if (old !== undefined) this.sim.cancel(old.timer);
    const origin = this.origin();
    const action: ScheduledAction = { config: c, schedule: parseSchedule(c.Schedule), anchorEpochMs: c.StartTime ?? origin + this.sim.now, createdMs: this.sim.now, timer: undefined };
    this.scheduled.set(key, action);
    this.armScheduled(action, Math.max(origin + this.sim.now, c.StartTime ?? -Infinity));
  }

  /** `DescribeScalableTargets`, sorted by ResourceId. */
  describeScalableTargets(): { ScalableTargets: ScalableTargetDescription[] } {
    return {
      ScalableTargets: [...this.targets.values()]
        .sort((a, b) => byString(a.ResourceId, b.ResourceId))
        .map((t) => ({ ServiceNamespace: 'ecs', ResourceId: t.ResourceId, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: t.MinCapacity, MaxCapacity: t.MaxCapacity, RoleARN: t.roleArn, CreationTime: this.epochSeconds(t.createdMs), SuspendedState: { ...t.suspended } })),
    };
  }

  /** `DescribeScalingPolicies`, sorted by ResourceId then PolicyName. */
  describeScalingPolicies(filter: { readonly ResourceId?: string } = {}): { ScalingPolicies: ScalingPolicyDescription[] } {
    return {
      ScalingPolicies: [...this.policies.values()]
        .filter((p) => filter.ResourceId === undefined || p.target.ResourceId === filter.ResourceId)
        .sort((a, b) => byString(a.target.ResourceId, b.target.ResourceId) || byString(a.name, b.name))
        .map((p) => ({
          PolicyARN: p.arn,
          PolicyName: p.name,
          ServiceNamespace: 'ecs',
          ResourceId: p.target.ResourceId,
          ScalableDimension: 'ecs:service:DesiredCount',
          PolicyType: p.config.PolicyType,
          ...(p.config.TargetTrackingScalingPolicyConfiguration === undefined ? {} : { TargetTrackingScalingPolicyConfiguration: p.config.TargetTrackingScalingPolicyConfiguration }),
          ...(p.config.StepScalingPolicyConfiguration === undefined ? {} : { StepScalingPolicyConfiguration: p.config.StepScalingPolicyConfiguration }),
          Alarms: this.alarmsOf(p),
          CreationTime: this.epochSeconds(p.createdMs),
        })),
    };
  }

  /** `DescribeScheduledActions`, sorted by ResourceId then name. */
  describeScheduledActions(): { ScheduledActions: ScheduledActionDescription[] } {
    return {
      ScheduledActions: [...this.scheduled.values()]
        .sort((a, b) => byString(a.config.ResourceId, b.config.ResourceId) || byString(a.config.ScheduledActionName, b.config.ScheduledActionName))
        .map((a) => ({
          ScheduledActionName: a.config.ScheduledActionName,
          ScheduledActionARN: `arn:aws:autoscaling:${this.options.region}:${this.options.accountId}:scheduledAction:${a.config.ScheduledActionName}:resource/ecs/${a.config.ResourceId}:scheduledActionName/${a.config.ScheduledActionName}`,
          ServiceNamespace: 'ecs',
          Schedule: a.config.Schedule,
          Timezone: 'UTC',
          ResourceId: a.config.ResourceId,
          ScalableDimension: 'ecs:service:DesiredCount',
          ...(a.config.StartTime === undefined ? {} : { StartTime: a.config.StartTime / 1000 }),
          ...(a.config.EndTime === undefined ? {} : { EndTime: a.config.EndTime / 1000 }),
          ScalableTargetAction: { ...a.config.ScalableTargetAction },
          CreationTime: this.epochSeconds(a.createdMs),
        })),
    };
  }

  /**
   * `DescribeScalingActivities`, **oldest first**. Not-scaled activities are left out unless
   * `IncludeNotScaledActivities` is true, as the API does.
   */
  describeScalingActivities(filter: { readonly ResourceId?: string; readonly IncludeNotScaledActivities?: boolean } = {}): { ScalingActivities: ScalingActivity[] } {
    return {
      ScalingActivities: this.activities.filter((a) => (filter.ResourceId === undefined || a.activity.ResourceId === filter.ResourceId) && (a.scaled || filter.IncludeNotScaledActivities === true)).map((a) => a.activity),
    };
  }

  // ---- target tracking alarms ----

  private putTargetTrackingAlarms(policy: Policy): void {
    const tt = policy.config.TargetTrackingScalingPolicyConfiguration;
    if (tt === undefined) return;
    const metric = this.trackedMetric(policy);
    const description = `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policy.arn}.`;
    const base = { ...metric, Period: 60, TreatMissingData: 'missing', AlarmActions: [policy.arn], AlarmDescription: description };
    policy.highAlarm = `TargetTracking-${policy.target.ResourceId}-AlarmHigh-${policy.uuidHigh}`;
    this.cloudwatch.putMetricAlarm({ ...base, AlarmName: policy.highAlarm, EvaluationPeriods: ALARM_HIGH_EVALUATION_PERIODS, ComparisonOperator: 'GreaterThanThreshold', Threshold: tt.TargetValue });
    const lowName = `TargetTracking-${policy.target.ResourceId}-AlarmLow-${policy.uuidLow}`;
    if (tt.DisableScaleIn === true && DISABLE_SCALE_IN_OMITS_ALARM_LOW) {
      this.cloudwatch.deleteAlarms([lowName]);
      policy.lowAlarm = undefined;
    } else {
      policy.lowAlarm = lowName;
      this.cloudwatch.putMetricAlarm({ ...base, AlarmName: lowName, EvaluationPeriods: ALARM_LOW_EVALUATION_PERIODS, ComparisonOperator: 'LessThanThreshold', Threshold: ALARM_LOW_FACTOR * tt.TargetValue });
    }
  }

  /** The metric a target-tracking policy tracks (A-001, A-003; C-003, C-010). */
  private trackedMetric(policy: Policy): { Namespace: string; MetricName: string; Dimensions: Dimension[]; Statistic: Statistic; Unit?: string } {
    const tt = policy.config.TargetTrackingScalingPolicyConfiguration;
    const custom = tt?.CustomizedMetricSpecification;
    if (custom !== undefined) return { Namespace: custom.Namespace, MetricName: custom.MetricName, Dimensions: custom.Dimensions ?? [], Statistic: custom.Statistic, ...(custom.Unit === undefined ? {} : { Unit: custom.Unit }) };
    const pre = tt?.PredefinedMetricSpecification;
    const [, cluster, service] = policy.target.ResourceId.split('/') as [string, string, string];
    const ecsDims = [
      { Name: 'ClusterName', Value: cluster },
      { Name: 'ServiceName', Value: service },
    ];
    switch (pre?.PredefinedMetricType) {
      case 'ECSServiceAverageMemoryUtilization':
        return { Namespace: 'AWS/ECS', MetricName: 'MemoryUtilization', Dimensions: ecsDims, Statistic: 'Average' };
      case 'ALBRequestCountPerTarget': {
        // ResourceLabel app/<lb>/<id>/targetgroup/<tg>/<id>: the TargetGroup dimension is the tail (C-008).
        const label = pre.ResourceLabel as string;
        return { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCountPerTarget', Dimensions: [{ Name: 'TargetGroup', Value: label.slice(label.indexOf('targetgroup/')) }], Statistic: 'Sum' };
      }
      default:
        return { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Dimensions: ecsDims, Statistic: 'Average' };
    }
  }

  private deleteOwnedAlarms(policy: Policy): void {
    const names = [policy.highAlarm, policy.lowAlarm].filter((n): n is string => n !== undefined);
    this.cloudwatch.deleteAlarms(names);
    policy.highAlarm = undefined;
    policy.lowAlarm = undefined;
  }

  private alarmsOf(policy: Policy): { AlarmName: string; AlarmARN: string }[] {
    const names =
      policy.config.PolicyType === 'TargetTrackingScaling'
        ? [policy.highAlarm, policy.lowAlarm].filter((n): n is string => n !== undefined)
        : this.cloudwatch
            .describeAlarms()
            .filter((a) => a.AlarmActions.includes(policy.arn))
            .map((a) => a.AlarmName);
    return names.map((AlarmName) => ({ AlarmName, AlarmARN: `arn:aws:cloudwatch:${this.options.region}:${this.options.accountId}:alarm:${AlarmName}` }));
  }

  // ---- dynamic scaling ----

  private onAlarm(policy: Policy, inv: AlarmActionInvocation): void {
    if (policy.deleted) return;
    const alarm = this.cloudwatch.alarmConfig(inv.AlarmName);
    if (alarm === undefined) return;
    const cause = `monitor alarm ${inv.AlarmName} in state ALARM triggered policy ${policy.name}`;
    if (policy.config.PolicyType === 'TargetTrackingScaling') this.targetTracking(policy, alarm, cause);
    else this.stepScaling(policy, alarm, cause);
  }

  private targetTracking(policy: Policy, alarm: MetricAlarmConfig, cause: string): void {
    const tt = policy.config.TargetTrackingScalingPolicyConfiguration;
    if (tt === undefined) return;
    const metric = this.newestDatapoint(alarm);
    if (metric === undefined) return;
    const link = policy.target.link;
    const running = link.runningCount();
    if (alarm.AlarmName === policy.highAlarm) {
      // A-010: during the scale-out cooldown "the capacity added by the initiating scale-out
      // activity is calculated as part of the desired capacity for the next scale-out": the
      // next one counts from the capacity before it (whose load the lagging datapoints still
      // show), so a repeat only scales out further if the metric asks for more.
      const from = this.sim.now < policy.outCooldownUntil ? policy.outCooldownBase : running;
      const base = from === 0 ? SCALE_OUT_FROM_ZERO_BASE : from;
      this.scale(policy, 'out', targetTrackingCapacity(base, metric, tt.TargetValue), cause);
      return;
    }
    if (alarm.AlarmName !== policy.lowAlarm) return;
    // scale in only if every scale-in-enabled target-tracking policy agrees; the
    // largest capacity wins.
    let wanted = targetTrackingCapacity(running, metric, tt.TargetValue);
    for (const other of this.policies.values()) {
      if (other === policy || other.target !== policy.target || other.config.PolicyType !== 'TargetTrackingScaling' || other.lowAlarm === undefined) continue;
      if (this.cloudwatch.stateOf(other.lowAlarm) !== 'ALARM') return;
      const otherAlarm = this.cloudwatch.alarmConfig(other.lowAlarm);
      const otherMetric = otherAlarm === undefined ? undefined : this.newestDatapoint(otherAlarm);
      const otherTt = other.config.TargetTrackingScalingPolicyConfiguration;
      if (otherMetric === undefined || otherTt === undefined) return;
      wanted = Math.max(wanted, targetTrackingCapacity(running, otherMetric, otherTt.TargetValue));
    }
    this.scale(policy, 'in', wanted, cause);
  }

  private stepScaling(policy: Policy, alarm: MetricAlarmConfig, cause: string): void {
    const ss = policy.config.StepScalingPolicyConfiguration;
    if (ss === undefined) return;
    const values = this.recentDatapoints(alarm);
    const metric = aggregate(values, ss.MetricAggregationType ?? 'Average');
    if (metric === undefined) return;
    const step = selectStep(ss.StepAdjustments, metric - alarm.Threshold);
    if (step === undefined) return;
    const running = policy.target.link.runningCount();
    const inOutCooldown = this.sim.now < policy.outCooldownUntil;
    // during a scale-out cooldown the adjustment counts from the capacity before it.
    const base = inOutCooldown && (step.ScalingAdjustment > 0 || ss.AdjustmentType === 'ExactCapacity') ? policy.outCooldownBase : running;
    const wanted = adjustedCapacity(base, ss.AdjustmentType, step.ScalingAdjustment, ss.MinAdjustmentMagnitude);
    const direction = ss.AdjustmentType === 'ExactCapacity' ? (wanted >= policy.target.link.desiredCount() ? 'out' : 'in') : step.ScalingAdjustment >= 0 ? 'out' : 'in';
    this.scale(policy, direction, wanted, cause);
  }

  /** Applies Min/Max, suspension, deployments and cooldowns. */
  private scale(policy: Policy, direction: 'out' | 'in', wanted: number, cause: string): void {
    const target = policy.target;
    const link = target.link;
    const now = this.sim.now;
    const desired = link.desiredCount();
    const running = link.runningCount();
    if (direction === 'out') {
      if (target.suspended.DynamicScalingOutSuspended) return;
      let next: number;
      if (desired < target.MinCapacity) next = target.MinCapacity; // jump to MinCapacity first
      else if (desired >= target.MaxCapacity) return this.notScaled(policy, cause, { Code: 'AlreadyAtMaxCapacity', MaxCapacity: target.MaxCapacity });
      else next = Math.min(target.MaxCapacity, Math.max(target.MinCapacity, wanted));
      if (next <= desired) return this.notScaled(policy, cause, { Code: 'AlreadyAtDesiredCapacity', CurrentCapacity: desired });
      if (now >= policy.outCooldownUntil) policy.outCooldownBase = running;
      policy.outCooldownUntil = now + 1000 * this.outCooldownSeconds(policy);
      target.scaleInCooldownUntil.clear(); // a scale-out cancels scale-in cooldowns
      this.setDesired(policy, desired, next, cause);
      return;
    }
    if (target.suspended.DynamicScalingInSuspended) return;
    if (link.deploymentInProgress()) {
      if (this.sim.trace.on) this.sim.trace.emit('autoscaling', 'scaleInBlocked', { ResourceId: target.ResourceId, PolicyName: policy.name, reason: 'deploymentInProgress' });
      return;
    }
    if (now < (target.scaleInCooldownUntil.get(policy.arn) ?? -Infinity)) return;
    let next: number;
    if (desired > target.MaxCapacity) next = target.MaxCapacity; // A-011 mirror case
    else if (desired <= target.MinCapacity) return this.notScaled(policy, cause, { Code: 'AlreadyAtMinCapacity', MinCapacity: target.MinCapacity });
    else next = Math.max(target.MinCapacity, Math.min(target.MaxCapacity, wanted));
    if (next >= desired) return this.notScaled(policy, cause, { Code: 'AlreadyAtDesiredCapacity', CurrentCapacity: desired });
    target.scaleInCooldownUntil.set(policy.arn, now + 1000 * this.inCooldownSeconds(policy));
    this.setDesired(policy, desired, next, cause);
  }

  private outCooldownSeconds(policy: Policy): number {
    const c = policy.config;
    return c.PolicyType === 'StepScaling' ? (c.StepScalingPolicyConfiguration?.Cooldown ?? STEP_COOLDOWN_SECONDS_DEFAULT) : (c.TargetTrackingScalingPolicyConfiguration?.ScaleOutCooldown ?? SCALE_OUT_COOLDOWN_SECONDS_DEFAULT);
  }

  private inCooldownSeconds(policy: Policy): number {
    const c = policy.config;
    return c.PolicyType === 'StepScaling' ? (c.StepScalingPolicyConfiguration?.Cooldown ?? STEP_COOLDOWN_SECONDS_DEFAULT) : (c.TargetTrackingScalingPolicyConfiguration?.ScaleInCooldown ?? SCALE_IN_COOLDOWN_SECONDS_DEFAULT);
  }

  private setDesired(policy: Policy, from: number, to: number, cause: string): void {
    policy.lastNotScaled = undefined;
    policy.target.link.setDesiredCount(to);
    this.record(policy.target.ResourceId, true, {
      Description: `Setting desired count to ${to}.`,
      Cause: cause,
      StatusCode: 'Successful',
      StatusMessage: `Successfully set desired count to ${to}. Change successfully fulfilled by ecs.`,
    }, { PolicyName: policy.name, fromDesiredCount: from, toDesiredCount: to });
  }

  /** a not-scaled activity, recorded once per policy until the reason changes. */
  private notScaled(policy: Policy, cause: string, reason: NotScaledReason): void {
    const key = JSON.stringify(reason);
    if (policy.lastNotScaled === key) return;
    policy.lastNotScaled = key;
    this.record(policy.target.ResourceId, false, {
      Description: 'Attempting to scale due to alarm triggered',
      Cause: cause,
      StatusCode: 'Failed',
      StatusMessage: `Failed to set desired count: ${reason.Code}`,
      NotScaledReasons: [reason],
    }, { PolicyName: policy.name, NotScaledReason: reason.Code });
  }

  private record(resourceId: string, scaled: boolean, fields: Pick<ScalingActivity, 'Description' | 'Cause' | 'StatusCode' | 'StatusMessage' | 'NotScaledReasons'>, extra: Record<string, unknown>): void {
    const t = this.epochSeconds(this.sim.now);
    const activity: ScalingActivity = {
      ActivityId: this.uuid(),
      ServiceNamespace: 'ecs',
      ResourceId: resourceId,
      ScalableDimension: 'ecs:service:DesiredCount',
      Description: fields.Description,
      Cause: fields.Cause,
      StartTime: t,
      EndTime: t,
      StatusCode: fields.StatusCode,
      StatusMessage: fields.StatusMessage,
      ...(fields.NotScaledReasons === undefined ? {} : { NotScaledReasons: fields.NotScaledReasons }),
    };
    this.activities.push({ activity, scaled });
    if (scaled) {
      const desired = extra['toDesiredCount'];
      if (typeof desired === 'number') this.sim.probe(`autoscaling.${resourceId}.desiredCount`).set(desired);
    }
    if (this.sim.trace.on) this.sim.trace.emit('autoscaling', 'scalingActivity', { startTimeMs: this.sim.now, ActivityId: activity.ActivityId, ResourceId: resourceId, StatusCode: activity.StatusCode, Description: activity.Description, Cause: activity.Cause, ...extra });
  }

  // ---- metric reads ----

  /** The alarm's datapoints (newest first) over its evaluation range, aligned as the alarm aligns them. */
  private datapoints(alarm: MetricAlarmConfig, count: number, wanted = count): number[] {
    const periodMs = alarm.Period * 1000;
    const stat = (alarm.ExtendedStatistic ?? alarm.Statistic) as Statistic;
    const metric = metricKey(alarm.Namespace, alarm.MetricName, alarm.Dimensions);
    const out: number[] = [];
    for (let i = 0; i < count && out.length < wanted; i++) {
      const start = this.sim.now - (i + 1) * periodMs;
      const s = this.cloudwatch.metrics.summarize(metric, start, start + periodMs, stat.startsWith('p'));
      const v = s === undefined ? undefined : statisticOf(s, stat);
      if (v !== undefined) out.push(v);
    }
    return out;
  }

  /**
   * Target tracking's metric value: the newest available datapoint in the alarm's range
   * (assumption: AAS does not document which value it uses).
   */
  private newestDatapoint(alarm: MetricAlarmConfig): number | undefined {
    return this.datapoints(alarm, alarm.EvaluationPeriods + 2, 1)[0];
  }

  /**
   * Step scaling's datapoints: the newest EvaluationPeriods available in the alarm's
   * evaluation range (C-025), to be aggregated per MetricAggregationType.
   */
  private recentDatapoints(alarm: MetricAlarmConfig): number[] {
    return this.datapoints(alarm, alarm.EvaluationPeriods + 2, alarm.EvaluationPeriods);
  }

  // ---- scheduled actions ----

  private armScheduled(action: ScheduledAction, fromEpochMs: number): void {
    const next = nextScheduleTime(action.schedule, action.anchorEpochMs, fromEpochMs);
    if (next === undefined || (action.config.EndTime !== undefined && next > action.config.EndTime)) {
      action.timer = undefined;
      return;
    }
    action.timer = this.sim.at(Math.max(this.sim.now, next - this.origin()), this.runScheduled, action);
  }

  private readonly runScheduled = (action: ScheduledAction): void => {
    const key = `${action.config.ResourceId}\u0000${action.config.ScheduledActionName}`;
    if (this.scheduled.get(key) !== action) return;
    this.armScheduled(action, this.origin() + this.sim.now + 1);
    const target = this.targets.get(action.config.ResourceId);
    if (target === undefined || target.suspended.ScheduledScalingSuspended) return;
    const { MinCapacity, MaxCapacity } = action.config.ScalableTargetAction;
    if (MinCapacity !== undefined) target.MinCapacity = MinCapacity;
    if (MaxCapacity !== undefined) target.MaxCapacity = MaxCapacity;
    if (target.MinCapacity > target.MaxCapacity) {
      // Only one bound given and it crosses the other: the given one wins (assumption).
      if (MinCapacity !== undefined) target.MaxCapacity = MinCapacity;
      else target.MinCapacity = target.MaxCapacity;
    }
    const desired = target.link.desiredCount();
    const next = Math.min(target.MaxCapacity, Math.max(target.MinCapacity, desired));
    if (next !== desired) target.link.setDesiredCount(next); // scheduled actions ignore cooldowns
    const parts = [MinCapacity === undefined ? undefined : `min capacity to ${MinCapacity}`, MaxCapacity === undefined ? undefined : `max capacity to ${MaxCapacity}`].filter((p): p is string => p !== undefined).join(' and ');
    this.record(target.ResourceId, true, {
      Description: `Setting ${parts}`,
      Cause: scheduledCause(action.config.ScheduledActionName),
      StatusCode: 'Successful',
      StatusMessage: `Successfully set ${parts}. Change successfully fulfilled by ecs.`,
    }, { ScheduledActionName: action.config.ScheduledActionName, fromDesiredCount: desired, toDesiredCount: next, MinCapacity: target.MinCapacity, MaxCapacity: target.MaxCapacity });
  };

  // ---- helpers ----

  private origin(): number {
    return this.cloudwatch.metrics.epochOriginMs;
  }

  private epochSeconds(simMs: number): number {
    return (this.origin() + simMs) / 1000;
  }

  /** A version-4 UUID from the named stream `autoscaling/ids`. */
  private uuid(): string {
    let hex = '';
    for (let i = 0; i < 32; i++) {
      let d = this.ids.int(16);
      if (i === 12) d = 4;
      else if (i === 16) d = 8 + (d % 4);
      hex += d.toString(16);
    }
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
