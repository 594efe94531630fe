import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RUN_RESULT_JSON_SCHEMA_FILE, runResultJsonSchema, runResultJsonSchemaText } from '../../src/result/json-schema.js';
import { RESULT_SCHEMA_VERSION } from '../../src/result/index.js';
import { ROOT } from '../support.js';

/**
 * The package ships the RunResult's JSON Schema (`ecs-sim/run-result.schema.json`), written
 * by `npm run build` from the zod description. The committed file may never lag behind it.
 */
const file = join(ROOT, RUN_RESULT_JSON_SCHEMA_FILE);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; files: string[]; scripts: Record<string, string> };

/** Every `description` missing from a property, by JSON pointer-ish path. */
function undescribed(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => undescribed(n, `${path}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const props = o['properties'] as Record<string, Record<string, unknown>> | undefined;
  const missing = Object.entries(props ?? {}).filter(([, p]) => typeof p['description'] !== 'string' || p['description'] === '' || p['description'] === 'TODO').map(([k]) => `${path}/properties/${k}`);
  return [...missing, ...Object.entries(o).flatMap(([k, v]) => undescribed(v, `${path}/${k}`))];
}

describe('the shipped JSON Schema of RunResult', () => {
  it('is byte for byte what the zod description generates (run `npm run build` after changing src/result)', () => {
    expect(readFileSync(file, 'utf8')).toBe(runResultJsonSchemaText());
  });

  it('resolves as ecs-sim/run-result.schema.json, the way a user imports it', async () => {
    const imported = (await import('ecs-sim/run-result.schema.json', { with: { type: 'json' } })) as { default: unknown };
    expect(imported.default).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('ships in the package and is exported as ecs-sim/run-result.schema.json', () => {
    expect(pkg.exports['./run-result.schema.json']).toBe(`./${RUN_RESULT_JSON_SCHEMA_FILE}`);
    expect(pkg.files).toContain(RUN_RESULT_JSON_SCHEMA_FILE.split('/')[0]);
    expect(pkg.scripts['build']).toContain('scripts/write-result-schema.js');
    expect(existsSync(join(ROOT, 'scripts', 'write-result-schema.js'))).toBe(true);
  });

  it('is strict, versioned, and describes every field', () => {
    const schema = runResultJsonSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['additionalProperties']).toBe(false);
    expect((schema['properties'] as Record<string, unknown>)['schemaVersion']).toMatchObject({ const: RESULT_SCHEMA_VERSION });
    expect(schema['required']).toEqual(expect.arrayContaining(['schemaVersion', 'scenario', 'seed', 'logHash', 'expectations']));
    expect(undescribed(schema, '#')).toEqual([]);
  });
});

describe('the shipped JSON Schema, read back as a validator', () => {
  const shipped = z.fromJSONSchema(JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof z.fromJSONSchema>[0]);
  const smallest = { schemaVersion: 1, scenario: 's', seed: 1, logHash: 'h', untilMs: 0, simulatedMs: 0, eventsProcessed: 0, traceRecords: 0, stopReason: 'empty', expectations: [] };

  it('accepts the smallest result', () => {
    expect(shipped.safeParse(smallest).success).toBe(true);
  });

  it.each([
    ['a field it does not describe', { ...smallest, extra: 1 }],
    ['a field it does not describe, deep inside', { ...smallest, error: { message: 'm', atMs: 0, extra: 1 } }],
    ['a missing required field', Object.fromEntries(Object.entries(smallest).filter(([k]) => k !== 'logHash'))],
    ['another schema version', { ...smallest, schemaVersion: 2 }],
    ['a value outside an enumeration', { ...smallest, stopReason: 'bored' }],
  ])('refuses %s', (_what, value) => {
    expect(shipped.safeParse(value).success).toBe(false);
  });
});
