import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { ROOT } from '../support.js';

/**
 * The package as a user imports it (`npm test` builds dist/ first): `ecs-sim` is a small
 * front door (simulate, the schemas, the error), `ecs-sim/engine` the engine alone,
 * `ecs-sim/plugins` what plug-in authors need.
 */
function node(script: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
}

describe('the public API', () => {
  it('the main entry holds what a user needs and no internals', () => {
    expect(Object.keys(api).sort()).toEqual([
      'InputError',
      'RESULT_SCHEMA_VERSION',
      'checkResultPath',
      'formatIssues',
      'formatPath',
      'formatSummary',
      'loadScenario',
      'parseScenario',
      'renderCompareReport',
      'renderHtmlReport',
      'runResultJsonSchema',
      'runResultSchema',
      'scenarioSchema',
      'simulate',
      'validateScenario',
    ]);
  });

  it("import { simulate } from 'ecs-sim' runs a bundled scenario to a result the exported schema parses", () => {
    const out = node(`
      import { simulate, runResultSchema } from 'ecs-sim';
      const result = await simulate('scenarios/07-placement-strategies.yaml');
      const parsed = runResultSchema.parse(JSON.parse(JSON.stringify(result)));
      console.log(JSON.stringify({ schemaVersion: parsed.schemaVersion, passed: parsed.expectations.every((e) => e.status === 'passed'), hash: parsed.logHash.length }));
    `);
    expect(JSON.parse(out)).toEqual({ schemaVersion: 1, passed: true, hash: 64 });
  });

  it('bad input rejects with the one InputError, before anything runs', () => {
    const out = node(`
      import { simulate, InputError } from 'ecs-sim';
      try { await simulate({ name: 'x', until: '1m', ecs: { instances: [{ name: 'a', count: 1, instanceType: 'm5.larg', availabilityZones: ['us-east-1a'] }] } }); }
      catch (e) { console.log(e instanceof InputError, e.issues.map((i) => i.path.join('.')).join(' ')); }
    `);
    expect(out.trim()).toBe('true ecs.instances.0.instanceType');
  });

  it('ecs-sim/engine and ecs-sim/plugins resolve to the engine and the registries', () => {
    const out = node(`
      import { Simulation, createStation } from 'ecs-sim/engine';
      import { PlacementRegistry, ScalingPolicyRegistry, loadPlugins } from 'ecs-sim/plugins';
      const sim = new Simulation({ seed: 1 });
      let fired = 0;
      sim.schedule(5, () => { fired += 1; });
      sim.run({ until: 10 });
      const registries = await loadPlugins([]);
      console.log(fired, typeof createStation, registries.placement instanceof PlacementRegistry, registries.scalingPolicies instanceof ScalingPolicyRegistry);
    `);
    expect(out.trim()).toBe('1 function true true');
  });

  it('ecs-sim/vitest holds the baseline matcher alone, and the package exports it', async () => {
    const vitestEntry = await import('../../src/public/vitest.js');
    expect(Object.keys(vitestEntry).sort()).toEqual(['UPDATE_BASELINES_ENV', 'toMatchBaseline']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; files: string[] };
    expect(pkg.exports['./vitest']).toEqual({ types: './dist/public/vitest.d.ts', import: './dist/public/vitest.js' });
    expect(existsSync(join(ROOT, 'dist', 'public', 'vitest.js'))).toBe(true);
    expect(pkg.files).toEqual(expect.arrayContaining(['examples', 'docs']));
  });
});
