import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/experiment/stats.js';
import { replicationSeed } from '../../src/experiment/sweep.js';
import { simulate } from '../../src/scenario/simulate.js';
import { cli, FIXTURES, ROOT, tempDir } from '../support.js';

const SMALL = join(FIXTURES, 'small-queue.yaml');
const WAIT = 'queueing.desk.meanWaitMs';

interface Json {
  seeds: (string | number)[];
  metrics: Record<string, { a: number; b: number; difference: { mean: number; ci95: [number, number] | null; n: number }; excludesZero: boolean }>;
}

describe('ecs-sim compare', () => {
  it('A against itself: every paired difference is zero, so the interval is [0, 0] and excludes nothing', async () => {
    const { code, out, err } = await cli('compare', SMALL, SMALL, '--replications', '4', '--metric', WAIT, '--metric', 'queueing.desk.served', '--workers', '1', '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out) as Json;
    expect(json.seeds).toEqual([7, '7:r1', '7:r2', '7:r3']);
    for (const m of Object.values(json.metrics)) {
      expect(m.difference).toEqual({ mean: 0, ci95: [0, 0], n: 4, min: 0, max: 0 });
      expect(m.excludesZero).toBe(false);
      expect(m.a).toBe(m.b);
    }
  });

  it('a third server: B − A is the mean of the per-seed differences, with their t interval, and it excludes zero', async () => {
    const { code, out } = await cli('compare', SMALL, '--set-a', 'queueing[name=desk].servers=2', '--set-b', 'queueing[name=desk].servers=3', '--replications', '5', '--metric', WAIT, '--workers', '1', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as Json;
    // The same pairs, run one by one: replication r of both sides with seed r.
    const wait = async (servers: number, r: number): Promise<number> => (await simulate(SMALL, { set: [`queueing[name=desk].servers=${servers}`], seed: replicationSeed(7, r) })).queueing?.['desk']?.meanWaitMs as number;
    const diffs: number[] = [];
    for (let r = 0; r < 5; r += 1) diffs.push((await wait(3, r)) - (await wait(2, r)));
    const expected = summarize(diffs);
    expect(json.metrics[WAIT]?.difference).toEqual(expected);
    expect(json.metrics[WAIT]?.excludesZero).toBe(true);
    expect(expected!.ci95![1]).toBeLessThan(0);
  }, 60_000);

  it('the table shows both means, B − A, its interval and the flag', async () => {
    const { code, out } = await cli('compare', SMALL, '--set-b', 'queueing[name=desk].servers=3', '--replications', '3', '--metric', WAIT, '--workers', '1');
    expect(code).toBe(0);
    expect(out).toMatch(/^A: .*small-queue\.yaml\nB: .*small-queue\.yaml --set queueing\[name=desk\]\.servers=3\n3 paired replications/);
    expect(out).toMatch(/metric\s+A mean\s+B mean\s+B − A\s+95% CI\s+n\s+excludes 0\n\s+queueing\.desk\.meanWaitMs\s+[\d.]+\s+[\d.]+\s+-[\d.]+\s+-[\d.]+ \.\. -[\d.]+\s+3\s+yes\n$/);
  }, 60_000);

  it('saved run results pair by seed: B runs at the seed A was saved with', async () => {
    const dir = tempDir();
    const saved = join(dir, 'a.json');
    const run = await cli('run', SMALL, '--seed', '11', '--json');
    writeFileSync(saved, run.out);
    const { code, out } = await cli('compare', saved, SMALL, '--set-b', 'queueing[name=desk].servers=3', '--metric', WAIT, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as Json;
    expect(json.seeds).toEqual([11]);
    const b = (await simulate(SMALL, { set: ['queueing[name=desk].servers=3'], seed: 11 })).queueing?.['desk']?.meanWaitMs as number;
    const a = (await simulate(SMALL, { seed: 11 })).queueing?.['desk']?.meanWaitMs as number;
    expect(json.metrics[WAIT]).toMatchObject({ a, b, difference: { mean: b - a, ci95: null, n: 1 } });
  });

  it('sweep run directories of one combination are saved runs too', async () => {
    const dir = tempDir();
    for (const [side, servers] of [['a', 2], ['b', 3]] as const) {
      expect((await cli('sweep', 'plan', SMALL, '--set', `queueing[name=desk].servers=${servers}`, '--replications', '3', '--metric', WAIT, '--out', join(dir, `${side}.json`))).code).toBe(0);
      for (let i = 0; i < 3; i += 1) expect((await cli('sweep', 'run', join(dir, `${side}.json`), '--index', String(i), '--out', join(dir, side))).code).toBe(0);
    }
    const saved = JSON.parse((await cli('compare', join(dir, 'a'), join(dir, 'b'), '--json')).out) as Json;
    const live = JSON.parse((await cli('compare', SMALL, '--set-a', 'queueing[name=desk].servers=2', '--set-b', 'queueing[name=desk].servers=3', '--replications', '3', '--metric', WAIT, '--workers', '1', '--json')).out) as Json;
    expect(saved.metrics).toEqual(live.metrics);
    expect(saved.seeds).toEqual(live.seeds);
  }, 60_000);

  it('refuses what cannot be paired, saying why', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'summary.json'), '{"parameters": [], "combinations": []}');
    const summary = await cli('compare', join(dir, 'summary.json'), SMALL);
    expect(summary.code).toBe(2);
    expect(summary.err).toContain('a sweep summary keeps no per-run values to pair');
    const one = await cli('compare', SMALL);
    expect(one.code).toBe(2);
    expect(one.err).toContain('with one scenario, say how B differs from A');
    const typo = await cli('compare', SMALL, '--set-b', 'queueing[name=desk].srvers=3');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('did you mean "servers"');
    const bin = join(ROOT, 'scenarios', '07-placement-strategies.yaml');
    const badMetric = await cli('compare', bin, bin, '--metric', 'cost.totals.totl');
    expect(badMetric.code).toBe(2);
    expect(badMetric.err).toContain('did you mean "total"');
  });
});

describe('compare, edge cases', () => {
  it('runs with none of the default metrics say so instead of printing an empty table', async () => {
    const { code, out } = await cli('compare', SMALL, SMALL, '--replications', '2', '--workers', '1');
    expect(code).toBe(0);
    expect(out).toContain('(no metric to compare: these runs have none of the default metrics; name some with --metric PATH)');
  });
});
