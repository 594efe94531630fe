// Hold model micro bench: the engine's per-event cost against a bare priority queue.
//
// The classic hold model keeps the queue at a fixed size: each step pops the earliest
// entry and pushes one at now + round(exponential(mean 1000 ms)). One tinybench op is a
// batch of BATCH such steps (contenders in ./hold-contenders.mjs):
//
//   engine  a Simulation whose callback reschedules itself with sim.schedule()
//   bare    a loop over fastpriorityqueue with {t, seq} entries and the same comparator
//
// Before timing, both fire 20,000 events one at a time and every fired time must match.
// Each contender then runs in its own worker (see ./hold-worker.mjs for why); rounds
// alternate which goes first, only one runs at a time, and each round gives one ratio
// of median op times. The figure reported is the median ratio over rounds. After every
// round the two states (events fired, clock, sum of fired times, queue size) must agree.
//
// Run alone:  npm run build && node --expose-gc bench/micro/hold.mjs [--quick] [--json]
import { Worker } from 'node:worker_threads';
import { collectGarbage, isMain, median, quantile, runStandalone, si } from '../lib/common.mjs';
import { assertSameState, MEAN_MS, verifySameSequence } from './hold-contenders.mjs';

const BATCH = 200_000;
/** The goal: engine cost per event / bare cost per event. */
export const HOLD_GOAL = 1.15;

/**
 * Per size: interleaved rounds, timed ops per contender per round, and warm-up ops in
 * the first round; about a minute in all on 2 cores. A VM's speed can drift by 2x over
 * seconds, so rounds are single ops, paired closely, and many.
 */
const PLAN = [
  { size: 1e3, rounds: 61, iterations: 1, warmup: 8 },
  { size: 1e5, rounds: 35, iterations: 1, warmup: 4 },
  { size: 1e6, rounds: 21, iterations: 1, warmup: 2 },
];
const QUICK_PLAN = PLAN.map((p) => ({ ...p, rounds: 3, iterations: 2, warmup: 1 }));

function startWorker(contender, size) {
  const worker = new Worker(new URL('./hold-worker.mjs', import.meta.url), { workerData: { contender, size, batch: BATCH } });
  let pending;
  worker.on('message', (message) => pending?.resolve(message));
  worker.on('error', (error) => pending?.reject(error));
  const next = () => new Promise((resolve, reject) => (pending = { resolve, reject }));
  const ready = next();
  return {
    ready,
    ask(message) {
      const answer = next();
      worker.postMessage(message);
      return answer;
    },
    stop: () => worker.terminate(),
  };
}

async function benchSize({ size, rounds, iterations, warmup }, log) {
  const t0 = performance.now();
  const workers = { engine: startWorker('engine', size), bare: startWorker('bare', size) };
  try {
    const [a, b] = await Promise.all([workers.engine.ready, workers.bare.ready]);
    assertSameState(a.state, b.state, `size ${size} after filling`);
    const perOp = { engine: [], bare: [] };
    const ratios = [];
    let last;
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? ['engine', 'bare'] : ['bare', 'engine'];
      const answers = {};
      for (const name of order) {
        collectGarbage();
        answers[name] = await workers[name].ask({ type: 'round', iterations, warmup: round === 0 ? warmup : 0 });
      }
      assertSameState(answers.engine.state, answers.bare.state, `size ${size} after round ${round}`);
      perOp.engine.push(answers.engine.p50Ms);
      perOp.bare.push(answers.bare.p50Ms);
      ratios.push(answers.engine.p50Ms / answers.bare.p50Ms);
      last = answers.engine;
    }
    const result = {
      size,
      batch: BATCH,
      rounds,
      iterations,
      eventsPerContender: last.state.fired,
      engineEventsPerSec: BATCH / (median(perOp.engine) / 1000),
      bareEventsPerSec: BATCH / (median(perOp.bare) / 1000),
      ratio: median(ratios),
      ratioP25: quantile(ratios, 0.25),
      ratioP75: quantile(ratios, 0.75),
      wallSec: (performance.now() - t0) / 1000,
    };
    log(`  hold ${si(size)}: engine/bare ${result.ratio.toFixed(3)} in ${result.wallSec.toFixed(1)} s`);
    return result;
  } finally {
    await Promise.all([workers.engine.stop(), workers.bare.stop()]);
  }
}

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const t0 = performance.now();
  const verified = verifySameSequence();
  log(`  hold: engine and bare queue fired the same ${verified.events} times`);
  const sizes = [];
  for (const step of quick ? QUICK_PLAN : PLAN) sizes.push(await benchSize(step, log));
  return { verified, sizes, wallSec: (performance.now() - t0) / 1000 };
}

export function format(result) {
  const lines = [
    `Hold model, micro: op = ${si(BATCH)} events of pop + push at now + round(exp(mean ${MEAN_MS} ms)); each contender in its own worker`,
    `  check: engine and bare fastpriorityqueue fired identical times for ${si(result.verified.events)} single steps, and equal (events, clock, sum of times, queue size) after every round`,
    `  queue   engine ev/s   bare ev/s   engine/bare cost per event: median [p25..p75] of rounds   goal <= ${HOLD_GOAL}`,
  ];
  for (const r of result.sizes) {
    const verdict = r.ratio <= HOLD_GOAL ? 'met' : 'MISSED';
    lines.push(
      `  ${si(r.size).padEnd(6)} ${si(r.engineEventsPerSec).padStart(10)} ${si(r.bareEventsPerSec).padStart(11)}   ${r.ratio.toFixed(3)} [${r.ratioP25.toFixed(3)}..${r.ratioP75.toFixed(3)}]  ${verdict}   (${r.rounds} rounds x ${r.iterations} ops, ${r.wallSec.toFixed(0)} s)`,
    );
  }
  lines.push(`  (ev/s are medians of per-round median op times; the ratio is the median of the per-round ratios. Hold bench total ${result.wallSec.toFixed(0)} s)`);
  return lines;
}

if (isMain(import.meta.url)) await runStandalone(run, format);
