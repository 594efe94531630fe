import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';
import { write } from './support.js';

const main = join(ROOT, 'dist', 'cli', 'main.js');

/**
 * Runs `ecs-sim validate file` in a child process that reports its own peak resident
 * memory (process.resourceUsage().maxRSS, in KB) on its last stderr line.
 */
function validateMeasured(file: string): Promise<{ code: number | null; err: string; peakMB: number }> {
  const script = `const { main } = await import(${JSON.stringify(main)}); const code = await main(['validate', ${JSON.stringify(file)}]); process.stderr.write('peak ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code;`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const peak = /peak (\d+)\n$/.exec(err);
      resolve({ code, err: err.replace(/peak \d+\n$/, ''), peakMB: peak === null ? Number.NaN : Number(peak[1]) / 1024 });
    }),
  );
}

/** Issue 19: a 2 MB file of 62,000 stations, each with a wrong-typed and two missing fields (186,000 problems). */
describe('a file with a hundred thousand problems', () => {
  it('exits 2 with the first 50 at file:line:col, "at least" the rest, and without collecting them all', async () => {
    let text = 'name: errors\nuntil: 1m\nqueueing:\n';
    for (let i = 0; i < 62_000; i += 1) text += `  - { name: q${i}, servers: x }\n`;
    expect(text.length).toBeGreaterThan(2_000_000);
    const file = write('errors.yaml', text);
    const { code, err, peakMB } = await validateMeasured(file);
    expect(code).toBe(2);
    expect(err).not.toMatch(/internal error|\n\s+at /);
    const lines = err.trimEnd().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe(`✖ ${file}:4:5  queueing[0].interarrival: expected a duration such as "5s" or a distribution such as { exponential: { mean: "2s" } }, got nothing`);
    expect(lines[2]).toBe(`✖ ${file}:4:26  queueing[0].servers: expected a number, got "x"`);
    expect(lines[49]).toBe(`✖ ${file}:20:5  queueing[16].service: expected a duration such as "5s" or a distribution such as { exponential: { mean: "2s" } }, got nothing`);
    expect(lines[50]).toBe('… and at least 950 more problems; checking stopped after the first 1000');
    // Collecting all 186,000 took 825 MB; what remains is mostly the YAML parser's syntax tree.
    expect(peakMB).toBeLessThan(600);
  }, 180_000);

  it('a file with fewer problems than the cap still gets them all, counted exactly', async () => {
    let text = 'name: errors\nuntil: 1m\nqueueing:\n';
    for (let i = 0; i < 30; i += 1) text += `  - { name: q${i}, servers: x, interarrival: 1s, service: 1s }\n`;
    const { code, err } = await validateMeasured(write('some.yaml', text));
    expect(code).toBe(2);
    const lines = err.trimEnd().split('\n');
    expect(lines).toHaveLength(30);
    expect(lines[29]).toMatch(/queueing\[29\]\.servers: expected a number, got "x"$/);
  }, 60_000);
});
