import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES, ROOT } from '../support.js';

// `--plugin FILE` imports an ES module exporting register(registry), which adds placement
// types to ECS's built-ins before the scenario is checked and run (STYLE.md §5). Every
// problem with a module is bad input: one line naming it, exit 2, no stack trace.
const scenario = join(FIXTURES, 'cheapest-first.yaml');
const plugin = join(FIXTURES, 'plugins', 'cheapest-first.js');

describe('ecs-sim --plugin', () => {
  it('run uses the strategy the module registers', async () => {
    const { code, out, err } = await cli('run', scenario, '--plugin', plugin, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as { ecs: { tasksByLabel: { jobs: { instanceRef: string }[] } } };
    expect(result.ecs.tasksByLabel.jobs.map((t) => t.instanceRef).slice(0, 4).every((ref) => ref.startsWith('spot/'))).toBe(true);
  });

  it('without it, the scenario is refused at the strategy\'s line, by run and by validate', async () => {
    for (const command of ['run', 'validate']) {
      const { code, err } = await cli(command, scenario);
      expect(code).toBe(2);
      expect(err).toContain('cheapest-first.yaml:14:88  timeline[0].runTask.placementStrategy[0].type: unknown placement strategy type "cheapestFirst"');
    }
  });

  it('validate and explain take it too', async () => {
    const valid = await cli('validate', scenario, '--plugin', plugin);
    expect(valid).toMatchObject({ code: 0, err: '' });
    expect(valid.out).toContain('valid (cheapest first)');
    const explained = await cli('explain', scenario, '--plugin', plugin, '--task', 'jobs');
    expect(explained.code).toBe(0);
    expect(explained.out).toContain('strategies: cheapestFirst(price), binpack(memory)');
  });

  it('is repeatable, and a second module registering a taken name is refused', async () => {
    const { code, err } = await cli('validate', scenario, '--plugin', plugin, '--plugin', plugin);
    expect(code).toBe(2);
    expect(err).toBe(`✖ ${plugin}  register(registry) failed: placement strategy type "cheapestFirst" is already registered\n`);
  });

  it.each([
    ['a missing file', 'nope.js', 'cannot load the placement plug-in: no such file'],
    ['a directory', 'plugins', 'cannot load the placement plug-in: is a directory; give the module file'],
    // The parser's own words differ between node and vitest's loader.
    ['a module that does not parse', 'plugins/broken-syntax.js', /^cannot load the placement plug-in: [^\n]+$/],
    ['a module without register', 'plugins/no-register.js', 'expected an export register(registry), a function; this module exports cheapestFirst, default'],
    ['a register that throws (a built-in name)', 'plugins/duplicate-binpack.js', 'register(registry) failed: placement strategy type "binpack" is already registered'],
  ])('refuses %s with one line and exit 2', async (_what, module, message) => {
    const path = join(FIXTURES, module);
    for (const command of ['run', 'validate', 'explain']) {
      const { code, out, err } = await cli(command, scenario, '--plugin', path);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.startsWith(`✖ ${path}  `) && err.endsWith('\n')).toBe(true);
      const said = err.slice(`✖ ${path}  `.length, -1);
      if (typeof message === 'string') expect(said).toBe(message);
      else expect(said).toMatch(message);
    }
  });

  it('resolves the module from the current directory, in the real binary', () => {
    const bin = join(ROOT, 'bin', 'ecs-sim.js');
    const ok = spawnSync(process.execPath, [bin, 'run', 'cheapest-first.yaml', '--plugin', './plugins/cheapest-first.js'], { cwd: FIXTURES, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^expectations {2}2 passed, 0 failed$/m);
    const bad = spawnSync(process.execPath, [bin, 'run', 'cheapest-first.yaml', '--plugin', './plugins/duplicate-binpack.js'], { cwd: FIXTURES, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('✖ ./plugins/duplicate-binpack.js  register(registry) failed: placement strategy type "binpack" is already registered\n');
  });
});
