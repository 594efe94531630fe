import type { CloudWatch, AlarmActionInvocation } from '../cloudwatch/alarm.js';
import type { MetricAlarmConfig } from '../cloudwatch/schema.js';
import type { Simulation, Timer } from '../engine/index.js';
import type { AlarmView, PolicyView, ScalingPolicyBehaviour } from './policy-type.js';
import { configurationField } from './policy-type.js';
import { ScalingPolicyRegistry, type PutScalingPolicyConfig } from './scaling-policies.js';
import { nextScheduleTime, parseSchedule, type Schedule } from './schedule.js';
import { parseWith, putScheduledActionSchema, registerScalableTargetSchema, type PutScheduledActionConfig } from './schema.js';

/**
 * Application Auto Scaling for ECS services, over the CloudWatch model.
 *
 * - **Policy types** are plug-ins looked up by `PolicyType` (scaling-policies.ts): AWS's
 *   TargetTrackingScaling (target-tracking.ts) and StepScaling (step-scaling.ts), plus any a
 *   user registers. A type owns its alarms or answers the user's, and decides the capacity
 *   it wants; everything below is the service's and the same for every type.
 * - **Capacity** starts from the service's running count; the policy's wanted
 *   capacity is clamped to [Min, Max], with the jump to MinCapacity (or down to
 *   MaxCapacity) of A-011.
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
  /** Sets the service's desired count; returns ECS's error text when it refuses (a service quota, ecs-facts S-131). */
  setDesiredCount(n: number): string | void;
  deploymentInProgress(): boolean;
}

export interface ApplicationAutoScalingOptions {
  readonly region: string;
  readonly accountId: string;
  /** The policy types `PutScalingPolicy` accepts (AWS's two when absent). */
  readonly scalingPolicies?: ScalingPolicyRegistry | undefined;
}

export interface SuspendedState {
  readonly DynamicScalingInSuspended: boolean;
  readonly DynamicScalingOutSuspended: boolean;
  readonly ScheduledScalingSuspended: boolean;
}

export type ScalingActivityStatusCode = 'Pending' | 'InProgress' | 'Successful' | 'Overridden' | 'Unfulfilled' | 'Failed';

/** What one alarm invocation did: the desired count set, or why nothing was (a decision record's `to` and `reason`). */
interface ScaleVerdict {
  readonly to: number | null;
  readonly reason: string | null;
}

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
  readonly PolicyType: string;
  /** The type's configuration, under `<PolicyType>PolicyConfiguration` as the API returns it. */
  readonly [configuration: string]: unknown;
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

export { SCALE_IN_COOLDOWN_SECONDS_DEFAULT, SCALE_OUT_COOLDOWN_SECONDS_DEFAULT, ALARM_LOW_FACTOR, ALARM_HIGH_EVALUATION_PERIODS, ALARM_LOW_EVALUATION_PERIODS, DISABLE_SCALE_IN_OMITS_ALARM_LOW, SCALE_OUT_FROM_ZERO_BASE } from './target-tracking.js';
export { STEP_COOLDOWN_SECONDS_DEFAULT } from './step-scaling.js';
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
  /** Its policies, in the order they were first put (A-008 reads the others at every invocation). */
  readonly policies: Policy[];
}

interface Policy {
  readonly arn: string;
  readonly name: string;
  readonly target: Target;
  config: PutScalingPolicyConfig;
  /** The type's behaviour for `config`. */
  behaviour: ScalingPolicyBehaviour;
  readonly createdMs: number;
  /** The alarms it owns, by the type's key (target tracking's AlarmHigh, AlarmLow). */
  owned: Map<string, string>;
  /** Drawn at creation for the names of owned alarms. */
  readonly alarmIds: readonly [string, string];
  outCooldownUntil: number;
  /** Capacity (running count) before the scale-out that began the current cooldown. */
  outCooldownBase: number;
  /** Last not-scaled reason recorded, so a repeat each minute is not recorded again. */
  lastNotScaled: string | undefined;
  /** The activity cause for each alarm that invokes it (`causeOf`). */
  readonly causes: Map<string, string>;
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

/** `monitor alarm <alarm> in state ALARM triggered policy <policy>`, made once per alarm and policy (an alarm in ALARM invokes its policy every minute). */
function causeOf(policy: Policy, alarmName: string): string {
  let cause = policy.causes.get(alarmName);
  if (cause === undefined) {
    cause = `monitor alarm ${alarmName} in state ALARM triggered policy ${policy.name}`;
    policy.causes.set(alarmName, cause);
  }
  return cause;
}

/** The policy's own key for an alarm it owns, undefined for a user's alarm. */
function keyOf(policy: Policy, alarmName: string): string | undefined {
  for (const [key, name] of policy.owned) if (name === alarmName) return key;
  return undefined;
}

export class ApplicationAutoScaling {
  private readonly targets = new Map<string, Target>();
  private readonly policies = new Map<string, Policy>();
  private readonly scheduled = new Map<string, ScheduledAction>();
  private readonly activities: ActivityRecord[] = [];
  private readonly ids;
  private readonly types: ScalingPolicyRegistry;

