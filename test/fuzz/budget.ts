/**
 * How much to fuzz. The default suite runs a small fixed-seed budget (seconds);
 * `npm run fuzz` (scripts/fuzz.js) raises it through the environment:
 *   FUZZ_RUNS     runs per property (default 200, issue 19)
 *   FUZZ_SEED     fast-check's seed (default 19, so the default suite is reproducible)
 *   FUZZ_TIME_MS  stop each property after this long, whatever the runs (default: none)
 * A failure prints fast-check's seed and path: rerun with FUZZ_SEED (and keep the shrunk
 * counter-example as a regression case in test/fuzz/regressions/).
 */
export const FUZZ_RUNS = positive(process.env.FUZZ_RUNS, 200);
export const FUZZ_SEED = Number.isInteger(Number(process.env.FUZZ_SEED)) && process.env.FUZZ_SEED !== undefined && process.env.FUZZ_SEED !== '' ? Number(process.env.FUZZ_SEED) : 19;
export const FUZZ_TIME_MS = process.env.FUZZ_TIME_MS === undefined ? undefined : positive(process.env.FUZZ_TIME_MS, 60_000);

/** fast-check's parameters for one property. */
export function fuzzParameters(runs = FUZZ_RUNS): { numRuns: number; seed: number; interruptAfterTimeLimit?: number; markInterruptAsFailure: false } {
  return { numRuns: runs, seed: FUZZ_SEED, ...(FUZZ_TIME_MS === undefined ? {} : { interruptAfterTimeLimit: FUZZ_TIME_MS }), markInterruptAsFailure: false };
}

/** A vitest timeout that fits the budget (about 150 ms a run on a loaded 2-core machine, doubled). */
export function fuzzTimeout(runs = FUZZ_RUNS, msPerRun = 300): number {
  return Math.max(60_000, FUZZ_TIME_MS === undefined ? runs * msPerRun : FUZZ_TIME_MS * 2);
}

function positive(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}
