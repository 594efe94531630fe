import type { Simulation } from '../../engine/simulation.js';
import type { TaskRecord } from '../task/task-record.js';
import type { Fargate } from './fargate.js';
import type { Agent } from './agent.js';
import type { ContainerInstance } from './container-instance.js';
import { SPOT_INTERRUPTION_NOTICE_MS } from './fargate.js';

/**
 * The timeline's Spot faults: Fargate reclaiming Spot tasks (ecs-facts A-031 to A-033)
 * and EC2's two-minute notice for a Spot instance (A-034).
 */

export interface FargateSpotInterruption {
  /** How many of the matching tasks; all of them when absent. */
  readonly count?: number;
  /** Only this service's tasks. */
  readonly service?: string;
  /** Only tasks in this AZ. */
  readonly availabilityZone?: string;
}

/** What Spot interruptions ask of the control plane (it owns the tasks and terminates instances). */
export interface SpotInterruptionHost {
  readonly fargate: Fargate | undefined;
  readonly tasks: ReadonlyMap<string, TaskRecord>;
  terminateInstance(instance: ContainerInstance): void;
}

/**
 * Interrupts running FARGATE_SPOT tasks, `count` of them chosen at random (from the
 * `ecs/fargate-spot/timeline` stream) among those that match.
 * @returns what happened, in words.
 */
export function interruptFargateSpot(sim: Simulation, cp: SpotInterruptionHost, action: FargateSpotInterruption): string {
  const fargate = cp.fargate;
  if (fargate === undefined) return 'no Fargate in this scenario';
  const group = action.service === undefined ? undefined : `service:${action.service}`;
  const candidates = fargate
    .spotTasks()
    .filter((t) => (group === undefined || t.group === group) && (action.availabilityZone === undefined || t.az === action.availabilityZone))
    .filter((t) => cp.tasks.get(t.taskArn)?.desiredStatus === 'RUNNING');
  const wanted = Math.min(action.count ?? candidates.length, candidates.length);
  // A partial Fisher–Yates shuffle: the first `wanted` entries are a uniform sample.
  const rng = sim.rng('ecs/fargate-spot/timeline');
  const chosen = [...candidates];
  for (let i = 0; i < wanted; i += 1) {
    const j = i + Math.floor(rng.next() * (chosen.length - i));
    const a = chosen[i];
    const b = chosen[j];
    if (a === undefined || b === undefined) break;
    chosen[i] = b;
    chosen[j] = a;
  }
  let interrupted = 0;
  for (const t of chosen.slice(0, wanted)) if (fargate.interrupt(t.taskArn)) interrupted += 1;
  return `${interrupted} of ${candidates.length} running FARGATE_SPOT tasks${action.service === undefined ? '' : ` of ${action.service}`}${action.availabilityZone === undefined ? '' : ` in ${action.availabilityZone}`} interrupted`;
}

/**
 * EC2's two-minute Spot interruption notice (ecs-facts A-034): the agent drains the
 * instance if ECS_ENABLE_SPOT_INSTANCE_DRAINING is set; two minutes later EC2
 * terminates it and its remaining tasks die with it (T-020, T-077).
 * @returns what happened, in words.
 */
export function interruptSpotInstance(sim: Simulation, cp: SpotInterruptionHost, instance: ContainerInstance, agent: Agent | undefined): string {
  if (instance.instanceLifecycle !== 'spot') return `${instance.ec2InstanceId} is not a Spot instance; nothing to do`;
  if (agent === undefined || agent.terminated) return `${instance.ec2InstanceId} is already terminated`;
  const draining = agent.spotInterruptionNotice();
  sim.schedule(SPOT_INTERRUPTION_NOTICE_MS, () => cp.terminateInstance(instance));
  return `${instance.ec2InstanceId} got the Spot interruption notice${draining ? '; the agent sets it DRAINING' : ' (ECS_ENABLE_SPOT_INSTANCE_DRAINING is false: no draining)'}; terminated in 2 minutes`;
}
