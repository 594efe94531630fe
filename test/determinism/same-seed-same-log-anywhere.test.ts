import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { FIXTURES, ROOT } from '../support.js';

const file = join(FIXTURES, 'small-queue.yaml');

describe('determinism', () => {
  it('the same scenario and seed give the same log hash and result twice in one process', () => {
    const a = runScenario(loadScenarioFile(file)).result;
    const b = runScenario(loadScenarioFile(file)).result;
    expect(b.logHash).toBe(a.logHash);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('another seed gives another log hash', () => {
    const a = runScenario(loadScenarioFile(file)).result;
    const b = runScenario(loadScenarioFile(file), { seed: 8 }).result;
    expect(b.logHash).not.toBe(a.logHash);
  });

  it('a child process in another time zone and locale gives the same bytes', () => {
    const here = runScenario(loadScenarioFile(file)).result;
    const child = spawnSync(process.execPath, [join(ROOT, 'bin', 'ecs-sim.js'), 'run', file, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Chatham', LC_ALL: 'de_DE.UTF-8', LANG: 'ar_EG.UTF-8' },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(`${JSON.stringify(here, null, 2)}\n`);
  });
});
