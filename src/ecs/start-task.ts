import type { ContainerInstance } from './capacity/container-instance.js';
import type { LaunchOptions, LaunchResult, Registered, RunTaskFailure, RunTaskOutcome } from './types.js';

/**
 * StartTask (ecs-facts T-117): a task of a task definition on each container instance
 * named, chosen by the caller instead of the placement framework (no strategy). Pure
 * decisions, as run-task.ts is for RunTask; the control plane launches each task.
 */

export interface StartTaskAction {
  readonly taskDefinition: string;
  /** Container instance ARNs or IDs, at most 10 (ecs-facts T-117): one task on each. */
  readonly containerInstances: readonly string[];
  /** Defaults to `family:<family>`, as RunTask's (ecs-facts T-107). */
  readonly group?: string;
  readonly startedBy?: string;
  /** A scenario label to refer to these tasks in later actions and expectations. */
  readonly label?: string;
}

/** The exception StartTask answers with instead of `{ tasks, failures }`, if any (the texts RunTask answers with, ecs-facts T-112). */
export function startTaskRefusal(action: StartTaskAction, registered: Registered | undefined): string | undefined {
  if (registered === undefined) return `ClientException: Unable to find task definition '${action.taskDefinition}'.`;
  // StartTask starts tasks on container instances: EC2 or EXTERNAL, never Fargate.
  const compat = registered.definition.compatibilities;
  if (!compat.includes('EC2') && !compat.includes('EXTERNAL')) return 'InvalidParameterException: Task definition does not support launch_type EC2.';
  return undefined;
}

/**
 * Why the instance named `ref` cannot take a task before resources are looked at
 * (ecs-facts T-075, T-117): not in the cluster (`MISSING`), deregistered (`INACTIVE`),
 * `DRAINING`, or its agent disconnected (`AGENT`).
 */
export function instanceRefusal(ref: string, instance: ContainerInstance | undefined): RunTaskFailure | undefined {
  if (instance === undefined || instance.status === 'REGISTERING' || instance.status === 'REGISTRATION_FAILED') return { arn: ref, reason: 'MISSING', detail: 'the container instance is not registered in the cluster' };
  const arn = instance.containerInstanceArn;
  if (instance.status === 'INACTIVE' || instance.status === 'DEREGISTERING') return { arn, reason: 'INACTIVE', detail: 'the container instance is deregistered' };
  // ecs-facts T-079, T-117: a DRAINING instance takes no new tasks.
  if (instance.status === 'DRAINING') return { arn, reason: 'DRAINING', detail: 'the container instance is DRAINING' };
  if (!instance.agentConnected) return { arn, reason: 'AGENT', detail: 'the agent is disconnected' };
  return undefined;
}

/** How StartTask launches the task on `instance`: its group defaults to `family:<family>`; no strategy, no constraints beyond the task definition's. */
export function startTaskLaunchOptions(action: StartTaskAction, registered: Registered, label: string, instance: ContainerInstance): LaunchOptions {
  return {
    launchType: instance.launchType,
    group: action.group ?? `family:${registered.definition.family}`,
    label,
    ...(action.startedBy === undefined ? {} : { startedBy: action.startedBy }),
    constraints: [],
    strategy: [],
    instances: [instance],
  };
}

/**
 * StartTask's outcome: one task per instance named, in the order named, or a failure
 * naming the instance (ecs-facts T-075: `RESOURCE:CPU`, `RESOURCE:MEMORY`, `RESOURCE:PORTS` …).
 */
export function startTasks(
  action: StartTaskAction,
  registered: Registered | undefined,
  label: string,
  t: number,
  instanceOf: (ref: string) => ContainerInstance | undefined,
  launch: (registered: Registered, options: LaunchOptions) => LaunchResult,
): RunTaskOutcome {
  const refused = startTaskRefusal(action, registered);
  if (refused !== undefined || registered === undefined) return { t, label, tasks: [], failures: [], exception: refused ?? '' };
  const tasks: string[] = [];
  const failures: RunTaskFailure[] = [];
  for (const ref of action.containerInstances) {
    const instance = instanceOf(ref);
    const refusal = instanceRefusal(ref, instance);
    if (refusal !== undefined || instance === undefined) {
      failures.push(refusal ?? { arn: ref, reason: 'MISSING' });
      continue;
    }
    const launched = launch(registered, startTaskLaunchOptions(action, registered, label, instance));
    if ('taskArn' in launched) tasks.push(launched.taskArn);
    else failures.push(...launched.failures.map((f) => ({ ...f, arn: f.arn === undefined || f.arn === '' ? instance.containerInstanceArn : f.arn })));
  }
  return { t, label, tasks, failures };
}
