import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../support.js';

/** The README's "Seeing a run" examples are real output of the commands they name. */
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Seeing a run'), readme.indexOf('## Variants and sweeps'));
const blocks = [...section.matchAll(/```(?:json|text)\n([\s\S]*?)\n```/g)].map((m) => m[1] as string);

describe('the README section on seeing a run', () => {
  it('shows the rolling deployment’s real service series', async () => {
    const { out } = await cli('run', join(ROOT, 'scenarios', '13-rolling-deployment.yaml'), '--json');
    const result = JSON.parse(out) as { timeSeries: { services: unknown[] } };
    expect(blocks[0]).toBe(JSON.stringify(result.timeSeries.services[0]));
  });

  it('shows real rows of the metrics CSV and real lines of the Perfetto trace', async () => {
    const dir = tempDir();
    await cli('run', join(ROOT, 'scenarios', '20-cloudwatch-cpu-alarm.yaml'), '--metrics', join(dir, 'metrics.csv'));
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8')).toContain(`${(blocks[1] as string).split('\n').join('\r\n')}\r\n`);
    await cli('run', join(ROOT, 'scenarios', '13-rolling-deployment.yaml'), '--perfetto', join(dir, 'trace.json'));
    const trace = readFileSync(join(dir, 'trace.json'), 'utf8');
    for (const line of (blocks[2] as string).split('\n')) expect(trace.split('\n')).toContain(line);
  });
});
