import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli, ROOT, tempDir } from '../support.js';

/** A bundled scenario's text, to derive a hostile variant from. */
export function bundled(name: string): string {
  return readFileSync(join(ROOT, 'scenarios', name), 'utf8');
}

/** Writes `text` as `name` in a fresh directory; returns its path. */
export function write(name: string, text: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** A small valid scenario. */
export const SMALL = 'name: small\nuntil: 1m\nqueueing:\n  - { name: q, servers: 1, interarrival: { exponential: { mean: 1s } }, service: { exponential: { mean: 500ms } } }\n';

/**
 * Runs `validate` on `file` (the CLI in-process) and expects exit 2, a message naming the
 * file with line:col (when `at` is given) and matching `message`, and no stack trace.
 */
export async function refused(file: string, message: RegExp, at?: string, command = 'validate'): Promise<string> {
  const { code, err } = await cli(command, file);
  expect(err).toMatch(message);
  expect(code).toBe(2);
  expect(err).not.toMatch(/internal error|\n\s+at /);
  if (at !== undefined) expect(err).toContain(`${file}:${at}`);
  return err;
}
