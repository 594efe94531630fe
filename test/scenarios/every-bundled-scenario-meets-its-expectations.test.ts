import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../src/index.js';
import { ROOT } from '../support.js';

/**
 * Every file in scenarios/ runs here, so the examples can never rot: it must validate,
 * carry expectations, meet them all, and reproduce its committed log hash (twice). A
 * change that is meant to move decisions updates golden-hashes.json with
 * `UPDATE_GOLDEN=1 npx vitest run test/scenarios` and says so in its note.
 */
const dir = join(ROOT, 'scenarios');
const goldenFile = join(ROOT, 'test', 'scenarios', 'golden-hashes.json');
const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, string>;
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const update = process.env['UPDATE_GOLDEN'] === '1';

describe('bundled scenarios', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s meets all its expectations and reproduces its log hash', (file) => {
    const scenario = loadScenarioFile(join(dir, file));
    expect(scenario.spec.expectations.length, 'a bundled scenario carries expectations').toBeGreaterThan(0);
    const first = runScenario(scenario).result;
    const failed = first.expectations.filter((e) => e.status !== 'passed').map((e) => `${e.claim}: ${e.message}`);
    expect(failed).toEqual([]);
    expect(first.error).toBeUndefined();
    const second = runScenario(scenario).result;
    expect(second.logHash).toBe(first.logHash);
    if (update) {
      golden[file] = first.logHash;
      writeFileSync(goldenFile, `${JSON.stringify(Object.fromEntries(Object.entries(golden).sort()), null, 2)}\n`);
    }
    expect(first.logHash, 'committed golden hash (UPDATE_GOLDEN=1 to accept a meant change)').toBe(golden[file]);
  });

  it('golden-hashes.json names no scenario that is gone', () => {
    expect(Object.keys(golden).filter((f) => !files.includes(f))).toEqual([]);
  });
});
