import type { Simulation, Timer } from '../../engine/simulation.js';
import type { TaskRecord } from '../task/task-record.js';
import type { LaunchOptions, Registered } from '../types.js';

/**
 * Tasks waiting in PROVISIONING for capacity (ecs-facts A-027): a managed-scaling capacity
 * provider's task that no instance can take yet waits, oldest first, and is placed when
 * capacity may have come (an instance registered, a task released its resources).
 */

/** What a waiting task was launched with. */
export interface WaitingTask {
  readonly registered: Registered;
  readonly options: LaunchOptions;
}

export class ProvisioningQueue {
  /** The waiting tasks, oldest first. */
  readonly tasks: TaskRecord[] = [];
  private readonly waiting = new Map<string, WaitingTask>();
  private retryTimer: Timer | undefined;

  constructor(
    private readonly sim: Simulation,
    /** Places one waiting task if an instance can take it now (then it calls `unpark`). */
    private readonly place: (record: TaskRecord, entry: WaitingTask) => void,
  ) {}

  park(record: TaskRecord, entry: WaitingTask): void {
    this.tasks.push(record);
    this.waiting.set(record.taskArn, entry);
  }

  /** Takes the task off the queue; whether it was waiting. */
  unpark(record: TaskRecord): boolean {
    if (!this.waiting.delete(record.taskArn)) return false;
    this.tasks.splice(this.tasks.indexOf(record), 1);
    return true;
  }

  /** Retries the waiting tasks soon (after the current event), when capacity may have come. */
  retry(): void {
    if (this.tasks.length === 0 || this.retryTimer !== undefined) return;
    this.retryTimer = this.sim.schedule(0, () => {
      this.retryTimer = undefined;
      this.placeAll();
    });
  }

  /** Places waiting tasks, oldest first, that are still wanted. */
  placeAll(): void {
    for (const record of [...this.tasks]) {
      const entry = this.waiting.get(record.taskArn);
      if (entry === undefined || record.desiredStatus !== 'RUNNING') continue;
      this.place(record, entry);
    }
  }
}
