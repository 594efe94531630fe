import type { ControlPlane } from './control-plane.js';
import { canMove, TASK_STATUS_ORDER } from './task/lifecycle.js';
import { taskId } from './task/task-record.js';

/**
 * Invariants of the ECS model, as plain checks over the control plane's state. They hold
 * after every event; a violation is a model bug, recorded in the result (tests assert
 * none). Each message names what broke.
 */
export function checkInvariants(cp: ControlPlane): string[] {
  const out: string[] = [];
  const holders = new Map<string, string>();
  for (const instance of cp.instances) {
    let cpu = 0;
    let memory = 0;
    let eni = 0;
    const ports = new Set<string>();
    for (const [taskArn, r] of instance.reservations) {
      cpu += r.cpu;
      memory += r.memory;
      eni += r.eni;
      for (const p of r.ports) {
        if (ports.has(p)) out.push(`port ${p} on ${instance.ec2InstanceId} is held by two tasks`);
        ports.add(p);
      }
      const other = holders.get(taskArn);
      if (other !== undefined) out.push(`task ${taskId(taskArn)} holds resources on both ${other} and ${instance.ec2InstanceId}`);
      holders.set(taskArn, instance.ec2InstanceId);
    }
    // No instance's resources over-committed.
    if (cpu > instance.registered.cpu) out.push(`${instance.ec2InstanceId} over-committed: ${cpu} CPU units reserved of ${instance.registered.cpu}`);
    if (memory > instance.registered.memory) out.push(`${instance.ec2InstanceId} over-committed: ${memory} MiB reserved of ${instance.registered.memory}`);
    if (eni > instance.registered.eni) out.push(`${instance.ec2InstanceId} over-committed: ${eni} task ENIs of ${instance.registered.eni}`);
    if (instance.remaining.cpu !== instance.registered.cpu - cpu || instance.remaining.memory !== instance.registered.memory - memory || instance.remaining.eni !== instance.registered.eni - eni) {
      out.push(`${instance.ec2InstanceId} remaining resources disagree with its reservations`);
    }
  }
  for (const task of cp.tasks.values()) {
    const id = taskId(task.taskArn);
    // Task states only move along ECS's lifecycle.
    for (let i = 1; i < task.history.length; i += 1) {
      const a = task.history[i - 1];
      const b = task.history[i];
      if (a !== undefined && b !== undefined && a.lastStatus !== b.lastStatus && !canMove(a.lastStatus, b.lastStatus)) {
        out.push(`task ${id} moved back from ${a.lastStatus} to ${b.lastStatus}`);
      }
      if (a?.desiredStatus === 'STOPPED' && b?.desiredStatus === 'RUNNING') out.push(`task ${id} desiredStatus went from STOPPED back to RUNNING`);
    }
    if (!TASK_STATUS_ORDER.includes(task.lastStatus)) out.push(`task ${id} has an unknown lastStatus ${String(task.lastStatus)}`);
    // Every task ends in exactly one final state: STOPPED has its stop fields; nothing after it.
    if (task.lastStatus === 'STOPPED') {
      if (task.desiredStatus !== 'STOPPED') out.push(`task ${id} is STOPPED but desires RUNNING`);
      if (task.stoppedAt === undefined || task.stopCode === undefined) out.push(`task ${id} is STOPPED without stoppedAt or stopCode`);
      if (task.containerInstanceArn !== undefined && holders.has(task.taskArn)) out.push(`task ${id} is STOPPED but still holds resources`);
    } else if (task.containerInstanceArn !== undefined) {
      // Nothing lost across faults: a live task is on an instance that still exists for ECS.
      const instance = cp.instanceByArn(task.containerInstanceArn);
      if (instance !== undefined && instance.status === 'INACTIVE') out.push(`task ${id} is ${task.lastStatus} on deregistered ${instance.ec2InstanceId}`);
    }
  }
  return out;
}
