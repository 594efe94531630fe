import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT } from '../support.js';

describe('the README placement plug-in example', () => {
  it('is shown verbatim, runs, and prints what the README says', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const source = readFileSync(join(ROOT, 'test', 'readme', 'placement-plugin-example.ts'), 'utf8').replace("'../../src/index.js'", "'ecs-sim'").replace("'../../src/public/plugins.js'", "'ecs-sim/plugins'");
    expect(readme).toContain(source.trimEnd());
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('./placement-plugin-example.js');
    const printed = log.mock.calls.map((c) => c.join(' ')).join('\n');
    log.mockRestore();
    // Both spot instances fill up (2 × 2 CPU-heavy tasks) before any on-demand one is used.
    expect(printed.split(' ').slice(0, 4).every((ref) => ref.startsWith('spot/'))).toBe(true);
    expect(readme).toContain(`prints \`${printed}\``);
  });
});
