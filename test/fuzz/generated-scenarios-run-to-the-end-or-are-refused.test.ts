import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, fuzzParameters, fuzzTimeout } from './budget.js';
import { runFuzzed, unsound } from './run.js';
import { scenarios } from './scenarios.js';

/**
 * Issue 19, fuzzed scenarios: every generated scenario either runs to its end with every
 * model invariant holding after every event, or is refused as bad input (an InputError
 * naming the field) - never a crash, a stack trace or a hang. The same seed gives the same
 * log, and checking the invariants after every event changes nothing in it.
 */
describe('generated scenarios', () => {
  it(
    `run to the end with every invariant holding, or are refused with a message naming the field (${FUZZ_RUNS} runs)`,
    async () => {
      let ran = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(scenarios, async (scenario) => {
          const outcome = await runFuzzed(scenario);
          if (outcome.kind === 'refused') {
            refused += 1;
            // Every problem line names the input and a field path, never a stack frame.
            for (const line of outcome.message.split('\n')) expect(line).toMatch(/^✖ <scenario>\s+\S/);
            expect(outcome.message).not.toMatch(/\n\s+at /);
            return;
          }
          ran += 1;
          expect(unsound(outcome.result)).toBeUndefined();
          expect(outcome.result.simulatedMs).toBe(outcome.result.untilMs);
        }),
        fuzzParameters(),
      );
      // The generator aims at valid scenarios: most of them must run, or the property says little.
      expect(ran).toBeGreaterThan(4 * refused);
    },
    fuzzTimeout(),
  );

  const pairs = Math.max(10, Math.floor(FUZZ_RUNS / 5));
  it(
    `give the same log hash for the same seed, with or without the invariant checks (${pairs} pairs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios, async (scenario) => {
          const checked = await runFuzzed(scenario, true);
          const plain = await runFuzzed(scenario, false);
          if (checked.kind === 'refused' || plain.kind === 'refused') {
            expect(plain.kind).toBe(checked.kind);
            return;
          }
          expect(plain.result.logHash).toBe(checked.result.logHash);
          expect(plain.result.eventsProcessed).toBe(checked.result.eventsProcessed);
          expect(JSON.stringify(plain.result.ecs?.services)).toBe(JSON.stringify(checked.result.ecs?.services));
        }),
        fuzzParameters(pairs),
      );
    },
    fuzzTimeout(pairs, 600),
  );
});
