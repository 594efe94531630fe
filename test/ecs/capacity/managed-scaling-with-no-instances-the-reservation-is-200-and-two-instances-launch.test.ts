import { describe, expect, it } from 'vitest';
import { cp, runCas } from './managed-scaling-support.js';

// ecs-facts A-024: "When a scale-out process is required and there are no available
// container instances … Amazon ECS always scales-out to 200% (two instances)."
describe('cluster auto scaling from zero instances', () => {
  it('publishes 200 while a task waits with no instance, then launches two instances', () => {
    const r = runCas({ count: 0, minSize: 0, desiredCount: 1 });
    const c = cp(r);
    const waiting = c.samples.filter((s) => s.provisioningTasks > 0);
    expect(waiting.length).toBeGreaterThan(0);
    for (const s of waiting.filter((x) => x.InService === 0)) expect(s.CapacityProviderReservation).toBe(200);
    expect(c.scalingActions[0]).toMatchObject({ kind: 'scaleOut', from: 0, to: 2 });
    expect(r.ecs?.services['web']?.runningCount).toBe(1);
  });

  it('publishes 100 (no action) when there is neither an instance nor a waiting task', () => {
    const r = runCas({ count: 0, minSize: 0, desiredCount: 0 });
    expect(cp(r).samples.every((s) => s.CapacityProviderReservation === 100)).toBe(true);
    expect(cp(r).scalingActions).toEqual([]);
  });
});
