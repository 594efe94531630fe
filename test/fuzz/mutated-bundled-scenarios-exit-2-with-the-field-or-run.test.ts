import fc from 'fast-check';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support.js';
import { FUZZ_RUNS, fuzzParameters, fuzzTimeout } from './budget.js';
import { bundledText, mutate, mutatedCase } from './mutations.js';

/**
 * Issue 19, fuzzed input: a bundled scenario with wrong types, missing or unknown fields,
 * huge numbers, unicode, deep nesting or a damaged text is refused by `ecs-sim validate`
 * with exit 2 and a message naming the file - never "internal error" or a stack trace -
 * or, when it is still valid, `ecs-sim run --check` (capped at a few thousand events)
 * never fails inside the model (exit 3).
 */

/** Events a mutated run may take: enough to build the model and play the first minutes. */
const RUN_EVENTS = '5000';

/** A directory with the bundled scenarios' companion files, so `file:` references resolve. */
function scenarioDir(): string {
  const dir = tempDir();
  symlinkSync(join(ROOT, 'scenarios', 'task-definitions'), join(dir, 'task-definitions'));
  symlinkSync(join(ROOT, 'scenarios', 'variants'), join(dir, 'variants'));
  return dir;
}

describe('mutated bundled scenarios', () => {
  it(
    `are refused with exit 2 naming the file, or run without a model failure (${FUZZ_RUNS} runs)`,
    async () => {
      const dir = scenarioDir();
      let n = 0;
      const codes = new Map<number, number>();
      // Node warnings (the YAML library's, say) would reach the user's terminal unasked.
      const warnings: string[] = [];
      const listen = (w: Error): void => void warnings.push(w.message);
      process.on('warning', listen);
      await fc.assert(
        fc.asyncProperty(mutatedCase, async ({ file, mutations }) => {
          const path = join(dir, `m${(n += 1)}-${file}`);
          writeFileSync(path, mutate(bundledText(file), mutations));
          const checked = await cli('validate', path);
          codes.set(checked.code, (codes.get(checked.code) ?? 0) + 1);
          expect(checked.err).not.toMatch(/internal error|\n\s+at |Error: /);
          expect([0, 2]).toContain(checked.code);
          if (checked.code === 2) {
            expect(checked.err).toContain(path);
            return;
          }
          const ran = await cli('run', path, '--check', '--max-events', RUN_EVENTS, '--json');
          expect(ran.err).not.toMatch(/internal error|\n\s+at /);
          // 0 or 1 (an expectation the mutation broke), or 2 (stopped at the event cap); never 3.
          expect([0, 1, 2]).toContain(ran.code);
          if (ran.code !== 2) expect(JSON.parse(ran.out).ecs?.invariantViolations ?? []).toEqual([]);
        }),
        fuzzParameters(),
      ).finally(() => process.off('warning', listen));
      expect(warnings).toEqual([]);
      // Most mutations must be refused, or the generator mutates nothing that matters.
      expect(codes.get(2) ?? 0).toBeGreaterThan(FUZZ_RUNS / 4);
    },
    fuzzTimeout(FUZZ_RUNS, 1_000),
  );
});
