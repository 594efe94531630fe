import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzzed, unsound } from './run.js';

// Each scenario the fuzzer once shrank to a failure is kept in regressions/ (named for
// the behaviour it pins) and must run soundly, with the invariants checked after every event.
const folder = join(import.meta.dirname, 'regressions');

describe('the fuzzer’s shrunk failures', () => {
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    it(`${file} runs to its end with every invariant holding`, async () => {
      const outcome = await runFuzzed(JSON.parse(readFileSync(join(folder, file), 'utf8')) as Record<string, unknown>);
      expect(outcome.kind).toBe('ran');
      if (outcome.kind === 'ran') expect(unsound(outcome.result)).toBeUndefined();
    });
  }
});
