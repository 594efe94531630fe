// The sweep's speed-up over one thread (issue 16's goal: 200 runs of a 100-instance scenario
// reach at least 0.9 x cores over one thread). The same sweep runs twice, once with
// workers: 1 (every run in this thread) and once with workers: cores (this thread plus
// cores - 1 worker threads, all taking jobs from one queue), and the bench checks that both summaries are the same bytes before reporting the ratio.
//
// The scenario is the bundled ALB web service with its pool set to 100 instances (a
// --set, as a planner would), swept over two arrival rates. RUNS (default 40, the goal's
// figure is RUNS=200) is the total number of runs; the machine should be otherwise idle for
// the figure to mean anything, so the machine line and the load average before and after
// are printed with it. This thread is already warm when the runs start; a worker thread
// loads the code once and runs job after job, two queued at a time. Every thread reads
// and assembles each combination once and reruns it by seed. Build first: `npm run build && node bench/macro/sweep.mjs`.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sweep, parseParameter } from '../../dist/experiment/sweep.js';
import { sweepJson } from '../../dist/experiment/format.js';

const runs = Number(process.env.RUNS ?? 40);
const cores = availableParallelism();
const file = fileURLToPath(new URL('../../scenarios/09-alb-web-service.yaml', import.meta.url));
const options = {
  parameters: [parseParameter('workloads[name=shoppers].arrivals.constant=50/s,60/s')],
  replications: Math.max(1, Math.round(runs / 2)),
  set: ['ecs.instances[name=pool].count=100'],
};

async function timed(workers) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary = await sweep(file, { ...options, workers });
  const used = process.cpuUsage(cpu);
  // CPU time of every thread of the process: on a shared machine the wall-time ratio says
  // little, but if two threads use no more CPU than one, an idle machine would see ~2x
  // (the "CPU bound" line: cores x one thread's CPU / all threads' CPU, the speed-up a
  // machine with a free core per thread would give if the work splits evenly).
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, json: sweepJson(summary) };
}

const loadBefore = loadavg()[0];
const one = await timed(1);
const all = await timed(cores);
if (one.json !== all.json) throw new Error('the summary changed with the number of worker threads');
const speedup = one.ms / all.ms;
const machine = `node ${process.version} · ${process.platform} ${process.arch} · ${cpus()[0]?.model.trim() ?? '?'} · ${cores} cores`;
console.log(`sweep: ${options.replications * 2} runs of a 100-instance scenario (${machine}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)`);
console.log(`  1 thread     ${(one.ms / 1000).toFixed(2)} s wall, ${(one.cpuMs / 1000).toFixed(2)} s CPU`);
console.log(`  ${cores} threads    ${(all.ms / 1000).toFixed(2)} s wall, ${(all.cpuMs / 1000).toFixed(2)} s CPU (${(all.cpuMs / one.cpuMs).toFixed(2)}x the CPU of one thread)`);
console.log(`  speed-up     ${speedup.toFixed(2)}x (goal: at least ${(0.9 * cores).toFixed(1)}x, 0.9 x cores)`);
console.log(`  CPU bound    ${((cores * one.cpuMs) / all.cpuMs).toFixed(2)}x (cores x the CPU of one thread / the CPU of ${cores}: the speed-up with a free core per thread)`);
console.log(`  same bytes   yes`);
