import { JobRunner, type RunJob, type RunOutcome } from './run.js';

/** This thread's runs: the pool lives for one sweep, so its cache of assembled scenarios does too. */
const runner = new JobRunner();

/** The worker thread's entry (tinypool calls the default export once per run). */
export default function run(job: RunJob): Promise<RunOutcome> | RunOutcome {
  return runner.run(job);
}
