import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { buildEcsConfig } from '../../../src/scenario/ecs-config.js';
import { EcsModel } from '../../../src/ecs/model.js';
import { elbLink } from '../../../src/ecs/service/elb-link.js';
import { ElasticLoadBalancing } from '../../../src/elb/elb.js';
import { loadScenarioFile, parseScenario } from '../../../src/scenario/loader.js';
import { Network } from '../../../src/traffic/http.js';
import { Simulation } from '../../../src/engine/index.js';
import type { Scenario } from '../../../src/scenario/loader.js';
import { DeploymentHistory, type DeploymentRecord } from '../../../src/ecs/service/deployment-history.js';
import { ecsVerbActions } from '../../../src/scenario/timeline/registry.js';

/**
 * Builds a bundled scenario's ECS model and load balancers as the runner does (without
 * the workloads, which do not move a deployment's timings), attaches a DeploymentHistory
 * before the run starts, and runs to the scenario's `until`.
 */
export function loadBundled(name: string): Scenario {
  return loadScenarioFile(resolve(import.meta.dirname, '../../../scenarios', name));
}

/** A bundled scenario with its text edited (each `[from, to]` must match once). */
export function loadEdited(name: string, edits: readonly (readonly [string, string])[]): Scenario {
  const file = resolve(import.meta.dirname, '../../../scenarios', name);
  let text = readFileSync(file, 'utf8');
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`${name}: "${from}" does not occur exactly once`);
    text = text.replace(from, to);
  }
  return parseScenario(text, file);
}

export function runWithHistory(scenario: Scenario, seed?: string | number): { records: DeploymentRecord[]; untilMs: number } {
  const config = buildEcsConfig(scenario);
  if (config === undefined) throw new Error(`${scenario.file} has no ecs section`);
  const sim = new Simulation({ seed: seed ?? scenario.spec.seed });
  const network = new Network();
  const ecs = new EcsModel(sim, config, { network, verbs: ecsVerbActions });
  const cp = ecs.controlPlane;
  const history = DeploymentHistory.attach(sim, cp);
  if (scenario.spec.elb !== undefined) {
    const elb = new ElasticLoadBalancing(sim, network, scenario.spec.elb, {
      region: config.region,
      accountId: config.accountId,
      resolveTarget: (id, type) => {
        if (type === 'instance') {
          const instance = cp.instances.find((i) => i.ec2InstanceId === id);
          return instance?.privateIpAddress === undefined ? undefined : { ip: instance.privateIpAddress, availabilityZone: instance.availabilityZone };
        }
        const zone = cp.addresses.zoneOf(id);
        return zone === undefined ? { ip: id } : { ip: id, availabilityZone: zone };
      },
    });
    cp.connectLoadBalancing(elbLink(elb));
  }
  sim.run({ until: scenario.spec.until });
  return { records: history.result(sim.now), untilMs: sim.now };
}

/** The phase with the most critical-path time. */
export function largestCriticalPhase(r: DeploymentRecord): string {
  return [...r.phases].sort((a, b) => b.criticalPathMs - a.criticalPathMs)[0]?.name ?? '';
}
