import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenario/runner.js';
import { loadBundled } from './history-run.js';

// ecs-facts S-103, S-104: a blue/green-family deployment spends its time in lifecycle
// stages that no task phase covers: waiting on hooks (a PAUSE hook until the timeline
// continues it), the linear or canary steps of PRODUCTION_TRAFFIC_SHIFT, and BAKE_TIME.
// The waterfall names them, and the critical path still sums to the duration.
describe('the deployment history of a blue/green-family deployment', () => {
  const { result } = runScenario(loadBundled('18-linear-with-pause-hook.yaml'));
  const linear = result.deployments?.find((d) => d.strategy === 'LINEAR' && d.taskDefinition.endsWith('/web:2'));

  it('shows the PAUSE hook, the linear steps and the bake time as phases of the critical path', () => {
    expect(linear?.outcome).toBe('COMPLETED');
    const critical = Object.fromEntries((linear?.phases ?? []).map((p) => [p.name, p.criticalPathMs]));
    expect(critical['lifecycleHooks']).toBeGreaterThan(60_000);
    expect(critical['trafficShift']).toBeGreaterThan(60_000);
    expect(critical['bake']).toBeGreaterThan(0);
    // These stages leave the scheduler's reaction as a small remainder.
    expect(critical['scheduler']).toBeLessThan(30_000);
  });

  it('keeps the critical path contiguous and exactly as long as the deployment', () => {
    const path = linear?.criticalPath ?? [];
    expect(path[0]?.startMs).toBe(linear?.startMs);
    expect(path.at(-1)?.endMs).toBe(linear?.endMs);
    for (let i = 1; i < path.length; i += 1) expect(path[i]?.startMs).toBe(path[i - 1]?.endMs);
  });
});
