import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomCase } from './random-clusters.js';
import { buildModel } from './support.js';

// STYLE.md §8 and invariants.ts: whatever happens — RunTask of random sizes, ports and
// network modes, StopTask, killTask, instance terminations, agent disconnects and
// reconnects — checked after every event: no instance over-committed (CPU, memory, ENIs,
// ports), no task on two instances, lifecycle only forward (T-001), every STOPPED task
// with stopCode and stoppedAt (T-012, T-022), and no task lost (T-077: a task that is not
// STOPPED is on an instance ECS still has).
describe('random clusters and timelines', () => {
  it('break no invariant, checked after every event, and lose no task', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const m = buildModel(c.config, c.seed);
        const result = m.run(c.untilMs, true);
        expect(result.invariantViolations).toEqual([]);
        const inactive = new Set(result.containerInstances.filter((i) => i.status === 'INACTIVE').map((i) => i.containerInstanceArn));
        for (const task of m.cp.tasks.values()) {
          if (task.lastStatus === 'STOPPED') {
            expect(task.stopCode).toBeDefined();
            expect(task.stoppedAt).toBeDefined();
          } else {
            expect(task.containerInstanceArn === undefined || !inactive.has(task.containerInstanceArn)).toBe(true);
          }
        }
      }),
      { numRuns: 200, seed: 4242 },
    );
  });
});
