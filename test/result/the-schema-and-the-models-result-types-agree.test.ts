import { describe, expect, it } from 'vitest';
import type { RunResult as RunnerResult } from '../../src/scenario/runner.js';
import type { RunResult as DescribedResult } from '../../src/result/index.js';

/**
 * The model keeps its own result types (src/ecs/result.ts, src/elb, src/traffic/stats.ts,
 * ...), and src/result describes the same result as data. The two may not drift: each is
 * assignable to the other, checked by `npm run typecheck` (this file fails to compile when
 * they differ). The model's lists may be mutable where the description's are read-only, so
 * the model side is read deep-read-only for the way back.
 */
type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** Compiles only when `value` is a `T`: the compiler's message then names the field that differs. */
function assignable<T>(value: T): T {
  return value;
}

describe('the described RunResult and the runner’s RunResult', () => {
  it('are assignable both ways (a type-level check; it runs at typecheck)', () => {
    const fromRunner = null as unknown as RunnerResult;
    const fromSchema = null as unknown as DescribedResult;
    expect(assignable<DescribedResult>(fromRunner)).toBeNull();
    expect(assignable<DeepReadonly<RunnerResult>>(fromSchema)).toBeNull();
  });
});
