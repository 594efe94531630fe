import { z } from 'zod';
import type { Simulation } from '../../engine/simulation.js';
import type { ContainerInstance } from './container-instance.js';

/**
 * An EC2 Auto Scaling group for one instance group: `MinSize`, `MaxSize` and
 * `DesiredCapacity`, in the Auto Scaling API's words. Setting the desired capacity
 * launches instances through the model's own instance launch (so they boot and register
 * with their agent as any other, named `<group>/<index>` with growing indexes) or
 * terminates instances, newest first, skipping those protected from scale-in.
 *
 * A termination may first go through a hook (managed draining sets the instance
 * DRAINING and lets it go once empty); while it waits the instance is `Terminating:Wait`
 * and no longer counts as in service. An instance terminated from outside (a fault)
 * leaves the group; the group does not replace it (EC2 health checks are not modelled).
 */

export interface AutoScalingGroupSettings {
  readonly MinSize: number;
  readonly MaxSize: number;
  /** The initial desired capacity (the instance group's `count` when absent). */
  readonly DesiredCapacity?: number | undefined;
}

/** What the group asks of the model. */
export interface AutoScalingGroupHost {
  /** Launches instance `<group>/<index>`; undefined when the model could not. */
  launch(index: number): ContainerInstance | undefined;
  /** Terminates the EC2 instance (the control plane notices and deregisters it). */
  terminate(instance: ContainerInstance): void;
  /**
   * How many more container instances the cluster registers (its container-instances-per-
   * cluster quota, ecs-facts S-131), and the words that say so; absent: no limit.
   */
  clusterRoom?(): ClusterRoom;
}

export interface ClusterRoom {
  readonly room: number;
  /** Says why, e.g. "the cluster has 5000 container instances (service quota: …)". */
  readonly why: string;
}

/**
 * A lifecycle hook on termination: call `done()` when the instance may go. Returns a
 * function that abandons the wait (a scale-out aborting a scale-in, ecs-facts A-025).
 */
export type TerminationHook = (instance: ContainerInstance, done: () => void) => () => void;

export type LifecycleState = 'InService' | 'Terminating:Wait' | 'Terminated';

export interface GroupInstance {
  readonly index: number;
  readonly instance: ContainerInstance;
  readonly launchedAtMs: number;
  lifecycleState: LifecycleState;
  ProtectedFromScaleIn: boolean;
  /** Abandons a pending termination hook. */
  abandon?: (() => void) | undefined;
}

/** One change of the group, for the result. */
export interface AutoScalingGroupActivity {
  readonly t: number;
  readonly kind: 'launch' | 'terminateWait' | 'terminate' | 'terminationAborted' | 'launchRefused';
  readonly instance: string;
  /** Why a launch was refused. */
  readonly message?: string | undefined;
}

export class AutoScalingGroup {
  private desired: number;
  private nextIndex = 0;
  /** The last refusal recorded, so that an alarm asking every minute records it once. */
  private lastRefusal: string | undefined;
  readonly members: GroupInstance[] = [];
  readonly activities: AutoScalingGroupActivity[] = [];
  /** Set by managed draining (ecs-facts A-026). */
  terminationHook: TerminationHook | undefined;

  /** @throws RangeError for sizes the API refuses (MinSize ≤ DesiredCapacity ≤ MaxSize). */
  constructor(
    private readonly sim: Simulation,
    readonly AutoScalingGroupName: string,
    readonly settings: AutoScalingGroupSettings,
    initialCapacity: number,
    private readonly host: AutoScalingGroupHost,
  ) {
    const { MinSize, MaxSize } = settings;
    this.desired = settings.DesiredCapacity ?? initialCapacity;
    if (!(MinSize <= this.desired && this.desired <= MaxSize)) {
      throw new RangeError(`${AutoScalingGroupName}: DesiredCapacity ${this.desired} must be between MinSize ${MinSize} and MaxSize ${MaxSize}`);
    }
  }

  get DesiredCapacity(): number {
    return this.desired;
  }

  /** Members in service (launched, not terminating or terminated), oldest first. */
  inService(): GroupInstance[] {
    this.forgetTerminated();
    return this.members.filter((m) => m.lifecycleState === 'InService');
  }

  /** Members launched and not yet terminated (in service or waiting to terminate), oldest first. */
  live(): GroupInstance[] {
    this.forgetTerminated();
    return this.members.filter((m) => m.lifecycleState !== 'Terminated');
  }

  /** Launches the initial desired capacity. */
  start(): void {
    this.reconcile();
  }

  /**
   * `SetDesiredCapacity`, clamped to [MinSize, MaxSize].
   * @returns the capacity set.
   */
  setDesiredCapacity(capacity: number): number {
    const wanted = Math.max(this.settings.MinSize, Math.min(this.settings.MaxSize, capacity));
    this.desired = this.withinCluster(wanted);
    this.reconcile();
    return this.desired;
  }

