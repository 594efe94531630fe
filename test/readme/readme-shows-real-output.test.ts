import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, ROOT } from '../support.js';

/** `UPDATE_README=1 npx vitest run test/readme` rewrites the quick-start output block. */
const update = process.env['UPDATE_README'] === '1';
let readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The events line carries wall time, which varies by machine. */
const withoutWallTime = (text: string): string => text.replace(/ in [\d.]+ s wall \([^)]*\)/, ' in … s wall');

describe('the README', () => {
  it('shows the real output of its quick-start run', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const scenario = /run (scenarios\/\S+) --report report\.html$/.exec(pkg.scripts.start)?.[1] as string;
    expect(readme).toContain(`\`npm start\` runs \`ecs-sim run ${scenario} --report report.html\``);
    const { code, out } = await cli('run', scenario);
    expect(code).toBe(0);
    const pattern = /(`npm start` runs [\s\S]*?```text\n)([\s\S]*?)(\n```)/;
    if (update) {
      readme = readme.replace(pattern, (_, open: string, _old: string, close: string) => `${open}${out.trimEnd()}${close}`);
      writeFileSync(join(ROOT, 'README.md'), readme);
    }
    const block = pattern.exec(readme)?.[2];
    expect(block).toBeDefined();
    expect(withoutWallTime(block as string)).toBe(withoutWallTime(out.trimEnd()));
  });

  it('shows the real output of ecs-sim explain', async () => {
    const block = /```text\n\$ ecs-sim (explain [^\n]+)\n([\s\S]*?)\n```/.exec(readme);
    expect(block).not.toBeNull();
    const [, command, shown] = block as unknown as [string, string, string];
    const { code, out } = await cli(...command.split(' '));
    expect(code).toBe(0);
    expect(shown).toBe(out.trimEnd());
  });

  it('shows the library example verbatim, and what it prints', async () => {
    const source = readFileSync(join(ROOT, 'test', 'readme', 'library-example.ts'), 'utf8').replace("'../../src/public/engine.js'", "'ecs-sim/engine'");
    expect(readme).toContain(source.trimEnd());
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('./library-example.js');
    const printed = log.mock.calls.map((c) => c.join(' ')).join('\n');
    log.mockRestore();
    expect(readme).toContain(`prints \`${printed}\``);
  });

  it('names exactly the test command that CI runs', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const testCommand = /^(npm ci && npm test)\s+#/m.exec(readme)?.[1];
    expect(testCommand).toBe('npm ci && npm test');
    expect(ci).toMatch(new RegExp(`^${(testCommand as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });
});
