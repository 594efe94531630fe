// M/M/c whole-run bench: events per second of a complete model run, and how close its
// mean wait comes to the exact Erlang C value.
//
// Before timing: the same seed run twice must give identical results (the model is
// deterministic), and the mean wait over all timed runs is compared with Erlang C.
//
// Run alone:  npm run build && node --expose-gc bench/macro/mmc.mjs [--quick] [--json]
import { collectGarbage, isMain, median, MismatchError, pct, runStandalone, si } from '../lib/common.mjs';
import { erlangCMeanWait } from '../lib/erlang.mjs';
// The model under test, for this bench and bench/peers/simpy.mjs: the library's queueing
// station (src/queueing/station.ts), the one `ecs-sim run scenarios/32-mmc-queue.yaml` runs.
// The bench's own minimal model (`runMmc` in ./mmc-model.mjs) stays as a reference: swap
// this one import to compare. Either returns { served, meanWaitMs, events }.
import { runMmcOnStation as runMmc } from './mmc-model.mjs';

export { runMmc };

/** c = 3, lambda = 2.4/s, mu = 1/s: rho = 0.8. Means in ms. */
export const MMC = {
  servers: 3,
  arrivalMeanMs: 1000 / 2.4,
  serviceMeanMs: 1000,
  warmupMs: 10_000_000, // ~24,000 customers
};

const PLAN = { runs: 7, horizonMs: 800_000_000 }; // ~1.9M customers, ~3.8M events a run
const QUICK_PLAN = { runs: 3, horizonMs: 100_000_000 };

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const plan = quick ? QUICK_PLAN : PLAN;
  const config = (seed, horizonMs) => ({ ...MMC, seed, horizonMs });

  // Determinism check, which also warms the JIT up.
  const first = runMmc(config('warm', plan.horizonMs / 4));
  const again = runMmc(config('warm', plan.horizonMs / 4));
  for (const key of ['served', 'meanWaitMs', 'events']) {
    if (first[key] !== again[key]) throw new MismatchError(`M/M/c is not deterministic: ${key} ${first[key]} then ${again[key]}`);
  }

  const runs = [];
  for (let i = 0; i < plan.runs; i += 1) {
    collectGarbage();
    const t0 = performance.now();
    const result = runMmc(config(`mmc-${i}`, plan.horizonMs));
    const sec = (performance.now() - t0) / 1000;
    runs.push({ ...result, sec, eventsPerSec: result.events / sec });
    log(`  M/M/c run ${i}: ${si(result.events)} events in ${sec.toFixed(2)} s, mean wait ${result.meanWaitMs.toFixed(1)} ms`);
  }
  const exactMs = erlangCMeanWait(MMC.servers, MMC.arrivalMeanMs, MMC.serviceMeanMs);
  // Runs have about the same number of customers, so the plain mean of run means is fine;
  // the spread between runs gives a standard error.
  const means = runs.map((r) => r.meanWaitMs);
  const meanWaitMs = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((a, m) => a + (m - meanWaitMs) ** 2, 0) / (means.length - 1));
  return {
    config: { ...MMC, ...plan },
    eventsPerSec: median(runs.map((r) => r.eventsPerSec)),
    eventsPerRun: median(runs.map((r) => r.events)),
    servedPerRun: median(runs.map((r) => r.served)),
    meanWaitMs,
    exactMs,
    relError: (meanWaitMs - exactMs) / exactMs,
    relStdError: sd / Math.sqrt(means.length) / exactMs,
    runs,
  };
}

export function format(r) {
  const c = r.config;
  return [
    `M/M/c whole run: c=${c.servers}, lambda=${(1000 / c.arrivalMeanMs).toFixed(2)}/s, mu=${(1000 / c.serviceMeanMs).toFixed(2)}/s (rho=${(c.serviceMeanMs / (c.arrivalMeanMs * c.servers)).toFixed(2)}), integer-ms draws, warm-up ${c.warmupMs / 1000} s, horizon ${c.horizonMs / 1000} s, ${c.runs} seeds`,
    `  ${si(r.eventsPerSec)} events/s (median of runs; ${si(r.eventsPerRun)} events and ${si(r.servedPerRun)} customers served a run)`,
    `  mean wait ${r.meanWaitMs.toFixed(1)} ms vs Erlang C ${r.exactMs.toFixed(1)} ms: relative error ${r.relError >= 0 ? '+' : ''}${pct(r.relError)} (standard error from the runs' spread ${pct(r.relStdError)})`,
  ];
}

if (isMain(import.meta.url)) await runStandalone(run, format);
