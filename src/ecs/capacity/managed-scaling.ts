import { z } from 'zod';
import type { Simulation } from '../../engine/simulation.js';
import type { RandomStream } from '../../engine/random.js';
import type { CloudWatch, AlarmActionInvocation } from '../../cloudwatch/alarm.js';
import { MinutePublisher } from '../../cloudwatch/publishing.js';
import type { EcsConfig } from '../config.js';
import type { AutoScalingGroupProvider, CapacityProviderDefinition, ManagedScalingSettings } from './types.js';
import type { TaskRecord } from '../task/task-record.js';
import type { AutoScalingGroup, AutoScalingGroupActivity } from './auto-scaling-group.js';
import type { ContainerInstance } from './container-instance.js';
export type { AutoScalingGroupProvider, ManagedScalingSettings };
import { registeredMemoryMiB, resolveInstanceType } from './instance-types.js';

/**
 * ECS cluster auto scaling (ecs-facts ): an Auto Scaling group capacity
 * provider with managed scaling. Per provider ECS publishes `CapacityProviderReservation`
 * each minute, and a target-tracking policy on the group (a high and a low alarm in
 * CloudWatch) moves the group's desired capacity towards `targetCapacity`. Managed
 * termination protection keeps instances with non-daemon tasks, and managed draining sets
 * an instance DRAINING before it is terminated.
 */

// ---- Input (CreateCapacityProvider's autoScalingGroupProvider, ecs-facts) ----

export const managedScalingSchema = z.strictObject({
  status: z.enum(['ENABLED', 'DISABLED'], { error: 'status must be ENABLED or DISABLED' }).optional(),
  targetCapacity: z.number().int().min(1, { error: 'targetCapacity must be an integer from 1 to 100 (ecs-facts A-020)' }).max(100, { error: 'targetCapacity must be an integer from 1 to 100 (ecs-facts A-020)' }).optional(),
  minimumScalingStepSize: z.number().int().min(1, { error: 'minimumScalingStepSize must be an integer from 1 to 10000 (ecs-facts A-020)' }).max(10_000, { error: 'minimumScalingStepSize must be an integer from 1 to 10000 (ecs-facts A-020)' }).optional(),
  maximumScalingStepSize: z.number().int().min(1, { error: 'maximumScalingStepSize must be an integer from 1 to 10000 (ecs-facts A-020)' }).max(10_000, { error: 'maximumScalingStepSize must be an integer from 1 to 10000 (ecs-facts A-020)' }).optional(),
  instanceWarmupPeriod: z.number().int().min(0, { error: 'instanceWarmupPeriod must be an integer from 0 to 10000 seconds (ecs-facts A-020)' }).max(10_000, { error: 'instanceWarmupPeriod must be an integer from 0 to 10000 seconds (ecs-facts A-020)' }).optional(),
});

export const autoScalingGroupProviderSchema = z
  .strictObject({
    /** The scenario's instance group name stands for the group's ARN. */
    autoScalingGroupArn: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'autoScalingGroupArn names an instance group: letters, digits, "_" and "-"' }),
    managedScaling: managedScalingSchema.optional(),
    managedTerminationProtection: z.enum(['ENABLED', 'DISABLED'], { error: 'managedTerminationProtection must be ENABLED or DISABLED' }).optional(),
    managedDraining: z.enum(['ENABLED', 'DISABLED'], { error: 'managedDraining must be ENABLED or DISABLED' }).optional(),
  })
  .superRefine((p, ctx) => {
    // ecs-facts A-026: managed termination protection requires managed scaling.
    if (p.managedTerminationProtection === 'ENABLED' && p.managedScaling?.status !== 'ENABLED') {
      ctx.addIssue({ code: 'custom', path: ['managedTerminationProtection'], message: 'managedTerminationProtection ENABLED needs managedScaling.status ENABLED (ecs-facts A-026)' });
    }
    const s = p.managedScaling;
    if (s?.minimumScalingStepSize !== undefined && s.maximumScalingStepSize !== undefined && s.minimumScalingStepSize > s.maximumScalingStepSize) {
      ctx.addIssue({ code: 'custom', path: ['managedScaling', 'minimumScalingStepSize'], message: `minimumScalingStepSize (${s.minimumScalingStepSize}) must not exceed maximumScalingStepSize (${s.maximumScalingStepSize})` });
    }
  });