  constructor(
    private readonly sim: Simulation,
    private readonly cloudwatch: CloudWatch,
    private readonly options: ApplicationAutoScalingOptions,
  ) {
    this.ids = sim.rng('autoscaling/ids');
    this.types = options.scalingPolicies ?? ScalingPolicyRegistry.withBuiltins();
  }

  /**
   * `RegisterScalableTarget`: creates the target, or updates Min/Max/SuspendedState
   * of a registered one (and rebinds the link). Registering does not change the desired
   * count (assumption: the next alarm or scheduled action moves it, A-011).
   * @throws InputError for bad input.
   */
  registerScalableTarget(input: unknown, link: ScalableTargetLink): void {
    const c = parseWith(registerScalableTargetSchema, input);
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
    this.targets.set(c.ResourceId, { ResourceId: c.ResourceId, MinCapacity: c.MinCapacity, MaxCapacity: c.MaxCapacity, roleArn, suspended, link, createdMs: this.sim.now, scaleInCooldownUntil: new Map(), policies: [] });
  }

  /**
   * `PutScalingPolicy`: creates or updates a policy of a registered type. A type that owns
   * alarms (target tracking) creates or updates them; otherwise the user's alarms that name
   * the policy ARN invoke it.
   * @throws InputError for bad input (an unknown PolicyType included); Error
   *   `ObjectNotFoundException` when the scalable target is not registered.
   */
  putScalingPolicy(input: unknown): { PolicyARN: string; Alarms: { AlarmName: string; AlarmARN: string }[] } {
    const c = parseWith(this.types.putScalingPolicySchema(), input);
    const target = this.targets.get(c.ResourceId);
    if (target === undefined) throw new Error(`ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: ${c.ResourceId}, scalable dimension: ecs:service:DesiredCount`);
    const behaviour = this.types.create(c.PolicyType, c[configurationField(c.PolicyType) as `${string}PolicyConfiguration`]);
    const key = `${c.ResourceId}\u0000${c.PolicyName}`;
    let policy = this.policies.get(key);
    if (policy === undefined) {
      const arn = `arn:aws:autoscaling:${this.options.region}:${this.options.accountId}:scalingPolicy:${this.uuid()}:resource/ecs/${c.ResourceId}:policyName/${c.PolicyName}`;
      policy = { arn, name: c.PolicyName, target, config: c, behaviour, createdMs: this.sim.now, owned: new Map(), alarmIds: [this.uuid(), this.uuid()], outCooldownUntil: -Infinity, outCooldownBase: 0, lastNotScaled: undefined, causes: new Map(), deleted: false };
      this.policies.set(key, policy);
      target.policies.push(policy);
      const p = policy;
      this.cloudwatch.registerAction(arn, (inv) => this.onAlarm(p, inv));
    } else {
      policy.config = c;
      policy.behaviour = behaviour;
    }
    this.putOwnedAlarms(policy);
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
    policy.target.policies.splice(policy.target.policies.indexOf(policy), 1);
  }

