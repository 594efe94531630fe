import type { Simulation } from '../engine/simulation.js';
import type { Agent } from './capacity/agent.js';
import type { ContainerInstance } from './capacity/container-instance.js';
import { FARGATE_SPOT_STOP_CODE, FARGATE_SPOT_STOPPED_REASON, type Fargate } from './capacity/fargate.js';
import type { ProvisioningQueue } from './capacity/provisioning.js';
import type { TargetRegistration } from './target-registration.js';
import type { TaskStore } from './task-store.js';
import type { StopCode } from './task/lifecycle.js';
import type { TaskRecord } from './task/task-record.js';
import type { Registered } from './types.js';

/**
 * What the control plane tells the hosts about tasks: StopTask and Fargate Spot's notice
 * (the desired state STOPPED at once; the host told to stop the containers, after the
 * targets' deregistration when the task has targets), and, when an agent reconnects, what
 * it missed while it was away. Like real ECS, the control plane only asks: the hosts'
 * reports say what happened (control-plane.ts).
 */

/** What the commands need of the control plane. */
export interface HostCommandsLink {
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  readonly agents: ReadonlyMap<string, Agent>;
  readonly fargate: Fargate | undefined;
  readonly store: TaskStore;
  readonly registration: TargetRegistration;
  readonly provisioning: ProvisioningQueue;
  resolve(reference: string): Registered | undefined;
}

export class HostCommands {
  constructor(
    private readonly sim: Simulation,
    private readonly link: HostCommandsLink,
  ) {}

  /**
   * StopTask (ecs-facts T-014, T-113): desiredStatus STOPPED and stoppingAt at once; the
   * host then stops the containers (SIGTERM, SIGKILL after stopTimeout).
   */
  stopTask(taskArn: string, reason?: string, stopCode: StopCode = 'UserInitiated'): boolean {
    const { store } = this.link;
    const record = this.link.tasks.get(taskArn);
    if (record === undefined || record.desiredStatus === 'STOPPED') return false;
    const text = reason ?? 'Task stopped by user';
    record.desiredStatus = 'STOPPED';
    record.stoppingAt = this.sim.now;
    record.stopCode = stopCode;
    record.stoppedReason = text;
    if (this.link.provisioning.unpark(record)) {
      // Never placed: nothing to stop on a host.
      store.move(record, 'STOPPED');
      store.bump(record);
      return true;
    }
    const waits = (record.lastStatus === 'RUNNING' || record.lastStatus === 'ACTIVATING') && this.link.registration.deactivate(record, true);
    store.bump(record);
    if (!waits) this.sendStop(record);
    return true;
  }

  /**
   * Fargate Spot's two-minute warning (ecs-facts ): desiredStatus STOPPED with
   * Spot's code and reason, a task state change at once, and SIGTERM to the containers
   * without waiting for a deregistration. A-033: FARGATE_SPOT tasks may not be
   * deregistered until they are STOPPED, so by default the targets stay registered until
   * then; with `fargate.deregisterSpotTargetsAtNotice` they leave as the task stops.
   * @returns whether the task was live.
   */
  spotInterruptionNotice(taskArn: string): boolean {
    const record = this.link.tasks.get(taskArn);
    if (record === undefined || record.lastStatus === 'STOPPED') return false;
    // Already stopping: it keeps its own code; the reclaim two minutes on still applies.
    if (record.desiredStatus === 'STOPPED') return true;
    record.desiredStatus = 'STOPPED';
    record.stoppingAt ??= this.sim.now;
    record.stopCode = FARGATE_SPOT_STOP_CODE;
    record.stoppedReason = FARGATE_SPOT_STOPPED_REASON;
    if (this.link.fargate?.config.deregisterSpotTargetsAtNotice !== true) this.link.registration.holdSpotTargets(taskArn);
    this.link.store.bump(record);
    this.sendStop(record);
    return true;
  }

  /** Tells the task's host (its agent, or Fargate) to stop it, with the task's stop code and reason. */
  sendStop(record: TaskRecord): void {
    const stopCode = record.stopCode ?? 'UserInitiated';
    const reason = record.stoppedReason ?? 'Task stopped by user';
    if (record.launchType === 'FARGATE') {
      this.link.fargate?.stopTask(record.taskArn, stopCode, reason);
      return;
    }
    const agent = record.containerInstanceArn === undefined ? undefined : this.link.agents.get(record.containerInstanceArn);
    agent?.inbound.send(() => agent.stopTask(record.taskArn, stopCode, reason));
  }

  /**
   * What a reconnected agent missed, after it re-sent its tasks' reports (`known`): stops
   * are asked again, a task it never got is started if still wanted, or else marked
   * STOPPED (it never ran).
   */
  resend(instance: ContainerInstance, known: ReadonlySet<string>): void {
    const { store } = this.link;
    const agent = this.link.agents.get(instance.containerInstanceArn);
    if (agent === undefined) return;
    for (const record of this.link.tasks.values()) {
      if (record.containerInstanceArn !== instance.containerInstanceArn || record.lastStatus === 'STOPPED') continue;
      if (known.has(record.taskArn)) {
        if (record.desiredStatus === 'STOPPED') this.sendStop(record);
        continue;
      }
      if (record.desiredStatus === 'STOPPED') {
        store.move(record, 'STOPPED');
        store.bump(record);
        continue;
      }
      const registered = this.link.resolve(record.taskDefinitionArn);
      if (registered !== undefined) {
        agent.inbound.send(() => agent.startTask({ taskArn: record.taskArn, definition: registered.definition, behaviour: registered.behaviour, initialStatus: record.lastStatus }));
      }
    }
  }
}
