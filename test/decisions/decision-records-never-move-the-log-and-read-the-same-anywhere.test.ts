import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/scenario/simulate.js';
import { ROOT, tempDir } from '../support.js';

// Decision records are kept apart from the hashed log: asking for them moves no golden
// hash and changes nothing else in the result; the same run gives the same records, in
// any time zone and locale.
const SCENARIOS = join(ROOT, 'scenarios');
const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'scenarios', 'golden-hashes.json'), 'utf8')) as Record<string, string>;
const files = readdirSync(SCENARIOS).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('decision records', () => {
  it.each(files)('%s: with decisions recorded, the log hash is still the golden one', async (file) => {
    const result = await simulate(join(SCENARIOS, file), { decisions: true });
    expect(result.logHash).toBe(golden[file]);
    expect(result.decisions?.length ?? 0).toBeGreaterThanOrEqual(0);
  });

  it.each(['06-service-scheduler.yaml', '15-circuit-breaker-rollback.yaml', '21-target-tracking-traffic-spike.yaml', '23-cluster-auto-scaling.yaml'])(
    '%s: the result with decisions is the result without them, plus `decisions`',
    async (file) => {
      const without = await simulate(join(SCENARIOS, file));
      const { decisions, ...rest } = await simulate(join(SCENARIOS, file), { decisions: true });
      expect(decisions?.length).toBeGreaterThan(0);
      expect(JSON.stringify(rest)).toBe(JSON.stringify(without));
    },
  );

  it('two runs give the same records, and the JSONL file holds exactly the result’s records', async () => {
    const dir = tempDir();
    const path = join(dir, 'd.jsonl');
    const file = join(SCENARIOS, '23-cluster-auto-scaling.yaml');
    const a = await simulate(file, { decisions: true, decisionsPath: path });
    const b = await simulate(file, { decisions: true });
    expect(JSON.stringify(b.decisions)).toBe(JSON.stringify(a.decisions));
    expect(readFileSync(path, 'utf8')).toBe((a.decisions ?? []).map((d) => `${JSON.stringify(d)}\n`).join(''));
  });

  it('ecs-sim run --decisions writes the same bytes in another time zone and locale', () => {
    const dir = tempDir();
    const file = join(SCENARIOS, '21-target-tracking-traffic-spike.yaml');
    const run = (out: string, env: Record<string, string>): void => {
      const child = spawnSync(process.execPath, [join(ROOT, 'bin', 'ecs-sim.js'), 'run', file, '--decisions', join(dir, out)], { encoding: 'utf8', env: { ...process.env, ...env } });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
    };
    run('utc.jsonl', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    run('elsewhere.jsonl', { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    const a = readFileSync(join(dir, 'utc.jsonl'), 'utf8');
    expect(a.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'elsewhere.jsonl'), 'utf8')).toBe(a);
  });

  it('every line starts with t and kind, and holds no host data', async () => {
    const result = await simulate(join(SCENARIOS, '06-service-scheduler.yaml'), { decisions: true });
    for (const d of result.decisions ?? []) {
      const line = JSON.stringify(d);
      expect(line).toMatch(/^\{"t":\d+,"kind":"[a-zA-Z]+",/);
      expect(line).not.toContain(ROOT);
    }
  });
});
