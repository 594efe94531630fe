import { runJob, type RunJob, type RunOutcome } from './run.js';

/** The worker thread's entry (tinypool calls the default export once per run). */
export default function run(job: RunJob): Promise<RunOutcome> {
  return runJob(job);
}
