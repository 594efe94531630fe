import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { z } from 'zod';
import { checkResultPath, runResultSchema } from '../../src/result/index.js';
import { ROOT } from '../support.js';

/**
 * Every file in scenarios/ runs here, so the examples can never rot: it must validate,
 * carry expectations, meet them all, break none of the model's invariants, give a result
 * that the described RunResult (src/result) parses, as it is and after a JSON round trip,
 * and so does the shipped JSON Schema; the expectation path checker must accept every path
 * of that result; and it must reproduce its committed log hash (twice). A change that is
 * meant to move decisions updates golden-hashes.json with
 * `UPDATE_GOLDEN=1 npx vitest run test/scenarios` and says so in its note.
 */
const dir = join(ROOT, 'scenarios');
const goldenFile = join(ROOT, 'test', 'scenarios', 'golden-hashes.json');
const golden = JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, string>;
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const update = process.env['UPDATE_GOLDEN'] === '1';

/** The JSON Schema the package ships, read back as a validator: what a tool without TypeScript would check. */
const shipped = z.fromJSONSchema(JSON.parse(readFileSync(join(ROOT, 'schema', 'run-result.schema.json'), 'utf8')) as Parameters<typeof z.fromJSONSchema>[0]);

/** Where a value differs from the described RunResult (or another schema), one line per problem. */
function schemaProblems(value: unknown, schema: z.ZodType = runResultSchema): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** The paths of a result (each list by its first and last item) that `checkResultPath` would refuse. */
function pathsTheCheckerRejects(result: unknown): string[] {
  const paths: string[] = [];
  const visit = (value: unknown, path: readonly string[]): void => {
    paths.push(path.map((k) => k.replace(/\./g, '\\.')).join('.'));
    if (Array.isArray(value)) {
      paths.push([...path, 'length'].join('.'));
      if (value.length > 0) for (const i of new Set([0, value.length - 1])) visit(value[i], [...path, String(i)]);
    } else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(JSON.parse(JSON.stringify(result)), []);
  return paths.filter((p) => !('ok' in checkResultPath(p)));
}

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
    // ecs-sim checks the model's invariants at the end of every run: a bundled scenario breaks none.
    if (first.ecs !== undefined) expect(first.ecs.invariantViolations).toEqual([]);
    // The result is what the schema says, field for field (strict: nothing undescribed), and JSON keeps it so.
    expect(schemaProblems(first)).toEqual([]);
    expect(schemaProblems(JSON.parse(JSON.stringify(first)))).toEqual([]);
    expect(schemaProblems(JSON.parse(JSON.stringify(first)), shipped), 'the shipped JSON Schema').toEqual([]);
    expect(pathsTheCheckerRejects(first)).toEqual([]);
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
