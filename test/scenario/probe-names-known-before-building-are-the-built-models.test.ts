import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { assemble, probeNamesOf } from '../../src/scenario/assemble.js';
import { buildModel } from '../../src/scenario/build.js';
import { loadScenarioFile } from '../../src/scenario/loader.js';
import { ROOT } from '../support.js';

/**
 * `throughout` names are checked before anything is built (assemble's probeNamesOf), so
 * that list must be exactly the probes a built model has before it runs: checked here on
 * every bundled scenario (queueing, services, task states, managed scaling).
 */
const dir = join(ROOT, 'scenarios');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe('the probes known before building', () => {
  it.each(files)('%s: are the built model’s', (file) => {
    const scenario = loadScenarioFile(join(dir, file));
    const { ecsConfig, placementRegistry } = assemble(scenario);
    const sim = new Simulation({ seed: scenario.spec.seed });
    buildModel(scenario, ecsConfig, sim, { placementRegistry });
    expect(probeNamesOf(scenario.spec, ecsConfig)).toEqual(sim.probeNames());
  });
});
