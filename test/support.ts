import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as cliMain, type CliIo } from '../src/cli/main.js';

export const ROOT = new URL('..', import.meta.url).pathname;
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** A fresh temporary directory for one test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ecs-sim-test-'));
}

/** Runs the CLI in-process, capturing what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let tick = 0;
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), clock: () => (tick += 100) };
  const code = await cliMain(argv, io);
  return { code, out, err };
}
