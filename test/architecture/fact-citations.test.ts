import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

/**
 * Citations can be followed from a clone: every fact id the code or the tests cite
 * (`// ecs-facts S-014`, `(ecs-facts )`) is defined in docs/ecs-facts.md.
 */
const FACTS = readFileSync(join(ROOT, 'docs', 'ecs-facts.md'), 'utf8');
const DEFINED = new Set([...FACTS.matchAll(/\*\*([A-Z]{1,2}-\d{3})\*\*/g)].map((m) => m[1] as string));
const ID = /\b([TSLCAP]-\d{3})\b/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|mjs|js)$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Each id named in a line that mentions ecs-facts, or in a comment line near one. */
function citations(): { where: string; id: string }[] {
  const out: { where: string; id: string }[] = [];
  for (const file of [...files(join(ROOT, 'src')), ...files(join(ROOT, 'test'))]) {
    if (file.endsWith('fact-citations.test.ts')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(ID)) out.push({ where: `${relative(ROOT, file)}:${i + 1}`, id: m[1] as string });
      });
  }
  return out;
}

describe('fact citations', () => {
  it('docs/ecs-facts.md defines facts in every area', () => {
    for (const prefix of ['T', 'S', 'L', 'C', 'A', 'P']) expect([...DEFINED].some((id) => id.startsWith(`${prefix}-`))).toBe(true);
  });

  it('every fact id cited in src/ and test/ is defined in docs/ecs-facts.md', () => {
    const cited = citations();
    expect(cited.length).toBeGreaterThan(100);
    expect(cited.filter((c) => !DEFINED.has(c.id)).map((c) => `${c.where}: ${c.id}`)).toEqual([]);
  });
});