export type AutoScalingGroupProviderInput = z.output<typeof autoScalingGroupProviderSchema>;

/**
 * The API's defaults (ecs-facts ): targetCapacity 100, step sizes 1 and
 * 10000, warm-up 300 s, managed draining on. Managed scaling itself defaults to DISABLED
 * here, as in the API when `managedScaling` is left out.
 */
export function autoScalingGroupProviderWithDefaults(input: AutoScalingGroupProviderInput): AutoScalingGroupProvider {
  const s = input.managedScaling;
  return {
    autoScalingGroupArn: input.autoScalingGroupArn,
    managedScaling: {
      status: s?.status ?? (s === undefined ? 'DISABLED' : 'ENABLED'),
      targetCapacity: s?.targetCapacity ?? 100,
      minimumScalingStepSize: s?.minimumScalingStepSize ?? 1,
      maximumScalingStepSize: s?.maximumScalingStepSize ?? 10_000,
      instanceWarmupPeriod: s?.instanceWarmupPeriod ?? 300,
    },
    managedTerminationProtection: input.managedTerminationProtection ?? 'DISABLED',
    managedDraining: input.managedDraining ?? 'ENABLED',
  };
}

// ---- Assumptions ------------------------------------------------------------------------

/** Where ECS publishes the metric (ecs-facts A-021). */
export const MANAGED_SCALING_NAMESPACE = 'AWS/ECS/ManagedScaling';
export const CAPACITY_PROVIDER_RESERVATION = 'CapacityProviderReservation';
/**
 * Datapoints of the scale-out alarm. ecs-facts A-025 leaves it unverified; 1 of 1 (one
 * minute) is an assumption, matching the console's usual "> target for 1 datapoints".
 */
export const HIGH_ALARM_DATAPOINTS = 1;
/** ecs-facts A-025: "CloudWatch scale-in alarms require 15 data points (15 minutes)". */
export const LOW_ALARM_DATAPOINTS = 15;
/**
 * The low alarm's threshold as a fraction of targetCapacity: an assumption carried over
 * from the target-tracking alarms ECS services get (ecs-facts A-003: 0.9 × target).
 */
export const LOW_ALARM_THRESHOLD_FACTOR = 0.9;
/**
 * ecs-facts A-024: with no instance at all and tasks waiting, "ECS always scales-out to
 * 200% (two instances)". Read here as: the metric is 200 and the first step launches two
 * instances (still bounded by the step sizes and MaxSize). An assumption on the wording.
 */
export const ZERO_INSTANCE_RESERVATION = 200;
export const ZERO_INSTANCE_SCALE_OUT = 2;
/**
 * ecs-facts A-025: in scale-in the group's capacity moves by "greater than one instance
 * and less than 50% each minute". Read as: at most half the instances (at least one) per
 * minute. An assumption on the wording.
 */
export const SCALE_IN_MAX_FRACTION = 0.5;

// ---- The reservation (A-021 to A-024) ---------------------------------------------------

export interface TaskSize {
  readonly cpu: number;
  readonly memory: number;
}

/**
 * How many instances of `capacity` the tasks need, binpacked first-fit decreasing by CPU
 * then memory (ecs-facts A-024). Tasks bigger than an instance are left out: they stay
 * waiting and trigger no scaling.
 */
