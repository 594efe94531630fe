import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../support.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README on variants and sweeps', () => {
  it('shows the variant file verbatim, and it is valid', async () => {
    const file = 'scenarios/variants/six-web-tasks.yaml';
    expect(readme).toContain(`\`\`\`yaml\n${readFileSync(join(ROOT, file), 'utf8')}\`\`\``);
    const { code, err } = await cli('validate', join(ROOT, file));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('shows the real output of its sweep', async () => {
    const block = /```text\n\$ ecs-sim (sweep [^\n]+)\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    const [, command, shown] = block as unknown as [string, string, string];
    const { code, out } = await cli(...command.split(' '));
    expect(code).toBe(0);
    expect(shown).toBe(out.trimEnd());
  }, 120_000);

  it('shows the real did-you-mean of a --set naming nothing', async () => {
    const shown = /```text\n(✖ --set [^\n]+)\n```/.exec(readme)?.[1] as string;
    const { err } = await cli('validate', join(ROOT, 'scenarios', '07-placement-strategies.yaml'), '--set', 'ecs.instances[name=m6].count=9');
    expect(err.trimEnd()).toBe(shown);
  });
});
