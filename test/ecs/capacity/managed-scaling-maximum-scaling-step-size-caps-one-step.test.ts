import { describe, expect, it } from 'vitest';
import { cp, runCas } from './managed-scaling-support.js';

// ecs-facts A-024: ECS launches max(minimumScalingStepSize, min(maximumScalingStepSize,
// computed)); A-020: the defaults are 1 and 10000. MaxSize bounds the group too.
describe('scaling step sizes', () => {
  it('maximumScalingStepSize 2 caps a step of 3 at 2', () => {
    expect(cp(runCas({ desiredCount: 8, managedScaling: 'maximumScalingStepSize: 2' })).scalingActions[0]).toMatchObject({ kind: 'scaleOut', from: 1, to: 3 });
  });

  it('minimumScalingStepSize 3 adds 3 where 1 would do', () => {
    expect(cp(runCas({ desiredCount: 3, managedScaling: 'minimumScalingStepSize: 3' })).scalingActions[0]).toMatchObject({ kind: 'scaleOut', from: 1, to: 4 });
  });

  it('MaxSize stops the group, and the tasks that do not fit stay PROVISIONING', () => {
    const r = runCas({ desiredCount: 8, maxSize: 2 });
    expect(cp(r).scalingActions[0]).toMatchObject({ kind: 'scaleOut', from: 1, to: 2 });
    expect(r.ecs?.services['web']?.runningCount).toBe(4);
    expect((r.ecs?.tasksByLabel['web'] ?? []).filter((t) => t.lastStatus === 'PROVISIONING')).toHaveLength(4);
  });
});
