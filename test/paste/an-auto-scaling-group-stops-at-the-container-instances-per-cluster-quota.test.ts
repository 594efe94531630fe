import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';
import { runJson, runSummary, scenarioFile } from './support.js';

/**
 * ECS's container-instances-per-cluster quota (ecs-facts S-131) holds at run time: cluster auto
 * scaling that would grow the Auto Scaling group past it launches only what the cluster can
 * register; the group's desired capacity stops there, and its activities say why (PS-005).
 * Scenario 23's scale-out (1 → 4 instances) under a quota lowered to 3 for the what-if.
 */
const base = readFileSync(join(ROOT, 'scenarios', '23-cluster-auto-scaling.yaml'), 'utf8');

function scenario(containerInstancesPerCluster: number): string {
  const [head] = base.split('expectations:\n');
  return `${(head as string).replace(/^ecs:\n/m, `ecs:\n  serviceQuotas: { containerInstancesPerCluster: ${containerInstancesPerCluster} }\n`)}expectations: []\n`;
}

describe('an Auto Scaling group growing past the container-instances-per-cluster quota', () => {
  it('launches up to the quota, and a launchRefused activity says why', async () => {
    const r = await runJson(scenarioFile(scenario(3)));
    const cp = r.clusterAutoScaling?.capacityProviders['cp'];
    expect(cp?.scalingActions[0]?.kind).toBe('scaleOut');
    expect(cp?.scalingActions[0]?.to).toBe(3);
    const refused = (cp?.activities ?? []).filter((a) => a.kind === 'launchRefused');
    expect(refused.map((a) => a.message)).toEqual([
      'Launching 1 new EC2 instance refused: the cluster default has 1 container instances (service quota: containerInstancesPerCluster 3, ecs-facts S-131; raise it with ecs.serviceQuotas.containerInstancesPerCluster for a what-if). DesiredCapacity set to 3 instead of 4.',
      // The high alarm asks again once the instances are past their warm-up: refused again, recorded once.
      'Launching 1 new EC2 instance refused: the cluster default has 3 container instances (service quota: containerInstancesPerCluster 3, ecs-facts S-131; raise it with ecs.serviceQuotas.containerInstancesPerCluster for a what-if). DesiredCapacity set to 3 instead of 4.',
    ]);
    expect((cp?.activities ?? []).filter((a) => a.kind === 'launch')).toHaveLength(3);
    expect(Math.max(...(cp?.samples ?? []).map((s) => s.InService))).toBe(3);
  });

  it('within the quota, the group grows as it asks', async () => {
    const r = await runJson(scenarioFile(scenario(5000)));
    const cp = r.clusterAutoScaling?.capacityProviders['cp'];
    expect(cp?.scalingActions[0]?.to).toBe(4);
    expect((cp?.activities ?? []).some((a) => a.kind === 'launchRefused')).toBe(false);
  });
});

describe('the CLI summary of a run whose Auto Scaling group met the quota', () => {
  it('shows each launchRefused activity with its time and message', async () => {
    const r = await runSummary(scenarioFile(scenario(3)));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter((l) => l.includes('refused: the cluster default has'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ {2}⚠ +\d+:\d\d\.\d {2}Launching 1 new EC2 instance refused: the cluster default has 1 container instances \(service quota: containerInstancesPerCluster 3, .*DesiredCapacity set to 3 instead of 4\.$/);
  });
});
