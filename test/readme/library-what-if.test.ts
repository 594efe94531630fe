import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ROOT } from '../support.js';

describe('the README library example: an ECS what-if in code', () => {
  it('is shown verbatim, runs, and prints what the README says', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const source = readFileSync(join(ROOT, 'test', 'readme', 'library-what-if.ts'), 'utf8').replace("'../../src/index.js'", "'ecs-sim'");
    expect(readme).toContain(source.trimEnd());
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('./library-what-if.js');
    const printed = log.mock.calls.map((c) => c.join(' '));
    log.mockRestore();
    // binpack put every task on one instance, so the AZ loss takes them all; spread keeps half.
    expect(printed).toEqual([
      'binpack: losing us-east-1a stopped 4 of 4 running tasks; 4 running at the end',
      'spread: losing us-east-1a stopped 2 of 4 running tasks; 4 running at the end',
    ]);
    expect(readme).toContain(printed.join('\n'));
  });
});
