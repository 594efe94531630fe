// `ecs-sim/vitest`: the baseline matcher for a scheduler author's tests. Importing this
// module adds `toMatchBaseline` to vitest's `expect` (vitest must be installed: it is the
// test runner calling it). Named exports only.
import { dirname, isAbsolute, resolve } from 'node:path';
import { expect } from 'vitest';
import type { RunResult } from '../result/index.js';
import { baselineOf, compareBaseline, formatComparison } from '../experiment/baseline.js';
import { baselineFiles, readBaseline, writeBaseline } from '../experiment/baseline-files.js';

export interface BaselineMatcherOptions {
  /** How far an outcome may move, relative to its recorded value (0.05 = 5%); default 0. */
  readonly tolerance?: number;
}

/** The environment variable that rewrites baselines, as `vitest -u` does. */
export const UPDATE_BASELINES_ENV = 'ECS_SIM_UPDATE_BASELINES';

interface BaselineMatcherState {
  readonly isNot: boolean;
  readonly testPath?: string | undefined;
  /** vitest's snapshot state: its update mode (`all` under -u, `new` locally, `none` on CI) is read as vitest's own matchers read it. */
  readonly snapshotState?: unknown;
}

function updateMode(state: BaselineMatcherState): string {
  if (process.env[UPDATE_BASELINES_ENV] === '1') return 'all';
  const mode = (state.snapshotState as { _updateSnapshot?: unknown } | undefined)?._updateSnapshot;
  return typeof mode === 'string' ? mode : 'new';
}

/**
 * `await expect(simulate(scenario, { plugins, decisions: true })).toMatchBaseline('baselines/x')`:
 * the run's decisions and outcomes against `baselines/x.decisions.jsonl` and
 * `baselines/x.outcomes.json` (a relative path is resolved from the test file's folder,
 * as vitest's file snapshots are). It fails with `ecs-sim baseline check`'s report. With
 * `vitest -u`, or ECS_SIM_UPDATE_BASELINES=1, it rewrites the baseline and passes; a
 * missing baseline is written as vitest writes a new snapshot (not on CI, where vitest runs
 * with `--ci` semantics and it fails instead).
 */
export async function toMatchBaseline(this: BaselineMatcherState, received: RunResult | Promise<RunResult>, path: string, options: BaselineMatcherOptions = {}): Promise<{ pass: boolean; message: () => string }> {
  const result = await received;
  const prefix = isAbsolute(path) || this.testPath === undefined ? resolve(path) : resolve(dirname(this.testPath), path);
  const now = baselineOf(result);
  const mode = updateMode(this);
  const recorded = readBaseline(prefix);
  if (mode === 'all' || (typeof recorded === 'string' && mode === 'new')) {
    writeBaseline(prefix, now);
    return { pass: !this.isNot, message: () => `baseline ${baselineFiles(prefix).decisions} written` };
  }
  if (typeof recorded === 'string') return { pass: false, message: () => `${recorded}; run vitest -u (or set ${UPDATE_BASELINES_ENV}=1) to record it` };
  const comparison = compareBaseline(recorded, now, options.tolerance ?? 0);
  const name = `${result.scenario} against ${path}`;
  return {
    pass: comparison.identical,
    message: () => (comparison.identical ? `expected a change from the baseline, but ${formatComparison(name, comparison)}` : `${formatComparison(name, comparison)}\n(vitest -u or ${UPDATE_BASELINES_ENV}=1 records the new decisions)`),
  };
}

expect.extend({ toMatchBaseline });

declare module 'vitest' {
  interface Matchers<T = any> {
    /** The run (or its promise) matches the baseline at `path` (docs/decisions.md). Await it. */
    toMatchBaseline(path: string, options?: BaselineMatcherOptions): Promise<T>;
  }
}
