import { makeDistribution, type DistributionSpec } from '../engine/distributions.js';
import type { EcsConfig } from '../ecs/config.js';
import { makeRateProfile } from '../traffic/profile.js';
import type { ScenarioSpec } from './schema/scenario.js';

/**
 * Up-front limits: a run whose estimated events or tasks exceed what one machine can
 * simulate in minutes and hold in memory is refused before it starts, with the estimate,
 * the limit and how to raise it (`--max-events`, `--max-tasks`). The estimate is coarse
 * on purpose (an order of magnitude): it must catch `until: "1000000d"` on a busy queue,
 * an interarrival of 0 ms or a rate of 1e9/s, not predict a run's exact count.
 */
export interface RunLimits {
  /** Estimated events a run may process (the engine runs roughly 1 to 3 million a second). */
  readonly maxEvents: number;
  /** Tasks the timeline may ask for at once, summed over services and RunTask calls (a task's state costs a few KiB). */
  readonly maxTasks: number;
}

export const DEFAULT_LIMITS: RunLimits = { maxEvents: 100_000_000, maxTasks: 50_000 };

/** Events per request-level request: arrival, routing, the target's queue and service, the response (measured about 5 to 8). */
const EVENTS_PER_REQUEST = 8;
/** Each task's periodic work (health checks, metrics): about one event per 10 s. */
const TASK_EVENT_INTERVAL_MS = 10_000;

export interface Estimate {
  readonly events: number;
  readonly tasks: number;
  /** Where the events come from, largest first, for the message. */
  readonly sources: readonly { readonly what: string; readonly events: number }[];
}

/** A coarse estimate of a run's events and peak tasks, from the file and the built ECS config. */
export function estimateRun(spec: ScenarioSpec, ecsConfig: EcsConfig | undefined): Estimate {
  const span = spec.until;
  const sources: { what: string; events: number }[] = [];
  for (const s of spec.queueing ?? []) {
    sources.push({ what: `queueing station ${s.name}`, events: (2 * span) / meanOf(s.interarrival as DistributionSpec) });
  }
  for (const w of spec.workloads ?? []) {
    if (w.fluid !== undefined) continue;
    sources.push({ what: `workload ${w.name}`, events: EVENTS_PER_REQUEST * expectedRequests(w.arrivals, w.start ?? 0, Math.min(w.stop ?? span, span)) });
  }
  const tasks = peakTasks(ecsConfig);
  if (tasks > 0) sources.push({ what: `${figure(tasks)} tasks' periodic work`, events: (tasks * span) / TASK_EVENT_INTERVAL_MS });
  const events = sources.reduce((sum, s) => sum + s.events, 0);
  return { events, tasks, sources: sources.sort((a, b) => b.events - a.events) };
}

/** The problems of an estimate against limits: each with the estimate, the limit and how to raise it. */
export function limitProblems(estimate: Estimate, limits: RunLimits): { readonly field: 'until' | 'tasks'; readonly message: string }[] {
  const out: { field: 'until' | 'tasks'; message: string }[] = [];
  if (!(estimate.events <= limits.maxEvents)) {
    const top = estimate.sources[0];
    const from = top === undefined ? '' : `, mostly from ${top.what} (${figure(top.events)})`;
    out.push({
      field: 'until',
      message: `this run would process ${Number.isFinite(estimate.events) ? 'about ' : ''}${figure(estimate.events)} events${from}, more than the limit of ${figure(limits.maxEvents)}; shorten until, lower the rate, or raise the limit with --max-events N`,
    });
  }
  if (!(estimate.tasks <= limits.maxTasks)) {
    out.push({ field: 'tasks', message: `the timeline asks for ${figure(estimate.tasks)} tasks, more than the limit of ${figure(limits.maxTasks)}; raise it with --max-tasks N` });
  }
  return out;
}

function meanOf(spec: DistributionSpec): number {
  try {
    const mean = makeDistribution(spec).mean;
    return mean > 0 ? mean : 0;
  } catch {
    // A bad distribution is reported by its own check.
    return Number.POSITIVE_INFINITY;
  }
}

function expectedRequests(arrivals: unknown, from: number, to: number): number {
  if (!(to > from)) return 0;
  const a = arrivals as { timestamps?: readonly number[]; trace?: unknown };
  if (a.timestamps !== undefined) return a.timestamps.length;
  // A trace file's size is bounded by the loader's file limit.
  if (a.trace !== undefined) return 0;
  try {
    return makeRateProfile(arrivals as Parameters<typeof makeRateProfile>[0]).expected(from, to);
  } catch {
    return 0;
  }
}

/** The most tasks the timeline asks for: each service's largest desiredCount, plus every RunTask count. */
function peakTasks(ecsConfig: EcsConfig | undefined): number {
  if (ecsConfig === undefined) return 0;
  const services = new Map<string, number>();
  let runTasks = 0;
  for (const a of ecsConfig.timeline) {
    if (a.kind === 'createService') services.set(a.service.serviceName, Math.max(services.get(a.service.serviceName) ?? 0, a.service.desiredCount));
    else if (a.kind === 'updateService' && a.desiredCount !== undefined) services.set(a.service, Math.max(services.get(a.service) ?? 0, a.desiredCount));
    else if (a.kind === 'runTask') runTasks += a.runTask.count;
  }
  return [...services.values()].reduce((sum, n) => sum + n, runTasks);
}

/** 1.2e9 as "1,200,000,000"; infinity as "unboundedly many". */
export function figure(n: number): string {
  if (!Number.isFinite(n)) return 'unboundedly many';
  return Math.round(n).toLocaleString('en-US');
}