  /**
   * `PutScheduledAction`: creates or replaces a scheduled action.
   * @throws InputError for bad input; Error `ObjectNotFoundException` for an
   *   unregistered target.
   */
  putScheduledAction(input: unknown): void {
    const c = parseWith(putScheduledActionSchema, input);
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
          [configurationField(p.config.PolicyType)]: p.config[configurationField(p.config.PolicyType) as `${string}PolicyConfiguration`],
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

  // ---- owned alarms ----

  /** Puts the alarms the policy's type owns, then deletes those it no longer does (DisableScaleIn, a changed type). */
  private putOwnedAlarms(policy: Policy): void {
    const wanted = policy.behaviour.ownedAlarms?.({ policyArn: policy.arn, resourceId: policy.target.ResourceId, ids: policy.alarmIds }) ?? [];
    const owned = new Map<string, string>();
    for (const { key, alarm } of wanted) {
      this.cloudwatch.putMetricAlarm(alarm);
      owned.set(key, alarm.AlarmName);
    }
    const names = new Set(owned.values());
    this.cloudwatch.deleteAlarms([...policy.owned.values()].filter((n) => !names.has(n)));
    policy.owned = owned;
  }

  private deleteOwnedAlarms(policy: Policy): void {
    this.cloudwatch.deleteAlarms([...policy.owned.values()]);
    policy.owned = new Map();
  }

  private alarmsOf(policy: Policy): { AlarmName: string; AlarmARN: string }[] {
    const names =
      policy.behaviour.ownedAlarms !== undefined
        ? [...policy.owned.values()]
        : this.cloudwatch
            .describeAlarms()
            .filter((a) => a.AlarmActions.includes(policy.arn))
            .map((a) => a.AlarmName);
    return names.map((AlarmName) => ({ AlarmName, AlarmARN: `arn:aws:cloudwatch:${this.options.region}:${this.options.accountId}:alarm:${AlarmName}` }));
  }

  // ---- dynamic scaling ----

  /** The policy's type decides from a view of the alarm, the target and its other policies; the service applies the rules every type shares. */
  private onAlarm(policy: Policy, inv: AlarmActionInvocation): void {
    if (policy.deleted) return;
    const alarm = this.cloudwatch.alarmConfig(inv.AlarmName);
    if (alarm === undefined) return;
    const cause = causeOf(policy, inv.AlarmName);
    const link = policy.target.link;
    const decision = policy.behaviour.decide({
      nowMs: this.sim.now,
      alarm: this.alarmView(alarm, keyOf(policy, alarm.AlarmName)),
      runningCount: link.runningCount(),
      desiredCount: link.desiredCount(),
      scaleOutCooldown: { active: this.sim.now < policy.outCooldownUntil, baseCapacity: policy.outCooldownBase },
      otherPolicies: this.otherPolicies(policy),
    });
    const desiredBefore = link.desiredCount();
    const record = (computed: number | null, verdict: ScaleVerdict): void => {
      if (!this.sim.decisions.on) return;
      this.sim.decisions.record('scaling', { resource: policy.target.ResourceId, policy: policy.name, policyType: policy.config.PolicyType, alarm: inv.AlarmName, direction: decision.direction, desiredCount: desiredBefore, computed, to: verdict.to, reason: verdict.reason, ...alarmEvidence(alarm, inv) });
    };
    if (decision.direction === 'none') {
      record(null, { to: null, reason: 'the policy type decided not to scale' });
      return;
    }
    // The service checks a type's answer, as placement checks a strategy's ranks: a plug-in's bug stops the run, never sets a NaN count.
    if (!(Number.isSafeInteger(decision.desired) && decision.desired >= 0)) throw new Error(`scaling policy type ${policy.config.PolicyType} decided a desired count of ${String(decision.desired)}; expected a whole number of at least 0`);
    const verdict = this.scale(policy, decision.direction, decision.desired, cause);
    if (this.sim.decisions.on) record(decision.desired, verdict.to === null ? verdict : { to: verdict.to, reason: verdict.to === decision.desired ? null : `clamped to [MinCapacity ${policy.target.MinCapacity}, MaxCapacity ${policy.target.MaxCapacity}]` });
  }

  /**
   * An alarm as a decision sees it: a plain object, its datapoints read as it is made (a
   * lazy getter in an object literal cost ~3 µs to make, an alarm in ALARM invokes its
   * policy every minute, and every policy type reads them; they come from the alarm's shared
   * window reader, which has just read the same windows).
   */
  private alarmView(alarm: MetricAlarmConfig, key: string | undefined): AlarmView {
    return {
      AlarmName: alarm.AlarmName,
      key,
      Threshold: alarm.Threshold,
      EvaluationPeriods: alarm.EvaluationPeriods,
      state: this.cloudwatch.stateOf(alarm.AlarmName),
      datapoints: this.recentDatapoints(alarm),
    };
  }

  /** The target's other policies, in the order they were first put. */
  private otherPolicies(policy: Policy): PolicyView[] {
    const out: PolicyView[] = [];
    for (const other of policy.target.policies) {
      if (other === policy) continue;
      out.push({
        PolicyName: other.name,
        PolicyType: other.config.PolicyType,
        configuration: other.config[configurationField(other.config.PolicyType) as `${string}PolicyConfiguration`],
        ownedAlarm: (key) => {
          const name = other.owned.get(key);
          if (name === undefined) return undefined;
          const config = this.cloudwatch.alarmConfig(name);
          return config === undefined ? { AlarmName: name, key, Threshold: Number.NaN, EvaluationPeriods: 0, state: this.cloudwatch.stateOf(name), datapoints: [] } : this.alarmView(config, key);
        },
      });
    }
    return out;
  }

  /** Applies Min/Max, suspension, deployments and cooldowns. */
  private scale(policy: Policy, direction: 'out' | 'in', wanted: number, cause: string): ScaleVerdict {
    const target = policy.target;
    const link = target.link;
    const now = this.sim.now;
    const desired = link.desiredCount();
    if (direction === 'out') {
      if (target.suspended.DynamicScalingOutSuspended) return { to: null, reason: 'DynamicScalingOutSuspended' };
      let next: number;
      if (desired < target.MinCapacity) next = target.MinCapacity; // jump to MinCapacity first
      else if (desired >= target.MaxCapacity) return this.notScaled(policy, cause, { Code: 'AlreadyAtMaxCapacity', MaxCapacity: target.MaxCapacity });
      else next = Math.min(target.MaxCapacity, Math.max(target.MinCapacity, wanted));
      if (next <= desired) return this.notScaled(policy, cause, { Code: 'AlreadyAtDesiredCapacity', CurrentCapacity: desired });
      if (now >= policy.outCooldownUntil) policy.outCooldownBase = link.runningCount();
      policy.outCooldownUntil = now + 1000 * policy.behaviour.scaleOutCooldownSeconds;
      target.scaleInCooldownUntil.clear(); // a scale-out cancels scale-in cooldowns
      this.setDesired(policy, desired, next, cause);
      return { to: next, reason: null };
    }
    if (target.suspended.DynamicScalingInSuspended) return { to: null, reason: 'DynamicScalingInSuspended' };
    if (link.deploymentInProgress()) {
      if (this.sim.trace.on) this.sim.trace.emit('autoscaling', 'scaleInBlocked', { ResourceId: target.ResourceId, PolicyName: policy.name, reason: 'deploymentInProgress' });
      return { to: null, reason: 'a deployment is in progress' };
    }
    if (now < (target.scaleInCooldownUntil.get(policy.arn) ?? -Infinity)) return { to: null, reason: 'scale-in cooldown' };
    let next: number;
    if (desired > target.MaxCapacity) next = target.MaxCapacity; // A-011 mirror case
    else if (desired <= target.MinCapacity) return this.notScaled(policy, cause, { Code: 'AlreadyAtMinCapacity', MinCapacity: target.MinCapacity });
    else next = Math.max(target.MinCapacity, Math.min(target.MaxCapacity, wanted));
    if (next >= desired) return this.notScaled(policy, cause, { Code: 'AlreadyAtDesiredCapacity', CurrentCapacity: desired });
    target.scaleInCooldownUntil.set(policy.arn, now + 1000 * policy.behaviour.scaleInCooldownSeconds);
    this.setDesired(policy, desired, next, cause);
    return { to: next, reason: null };
  }

  private setDesired(policy: Policy, from: number, to: number, cause: string): void {
    policy.lastNotScaled = undefined;
    const refused = policy.target.link.setDesiredCount(to);
    if (refused !== undefined) {
      // ECS refused the UpdateService call (ecs-facts S-131); the activity's wording is an assumption (PS-002).
      this.record(policy.target.ResourceId, false, {
        Description: `Setting desired count to ${to}.`,
        Cause: cause,
        StatusCode: 'Failed',
        StatusMessage: `Failed to set desired count to ${to}. Reason: ${refused}`,
      }, { PolicyName: policy.name, fromDesiredCount: from, toDesiredCount: to, refused });
      return;
    }
    this.record(policy.target.ResourceId, true, {
      Description: `Setting desired count to ${to}.`,
      Cause: cause,
      StatusCode: 'Successful',
      StatusMessage: `Successfully set desired count to ${to}. Change successfully fulfilled by ecs.`,
    }, { PolicyName: policy.name, fromDesiredCount: from, toDesiredCount: to });
  }

  /** a not-scaled activity, recorded once per policy until the reason changes. */
  private notScaled(policy: Policy, cause: string, reason: NotScaledReason): ScaleVerdict {
    const verdict = { to: null, reason: reason.Code };
    // The reason's fields as one string (no JSON per repeat: a policy at its bounds is invoked every minute).
    const key = `${reason.Code} ${reason.MaxCapacity} ${reason.MinCapacity} ${reason.CurrentCapacity}`;
    if (policy.lastNotScaled === key) return verdict;
    policy.lastNotScaled = key;
    this.record(policy.target.ResourceId, false, {
      Description: 'Attempting to scale due to alarm triggered',
      Cause: cause,
      StatusCode: 'Failed',
      StatusMessage: `Failed to set desired count: ${reason.Code}`,
      NotScaledReasons: [reason],
    }, { PolicyName: policy.name, NotScaledReason: reason.Code });
    return verdict;
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

  /** The alarm's datapoints (newest first) over its evaluation range, aligned as the alarm aligns them (read through the alarm's own shared reader, so the windows it just evaluated are not summarized again). */
  private datapoints(alarm: MetricAlarmConfig, count: number, wanted = count): number[] {
    const periodMs = alarm.Period * 1000;
    const reader = this.cloudwatch.alarmReader(alarm.AlarmName) ?? this.cloudwatch.readerFor(alarm);
    const out: number[] = [];
    for (let i = 0; i < count && out.length < wanted; i++) {
      const p = reader.point(this.sim.now - (i + 1) * periodMs);
      if (p !== undefined) out.push(p.value);
    }
    return out;
  }

  /**
   * An alarm's datapoints for a decision: the newest EvaluationPeriods available in its
   * evaluation range (C-025), newest first (target tracking reads the first, A-006; step
   * scaling aggregates them per MetricAggregationType, A-012).
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
    const refused = next !== desired ? target.link.setDesiredCount(next) : undefined; // scheduled actions ignore cooldowns
    const parts = [MinCapacity === undefined ? undefined : `min capacity to ${MinCapacity}`, MaxCapacity === undefined ? undefined : `max capacity to ${MaxCapacity}`].filter((p): p is string => p !== undefined).join(' and ');
    if (refused !== undefined) {
      // ECS refused the UpdateService call (ecs-facts S-131): the bounds are set, the desired count is not (PS-004).
      this.record(target.ResourceId, false, {
        Description: `Setting ${parts}`,
        Cause: scheduledCause(action.config.ScheduledActionName),
        StatusCode: 'Failed',
        StatusMessage: `Failed to set desired count to ${next}. Reason: ${refused}`,
      }, { ScheduledActionName: action.config.ScheduledActionName, fromDesiredCount: desired, toDesiredCount: next, MinCapacity: target.MinCapacity, MaxCapacity: target.MaxCapacity, refused });
      return;
    }
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

/**
 * What the alarm saw when it invoked the policy, for the scaling record (docs/decisions.md):
 * its threshold and comparison, and the datapoints its evaluation evaluated, oldest first,
 * as `{ t, value }` with `t` the period's start in simulated ms (empty after SetAlarmState).
 */
export function alarmEvidence(alarm: Pick<MetricAlarmConfig, 'Threshold' | 'ComparisonOperator'>, inv: Pick<AlarmActionInvocation, 'evaluated'>): { threshold: number; comparison: string; datapoints: { t: number; value: number }[] } {
  return { threshold: alarm.Threshold, comparison: alarm.ComparisonOperator, datapoints: (inv.evaluated ?? []).map((p) => ({ t: p.timestampMs, value: p.value })) };
}
