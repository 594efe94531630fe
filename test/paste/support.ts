import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../src/result/index.js';
import { cli, FIXTURES, tempDir } from '../support.js';

/** The pasted outputs of test/fixtures/paste (AWS CLI documentation examples; see its README). */
export const PASTE = join(FIXTURES, 'paste');

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(PASTE, name), 'utf8')) as unknown;
}

/** JSON as a YAML flow value indented under a key: what a user gets pasting it into a scenario. */
export function pasted(value: unknown, indent: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`);
}

/** Writes the scenario (and copies the fixtures it names) into a fresh folder; returns its path. */
export function scenarioFile(yaml: string, fixtures: readonly string[] = []): string {
  const dir = tempDir();
  for (const f of fixtures) copyFileSync(join(PASTE, f), join(dir, f));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** `ecs-sim run FILE --json` through the real CLI: its result. */
export async function runJson(file: string): Promise<RunResult> {
  const r = await cli('run', file, '--json');
  if (r.code !== 0) throw new Error(`ecs-sim run exited ${r.code}: ${r.err}`);
  return JSON.parse(r.out) as RunResult;
}

/** `ecs-sim run FILE` through the real CLI: its summary. */
export async function runSummary(file: string): Promise<{ code: number; out: string; err: string }> {
  return cli('run', file);
}
