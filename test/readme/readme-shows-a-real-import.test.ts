import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../support.js';

/** README blocks headed `$ ecs-sim import <input>   (excerpt)` are the start of that import's real output. */
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const excerpts = [...readme.matchAll(/```text\n\$ ecs-sim import (\S+) +\(excerpt\)\n([\s\S]*?)\n```/g)].map((m) => ({ input: m[1] as string, shown: m[2] as string }));

describe('the README import section', () => {
  it('exists', () => {
    expect(excerpts.length).toBeGreaterThan(0);
  });

  for (const { input, shown } of excerpts) {
    it(`shows the real output of ecs-sim import ${input}`, async () => {
      const { code, out } = await cli('import', input);
      expect(code).toBe(0);
      expect(out.startsWith(shown)).toBe(true);
    });
  }
});
