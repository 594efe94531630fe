import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/simulate.js';
import { toMatchBaseline, UPDATE_BASELINES_ENV } from '../../src/public/vitest.js';
import { ROOT, tempDir } from '../support.js';

// `import 'ecs-sim/vitest'` adds toMatchBaseline to expect: a user's test checks a run
// (or its promise) against committed files, with baseline check's report on failure.
const scenario = join(ROOT, 'scenarios', '07-placement-strategies.yaml');
const plugins = [join(ROOT, 'examples', 'least-interference.js')];
const swap = ['timeline[0].runTask.placementStrategy=[{type: leastInterference}]'];

afterEach(() => {
  delete process.env[UPDATE_BASELINES_ENV];
});

describe('toMatchBaseline', () => {
  // vitest writes a missing snapshot locally but not on CI (CI=true), and so does the
  // matcher; these tests record their baselines explicitly so they mean the same in both.
  function record(run: Promise<unknown>, prefix: string): Promise<void> {
    process.env[UPDATE_BASELINES_ENV] = '1';
    return (expect(run).toMatchBaseline(prefix) as unknown as Promise<void>).finally(() => {
      delete process.env[UPDATE_BASELINES_ENV];
    });
  }

  it('records a baseline, then passes on the same run and fails on a changed one with the report', async () => {
    const prefix = join(tempDir(), 'baselines', 'placement');
    await record(simulate(scenario, { plugins, decisions: true }), prefix);
    expect(existsSync(`${prefix}.decisions.jsonl`)).toBe(true);
    await expect(simulate(scenario, { plugins, decisions: true })).toMatchBaseline(prefix);
    const changed = simulate(scenario, { plugins, set: swap, decisions: true });
    await expect(expect(changed).toMatchBaseline(prefix)).rejects.toThrow(/: changed\n {2}first differing decision: #1 at 3:00\.0 simulated \(t=180000 ms\)\n {4}baseline: .*binpack\(memory\).*\n {4}now: {6}.*leastInterference[\s\S]*placements changed: 3 of 16/);
  });

  it(`${UPDATE_BASELINES_ENV}=1 rewrites the baseline, as vitest -u rewrites snapshots`, async () => {
    const prefix = join(tempDir(), 'placement');
    await record(simulate(scenario, { decisions: true }), prefix);
    await expect(expect(simulate(scenario, { plugins, set: swap, decisions: true })).toMatchBaseline(prefix)).rejects.toThrow(/changed/);
    process.env[UPDATE_BASELINES_ENV] = '1';
    await expect(simulate(scenario, { plugins, set: swap, decisions: true })).toMatchBaseline(prefix);
    delete process.env[UPDATE_BASELINES_ENV];
    expect(readFileSync(`${prefix}.decisions.jsonl`, 'utf8')).toContain('leastInterference');
    await expect(simulate(scenario, { plugins, set: swap, decisions: true })).toMatchBaseline(prefix);
  });

  it("reads vitest's update mode: new (local) writes a missing baseline; all (-u) rewrites; none (CI) refuses to write one", async () => {
    const dir = tempDir();
    const result = await simulate(scenario, { decisions: true });
    const local = await toMatchBaseline.call({ isNot: false, testPath: join(dir, 'x.test.ts'), snapshotState: { _updateSnapshot: 'new' } }, result, 'new/x');
    expect(local.pass).toBe(true);
    expect(existsSync(join(dir, 'new', 'x.decisions.jsonl'))).toBe(true);
    const ci = await toMatchBaseline.call({ isNot: false, testPath: join(dir, 'x.test.ts'), snapshotState: { _updateSnapshot: 'none' } }, result, 'b/x');
    expect(ci.pass).toBe(false);
    expect(ci.message()).toBe(`no baseline file ${join(dir, 'b', 'x.decisions.jsonl')}; run vitest -u (or set ${UPDATE_BASELINES_ENV}=1) to record it`);
    const written = await toMatchBaseline.call({ isNot: false, testPath: join(dir, 'x.test.ts'), snapshotState: { _updateSnapshot: 'all' } }, result, 'b/x');
    expect(written.pass).toBe(true);
    // A relative path is resolved from the test file's folder.
    expect(existsSync(join(dir, 'b', 'x.outcomes.json'))).toBe(true);
  });

  it('a result without decision records says how to get them', async () => {
    await expect(expect(simulate(scenario)).toMatchBaseline(join(tempDir(), 'x'))).rejects.toThrow('this result has no decision records: run it with { decisions: true } (simulate) to compare it with a baseline');
  });
});
