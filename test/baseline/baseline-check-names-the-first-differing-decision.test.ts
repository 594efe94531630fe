import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareBaseline, formatComparison, parseTolerance, type Baseline } from '../../src/experiment/baseline.js';
import { cli, ROOT, tempDir } from '../support.js';

const scenario = join(ROOT, 'scenarios', '07-placement-strategies.yaml');
const plugin = join(ROOT, 'examples', 'least-interference.js');
const swap = 'timeline[0].runTask.placementStrategy=[{type: leastInterference}]';

describe('ecs-sim baseline', () => {
  it('record writes stable files; check of the same run is identical (exit 0)', async () => {
    const dir = tempDir();
    const rec = await cli('baseline', 'record', scenario, '--out', dir);
    expect(rec).toMatchObject({ code: 0, err: '' });
    const decisions = readFileSync(join(dir, '07-placement-strategies.decisions.jsonl'), 'utf8');
    expect(decisions.split('\n').at(-1)).toBe('');
    expect(decisions.split('\n')[0]).toMatch(/^\{"t":180000,"kind":"placement",/);
    expect(JSON.parse(readFileSync(join(dir, '07-placement-strategies.outcomes.json'), 'utf8'))).toEqual({ recordedWith: { set: [], plugins: [] }, 'cost.totals.total': expect.any(Number), unplacedTasks: 4, 'ecs.invariantViolations.length': 0 });
    await cli('baseline', 'record', scenario, '--out', dir);
    expect(readFileSync(join(dir, '07-placement-strategies.decisions.jsonl'), 'utf8')).toBe(decisions);
    const check = await cli('baseline', 'check', scenario, '--against', dir);
    expect(check).toEqual({ code: 0, err: '', out: `${scenario}: identical (16 decisions, 3 outcomes)\n` });
  });

  it('a plug-in strategy swapped in with --plugin and --set: exit 1 and the first differing decision, both versions, its time and the records before it', async () => {
    const dir = tempDir();
    await cli('baseline', 'record', scenario, '--out', dir);
    const { code, out, err } = await cli('baseline', 'check', scenario, '--against', dir, '--plugin', plugin, '--set', swap);
    expect(err).toBe('');
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines[0]).toBe(`${scenario}: changed`);
    expect(lines[1]).toBe('  first differing decision: #1 at 3:00.0 simulated (t=180000 ms)');
    expect(lines[2]).toMatch(/^ {4}baseline: \{"t":180000,"kind":"placement",.*"strategies":\["binpack\(memory\)"\]/);
    expect(lines[3]).toMatch(/^ {4}now: {6}\{"t":180000,"kind":"placement",.*"strategies":\["leastInterference"\]/);
    expect(out).toContain('  fields that differ: strategies, survivors\n');
    expect(out).toContain('  placements changed: 3 of 16; scaling decisions changed: 0 of 0; other decisions changed: 0 of 0\n');
  });

  it('a later difference shows the records just before it; outcomes beyond the tolerance are listed', () => {
    const line = (t: number, kind: string, x: number): string => JSON.stringify({ t, kind, x });
    const before: Baseline = { decisions: [line(1, 'placement', 1), line(2, 'scaling', 1), line(3, 'placement', 1), line(4, 'scaling', 1)], outcomes: { a: 100, b: 0, gone: 1 } };
    const after: Baseline = { decisions: [line(1, 'placement', 1), line(2, 'scaling', 1), line(3, 'placement', 1), line(4, 'scaling', 2), line(5, 'placement', 1)], outcomes: { a: 104, b: 0, added: 3 } };
    const c = compareBaseline(before, after, 0.05);
    expect(c.first).toEqual({ index: 3, t: 4, before: line(4, 'scaling', 1), after: line(4, 'scaling', 2), context: before.decisions.slice(0, 3) });
    expect(c.placements).toEqual({ changed: 1, of: 3 });
    expect(c.scaling).toEqual({ changed: 1, of: 2 });
    expect(c.moved).toEqual([
      { metric: 'gone', before: 1, after: undefined },
      { metric: 'added', before: undefined, after: 3 },
    ]);
    expect(compareBaseline(before, after, 0.03).moved[0]).toEqual({ metric: 'a', before: 100, after: 104 });
    expect(formatComparison('x', compareBaseline(before, after, 0.03))).toBe(
      [
        'x: changed',
        '  first differing decision: #4 at 0:00.0 simulated (t=4 ms)',
        `    baseline: ${line(4, 'scaling', 1)}`,
        `    now:      ${line(4, 'scaling', 2)}`,
        '  fields that differ: x',
        '  the 3 records just before it (the same in both):',
        ...before.decisions.slice(0, 3).map((l) => `    ${l}`),
        '  placements changed: 1 of 3; scaling decisions changed: 1 of 2; other decisions changed: 0 of 0',
        '  outcomes moved beyond the tolerance (3%):',
        '    a: 100 → 104 (+4.00%)',
        '    gone: 1 → (absent)',
        '    added: (absent) → 3',
      ].join('\n'),
    );
  });

  it('--tolerance takes a fraction or a percentage', () => {
    expect(parseTolerance('0.05')).toBe(0.05);
    expect(parseTolerance('5%')).toBe(0.05);
    expect(parseTolerance('-1')).toMatch(/^--tolerance expects a fraction \(0\.05\) or a percentage \(5%\), at least 0, got "-1"$/);
  });

  it('an outcome moved beyond the tolerance is a change even with identical decisions', async () => {
    const dir = tempDir();
    await cli('baseline', 'record', scenario, '--out', dir);
    const file = join(dir, '07-placement-strategies.outcomes.json');
    const outcomes = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
    writeFileSync(file, JSON.stringify({ ...outcomes, 'cost.totals.total': (outcomes['cost.totals.total'] as number) * 1.1 }));
    const loose = await cli('baseline', 'check', scenario, '--against', dir, '--tolerance', '10%');
    expect(loose.code).toBe(0);
    const strict = await cli('baseline', 'check', scenario, '--against', dir, '--tolerance', '5%');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('  decisions: identical\n');
    expect(strict.out).toMatch(/ {4}cost\.totals\.total: [\d.]+ → [\d.]+ \(-9\.09%\)/);
  });

  it('bad input exits 2: no baseline, a bad flag, a bad scenario, a missing action', async () => {
    const dir = tempDir();
    const missing = await cli('baseline', 'check', scenario, '--against', dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`ecs-sim: ${scenario}: no baseline file ${join(dir, '07-placement-strategies.decisions.jsonl')}; record it with ecs-sim baseline record ${scenario} --out ${dir}\n`);
    const flag = await cli('baseline', 'check', scenario, '--against', dir, '--tolerance', 'lots');
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/^ecs-sim: --tolerance expects a fraction/);
    const noOut = await cli('baseline', 'record', scenario);
    expect(noOut).toMatchObject({ code: 2, out: '' });
    expect(noOut.err).toMatch(/^ecs-sim: baseline record needs --out DIR\n/);
    const bad = await cli('baseline', 'record', scenario, '--out', dir, '--set', 'ecs.instances[name=m6].count=9');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^✖ --set ecs\.instances\[name=m6\]\.count=9/);
    const none = await cli('baseline', 'frobnicate', scenario);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^ecs-sim: unknown baseline action "frobnicate"; expected record or check/);
  });
});
