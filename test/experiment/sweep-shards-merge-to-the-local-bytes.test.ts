import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ranges, shardIndex } from '../../src/experiment/plan.js';
import { cli, FIXTURES, ROOT, tempDir } from '../support.js';

const BIN = join(ROOT, 'bin', 'ecs-sim.js');
const SMALL = join(FIXTURES, 'small-queue.yaml');
const SWEEP = ['--param', 'queueing[name=desk].servers=2,3', '--replications', '2', '--metric', 'queueing.desk.served', '--metric', 'queueing.desk.meanWaitMs'];

/** One shard as a batch engine starts it: a separate process with only the array index in its environment. */
async function shard(plan: string, out: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'sweep', 'run', plan, '--out', out], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
  return stdout;
}

describe('a sweep split over an array job', () => {
  it('four shard processes indexed by JOB_COMPLETION_INDEX merge to the local sweep, byte for byte', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan.json');
    const planned = await cli('sweep', 'plan', SMALL, ...SWEEP, '--out', plan);
    expect(planned.code).toBe(0);
    expect(planned.out).toContain('4 runs (indices 0 to 3)');
    const out = join(dir, 'results');
    await Promise.all([0, 1, 2, 3].map((i) => shard(plan, out, { JOB_COMPLETION_INDEX: String(i) })));
    const local = await cli('sweep', SMALL, ...SWEEP, '--workers', '1');
    const merged = await cli('sweep', 'merge', out);
    expect(merged.err).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(local.out);
    const localJson = await cli('sweep', SMALL, ...SWEEP, '--workers', '1', '--json');
    expect((await cli('sweep', 'merge', out, '--json')).out).toBe(localJson.out);

    // A retried index (AWS Batch's variable this time) writes the same bytes under the same name.
    const before = readdirSync(out).sort();
    const again = await shard(plan, out, { AWS_BATCH_JOB_ARRAY_INDEX: '2' });
    expect(again).toMatch(/^✔ run 2 of 4 {2}.*run-000002-[0-9a-f]{16}\.json\n$/);
    expect(readdirSync(out).sort()).toEqual(before);
    expect(before.filter((f) => f.startsWith('run-'))).toHaveLength(4);
  }, 120_000);

  it('a plan made with --until keeps it, so every shard ends there and the merge is the local sweep with --until', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan.json');
    expect((await cli('sweep', 'plan', SMALL, ...SWEEP, '--until', '2m', '--out', plan)).code).toBe(0);
    expect(JSON.parse(readFileSync(plan, 'utf8')).untilMs).toBe(120_000);
    const out = join(dir, 'results');
    for (const i of [0, 1, 2, 3]) expect((await cli('sweep', 'run', plan, '--index', String(i), '--out', out)).code).toBe(0);
    const merged = await cli('sweep', 'merge', out);
    expect(merged.out).toBe((await cli('sweep', SMALL, ...SWEEP, '--workers', '1', '--until', '2m')).out);
    expect(merged.out).not.toBe((await cli('sweep', SMALL, ...SWEEP, '--workers', '1')).out);
    // Without --until the plan has no untilMs at all: plans made before keep their bytes.
    await cli('sweep', 'plan', SMALL, ...SWEEP, '--out', join(dir, 'plain.json'));
    expect(JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8'))).not.toHaveProperty('untilMs');
  }, 60_000);

  it('a missing index is listed, with exit 2; a disagreeing duplicate too', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan.json');
    await cli('sweep', 'plan', SMALL, ...SWEEP, '--out', plan);
    const out = join(dir, 'results');
    for (const i of [0, 3]) expect((await cli('sweep', 'run', plan, '--index', String(i), '--out', out)).code).toBe(0);
    const merged = await cli('sweep', 'merge', out);
    expect(merged.code).toBe(2);
    expect(merged.out).toBe('');
    expect(merged.err).toBe(`✖ ${out}  missing indices (2): 1-2\n`);
    for (const i of [1, 2]) await cli('sweep', 'run', plan, '--index', String(i), '--out', out);
    const first = readdirSync(out).find((f) => f.startsWith('run-000000-')) as string;
    const altered = readFileSync(join(out, first), 'utf8').replace(/"queueing\.desk\.served": \d+/, '"queueing.desk.served": 1');
    writeFileSync(join(out, 'run-000000-0000000000000000.json'), altered);
    const dup = await cli('sweep', 'merge', out);
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('duplicate index 0: run-000000-0000000000000000.json, run-000000-');
  });

  it('a shard refuses a scenario that changed since the plan was made', async () => {
    const dir = tempDir();
    const scenario = join(dir, 'queue.yaml');
    copyFileSync(SMALL, scenario);
    const plan = join(dir, 'plan.json');
    await cli('sweep', 'plan', scenario, ...SWEEP, '--out', plan);
    expect(JSON.parse(readFileSync(plan, 'utf8')).scenario).toBe('queue.yaml');
    writeFileSync(scenario, `${readFileSync(scenario, 'utf8')}\n# edited\n`);
    const { code, err } = await cli('sweep', 'run', plan, '--index', '0', '--out', join(dir, 'out'));
    expect(code).toBe(2);
    expect(err).toContain('queue.yaml');
    expect(err).toContain('changed since the plan was made');
  });

  it('the index comes from --index, or the batch engine variables in a fixed order, and must be in the plan', () => {
    expect(shardIndex('3', { JOB_COMPLETION_INDEX: '1' }, 4)).toBe(3);
    expect(shardIndex(undefined, { JOB_COMPLETION_INDEX: '1', SLURM_ARRAY_TASK_ID: '2' }, 4)).toBe(1);
    expect(shardIndex(undefined, { AWS_BATCH_JOB_ARRAY_INDEX: '2' }, 4)).toBe(2);
    expect(shardIndex(undefined, { SLURM_ARRAY_TASK_ID: '0' }, 4)).toBe(0);
    expect(() => shardIndex(undefined, {}, 4)).toThrow(/no index: give --index I or set one of JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, SLURM_ARRAY_TASK_ID/);
    expect(() => shardIndex(undefined, { SLURM_ARRAY_TASK_ID: '4' }, 4)).toThrow('SLURM_ARRAY_TASK_ID=4: the plan has runs 0 to 3');
    expect(() => shardIndex('-1', {}, 4)).toThrow('--index=-1');
    expect(ranges([0, 1, 2, 5, 7, 8])).toBe('0-2, 5, 7-8');
  });

  it('a result directory that cannot be written is bad input, said plainly', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan.json');
    await cli('sweep', 'plan', SMALL, ...SWEEP, '--out', plan);
    writeFileSync(join(dir, 'a-file'), '');
    const { code, err } = await cli('sweep', 'run', plan, '--index', '0', '--out', join(dir, 'a-file', 'out'));
    expect(code).toBe(2);
    expect(err).toBe(`✖ ${join(dir, 'a-file', 'out')}  cannot write the result there: ENOTDIR\n`);
  });

  it('each form takes its own flags', async () => {
    const { code, err } = await cli('sweep', 'merge', tempDir(), '--replications', '3');
    expect(code).toBe(2);
    expect(err).toContain('sweep merge does not take --replications');
  });
});
