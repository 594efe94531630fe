import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { ScalingPolicyRegistry } from '../../src/autoscaling/scaling-policies.js';
import { cli, FIXTURES, ROOT } from '../support.js';
// @ts-expect-error: a plain ES module fixture, the plug-in a user would write.
import { fixedStepScaling, register } from '../fixtures/plugins/fixed-step.js';

// One `--plugin` module may register scaling policy types as well as placement types: its
// register(registry, { placement, scalingPolicies }) gets both registries. A scenario then
// names the type as its PolicyType, with its <PolicyType>PolicyConfiguration.
const scenario = join(FIXTURES, 'fixed-step-scaling.yaml');
const plugin = join(FIXTURES, 'plugins', 'fixed-step.js');

interface Activity {
  readonly StatusCode: string;
  readonly Description: string;
}
const scaledTo = (activities: readonly Activity[]): string[] => activities.filter((a) => a.StatusCode === 'Successful').map((a) => a.Description.replace(/^Setting desired count to (\d+)\.$/, '$1'));

describe('a scaling policy plug-in', () => {
  it('runs from a scenario through the library: the service scales by its fixed steps', () => {
    const scalingPolicyRegistry = ScalingPolicyRegistry.withBuiltins();
    scalingPolicyRegistry.register('FixedStepScaling', fixedStepScaling);
    const { result } = runScenario(loadScenarioFile(scenario), { scalingPolicyRegistry });
    expect(result.expectations.every((e) => e.status === 'passed')).toBe(true);
    const steps = scaledTo(result.autoscaling?.activities ?? []).map(Number);
    expect(steps.slice(0, 2)).toEqual([4, 6]);
    // Every change is one step of 2, within [MinCapacity, MaxCapacity].
    const series = [2, ...steps];
    for (let i = 1; i < series.length; i += 1) expect(Math.abs((series[i] as number) - (series[i - 1] as number))).toBe(2);
    expect(Math.max(...series)).toBeLessThanOrEqual(10);
    expect(Math.min(...series)).toBeGreaterThanOrEqual(2);
  });

  it('runs through the CLI with --plugin, giving the same activities as the library', async () => {
    const { code, out, err } = await cli('run', scenario, '--plugin', plugin, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const cliResult = JSON.parse(out) as { autoscaling: { activities: Activity[] }; logHash: string };
    const scalingPolicyRegistry = ScalingPolicyRegistry.withBuiltins();
    register(undefined, { scalingPolicies: scalingPolicyRegistry });
    const { result } = runScenario(loadScenarioFile(scenario), { scalingPolicyRegistry });
    expect(cliResult.autoscaling.activities).toEqual(JSON.parse(JSON.stringify(result.autoscaling?.activities)));
    expect(cliResult.logHash).toBe(result.logHash);
  });

  it('validate checks the policy against the registered types: valid with the plug-in, refused at the line without it', async () => {
    const valid = await cli('validate', scenario, '--plugin', plugin);
    expect(valid).toMatchObject({ code: 0, err: '' });
    expect(valid.out).toContain('valid (fixed steps through a traffic spike)');
    for (const command of ['validate', 'run']) {
      const { code, out, err } = await cli(command, scenario);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toBe(
        `✖ ${scenario}:67:19  autoscaling.scalingPolicies[0].PolicyType: PolicyType must be one of TargetTrackingScaling, StepScaling; did you mean "StepScaling"?\n` +
          `✖ ${scenario}:68:44  autoscaling.scalingPolicies[0].FixedStepScalingPolicyConfiguration: unknown field; did you mean "StepScalingPolicyConfiguration"?\n`,
      );
    }
  });

  it('a bad configuration is refused before the run, at its field', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { tempDir } = await import('../support.js');
    const file = join(tempDir(), 'bad-step.yaml');
    writeFileSync(file, readFileSync(scenario, 'utf8').replace('Step: 2 }', 'Step: 0 }'));
    for (const command of ['validate', 'run']) {
      const { code, err } = await cli(command, file, '--plugin', plugin);
      expect(code).toBe(2);
      expect(err).toBe(`✖ ${file}:68:89  autoscaling.scalingPolicies[0].FixedStepScalingPolicyConfiguration.Step: Step must be a whole number of at least 1\n`);
    }
  });

  it('a module may register both kinds, and placement-only modules work as before, in the real binary', () => {
    const bin = join(ROOT, 'bin', 'ecs-sim.js');
    const ok = spawnSync(process.execPath, [bin, 'run', 'fixed-step-scaling.yaml', '--plugin', './plugins/fixed-step.js', '--plugin', './plugins/cheapest-first.js'], { cwd: FIXTURES, encoding: 'utf8' });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^expectations {2}5 passed, 0 failed$/m);
    expect(ok.stdout).toContain('Setting desired count to 4.');
    const twice = spawnSync(process.execPath, [bin, 'validate', 'fixed-step-scaling.yaml', '--plugin', './plugins/fixed-step.js', '--plugin', './plugins/fixed-step.js'], { cwd: FIXTURES, encoding: 'utf8' });
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe('✖ ./plugins/fixed-step.js  register(registry) failed: scaling policy type "FixedStepScaling" is already registered\n');
  });
});
