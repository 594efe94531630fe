import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../src/ecs/task/task-record.js';
import type { TimelineAction } from '../../../src/ecs/config.js';
import { buildModel, ec2Definition, ecsConfig, instances } from '../model/support.js';
import { createService, updateService } from './support.js';

// ecs-facts S-034, S-038: a REPLICA service converges on its desiredCount whatever the
// sequence of UpdateService calls; the scheduler never runs more tasks than it was ever
// asked for. STYLE.md §8: the same seed gives the same log hash.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const MINUTE = 60_000;

const randomCase = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  instanceCount: fc.integer({ min: 1, max: 5 }),
  azCount: fc.integer({ min: 1, max: 3 }),
  instanceType: fc.constantFrom('c5.large', 'm5.large', 'c5.xlarge'),
  initial: fc.integer({ min: 0, max: 8 }),
  // UpdateService calls at whole seconds between 90 s and 15 min; ties keep their order.
  updates: fc.array(fc.record({ atS: fc.integer({ min: 90, max: 900 }), desired: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 6 }),
});
type Case = typeof randomCase extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const updates = [...c.updates].sort((a, b) => a.atS - b.atS);
  const timeline: TimelineAction[] = [createService(MINUTE, 'web', 'web', { desiredCount: c.initial }), ...updates.map((u) => updateService(u.atS * 1000, 'web', u.desired))];
  // 256 MiB tasks: even one c5.large (3713 MiB) holds 14, more than the 8 asked at most.
  const config = ecsConfig({ instanceGroups: [instances({ count: c.instanceCount, instanceType: c.instanceType, availabilityZones: AZS.slice(0, c.azCount) })], definitions: [ec2Definition('web')], timeline });
  const untilMs = (updates.at(-1)?.atS ?? 60) * 1000 + 10 * MINUTE;
  return { model: buildModel(config, c.seed), last: updates.at(-1)?.desired ?? c.initial, most: Math.max(c.initial, ...updates.map((u) => u.desired)), untilMs };
}

/** The most tasks RUNNING at once, from the tasks' histories (a stop at the same ms counts first). */
function mostRunningAtOnce(tasks: readonly TaskRecord[]): number {
  const changes: [number, number][] = [];
  for (const t of tasks) {
    const start = t.history.findIndex((h) => h.lastStatus === 'RUNNING');
    if (start < 0) continue;
    changes.push([t.history[start]?.t ?? 0, +1]);
    const end = t.history.slice(start).find((h) => h.lastStatus !== 'RUNNING');
    if (end !== undefined) changes.push([end.t, -1]);
  }
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of changes) {
    now += d;
    most = Math.max(most, now);
  }
  return most;
}

describe('random desired-count sequences on a cluster with room (S-034, S-038)', () => {
  it('end with runningCount equal to the last desiredCount, never running more than the most ever asked', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const { model, last, most, untilMs } = build(c);
        let probeMost = 0;
        model.sim.probe('ecs.services.web.runningCount').observe((_t, v) => (probeMost = Math.max(probeMost, v)));
        const r = model.run(untilMs);
        expect(r.services.web).toMatchObject({ desiredCount: last, runningCount: last, pendingCount: 0 });
        expect(model.tasks('web').filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(last);
        expect(model.sim.probe('ecs.services.web.runningCount').value).toBe(last);
        expect(probeMost).toBeLessThanOrEqual(most);
        expect(mostRunningAtOnce(model.tasks('web'))).toBeLessThanOrEqual(most);
        expect(r.services.web?.deployments).toHaveLength(1);
        expect(r.invariantViolations).toEqual([]);
      }),
      { numRuns: 150, seed: 3401 },
    );
  });

  it('give the same log hash for the same seed', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const a = build(c);
        const b = build(c);
        const ra = a.model.run(a.untilMs);
        const rb = b.model.run(b.untilMs);
        expect(a.model.hash()).toBe(b.model.hash());
        expect(JSON.stringify(ra.services)).toBe(JSON.stringify(rb.services));
      }),
      { numRuns: 30, seed: 3402 },
    );
  });
});
