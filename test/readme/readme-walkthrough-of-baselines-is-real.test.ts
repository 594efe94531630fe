import { cpSync, mkdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support.js';

/**
 * The README's scheduler-author walkthrough: each `$ ecs-sim baseline …` block, run in
 * order in a scratch copy of the scenarios and examples, prints exactly what the README
 * shows and exits with the code its `$ echo $?` line shows.
 */
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const steps = [...readme.matchAll(/```text\n\$ (ecs-sim baseline [^\n]+)\n([\s\S]*?)\n\$ echo \$\?\n(\d+)\n```/g)].map((m) => ({ command: m[1] as string, shown: m[2] as string, code: Number(m[3]) }));

/** Splits a shell line: words, and single-quoted strings kept whole. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => (m[1] ?? m[2]) as string);
}

describe('the README walkthrough of baselines', () => {
  it('has its five steps: record, check unchanged, check the swap, re-record, check again', () => {
    expect(steps.map((s) => `${s.command.split(' ')[2]} ${s.code}`)).toEqual(['record 0', 'check 0', 'check 1', 'record 0', 'check 0']);
  });

  it('prints what the README shows, step by step', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
    mkdirSync(join(dir, 'examples'));
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const step of steps) {
        const [, ...args] = shellWords(step.command);
        const { code, out, err } = await cli(...args);
        expect(err, step.command).toBe('');
        expect(out.trimEnd(), step.command).toBe(step.shown);
        expect(code, step.command).toBe(step.code);
      }
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);
});
