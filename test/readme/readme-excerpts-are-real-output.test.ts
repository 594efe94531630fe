import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../support.js';

/** README blocks headed `$ ecs-sim run <scenario>   (excerpt)` are a contiguous part of that run's real output. */
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const excerpts = [...readme.matchAll(/```text\n\$ ecs-sim run (\S+) +\(excerpt\)\n([\s\S]*?)\n```/g)].map((m) => ({ scenario: m[1] as string, shown: m[2] as string }));

describe('the README excerpts', () => {
  it('exist', () => {
    expect(excerpts.length).toBeGreaterThan(0);
  });

  for (const { scenario, shown } of excerpts) {
    it(`of ${scenario} are its real output`, async () => {
      const { code, out } = await cli('run', scenario);
      expect(code).toBe(0);
      expect(out).toContain(shown);
    });
  }
});
