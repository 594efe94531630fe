import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cp, runCas } from './managed-scaling-support.js';

// ecs-facts A-027: tasks of a provider with managed scaling that do not fit wait in
// PROVISIONING; A-022: the reservation goes above 100: the high alarm
// scales the group out to ceil(N × M / target); the tasks are then placed.
describe('cluster auto scaling: scale-out', () => {
  const r = runCas({ count: 1, desiredCount: 8 });
  const c = cp(r);

  it('leaves the tasks that do not fit in PROVISIONING with no instance, and says no "unable to place"', () => {
    const waiting = c.samples.find((s) => s.provisioningTasks > 0);
    expect(waiting?.provisioningTasks).toBe(6);
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const parked = tasks.filter((t) => t.history[0]?.lastStatus === 'PROVISIONING');
    expect(parked).toHaveLength(6);
    expect((r.ecs?.services['web']?.events ?? []).some((e) => e.message.includes('unable to place'))).toBe(false);
  });

  it('publishes a reservation above 100 while they wait: (1 + 3) / 1 × 100', () => {
    expect(Math.max(...c.samples.map((s) => s.CapacityProviderReservation))).toBe(400);
  });

  it('scales the group out to 4 and places every task on the group, reaching a steady state', () => {
    expect(c.scalingActions[0]).toMatchObject({ kind: 'scaleOut', from: 1, to: 4 });
    expect(c.scalingActions[0]?.AlarmName).toMatch(/^TargetTracking-asg-AlarmHigh-[0-9a-f-]{36}$/);
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    expect(tasks.filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(8);
    expect(new Set(tasks.map((t) => t.instanceRef))).toEqual(new Set(['asg/0', 'asg/1', 'asg/2', 'asg/3']));
    expect(c.timeToSteadyStateMs).toBeGreaterThan(0);
    expect(c.steadyStateAtMs).toBe((c.firstProvisioningAtMs ?? 0) + (c.timeToSteadyStateMs ?? 0));
  });

  it('for any desired count, ends with just enough instances and every task running', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), (desiredCount) => {
        const run = runCas({ count: 1, desiredCount, until: '25m' });
        expect(run.ecs?.services['web']?.runningCount).toBe(desiredCount);
        expect(cp(run).samples.at(-1)?.InService).toBe(Math.ceil(desiredCount / 2));
      }),
      { numRuns: 5, seed: 11 },
    );
  });
});
