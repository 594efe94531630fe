import { z } from 'zod';
import { RESULT_SCHEMA_VERSION, runResultSchema } from './schema.js';

/** Where the JSON Schema ships: `import schema from 'ecs-sim/run-result.schema.json'`. */
export const RUN_RESULT_JSON_SCHEMA_FILE = 'schema/run-result.schema.json';

/**
 * The RunResult as a JSON Schema (draft 2020-12), generated from its zod description, for
 * tools that read `ecs-sim run --json` output without TypeScript. Strict objects become
 * `additionalProperties: false`; every field keeps its description.
 */
export function runResultJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(runResultSchema, { io: 'output', target: 'draft-2020-12' });
  return {
    $schema: generated.$schema,
    title: `ecs-sim RunResult (schemaVersion ${RESULT_SCHEMA_VERSION})`,
    description: 'What one ecs-sim run returns (`ecs-sim run --json`, `runScenario(...).result`): deterministic, JSON-serialisable, times in ms of simulated time unless named otherwise.',
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}

/** The file's text: two-space JSON and a final newline, so that a fresh generation compares byte for byte. */
export function runResultJsonSchemaText(): string {
  return `${JSON.stringify(runResultJsonSchema(), null, 2)}\n`;
}
