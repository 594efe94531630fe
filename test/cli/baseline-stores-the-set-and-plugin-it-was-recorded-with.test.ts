import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBaseline, recordedWithWarnings } from '../../src/experiment/baseline.js';
import { cli, ROOT, tempDir } from '../support.js';

const scenario = join(ROOT, 'scenarios', '07-placement-strategies.yaml');
const plugin = relative(process.cwd(), join(ROOT, 'examples', 'least-interference.js'));
const swap = 'timeline[0].runTask.placementStrategy=[{type: leastInterference}]';
const outcomesFile = (dir: string): string => join(dir, '07-placement-strategies.outcomes.json');

/** Issue 17: a baseline keeps the overrides and plug-ins it was recorded with; a check with others names them. */
describe('baseline record stores its --set and --plugin', () => {
  it('in the outcomes file, first; a check with the same ones is identical, without a warning', async () => {
    const dir = tempDir();
    expect((await cli('baseline', 'record', scenario, '--out', dir, '--plugin', plugin, '--set', swap)).code).toBe(0);
    const text = readFileSync(outcomesFile(dir), 'utf8');
    expect(text.split('\n')[1]).toBe(`  "recordedWith": {"set":[${JSON.stringify(swap)}],"plugins":[${JSON.stringify(plugin)}]},`);
    const check = await cli('baseline', 'check', scenario, '--against', dir, '--plugin', plugin, '--set', swap);
    expect(check).toEqual({ code: 0, err: '', out: `${scenario}: identical (16 decisions, 3 outcomes)\n` });
  });

  it('a check without them warns, naming each, after its report (and the run did change: exit 1)', async () => {
    const dir = tempDir();
    await cli('baseline', 'record', scenario, '--out', dir, '--plugin', plugin, '--set', swap);
    const { code, out, err } = await cli('baseline', 'check', scenario, '--against', dir);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out.split('\n').slice(-3)).toEqual([`  ⚠ the baseline was recorded with --plugin ${plugin}; this check runs without it`, `  ⚠ the baseline was recorded with --set '${swap}'; this check runs without it`, '']);
  });

  it('a check with an extra --set that changes nothing still warns, and exits 0', async () => {
    const dir = tempDir();
    await cli('baseline', 'record', scenario, '--out', dir);
    const { code, out } = await cli('baseline', 'check', scenario, '--against', dir, '--set', 'description=another');
    expect(code).toBe(0);
    expect(out).toBe(`${scenario}: identical (16 decisions, 3 outcomes)\n  ⚠ this check runs with --set description=another; the baseline was recorded without it\n`);
  });

  it('a baseline recorded before they were stored gives no warning', async () => {
    const dir = tempDir();
    await cli('baseline', 'record', scenario, '--out', dir);
    const file = outcomesFile(dir);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/ {2}"recordedWith": .*\n/, ''));
    const { code, out } = await cli('baseline', 'check', scenario, '--against', dir, '--set', 'description=another');
    expect(code).toBe(0);
    expect(out).toBe(`${scenario}: identical (16 decisions, 3 outcomes)\n`);
  });

  it('the same overrides in another order are named as such; a malformed recordedWith is refused', () => {
    expect(recordedWithWarnings({ set: ['a=1', 'b=2'], plugins: [] }, { set: ['b=2', 'a=1'], plugins: [] })).toEqual(["⚠ this check gives the baseline's --set overrides in another order (a later one wins)"]);
    expect(parseBaseline('', '{ "recordedWith": { "set": 3 }, "x": 1 }')).toBe(`the outcomes file's "recordedWith" must be { "set": [strings], "plugins": [strings] }`);
    expect(parseBaseline('', '{ "recordedWith": { "set": [], "plugins": [] }, "x": 1 }')).toEqual({ decisions: [], outcomes: { x: 1 }, recordedWith: { set: [], plugins: [] } });
  });
});
