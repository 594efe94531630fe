import type { ContainerInstance } from './capacity/container-instance.js';
import type { RunTaskAction } from './config.js';
import type { PlacementStrategy } from './placement/framework.js';
import type { LaunchOptions, LaunchResult, Registered, RunTaskFailure } from './types.js';

/**
 * RunTask's decisions (ecs-facts T-075, T-107, T-109, T-112), pure: whether the call is
 * refused with an exception, how its tasks are launched, and how their failures are
 * listed. The control plane launches each task.
 */

/** RunTask's default when no strategy is given: random across the cluster (ecs-facts T-109). */
export const RUN_TASK_DEFAULT_STRATEGY: readonly PlacementStrategy[] = [{ type: 'random' }];

/** The exception RunTask answers with instead of `{ tasks, failures }`, if any. */
export function runTaskRefusal(action: RunTaskAction, registered: Registered | undefined, instances: readonly ContainerInstance[], hasFargate: boolean): string | undefined {
  if (registered === undefined) return `ClientException: Unable to find task definition '${action.taskDefinition}'.`;
  // Observed RunTask text for a definition that was not validated for the launch type.
  if (!registered.definition.compatibilities.includes(action.launchType)) return `InvalidParameterException: Task definition does not support launch_type ${action.launchType}.`;
  if (action.launchType === 'FARGATE') return hasFargate ? undefined : 'InvalidParameterException: The scenario has no Fargate capacity (add a fargate section).';
  // ecs-facts T-112.
  if (!instances.some((i) => i.launchType === action.launchType && i.status !== 'INACTIVE')) return 'InvalidParameterException: No Container Instances were found in your cluster.';
  return undefined;
}

/** How RunTask launches each task: its group defaults to `family:<family>` (T-107), its strategy to random (T-109). */
export function runTaskLaunchOptions(action: RunTaskAction, registered: Registered, label: string): LaunchOptions {
  return {
    launchType: action.launchType,
    group: action.group ?? `family:${registered.definition.family}`,
    label,
    ...(action.startedBy === undefined ? {} : { startedBy: action.startedBy }),
    constraints: action.placementConstraints ?? [],
    strategy: action.placementStrategy ?? RUN_TASK_DEFAULT_STRATEGY,
    ...(action.capacityProviderStrategy === undefined ? {} : { capacityProviderStrategy: action.capacityProviderStrategy }),
  };
}

/**
 * Launches `count` tasks one by one. ecs-facts T-075, T-112: one failure per instance that
 * could not take a task; a failure with no instance (Fargate capacity) is one per task.
 */
export function launchCount(count: number, options: LaunchOptions, launch: (options: LaunchOptions) => LaunchResult): { tasks: string[]; failures: RunTaskFailure[] } {
  const tasks: string[] = [];
  const failures: RunTaskFailure[] = [];
  for (let n = 0; n < count; n += 1) {
    const launched = launch(options);
    if ('taskArn' in launched) {
      tasks.push(launched.taskArn);
      continue;
    }
    const seen = new Set(failures.map((f) => `${f.arn ?? ''} ${f.reason}`));
    for (const f of launched.failures) if (f.arn === undefined || !seen.has(`${f.arn} ${f.reason}`)) failures.push(f);
  }
  return { tasks, failures };
}