export function instancesNeeded(tasks: readonly TaskSize[], capacity: TaskSize): number {
  const fitting = tasks.filter((t) => t.cpu <= capacity.cpu && t.memory <= capacity.memory);
  const sorted = [...fitting].sort((a, b) => b.cpu - a.cpu || b.memory - a.memory);
  const bins: { cpu: number; memory: number }[] = [];
  for (const t of sorted) {
    const bin = bins.find((b) => b.cpu >= t.cpu && b.memory >= t.memory);
    if (bin === undefined) bins.push({ cpu: capacity.cpu - t.cpu, memory: capacity.memory - t.memory });
    else {
      bin.cpu -= t.cpu;
      bin.memory -= t.memory;
    }
  }
  return bins.length;
}

/**
 * What cluster auto scaling reads of the control plane (the cluster, its instances and
 * tasks, the services' events) and the one call it makes, UpdateContainerInstancesState
 * (managed draining). A narrow view, so capacity never imports the control plane.
 */
export interface ManagedScalingHost {
  readonly clusterArn: string;
  readonly clusterName: string;
  readonly capacityProviders: { readonly definitions: readonly CapacityProviderDefinition[] };
  readonly provisioningTasks: readonly TaskRecord[];
  readonly instances: readonly ContainerInstance[];
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly scheduler: { readonly services: ReadonlyMap<string, { readonly spec: { readonly schedulingStrategy: string }; readonly events: readonly { readonly createdAt: number; readonly message: string }[] }> };
  setInstanceState(instance: ContainerInstance, status: 'ACTIVE' | 'DRAINING'): string;
}

/**
 * CapacityProviderReservation = M / N × 100 (ecs-facts A-022, the current documentation).
 * A-022 is followed rather than A-023's "100 − empty instances" because it is the current
 * text, it also says how far to scale (target tracking needs a proportional metric), and
 * the two agree on the direction. From A-023 we keep that an instance running only daemon
 * tasks counts as empty. N is the instances in service; M is N plus the instances the
 * waiting tasks need when tasks wait, otherwise the non-empty instances. With N = 0 and
 * tasks waiting it is 200 (A-024); with N = 0 and nothing waiting, 100 (no action).
 */
export function capacityProviderReservation(n: number, nonEmpty: number, waitingNeed: number, waiting: number): number {
  if (waiting > 0) return n === 0 ? ZERO_INSTANCE_RESERVATION : ((n + waitingNeed) / n) * 100;
  return n === 0 ? 100 : (nonEmpty / n) * 100;
}

// ---- The actor -------------------------------------------------------------------------

export interface ManagedScalingSample {
  readonly t: number;
  readonly DesiredCapacity: number;
  readonly InService: number;
  readonly CapacityProviderReservation: number;
  readonly provisioningTasks: number;
}

export interface ScalingAction {
  readonly t: number;
  readonly kind: 'scaleOut' | 'scaleIn';
  readonly AlarmName: string;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export interface CapacityProviderScalingResult {
  readonly autoScalingGroupName: string;
  readonly alarms: { readonly high: string; readonly low: string };
  readonly samples: readonly ManagedScalingSample[];
  readonly scalingActions: readonly ScalingAction[];
  readonly activities: readonly AutoScalingGroupActivity[];
  readonly firstProvisioningAtMs?: number;
  readonly steadyStateAtMs?: number;
  /** From the first PROVISIONING task to its services' next steady state. */
  readonly timeToSteadyStateMs?: number;
}

export interface ManagedScalingResult {
  readonly capacityProviders: Readonly<Record<string, CapacityProviderScalingResult>>;
}

interface Provider {
  readonly name: string;
  readonly settings: AutoScalingGroupProvider;
  readonly asg: AutoScalingGroup;
  readonly capacity: TaskSize;
  readonly high: string;
  readonly low: string;
  readonly samples: ManagedScalingSample[];
  readonly actions: ScalingAction[];
  reservation: number;
  /** M, the instances needed, behind the last published reservation. */
  needed: number;
  firstProvisioningAtMs: number | undefined;
  /** Draining instances waiting to be empty before termination. */
  readonly draining: Map<ContainerInstance, () => void>;
}

const STEADY_STATE = 'has reached a steady state';

export class ManagedScaling {
  private readonly providers: Provider[] = [];
  private readonly publisher: MinutePublisher;

