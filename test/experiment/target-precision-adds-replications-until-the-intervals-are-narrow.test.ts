import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepJson } from '../../src/experiment/format.js';
import { parseParameter, sweep, widestRelativeHalfWidth } from '../../src/experiment/sweep.js';
import { cli, FIXTURES } from '../support.js';

const SMALL = join(FIXTURES, 'small-queue.yaml');
const options = { parameters: [parseParameter('queueing[name=desk].servers=2,3')], replications: 3, metrics: ['queueing.desk.meanWaitMs'], workers: 1 };

describe('sweep --target-precision', () => {
  it('adds batches until every interval is within the target of its mean, and says after how many', async () => {
    const summary = await sweep(SMALL, { ...options, targetPrecision: 0.1 });
    const n = summary.precision!.replications;
    expect(summary.precision).toMatchObject({ target: 0.1, reached: true, maxReplications: 100 });
    expect(n % 3).toBe(0);
    expect(n).toBeGreaterThan(3);
    expect(widestRelativeHalfWidth(summary).relative).toBeLessThanOrEqual(0.1);
    // One batch fewer was not enough: the sweep stopped at the first n that reached it.
    const fewer = await sweep(SMALL, { ...options, replications: n - 3 });
    expect(widestRelativeHalfWidth(fewer).relative).toBeGreaterThan(0.1);
    // The same runs as a plain sweep of n replications, so the same figures.
    const plain = await sweep(SMALL, { ...options, replications: n });
    expect(summary.combinations).toEqual(plain.combinations);
  }, 120_000);

  it('is deterministic, whatever the worker count', async () => {
    const one = sweepJson(await sweep(SMALL, { ...options, targetPrecision: 0.1 }));
    const two = sweepJson(await sweep(SMALL, { ...options, targetPrecision: 0.1, workers: 2 }));
    expect(two).toBe(one);
  }, 120_000);

  it('says so when the cap is hit first', async () => {
    const { code, out } = await cli('sweep', SMALL, '--param', 'queueing[name=desk].servers=2,3', '--replications', '2', '--metric', 'queueing.desk.meanWaitMs', '--workers', '1', '--target-precision', '1%', '--max-replications', '4');
    expect(code).toBe(0);
    expect(out).toContain('(4 runs)');
    expect(out).toMatch(/⚠ The target precision \(1%\) was not reached: the cap of 4 replications was hit; widest: queueing\.desk\.meanWaitMs \(combination [12]\)\.\n$/);
  });

  it('a reached target is said under the table', async () => {
    const { out } = await cli('sweep', SMALL, '--param', 'queueing[name=desk].servers=2,3', '--replications', '3', '--metric', 'queueing.desk.meanWaitMs', '--workers', '1', '--target-precision', '10%');
    expect(out).toMatch(/\n\nEvery 95% CI is within 10% of its mean after \d+ replications\.\n$/);
  }, 60_000);

  it('refuses a target that is not a percentage, and a cap without a target', async () => {
    expect((await cli('sweep', SMALL, '--target-precision', '0.05')).err).toContain('--target-precision expects a percentage above 0, such as 5%, got "0.05"');
    expect((await cli('sweep', SMALL, '--max-replications', '5')).err).toContain('--max-replications is the cap of --target-precision');
  });

  it('a zero-width interval is precise even at a zero mean; a single run never is', () => {
    const combination = (metrics: Record<string, { mean: number; ci95: [number, number] | null }>) => ({ values: {}, runs: 2, metrics: Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, { ...m, n: 2, min: 0, max: 0 }])) });
    expect(widestRelativeHalfWidth({ parameters: [], combinations: [combination({ zero: { mean: 0, ci95: [0, 0] } })] }).relative).toBe(0);
    expect(widestRelativeHalfWidth({ parameters: [], combinations: [combination({ x: { mean: 10, ci95: [9, 11] } })] })).toEqual({ relative: 0.1, where: 'x (combination 1)' });
    expect(widestRelativeHalfWidth({ parameters: [], combinations: [combination({ one: { mean: 5, ci95: null } })] }).relative).toBe(Number.POSITIVE_INFINITY);
  });
});
