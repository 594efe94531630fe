import { InputError } from '../../src/issues/index.js';
import type { RunResult } from '../../src/result/index.js';
import { assemble } from '../../src/scenario/assemble.js';
import { runAssembledInterruptible } from '../../src/scenario/runner.js';
import { loadScenario } from '../../src/scenario/simulate.js';

/** What happened to one fuzzed scenario: it ran to its end, or was refused as bad input. */
export type Outcome = { readonly kind: 'ran'; readonly result: RunResult } | { readonly kind: 'refused'; readonly message: string };

/**
 * No generated scenario comes near this many events (a 15-minute run with 30 requests/s
 * is about 200,000): a run that reaches it is treated as a hang.
 */
export const EVENT_CAP = 3_000_000;

/**
 * Runs a scenario given as data through the library's pipeline (load, assemble, run) with
 * the invariants checked after every event. Bad input comes back as `refused`; anything
 * else thrown propagates (a crash, which the properties report).
 */
export async function runFuzzed(scenario: Readonly<Record<string, unknown>>, checkInvariants = true): Promise<Outcome> {
  let assembled;
  try {
    assembled = assemble(loadScenario(scenario));
  } catch (error) {
    if (error instanceof InputError) return { kind: 'refused', message: error.message };
    throw error;
  }
  const { result } = await runAssembledInterruptible(assembled, new AbortController().signal, { checkInvariants, maxEvents: EVENT_CAP });
  return { kind: 'ran', result };
}

/** Why a run that was not refused is not sound, or undefined when it is. */
export function unsound(result: RunResult): string | undefined {
  if (result.error !== undefined) return `the run failed at ${result.error.atMs} ms: ${result.error.message}`;
  if (result.stopReason === 'maxEvents') return `the run reached ${EVENT_CAP} events (a hang)`;
  if (result.simulatedMs > result.untilMs) return `the clock passed until (${result.simulatedMs} > ${result.untilMs})`;
  const violations = result.ecs?.invariantViolations ?? [];
  if (violations.length > 0) return `invariants broken:\n  ${violations.slice(0, 10).join('\n  ')}`;
  return undefined;
}