  /**
   * The desired capacity the cluster can take: instances past the container-instances-per-
   * cluster quota would not register (ecs-facts S-131), so they are not launched and the
   * desired capacity stops at the quota, with an activity saying why (assumption, PS-005).
   */
  private withinCluster(wanted: number): number {
    const inService = this.inService().length;
    // Only growth is bounded: a scale-in (or holding steady) goes through whatever the count.
    const limit = wanted > inService ? this.host.clusterRoom?.() : undefined;
    if (limit === undefined || wanted <= inService + limit.room) {
      this.lastRefusal = undefined;
      return wanted;
    }
    const allowed = Math.max(inService, inService + limit.room);
    const refused = wanted - allowed;
    const message = `Launching ${refused} new EC2 instance${refused === 1 ? '' : 's'} refused: ${limit.why}. DesiredCapacity set to ${allowed} instead of ${wanted}.`;
    if (message !== this.lastRefusal) {
      this.lastRefusal = message;
      const instance = `${this.AutoScalingGroupName}/${this.nextIndex}`;
      this.activities.push({ t: this.sim.now, kind: 'launchRefused', instance, message });
      this.sim.trace.emit('autoscaling', 'asg.launchRefused', { group: this.AutoScalingGroupName, instance, DesiredCapacity: allowed, refused });
    }
    return allowed;
  }

  /** `SetInstanceProtection`; unprotecting may let a waiting scale-in proceed. */
  setInstanceProtection(instance: ContainerInstance, protectedFromScaleIn: boolean): void {
    const member = this.members.find((m) => m.instance === instance);
    if (member === undefined || member.ProtectedFromScaleIn === protectedFromScaleIn) return;
    member.ProtectedFromScaleIn = protectedFromScaleIn;
    if (!protectedFromScaleIn) this.reconcile();
  }

  /** Ends every pending termination: the instances go back in service (ecs-facts A-025). */
  abortTerminations(): GroupInstance[] {
    const aborted = this.members.filter((m) => m.lifecycleState === 'Terminating:Wait');
    for (const m of aborted) {
      m.abandon?.();
      m.abandon = undefined;
      m.lifecycleState = 'InService';
      this.activity('terminationAborted', m);
    }
    return aborted;
  }

  private reconcile(): void {
    const live = this.inService();
    for (let n = live.length; n < this.desired; n += 1) {
      const index = this.nextIndex;
      this.nextIndex += 1;
      const instance = this.host.launch(index);
      if (instance === undefined) return;
      const member: GroupInstance = { index, instance, launchedAtMs: this.sim.now, lifecycleState: 'InService', ProtectedFromScaleIn: false };
      this.members.push(member);
      this.activity('launch', member);
    }
    let excess = live.length - this.desired;
    const wanted = excess;
    const terminated: string[] = [];
    const kept: string[] = [];
    // Newest first, as the brief's default termination order; protected instances stay.
    for (let i = live.length - 1; i >= 0 && excess > 0; i -= 1) {
      const member = live[i] as GroupInstance;
      if (member.ProtectedFromScaleIn) {
        kept.push(member.instance.ec2InstanceId);
        continue;
      }
      excess -= 1;
      terminated.push(member.instance.ec2InstanceId);
      this.terminate(member);
    }
    if (wanted > 0 && this.sim.decisions.on) {
      this.sim.decisions.record('instanceScaleIn', { group: this.AutoScalingGroupName, desired: this.desired, inService: live.length, terminated, protected: kept, order: 'newest first, protected instances skipped' });
    }
  }

  private terminate(member: GroupInstance): void {
    const hook = this.terminationHook;
    const finish = (): void => {
      if (member.lifecycleState !== 'Terminating:Wait') return;
      member.abandon = undefined;
      member.lifecycleState = 'Terminated';
      this.activity('terminate', member);
      this.host.terminate(member.instance);
    };
    member.lifecycleState = 'Terminating:Wait';
    this.activity('terminateWait', member);
    if (hook === undefined) finish();
    else member.abandon = hook(member.instance, finish);
  }

  /** An instance terminated from outside (a fault) leaves the group. */
  private forgetTerminated(): void {
    for (const m of this.members) if (m.lifecycleState !== 'Terminated' && m.instance.terminatedAtMs !== undefined) m.lifecycleState = 'Terminated';
  }

  private activity(kind: AutoScalingGroupActivity['kind'], member: GroupInstance): void {
    const instance = `${this.AutoScalingGroupName}/${member.index}`;
    this.activities.push({ t: this.sim.now, kind, instance });
    this.sim.trace.emit('autoscaling', `asg.${kind}`, { group: this.AutoScalingGroupName, instance, DesiredCapacity: this.desired });
  }
}

const size = (field: string) => z.number({ error: `${field} must be an integer of at least 0` }).int({ error: `${field} must be an integer of at least 0` }).min(0, { error: `${field} must be an integer of at least 0` });

/** A scenario's `autoScalingGroup` on an instance group: CreateAutoScalingGroup's sizes. */
export const autoScalingGroupSettingsSchema = z
  .strictObject({ MinSize: size('MinSize'), MaxSize: size('MaxSize'), DesiredCapacity: size('DesiredCapacity').optional() })
  .superRefine((s, ctx) => {
    if (s.MinSize > s.MaxSize) ctx.addIssue({ code: 'custom', path: ['MinSize'], message: `MinSize (${s.MinSize}) must not exceed MaxSize (${s.MaxSize})` });
    if (s.DesiredCapacity !== undefined && (s.DesiredCapacity < s.MinSize || s.DesiredCapacity > s.MaxSize)) {
      ctx.addIssue({ code: 'custom', path: ['DesiredCapacity'], message: `DesiredCapacity must be from MinSize (${s.MinSize}) to MaxSize (${s.MaxSize}), got ${s.DesiredCapacity}` });
    }
  });
