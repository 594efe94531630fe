import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenario/runner.js';
import { loadBundled } from './history-run.js';

// The CodeDeploy lifecycle (ecs-facts S-092) reaches the observers as the closest ECS-native
// stages (S-104): the BeforeAllowTraffic hook as a hook wait, AllowTraffic as the traffic
// shift, the termination wait (S-093) as the bake time.
describe('the deployment history of a CodeDeploy canary deployment', () => {
  const { result } = runScenario(loadBundled('19-codedeploy-canary.yaml'));
  const green = result.deployments?.find((d) => d.taskDefinition.endsWith('/web:2'));

  it('shows the 20-second hook, the 5-minute canary and the 10-minute termination wait on the critical path', () => {
    expect(green?.outcome).toBe('COMPLETED');
    const critical = Object.fromEntries((green?.phases ?? []).map((p) => [p.name, p.criticalPathMs]));
    expect(critical['lifecycleHooks']).toBeGreaterThanOrEqual(20_000);
    expect(critical['trafficShift']).toBeGreaterThanOrEqual(5 * 60_000);
    expect(critical['bake']).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it('keeps the critical path contiguous and exactly as long as the deployment', () => {
    const path = green?.criticalPath ?? [];
    expect(path[0]?.startMs).toBe(green?.startMs);
    expect(path.at(-1)?.endMs).toBe(green?.endMs);
    for (let i = 1; i < path.length; i += 1) expect(path[i]?.startMs).toBe(path[i - 1]?.endMs);
  });
});
