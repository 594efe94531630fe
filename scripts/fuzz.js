#!/usr/bin/env node
// The long fuzz run (issue 19): the properties of test/fuzz with a larger budget.
//   npm run fuzz                          2000 runs per property, a fresh seed (printed)
//   npm run fuzz -- --runs 500 --seed 7   a given budget and seed (a failure prints its seed)
//   npm run fuzz -- --time 10m            stop each property after 10 minutes, whatever the runs
// The default suite runs the same properties with 100 runs and seed 19 (test/fuzz/budget.ts).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const usage = 'usage: npm run fuzz -- [--runs N] [--seed N] [--time DURATION (e.g. 90s, 10m, 1h)]';
let values;
try {
  ({ values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, time: { type: 'string' }, help: { type: 'boolean' } } }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const runs = values.runs ?? '2000';
if (!/^[1-9]\d*$/.test(runs)) fail(`--runs expects a positive whole number, got "${runs}"`);
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
if (!/^-?\d+$/.test(seed)) fail(`--seed expects a whole number, got "${seed}"`);
const env = { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed };
if (values.time !== undefined) {
  const m = /^(\d+)(ms|s|m|h)$/.exec(values.time);
  if (m === null) fail(`--time expects a duration such as 90s, 10m or 1h, got "${values.time}"`);
  env.FUZZ_TIME_MS = String(Number(m[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2]]);
}
console.log(`fuzzing: ${runs} runs per property, seed ${seed}${values.time === undefined ? '' : `, at most ${values.time} per property`}`);
const { status } = spawnSync('npx', ['vitest', 'run', 'test/fuzz'], { stdio: 'inherit', env });
if (status !== 0) console.error(`\nfuzzing failed: rerun with  npm run fuzz -- --runs ${runs} --seed ${seed}`);
process.exit(status ?? 1);

function fail(message) {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}
