import type { RunResult } from '../result/index.js';
import { valueAt } from '../scenario/expectations.js';

/**
 * What a sweep measures in each run: RunResult paths the user names (`--metric`), or by
 * default the figures a capacity planner compares. Each run yields name → number; a metric
 * a run does not have (a deployment that did not happen) is simply absent from it.
 */

/** The name of the derived default metric: tasks asked for that did not find a place. */
export const UNPLACED_TASKS = 'unplacedTasks';

/** The default metrics a result has, in a fixed order: their names are RunResult paths (but `unplacedTasks`). */
export function defaultMetrics(result: RunResult): Record<string, number> {
  const out: Record<string, number> = {};
  (result.traffic?.workloads ?? []).forEach((w, i) => {
    if (w.total.latency.count > 0) out[`traffic.workloads.${i}.total.latency.p99`] = w.total.latency.p99;
  });
  (result.elb?.loadBalancers ?? []).forEach((lb, i) => {
    const count = lb.requests?.counts.HTTPCode_ELB_5XX_Count;
    if (count !== undefined) out[`elb.loadBalancers.${i}.requests.counts.HTTPCode_ELB_5XX_Count`] = count;
  });
  if (result.cost !== undefined) out['cost.totals.total'] = result.cost.totals.total;
  if (result.ecs !== undefined) {
    out[UNPLACED_TASKS] = unplacedTasks(result.ecs);
    out['ecs.invariantViolations.length'] = result.ecs.invariantViolations.length;
    for (const [name, service] of Object.entries(result.ecs.services)) {
      if (service.steadyStateAt !== undefined) out[`ecs.services.${name.replace(/\./g, '\\.')}.steadyStateAt`] = service.steadyStateAt;
    }
  }
  (result.deployments ?? []).forEach((d, i) => {
    if (d.durationMs !== undefined) out[`deployments.${i}.durationMs`] = d.durationMs;
  });
  for (const [service, outcome] of deploymentOutcomes(result.deployments ?? [])) {
    const key = service.replace(/\./g, '\\.');
    out[`${DEPLOYMENTS_COMPLETED}.${key}`] = outcome.completed / outcome.started;
    out[`${DEPLOYMENTS_ROLLED_BACK}.${key}`] = outcome.rolledBack / outcome.started;
  }
  return out;
}

/** Derived default metrics: per service, the share of its deployments that COMPLETED, and that the circuit breaker rolled back. */
export const DEPLOYMENTS_COMPLETED = 'deploymentsCompleted';
export const DEPLOYMENTS_ROLLED_BACK = 'deploymentsRolledBack';

/**
 * Per service, in first-seen order: the deployments it started (a rollback deployment the
 * circuit breaker started is not counted again: ecs-facts S-087), how many COMPLETED, and
 * how many were FAILED and rolled back. The mean over replications is then the share.
 */
export function deploymentOutcomes(deployments: NonNullable<RunResult['deployments']>): Map<string, { started: number; completed: number; rolledBack: number }> {
  const out = new Map<string, { started: number; completed: number; rolledBack: number }>();
  for (const d of deployments) {
    if (d.rollbackTo !== undefined) continue;
    const o = out.get(d.serviceName) ?? { started: 0, completed: 0, rolledBack: 0 };
    o.started += 1;
    if (d.outcome === 'COMPLETED') o.completed += 1;
    if (d.rolledBackBy !== undefined) o.rolledBack += 1;
    out.set(d.serviceName, o);
  }
  return out;
}

/** RunTask's failures (one per task it could not place) and, at the end, each service's tasks short of its desired count. */
function unplacedTasks(ecs: NonNullable<RunResult['ecs']>): number {
  let n = 0;
  for (const call of ecs.runTask) n += call.failures.length;
  for (const service of Object.values(ecs.services)) n += Math.max(0, service.desiredCount - service.runningCount - service.pendingCount);
  return n;
}

/**
 * The named metrics of a result: numbers as they are, booleans as 0 or 1; a path the run
 * did not produce is absent; any other value is a problem to report.
 */
export function namedMetrics(result: RunResult, paths: readonly string[]): { metrics: Record<string, number>; problems: string[] } {
  const metrics: Record<string, number> = {};
  const problems: string[] = [];
  for (const path of paths) {
    const found = valueAt(result, path);
    if ('problem' in found) continue;
    const v = found.value;
    if (typeof v === 'number') metrics[path] = v;
    else if (typeof v === 'boolean') metrics[path] = v ? 1 : 0;
    else if (v !== undefined && v !== null) problems.push(`metric "${path}" is not a number: the run gave ${JSON.stringify(v).slice(0, 80)}`);
  }
  return { metrics, problems };
}
