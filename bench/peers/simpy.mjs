// Peer comparison with SimPy 2.3.1 (Debian's python3-simpy, run with /usr/bin/python3):
// events per second of the same models in both simulators.
//
//   M/M/c     bench/macro's model (callback tier) vs ./simpy_mmc.py (processes + Resource)
//   hold      1,000 processes each looping on an exponential hold:
//             ecs-sim generator processes (`yield ms`) vs ./simpy_hold.py, the
//             like-for-like figure; the ecs-sim callback tier is reported beside it.
//
// A model event is a timed wait that fires (a hold, sleep or scheduled callback); see
// the Python files for the exact count. Both sides use the same parameters and whole-ms
// draws, but different generators (Mersenne Twister vs Alea), so results cannot be
// identical: before the ratios are trusted, both M/M/c mean waits must be near Erlang C
// and both hold models must fire about processes x horizon / mean events.
//
// The checks run on the timed runs' own results; a failed one marks the ratios as not
// comparable. Rounds alternate SimPy and ecs-sim; each gives one ratio, and the median
// is shown. ecs-sim runs a 4x longer horizon (same model, same rate of events per
// simulated second) so that its runs are not too short to time.
//
// Run alone:  npm run build && node --expose-gc bench/peers/simpy.mjs [--quick] [--json]
// SimPy missing: sudo bash bench/peers/install-simpy.sh (this bench then skips itself).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulation } from '../../dist/engine/index.js';
import { collectGarbage, isMain, median, pct, runStandalone, si } from '../lib/common.mjs';
import { erlangCMeanWait } from '../lib/erlang.mjs';
// The M/M/c model and its parameters come from ../macro/mmc.mjs, where one import line
// picks the model (the bench's own until src/models/mmc.ts lands).
import { MMC, runMmc } from '../macro/mmc.mjs';

// Debian's python, where python3-simpy installs; SIMPY_PYTHON overrides it.
const PYTHON = process.env.SIMPY_PYTHON ?? '/usr/bin/python3';
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
export const GOALS = { mmc: 30, holdProcesses: 6 };

const HOLD = { processes: 1000, meanMs: 1000 };
const PLAN = { rounds: 5, mmcHorizonMs: 100_000_000, holdHorizonMs: 1_000_000, ecsScale: 4 };
const QUICK_PLAN = { rounds: 1, mmcHorizonMs: 20_000_000, holdHorizonMs: 200_000, ecsScale: 4 };

/** The hold model on ecs-sim's process tier: one generator per process. */
export function holdProcesses({ seed, processes, meanMs, horizonMs }) {
  const sim = new Simulation({ seed });
  const rng = sim.rng('hold');
  let events = 0;
  function* holder() {
    for (;;) {
      // `yield ms` is the process tier's allocation-free sleep; `yield sleep('5s')` reads better in scripts.
      yield Math.round(rng.exponential(meanMs));
      events += 1;
    }
  }
  for (let i = 0; i < processes; i += 1) sim.process(holder);
  sim.run({ until: horizonMs });
  return { events };
}

/** The same model on ecs-sim's callback tier. */
export function holdCallbacks({ seed, processes, meanMs, horizonMs }) {
  const sim = new Simulation({ seed });
  const rng = sim.rng('hold');
  let events = 0;
  const hold = () => {
    events += 1;
    sim.schedule(Math.round(rng.exponential(meanMs)), hold);
  };
  for (let i = 0; i < processes; i += 1) sim.schedule(Math.round(rng.exponential(meanMs)), hold);
  sim.run({ until: horizonMs });
  return { events };
}

/** SimPy's version, or undefined with the reason when it cannot be imported. */
export function simpyVersion() {
  const probe = spawnSync(PYTHON, ['-c', 'import sys, SimPy, SimPy.Simulation; print(SimPy.__version__, sys.version.split()[0])'], { encoding: 'utf8' });
  if (probe.error !== undefined) return { missing: `${PYTHON} not runnable (${probe.error.message})` };
  if (probe.status !== 0) return { missing: `${PYTHON} cannot import SimPy (${probe.stderr.trim().split('\n').at(-1)})` };
  const [simpy, python] = probe.stdout.trim().split(' ');
  return { simpy, python };
}

