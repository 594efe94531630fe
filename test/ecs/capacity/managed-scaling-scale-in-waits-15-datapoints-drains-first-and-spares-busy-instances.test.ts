import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/scenario/runner.js';
import { cp, runCas } from './managed-scaling-support.js';

// ecs-facts A-025: the scale-in alarm needs 15 datapoints (15 minutes). A-026: managed
// draining sets a chosen instance DRAINING first (T-079: its service tasks are replaced
// within the deployment bounds) and it is terminated once empty; managed termination
// protection never lets an instance with non-daemon tasks go.
const SHRINK_MS = 15 * 60_000;
const shrink = `  - at: 15m
    updateService: { service: web, desiredCount: 2 }
`;

/** Tasks that were still live on an instance when the group terminated it. */
function killedByTermination(r: RunResult): string[] {
  const c = cp(r);
  const out: string[] = [];
  for (const a of c.activities.filter((x) => x.kind === 'terminate')) {
    for (const t of r.ecs?.tasksByLabel['web'] ?? []) {
      if (t.instanceRef === a.instance && (t.stoppedAt === undefined || t.stoppedAt > a.t)) out.push(`${t.taskArn} on ${a.instance}`);
    }
  }
  return out;
}

describe('cluster auto scaling: scale-in', () => {
  it('waits for 15 datapoints below the low threshold before the first scale-in', () => {
    const c = cp(runCas({ desiredCount: 8, until: '50m', timeline: shrink }));
    const first = c.scalingActions.find((a) => a.kind === 'scaleIn');
    expect(first).toBeDefined();
    expect((first?.t ?? 0) - SHRINK_MS).toBeGreaterThanOrEqual(15 * 60_000);
    expect(first?.AlarmName).toMatch(/^TargetTracking-asg-AlarmLow-/);
  });

  it('with managed termination protection, never terminates an instance that runs a task', () => {
    const r = runCas({ desiredCount: 8, until: '50m', timeline: shrink, managedTerminationProtection: 'ENABLED', managedDraining: 'DISABLED' });
    expect(cp(r).activities.some((a) => a.kind === 'terminate')).toBe(true);
    expect(killedByTermination(r)).toEqual([]);
    expect(r.ecs?.services['web']?.runningCount).toBe(2);
  });

  it('without protection, managed draining sets the instance DRAINING and terminates it only once its tasks moved', () => {
    const r = runCas({ desiredCount: 8, until: '50m', timeline: shrink, managedTerminationProtection: 'DISABLED', managedDraining: 'ENABLED' });
    const c = cp(r);
    const terminated = c.activities.filter((a) => a.kind === 'terminate').map((a) => a.instance);
    expect(terminated.length).toBeGreaterThan(0);
    expect(killedByTermination(r)).toEqual([]);
    // Some chosen instance still ran tasks: they stopped while it was DRAINING, before the termination.
    const drainedTasks = c.activities
      .filter((a) => a.kind === 'terminateWait')
      .flatMap((wait) => {
        const end = c.activities.find((a) => a.kind === 'terminate' && a.instance === wait.instance);
        return (r.ecs?.tasksByLabel['web'] ?? []).filter((t) => t.instanceRef === wait.instance && t.stoppedAt !== undefined && t.stoppedAt >= wait.t && end !== undefined && t.stoppedAt <= end.t);
      });
    expect(drainedTasks.length).toBeGreaterThan(0);
    expect(r.ecs?.services['web']?.runningCount).toBe(2);
  });

  it('without protection or draining, terminating the newest instance kills its tasks (what the managed features prevent)', () => {
    const r = runCas({ desiredCount: 8, until: '50m', timeline: shrink, managedTerminationProtection: 'DISABLED', managedDraining: 'DISABLED' });
    expect(killedByTermination(r).length).toBeGreaterThan(0);
  });
});