  /**
   * @param groups the Auto Scaling groups by instance-group name (EcsModel.autoScalingGroups).
   * @throws Error when a managed-scaling provider's group has no Auto Scaling group.
   */
  constructor(
    private readonly sim: Simulation,
    private readonly cp: ManagedScalingHost,
    private readonly cw: CloudWatch,
    groups: ReadonlyMap<string, AutoScalingGroup>,
    config: EcsConfig,
  ) {
    for (const definition of cp.capacityProviders.definitions) {
      const settings = definition.autoScalingGroupProvider;
      if (settings === undefined || settings.managedScaling.status !== 'ENABLED') continue;
      const asg = groups.get(settings.autoScalingGroupArn);
      const group = config.instanceGroups.find((g, i) => (g.name ?? `group-${i}`) === settings.autoScalingGroupArn);
      if (asg === undefined || group === undefined) throw new Error(`capacity provider ${definition.name}: instance group ${settings.autoScalingGroupArn} has no autoScalingGroup`);
      const type = resolveInstanceType(group.instanceType, config.customInstanceTypes);
      const capacity = { cpu: type.vcpus * 1024, memory: registeredMemoryMiB(type, { reservedMemoryMiB: group.reservedMemoryMiB, os: group.osType }) };
      const rng = sim.rng(`ecs/managed-scaling/${definition.name}`);
      const asgName = asg.AutoScalingGroupName;
      const provider: Provider = {
        name: definition.name,
        settings,
        asg,
        capacity,
        // ecs-facts A-021, A-003 (naming observed for target tracking): TargetTracking-<resource>-AlarmHigh-<uuid>.
        high: `TargetTracking-${asgName}-AlarmHigh-${uuid(rng)}`,
        low: `TargetTracking-${asgName}-AlarmLow-${uuid(rng)}`,
        samples: [],
        actions: [],
        reservation: 100,
        needed: 0,
        firstProvisioningAtMs: undefined,
        draining: new Map(),
      };
      this.providers.push(provider);
      if (settings.managedDraining === 'ENABLED') asg.terminationHook = (instance, done) => this.drain(provider, instance, done);
    }
    this.publisher = new MinutePublisher(sim, (minuteStartMs) => this.publish(minuteStartMs));
  }

