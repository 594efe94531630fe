import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobRunner, runJob, type RunJob } from '../../src/experiment/run.js';
import { openRunner, parseParameter, sweep } from '../../src/experiment/sweep.js';
import { sweepJson } from '../../src/experiment/format.js';
import { assemble } from '../../src/scenario/assemble.js';
import { runAssembled } from '../../src/scenario/runner.js';
import { loadScenario, simulate } from '../../src/scenario/simulate.js';
import { FIXTURES, ROOT } from '../support.js';

// Issue 16: a sweep reads and assembles each combination once per thread, and this thread
// runs jobs beside the worker threads. Neither may change a single outcome.
const SCENARIOS = ['09-alb-web-service.yaml', '15-circuit-breaker-rollback.yaml', '13-rolling-deployment.yaml', '20-cloudwatch-cpu-alarm.yaml', '23-cluster-auto-scaling.yaml'];

describe('reusing an assembled scenario', () => {
  it.each(SCENARIOS)('%s: runs of one assembled scenario, seed after seed, give the results of fresh runs', async (name) => {
    const file = join(ROOT, 'scenarios', name);
    const ready = assemble(loadScenario(file));
    const seeds = ['a', 'b', 'a'];
    const reused = seeds.map((seed) => JSON.stringify(runAssembled(ready, { seed }).result));
    const fresh = await Promise.all(seeds.map(async (seed) => JSON.stringify(await simulate(file, { seed }))));
    expect(reused[0]).not.toBe(reused[1]);
    expect(reused).toEqual(fresh);
  }, 120_000);

  it('a JobRunner gives the outcomes of runJob, job after job, overrides and all', async () => {
    const file = join(FIXTURES, 'small-queue.yaml');
    const jobs: RunJob[] = [2, 3, 2, 3].map((servers, i) => ({ index: i, file, set: [`queueing[name=desk].servers=${servers}`], seed: `s${i % 3}`, metrics: null, plugins: [] }));
    const runner = new JobRunner();
    const mine = [];
    for (const job of jobs) mine.push(await runner.run(job));
    expect(mine).toEqual(await Promise.all(jobs.map(runJob)));
  });
});

describe('the sweep runner', () => {
  it('with two workers runs jobs in this thread and in a worker thread, outcomes in job order', async () => {
    const file = join(FIXTURES, 'small-queue.yaml');
    const jobs: RunJob[] = Array.from({ length: 12 }, (_, i) => ({ index: i, file, set: [], seed: `r${i}`, metrics: null, plugins: [] }));
    const runner = openRunner(2, jobs.length);
    try {
      const outcomes = await runner.run(jobs, jobs.length, undefined);
      expect(outcomes.map((o) => o.index)).toEqual(jobs.map((j) => j.index));
      expect(outcomes).toEqual(await Promise.all(jobs.map(runJob)));
      expect(runner.ran.here).toBeGreaterThan(0);
      expect(runner.ran.inWorkers).toBeGreaterThan(0);
      expect(runner.ran.here + runner.ran.inWorkers).toBe(12);
    } finally {
      await runner.close();
    }
  }, 60_000);

  it('a sweep over an ALB scenario is the same bytes with one thread and with three', async () => {
    const file = join(ROOT, 'scenarios', '09-alb-web-service.yaml');
    const options = { parameters: [parseParameter('workloads[name=shoppers].arrivals.constant=50/s,60/s')], replications: 3 };
    const one = sweepJson(await sweep(file, { ...options, workers: 1 }));
    const three = sweepJson(await sweep(file, { ...options, workers: 3 }));
    expect(three).toBe(one);
  }, 120_000);
});
