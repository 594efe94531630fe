import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { runScenario } from '../../../src/scenario/runner.js';
import { runWithEvents, SCENARIOS } from './run-events.js';

describe('EventBridge events are deterministic and observe only', () => {
  it('the same seed gives a byte-identical JSONL file; another seed gives other ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const a = runWithEvents('15-circuit-breaker-rollback.yaml', seed);
        const b = runWithEvents('15-circuit-breaker-rollback.yaml', seed);
        expect(a.text.length).toBeGreaterThan(0);
        expect(b.text).toBe(a.text);
        const c = runWithEvents('15-circuit-breaker-rollback.yaml', seed + 1);
        expect(c.events[0]!.id).not.toBe(a.events[0]!.id);
      }),
      { numRuns: 3 },
    );
  });

  it.each(['13-rolling-deployment.yaml', '15-circuit-breaker-rollback.yaml'])('%s: attaching the recorder leaves the logHash unchanged', (file) => {
    const without = runScenario(loadScenarioFile(join(SCENARIOS, file))).result.logHash;
    expect(runWithEvents(file).logHash).toBe(without);
  });
});
