import { describe, expect, it } from 'vitest';
import { buildEcsConfig } from '../../../src/scenario/ecs-config.js';
import { EcsModel } from '../../../src/ecs/model.js';
import { HashSink, Simulation } from '../../../src/engine/index.js';
import { loadScenarioFile } from '../../../src/scenario/loader.js';
import { DeploymentHistory } from '../../../src/ecs/service/deployment-history.js';
import { loadBundled, runWithHistory } from './history-run.js';
import { resolve } from 'node:path';
import { ecsVerbActions } from '../../../src/scenario/timeline/registry.js';

describe('deployment history: determinism', () => {
  const scenario = loadBundled('15-circuit-breaker-rollback.yaml');

  it('gives the same records for the same seed, byte for byte', () => {
    const a = JSON.stringify(runWithHistory(scenario, 99).records);
    const b = JSON.stringify(runWithHistory(scenario, 99).records);
    expect(a).toBe(b);
    expect(JSON.stringify(runWithHistory(scenario, 100).records)).not.toBe(a);
  });

  it('moves no decision: the log hash is the same with and without the history attached', () => {
    const file = resolve(import.meta.dirname, '../../../scenarios/15-circuit-breaker-rollback.yaml');
    const hashOf = (attach: boolean): string => {
      const s = loadScenarioFile(file);
      const hash = new HashSink();
      const sim = new Simulation({ seed: s.spec.seed, sinks: [hash] });
      const model = new EcsModel(sim, buildEcsConfig(s)!, { verbs: ecsVerbActions });
      if (attach) DeploymentHistory.attach(sim, model.controlPlane);
      sim.run({ until: s.spec.until });
      sim.trace.close();
      return hash.digest();
    };
    expect(hashOf(true)).toBe(hashOf(false));
  });
});
