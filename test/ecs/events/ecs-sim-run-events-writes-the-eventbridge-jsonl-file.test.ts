import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../../support.js';

describe('ecs-sim run --events', () => {
  it('writes one EventBridge event per line and exits 0', async () => {
    const out = join(tempDir(), 'out.jsonl');
    const { code, err } = await cli('run', join(ROOT, 'scenarios', '13-rolling-deployment.yaml'), '--events', out);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    const types = new Set(lines.map((l) => (JSON.parse(l) as Record<string, unknown>)['detail-type']));
    expect([...types].sort()).toEqual(['ECS Container Instance State Change', 'ECS Deployment State Change', 'ECS Service Action', 'ECS Task State Change']);
  });

  it('documents --events in the run help', async () => {
    const { out } = await cli('run', '--help');
    expect(out).toMatch(/^ {2}--events FILE {7}write ECS's EventBridge events/m);
  });
});
