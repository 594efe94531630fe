import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineAction } from '../../../src/ecs/config.js';
import { randomCase } from './random-clusters.js';
import { buildModel } from './support.js';

// ecs-facts T-014, T-031: a task with desiredStatus STOPPED is stopped within its stop
// timeouts once its agent can hear ECS; T-076, T-077: a task on a disconnected agent waits
// for the reconnect, one on a terminated instance is stopped when ECS notices. So once
// every agent is back, nothing may stay short of STOPPED.
//
// BUG: this fails. The counterexamples are the reconnect bugs pinned one by one in
// after-reconnect-the-control-plane-learns-what-stopped-while-disconnected.test.ts (a task
// that finished stopping while its agent was away stays STOPPING; a task placed just before
// ECS noticed the disconnect and stopped meanwhile stays PENDING), and can also be the
// runner bug in runtime/a-task-stopped-while-a-container-starts-still-reaches-stopped.test.ts.
// Shrinking is off: the first counterexample is enough, and shrinking takes over a minute.
describe('random clusters and timelines, with every agent reconnected at the end', () => {
  it('bring every task asked to stop to STOPPED', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const reconnectAll: TimelineAction[] = c.instanceRefs.map((instance) => ({ kind: 'reconnectAgent', atMs: c.lastActionMs + 1, instance }));
        const m = buildModel({ ...c.config, timeline: [...c.config.timeline, ...reconnectAll] }, c.seed);
        m.run(c.untilMs);
        const stuck = [...m.cp.tasks.values()].filter((t) => t.desiredStatus === 'STOPPED' && t.lastStatus !== 'STOPPED').map((t) => `${t.label} ${t.lastStatus}`);
        expect(stuck).toEqual([]);
      }),
      { numRuns: 100, seed: 99, endOnFailure: true },
    );
  });
});
