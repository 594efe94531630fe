// Writes the RunResult's JSON Schema, generated from its zod description, to the file the
// package ships (run by `npm run build`, after tsc).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUN_RESULT_JSON_SCHEMA_FILE, runResultJsonSchemaText } from '../dist/result/json-schema.js';

const file = join(dirname(new URL(import.meta.url).pathname), '..', RUN_RESULT_JSON_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, runResultJsonSchemaText());