function simpy(script, config) {
  const out = spawnSync(PYTHON, [here(script), JSON.stringify(config)], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${script} failed: ${out.stderr || out.error?.message}`);
  return JSON.parse(out.stdout);
}

function timed(fn, config) {
  collectGarbage();
  const t0 = performance.now();
  const result = fn(config);
  return { ...result, wallSec: (performance.now() - t0) / 1000 };
}

const rate = (r) => r.events / r.wallSec;

export async function run({ log = () => {}, quick = process.argv.includes('--quick') } = {}) {
  const version = simpyVersion();
  if (version.missing !== undefined) {
    log(`  SimPy: ${version.missing}; skipping`);
    return { skipped: version.missing };
  }
  const plan = quick ? QUICK_PLAN : PLAN;
  const mmcConfig = (seed, horizonMs) => ({ ...MMC, seed, horizonMs });
  const holdConfig = (seed, horizonMs) => ({ ...HOLD, seed, horizonMs });
  // JIT warm-up for the ecs-sim side.
  runMmc(mmcConfig('warm', plan.mmcHorizonMs));
  holdProcesses(holdConfig('warm', plan.holdHorizonMs));
  holdCallbacks(holdConfig('warm', plan.holdHorizonMs));

  const rounds = [];
  for (let i = 0; i < plan.rounds; i += 1) {
    const seed = i + 1;
    const ecsFirst = i % 2 === 1;
    const round = {};
    const ecsSide = () => {
      round.ecsMmc = timed(runMmc, mmcConfig(seed, plan.mmcHorizonMs * plan.ecsScale));
      round.ecsProcesses = timed(holdProcesses, holdConfig(seed, plan.holdHorizonMs * plan.ecsScale));
      round.ecsCallbacks = timed(holdCallbacks, holdConfig(seed, plan.holdHorizonMs * plan.ecsScale));
    };
    if (ecsFirst) ecsSide();
    round.simpyMmc = simpy('simpy_mmc.py', mmcConfig(seed, plan.mmcHorizonMs));
    round.simpyHold = simpy('simpy_hold.py', holdConfig(seed, plan.holdHorizonMs));
    if (!ecsFirst) ecsSide();
    rounds.push(round);
    log(`  SimPy round ${i}: M/M/c ${(rate(round.ecsMmc) / rate(round.simpyMmc)).toFixed(1)}x, hold processes ${(rate(round.ecsProcesses) / rate(round.simpyHold)).toFixed(1)}x`);
  }

  // Equal-results checks (statistical: the generators differ).
  const exactMs = erlangCMeanWait(MMC.servers, MMC.arrivalMeanMs, MMC.serviceMeanMs);
  // Pool each side's runs, weighting by customers. The tolerance is 4 standard errors,
  // with the relative standard error of one run's mean wait taken as 15 / sqrt(customers):
  // fitted to long ecs-sim runs of this model (1.35% at 936k customers).
  const pooled = (key) => {
    const served = rounds.reduce((a, r) => a + r[key].served, 0);
    const mean = rounds.reduce((a, r) => a + r[key].meanWaitMs * r[key].served, 0) / served;
    const tolerance = (4 * 15) / Math.sqrt(served);
    return { err: mean / exactMs - 1, tolerance, served };
  };
  const checks = [];
  const wait = { simpy: pooled('simpyMmc'), ecs: pooled('ecsMmc') };
  checks.push({
    what: 'M/M/c mean wait vs Erlang C, pooled over rounds',
    ok: Math.abs(wait.simpy.err) < wait.simpy.tolerance && Math.abs(wait.ecs.err) < wait.ecs.tolerance,
    detail: `SimPy ${pct(wait.simpy.err)} (tolerance ${pct(wait.simpy.tolerance)}), ecs-sim ${pct(wait.ecs.err)} (tolerance ${pct(wait.ecs.tolerance)}); tolerance = 4 standard errors`,
  });
  const expected = (horizonMs) => (HOLD.processes * horizonMs) / HOLD.meanMs;
  const holdErr = (key, horizonMs) => Math.max(...rounds.map((r) => Math.abs(r[key].events / expected(horizonMs) - 1)));
  const worstHold = Math.max(holdErr('simpyHold', plan.holdHorizonMs), holdErr('ecsProcesses', plan.holdHorizonMs * plan.ecsScale), holdErr('ecsCallbacks', plan.holdHorizonMs * plan.ecsScale));
  checks.push({ what: 'hold events vs processes x horizon / mean', ok: worstHold < 0.01, detail: `worst ${pct(worstHold)} off (tolerance 1%)` });
  const sameTier = rounds.every((r) => r.ecsProcesses.events === r.ecsCallbacks.events);
  checks.push({ what: 'ecs-sim hold: processes and callbacks fire the same number of events', ok: sameTier, detail: sameTier ? 'equal in every round' : 'differ' });

  const ratio = (ecsKey, simpyKey) => median(rounds.map((r) => rate(r[ecsKey]) / rate(r[simpyKey])));
  return {
    version,
    plan,
    checks,
    mmc: { ecs: median(rounds.map((r) => rate(r.ecsMmc))), simpy: median(rounds.map((r) => rate(r.simpyMmc))), ratio: ratio('ecsMmc', 'simpyMmc') },
    holdProcesses: { ecs: median(rounds.map((r) => rate(r.ecsProcesses))), simpy: median(rounds.map((r) => rate(r.simpyHold))), ratio: ratio('ecsProcesses', 'simpyHold') },
    holdCallbacks: { ecs: median(rounds.map((r) => rate(r.ecsCallbacks))), simpy: median(rounds.map((r) => rate(r.simpyHold))), ratio: ratio('ecsCallbacks', 'simpyHold') },
  };
}

export function format(r) {
  if (r.skipped !== undefined) {
    return [`Peer SimPy: SKIPPED (${r.skipped}). Install with: sudo bash bench/peers/install-simpy.sh`];
  }
  const trusted = r.checks.every((c) => c.ok);
  const verdict = (ratio, goal) => (!trusted ? 'NOT COMPARABLE: a check failed' : goal === undefined ? '' : ratio >= goal ? `goal >= ${goal}x met` : `goal >= ${goal}x MISSED`);
  const row = (label, x, goal) => `  ${label.padEnd(34)} ${si(x.ecs).padStart(8)} ${si(x.simpy).padStart(9)} ${`${x.ratio.toFixed(1)}x`.padStart(7)}  ${verdict(x.ratio, goal)}`;
  return [
    `Peer SimPy ${r.version.simpy} on CPython ${r.version.python} (${PYTHON}); median of ${r.plan.rounds} alternating rounds; ecs-sim horizon x${r.plan.ecsScale}`,
    ...r.checks.map((c) => `  check ${c.ok ? 'ok' : 'FAILED'}: ${c.what}: ${c.detail}`),
    `  model                              ecs ev/s  SimPy ev/s  ecs/SimPy`,
    row('M/M/c (ecs callbacks; SimPy procs)', r.mmc, GOALS.mmc),
    row(`hold ${HOLD.processes} processes (generators)`, r.holdProcesses, GOALS.holdProcesses),
    row(`hold ${HOLD.processes} as ecs callbacks`, r.holdCallbacks),
  ];
}

if (isMain(import.meta.url)) await runStandalone(run, format);
