import { describe, expect, it } from 'vitest';
import { LIFECYCLE_STAGES } from '../../../src/ecs/service/deployment-strategy.js';
import { runBlueGreen, shifts, stages, UPDATE_AT } from './blue-green-support.js';

// ecs-facts S-098, S-101, S-104: BLUE_GREEN runs the lifecycle stages in order; SCALE_UP
// brings green to the desired count in the alternate target group, with no production
// traffic; then test traffic, production 0 → 100 % at once, the bake, and CLEAN_UP.
describe('an ECS-native BLUE_GREEN deployment (S-098 to S-108)', () => {
  const { result, records } = runBlueGreen({ deployment: '        strategy: BLUE_GREEN\n        bakeTimeInMinutes: 3' });
  const web = result.ecs?.services['web'];
  const green = web?.deployments.find((d) => d.taskDefinition.endsWith('web:2'));

  it('runs the stages in the documented order and completes', () => {
    const seen = stages(records, green?.id).map((s) => s.stage);
    const order = LIFECYCLE_STAGES.filter((s) => s !== 'RECONCILE_SERVICE');
    expect(seen).toEqual([...order]);
    expect(green).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', lifecycleStage: 'CLEAN_UP' });
    // Blue, now INACTIVE and no longer listed (S-075), keeps 0 %.
    const weights = Object.entries(green?.productionTrafficWeights ?? {});
    expect(weights).toHaveLength(2);
    expect(weights.find(([id]) => id === green?.id)?.[1]).toBe(100);
    expect(weights.find(([id]) => id !== green?.id)?.[1]).toBe(0);
    expect(result.ecs?.invariantViolations).toEqual([]);
  });

  it('scales green to 100 % in the alternate target group before any production traffic moves', () => {
    const tgs = result.elb?.targetGroups ?? [];
    const alternate = tgs.find((t) => t.TargetGroup.TargetGroupName === 'web-b');
    const firstShift = shifts(records)[0];
    expect(firstShift).toMatchObject({ green: 100 });
    // Every green target was registered in web-b and healthy before production moved.
    const greenTargets = alternate?.targets ?? [];
    expect(greenTargets).toHaveLength(3);
    for (const t of greenTargets) {
      const healthyAt = t.history.find((h) => h.State === 'healthy')?.t ?? Infinity;
      expect(healthyAt).toBeLessThanOrEqual(firstShift?.t ?? 0);
      expect(healthyAt).toBeGreaterThan(UPDATE_AT);
    }
    const postScaleUp = stages(records, green?.id).find((s) => s.stage === 'POST_SCALE_UP')?.t ?? Infinity;
    expect(postScaleUp).toBeLessThanOrEqual(firstShift?.t ?? 0);
    // Test traffic went to green first (S-103).
    expect(shifts(records, 'test')[0]?.t).toBeLessThanOrEqual(firstShift?.t ?? 0);
  });

  it('runs blue and green together for the bake time, then stops blue (CLEAN_UP)', () => {
    const s = stages(records, green?.id);
    const bake = s.find((x) => x.stage === 'BAKE_TIME')?.t ?? 0;
    const cleanUp = s.find((x) => x.stage === 'CLEAN_UP')?.t ?? 0;
    expect(cleanUp - bake).toBe(3 * 60_000);
    const tasks = Object.values(result.ecs?.tasksByLabel ?? {}).flat();
    const blueStops = tasks.filter((t) => t.taskDefinitionArn.endsWith('web:1') && t.stoppedAt !== undefined).map((t) => t.stoppedAt ?? 0);
    expect(blueStops).toHaveLength(3);
    for (const at of blueStops) expect(at).toBeGreaterThan(cleanUp);
    expect(web?.runningCount).toBe(3);
  });
});
