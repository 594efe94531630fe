import { simulate } from '../scenario/simulate.js';
import { defaultMetrics, namedMetrics } from './metrics.js';

/**
 * One run of a sweep, as data that crosses to a worker thread and back: the scenario file,
 * its overrides and seed in; only the metrics out (a whole RunResult is large to copy).
 */
export interface RunJob {
  readonly index: number;
  readonly file: string;
  readonly set: readonly string[];
  readonly seed: string | number;
  /** RunResult paths, or null for the default metrics. */
  readonly metrics: readonly string[] | null;
  readonly plugins: readonly string[];
  /** `--until`: the run ends here (ms) instead of at the scenario's until. */
  readonly untilMs?: number | undefined;
}

export interface RunOutcome {
  readonly index: number;
  readonly metrics: Record<string, number>;
  readonly problems: readonly string[];
}

export async function runJob(job: RunJob): Promise<RunOutcome> {
  const result = await simulate(job.file, { set: job.set, seed: job.seed, plugins: job.plugins, until: job.untilMs });
  if (job.metrics === null) return { index: job.index, metrics: defaultMetrics(result), problems: [] };
  return { index: job.index, ...namedMetrics(result, job.metrics) };
}