  /** Creates the policy's alarms and starts publishing. */
  start(): this {
    const region = this.cp.clusterArn.split(':')[3] ?? 'us-east-1';
    const account = this.cp.clusterArn.split(':')[4] ?? '000000000000';
    for (const p of this.providers) {
      const rng = this.sim.rng(`ecs/managed-scaling/${p.name}/policy`);
      const policyName = `ECSManagedAutoScalingPolicy-${uuid(rng)}`;
      const policyArn = `arn:aws:autoscaling:${region}:${account}:scalingPolicy:${uuid(rng)}:autoScalingGroupName/${p.asg.AutoScalingGroupName}:policyName/${policyName}`;
      const target = p.settings.managedScaling.targetCapacity;
      const common = {
        Namespace: MANAGED_SCALING_NAMESPACE,
        MetricName: CAPACITY_PROVIDER_RESERVATION,
        Dimensions: [
          { Name: 'CapacityProviderName', Value: p.name },
          { Name: 'ClusterName', Value: this.cp.clusterName },
        ],
        Statistic: 'Average',
        Period: 60,
        TreatMissingData: 'missing',
        ActionsEnabled: true,
        AlarmActions: [policyArn],
        AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policyArn}.`,
      };
      this.cw.putMetricAlarm({ ...common, AlarmName: p.high, EvaluationPeriods: HIGH_ALARM_DATAPOINTS, DatapointsToAlarm: HIGH_ALARM_DATAPOINTS, ComparisonOperator: 'GreaterThanThreshold', Threshold: target });
      this.cw.putMetricAlarm({ ...common, AlarmName: p.low, EvaluationPeriods: LOW_ALARM_DATAPOINTS, DatapointsToAlarm: LOW_ALARM_DATAPOINTS, ComparisonOperator: 'LessThanThreshold', Threshold: target * LOW_ALARM_THRESHOLD_FACTOR });
      // C-027: Auto Scaling actions repeat every minute while the alarm stays in ALARM.
      this.cw.registerAction(policyArn, (invocation) => this.act(p, invocation));
      for (const field of ['DesiredCapacity', 'InService', 'CapacityProviderReservation', 'provisioningTasks']) this.sim.probe(`ecs.capacityProviders.${p.name}.${field}`);
    }
    this.publisher.start();
    return this;
  }

  /** A task of a managed provider went to PROVISIONING (the control plane's listener). */
  provisioning(record: TaskRecord): void {
    const p = this.providers.find((x) => x.name === record.capacityProviderName);
    if (p !== undefined && p.firstProvisioningAtMs === undefined) p.firstProvisioningAtMs = this.sim.now;
  }

  private waiting(p: Provider): TaskRecord[] {
    return this.cp.provisioningTasks.filter((r) => r.capacityProviderName === p.name && r.desiredStatus === 'RUNNING' && r.lastStatus === 'PROVISIONING');
  }

  /** Live non-daemon tasks per instance ARN (ecs-facts: daemon tasks do not count). */
  private busyInstances(): Map<string, number> {
    // An instance's reservations are its tasks not yet STOPPED: no scan of every task the cluster ran.
    const out = new Map<string, number>();
    for (const instance of this.cp.instances) {
      let n = 0;
      for (const taskArn of instance.reservations.keys()) {
        const t = this.cp.tasks.get(taskArn);
        if (t !== undefined && !this.isDaemon(t)) n += 1;
      }
      if (n > 0) out.set(instance.containerInstanceArn, n);
    }
    return out;
  }

  private isDaemon(t: TaskRecord): boolean {
    if (!t.group.startsWith('service:')) return false;
    return this.cp.scheduler.services.get(t.group.slice('service:'.length))?.spec.schedulingStrategy === 'DAEMON';
  }

  /** ecs-facts A-026: instances with non-daemon tasks are protected from scale-in. */
  private protect(p: Provider, busy: ReadonlyMap<string, number>): void {
    if (p.settings.managedTerminationProtection !== 'ENABLED') return;
    for (const m of p.asg.inService()) p.asg.setInstanceProtection(m.instance, (busy.get(m.instance.containerInstanceArn) ?? 0) > 0);
  }

  private publish(minuteStartMs: number): void {
    const busy = this.busyInstances();
    for (const p of this.providers) {
      this.finishDrains(p, busy);
      this.protect(p, busy);
      // N: launched and not terminated, so an instance still draining counts (with its tasks).
      const live = p.asg.live();
      const nonEmpty = live.filter((m) => (busy.get(m.instance.containerInstanceArn) ?? 0) > 0).length;
      const waiting = this.waiting(p);
      const need = instancesNeeded(waiting.map((r) => ({ cpu: Number(r.cpu), memory: Number(r.memory) })), p.capacity);
      p.reservation = capacityProviderReservation(live.length, nonEmpty, need, waiting.length);
      p.needed = waiting.length > 0 ? live.length + need : nonEmpty;
      // ecs-facts A-021: AWS/ECS/ManagedScaling, dimensions CapacityProviderName and ClusterName.
      this.cw.metrics.putMetricData(MANAGED_SCALING_NAMESPACE, CAPACITY_PROVIDER_RESERVATION, [
        { Name: 'CapacityProviderName', Value: p.name },
        { Name: 'ClusterName', Value: this.cp.clusterName },
      ], p.reservation, minuteStartMs, 'Percent');
      const sample = { t: this.sim.now, DesiredCapacity: p.asg.DesiredCapacity, InService: p.asg.inService().length, CapacityProviderReservation: p.reservation, provisioningTasks: waiting.length };
      p.samples.push(sample);
      this.sim.probe(`ecs.capacityProviders.${p.name}.DesiredCapacity`).set(sample.DesiredCapacity);
      this.sim.probe(`ecs.capacityProviders.${p.name}.InService`).set(sample.InService);
      this.sim.probe(`ecs.capacityProviders.${p.name}.CapacityProviderReservation`).set(sample.CapacityProviderReservation);
      this.sim.probe(`ecs.capacityProviders.${p.name}.provisioningTasks`).set(sample.provisioningTasks);
    }
  }

  /** The target-tracking policy, invoked by either alarm (and again each minute in ALARM). */
  private act(p: Provider, invocation: AlarmActionInvocation): void {
    const s = p.settings.managedScaling;
    // N as the metric counts it: launched and not terminated (draining ones too).
    const live = p.asg.live();
    const n = live.length;
    const from = p.asg.DesiredCapacity;
    if (invocation.AlarmName === p.high) {
      // ecs-facts A-025: no further scale-out until every instance is past its warm-up.
      const warmupMs = s.instanceWarmupPeriod * 1000;
      if (live.some((m) => this.sim.now - m.launchedAtMs < warmupMs)) return this.decided(p, 'scaleOut', invocation, { inService: n, computedStep: null, from, to: from, reason: 'an instance is still warming up' });
      // ecs-facts A-024: max(min step, min(max step, computed)); from zero, two instances.
      // ceil(N × reservation / target) = ceil(M × 100 / target), in integers to round exactly.
      const computed = n === 0 ? ZERO_INSTANCE_SCALE_OUT : Math.ceil((p.needed * 100) / s.targetCapacity) - n;
      if (computed <= 0) return this.decided(p, 'scaleOut', invocation, { inService: n, computedStep: computed, from, to: from, reason: 'the reservation needs no more instances' });
      const step = Math.max(s.minimumScalingStepSize, Math.min(s.maximumScalingStepSize, computed));
      // ecs-facts A-025: a scale-out aborts a scale-in under way: those instances are back
      // in service, so all n are, and the step comes on top of them.
      for (const m of p.asg.abortTerminations()) this.undrain(p, m.instance);
      const to = p.asg.setDesiredCapacity(n + step);
      this.decided(p, 'scaleOut', invocation, { inService: n, computedStep: computed, from, to, reason: `step bounded to ${s.minimumScalingStepSize}..${s.maximumScalingStepSize}, MaxSize ${p.asg.settings.MaxSize}` });
      if (to !== from) this.record(p, 'scaleOut', invocation, from, to, `reservation ${round(p.reservation)} > target ${s.targetCapacity}: ${n} → ${n + step} (step ${computed} bounded to ${s.minimumScalingStepSize}..${s.maximumScalingStepSize}, MaxSize ${p.asg.settings.MaxSize})`);
      return;
    }
    const inService = p.asg.inService().length;
    if (invocation.AlarmName !== p.low || inService === 0) return;
    this.protect(p, this.busyInstances());
    // The instances the metric says are needed; those draining are already on their way out.
    const wanted = Math.ceil((p.needed * 100) / s.targetCapacity);
    // ecs-facts A-020: step sizes do not apply to scale-in; A-025: at most half per minute.
    const remove = Math.min(inService - wanted, Math.max(1, Math.floor(inService * SCALE_IN_MAX_FRACTION)));
    if (remove <= 0) return this.decided(p, 'scaleIn', invocation, { inService, computedStep: wanted - inService, from, to: from, reason: 'every instance in service is needed' });
    const to = p.asg.setDesiredCapacity(inService - remove);
    this.decided(p, 'scaleIn', invocation, { inService, computedStep: wanted - inService, from, to, reason: `at most half the instances per minute, MinSize ${p.asg.settings.MinSize}` });
    if (to !== from) this.record(p, 'scaleIn', invocation, from, to, `reservation ${round(p.reservation)} < ${round(s.targetCapacity * LOW_ALARM_THRESHOLD_FACTOR)} for ${LOW_ALARM_DATAPOINTS} datapoints: ${inService} → ${to} in service`);
  }

  /** A decision record (docs/decisions.md): managed scaling's desired size and why. */
  private decided(p: Provider, direction: ScalingAction['kind'], invocation: AlarmActionInvocation, f: { inService: number; computedStep: number | null; from: number; to: number; reason: string }): void {
    if (!this.sim.decisions.on) return;
    this.sim.decisions.record('managedScaling', { capacityProvider: p.name, alarm: invocation.AlarmName, direction, reservation: p.reservation, targetCapacity: p.settings.managedScaling.targetCapacity, inService: f.inService, computedStep: f.computedStep, from: f.from, to: f.to, reason: f.reason });
  }

  private record(p: Provider, kind: ScalingAction['kind'], invocation: AlarmActionInvocation, from: number, to: number, reason: string): void {
    p.actions.push({ t: this.sim.now, kind, AlarmName: invocation.AlarmName, from, to, reason });
    this.sim.trace.emit('autoscaling', kind === 'scaleOut' ? 'clusterScaleOut' : 'clusterScaleIn', { capacityProvider: p.name, from, to });
  }

  /** Managed draining (ecs-facts A-026, T-079): DRAINING first, terminated once empty. */
  private drain(p: Provider, instance: ContainerInstance, done: () => void): () => void {
    if (instance.status === 'ACTIVE') this.cp.setInstanceState(instance, 'DRAINING');
    p.draining.set(instance, done);
    this.finishDrains(p, this.busyInstances());
    return () => p.draining.delete(instance);
  }

  private undrain(p: Provider, instance: ContainerInstance): void {
    p.draining.delete(instance);
    if (instance.status === 'DRAINING') this.cp.setInstanceState(instance, 'ACTIVE');
  }

  /** Draining instances with no non-daemon task left are terminated (checked each minute). */
  private finishDrains(p: Provider, busy: ReadonlyMap<string, number>): void {
    for (const [instance, done] of [...p.draining]) {
      if ((busy.get(instance.containerInstanceArn) ?? 0) > 0) continue;
      p.draining.delete(instance);
      done();
    }
  }

  result(): ManagedScalingResult {
    const out: Record<string, CapacityProviderScalingResult> = {};
    for (const p of this.providers) {
      const steady = p.firstProvisioningAtMs === undefined ? undefined : this.steadyStateAfter(p.name, p.firstProvisioningAtMs);
      out[p.name] = {
        autoScalingGroupName: p.asg.AutoScalingGroupName,
        alarms: { high: p.high, low: p.low },
        samples: p.samples,
        scalingActions: p.actions,
        activities: p.asg.activities,
        ...(p.firstProvisioningAtMs === undefined ? {} : { firstProvisioningAtMs: p.firstProvisioningAtMs }),
        ...(steady === undefined || p.firstProvisioningAtMs === undefined ? {} : { steadyStateAtMs: steady, timeToSteadyStateMs: steady - p.firstProvisioningAtMs }),
      };
    }
    return { capacityProviders: out };
  }

  /** The latest first steady-state event after `fromMs` among the services with tasks on the provider. */
  private steadyStateAfter(provider: string, fromMs: number): number | undefined {
    const services = new Set<string>();
    for (const t of this.cp.tasks.values()) if (t.capacityProviderName === provider && t.group.startsWith('service:')) services.add(t.group.slice('service:'.length));
    let latest: number | undefined;
    for (const name of [...services].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const event = this.cp.scheduler.services.get(name)?.events.find((e) => e.createdAt >= fromMs && e.message.includes(STEADY_STATE));
      if (event === undefined) return undefined;
      latest = Math.max(latest ?? 0, event.createdAt);
    }
    return latest;
  }
}

function uuid(rng: RandomStream): string {
  let hex = '';
  while (hex.length < 32) hex += Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
