// Runs every bench and prints one compact report: `npm run bench` (which builds dist
// first). Each bench runs in its own node process so that one bench's JIT state and
// heap never colour the next; each prints its result as JSON, formatted here. Progress
// goes to stderr while they run. The full results are also written, as JSON, to
// bench/.results/latest.json (not committed).
//
// Options: --quick (short runs, to check the benches work),
// --only=hold,mmc,simpy,placement,cluster,traffic,scaling,request-level,day. The placement, request-level and
// production-day benches run in their quick form unless named in --only (their full forms take minutes, the
// request-level one about half an hour: see bench/README.md).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { machineLine } from './lib/common.mjs';
import { format as formatHold } from './micro/hold.mjs';
import { format as formatMmc } from './macro/mmc.mjs';
import { format as formatSimpy } from './peers/simpy.mjs';
import { format as formatPlacement } from './macro/placement.mjs';
import { format as formatCluster } from './macro/cluster-steady.mjs';
import { format as formatTraffic } from './macro/traffic.mjs';
import { format as formatScaling } from './macro/scaling-day.mjs';
import { format as formatRequestLevel } from './macro/request-level.mjs';
import { format as formatDay } from './macro/production-day.mjs';

const BENCHES = [
  { key: 'hold', file: 'micro/hold.mjs', title: 'hold model (micro)', format: formatHold },
  { key: 'mmc', file: 'macro/mmc.mjs', title: 'M/M/c whole run', format: formatMmc },
  { key: 'simpy', file: 'peers/simpy.mjs', title: 'SimPy peer', format: formatSimpy },
  { key: 'placement', file: 'macro/placement.mjs', title: 'placement at scale', format: formatPlacement, quickByDefault: true },
  { key: 'cluster', file: 'macro/cluster-steady.mjs', title: 'cluster to steady state', format: formatCluster },
  { key: 'traffic', file: 'macro/traffic.mjs', title: 'request traffic and fluid mode', format: formatTraffic },
  { key: 'scaling', file: 'macro/scaling-day.mjs', title: 'a day of 100 services under target tracking', format: formatScaling },
  { key: 'request-level', file: 'macro/request-level.mjs', title: 'request level at production size', format: formatRequestLevel, quickByDefault: true },
  { key: 'day', file: 'macro/production-day.mjs', title: 'a production day (whole model)', format: formatDay, quickByDefault: true },
];

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const passOn = args.filter((a) => a === '--quick');
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

const t0 = performance.now();
const load = os.loadavg()[0];
const results = {};
const failures = [];
for (const bench of BENCHES) {
  if (only !== undefined && !only.includes(bench.key)) continue;
  const started = performance.now();
  process.stderr.write(`running ${bench.title} (bench/${bench.file})\n`);
  const quickArgs = bench.quickByDefault && only === undefined && !passOn.includes('--quick') ? ['--quick'] : [];
  const child = spawnSync(process.execPath, ['--expose-gc', here(bench.file), '--json', ...passOn, ...quickArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) {
    failures.push(`${bench.title}: exit ${child.status ?? child.signal} after ${seconds.toFixed(0)} s (see stderr above)`);
    continue;
  }
  results[bench.key] = { ...JSON.parse(child.stdout.trim().split('\n').at(-1)), seconds };
}

const lines = [`ecs-sim benchmarks`, machineLine()];
if (load > 1) lines.push(`note: 1-min load average was ${load.toFixed(2)} at start: other work on this machine skews wall-clock figures`);
for (const bench of BENCHES) {
  const result = results[bench.key];
  if (result === undefined) continue;
  lines.push('', ...bench.format(result));
}
for (const failure of failures) lines.push('', `FAILED ${failure}`);
lines.push('', `total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log(lines.join('\n'));

mkdirSync(here('.results'), { recursive: true });
writeFileSync(here('.results/latest.json'), `${JSON.stringify({ machine: machineLine().replace(/^machine: /, ''), load, results, failures }, null, 2)}\n`);
process.exitCode = failures.length === 0 ? 0 : 1;
