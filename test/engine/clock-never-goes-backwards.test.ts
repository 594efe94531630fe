import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, type Timer } from '../../src/engine/index.js';

type Drive = { kind: 'until'; ahead: number } | { kind: 'step' } | { kind: 'maxEvents'; n: number } | { kind: 'stopWhen'; n: number };

const drive: fc.Arbitrary<Drive> = fc.oneof(
  fc.record({ kind: fc.constant('until' as const), ahead: fc.integer({ min: 0, max: 2_000 }) }),
  fc.record({ kind: fc.constant('step' as const) }),
  fc.record({ kind: fc.constant('maxEvents' as const), n: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant('stopWhen' as const), n: fc.integer({ min: 1, max: 50 }) }),
);

interface Job {
  due: number;
  depth: number;
}

describe('the clock', () => {
  it('never goes backwards and reads each event’s due time in its callback, under a random workload', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(drive, { maxLength: 12 }), (seed, drives) => {
        const sim = new Simulation({ seed });
        const rng = sim.rng('workload');
        const live: Timer[] = [];
        const problems: string[] = [];
        let last = sim.now;
        const check = (where: string): void => {
          if (sim.now < last) problems.push(`${where}: clock went from ${last} to ${sim.now}`);
          last = sim.now;
        };

        const spawn = (depth: number): void => {
          const d = rng.pick([0, 0, 1, rng.int(100), rng.int(5_000)]);
          const job: Job = { due: sim.now + d, depth };
          live.push(rng.next() < 0.5 ? sim.schedule(d, fire, job) : sim.at(job.due, fire, job));
        };
        const fire = (job: Job): void => {
          check('callback');
          if (sim.now !== job.due) problems.push(`event due at ${job.due} ran at ${sim.now}`);
          if (job.depth < 3) {
            const children = rng.int(3);
            for (let i = 0; i < children; i += 1) spawn(job.depth + 1);
          }
          if (live.length > 0 && rng.next() < 0.2) sim.cancel(live[rng.int(live.length)]);
        };
        for (let i = 0; i < 50; i += 1) spawn(0);

        for (const step of drives) {
          if (step.kind === 'until') sim.run({ until: sim.now + step.ahead });
          else if (step.kind === 'step') sim.step();
          else if (step.kind === 'maxEvents') sim.run({ maxEvents: step.n });
          else {
            let left = step.n;
            sim.run({ stopWhen: () => --left <= 0 });
          }
          check(`after ${step.kind}`);
        }
        sim.run();
        check('after the final run');

        expect(problems).toEqual([]);
        expect(sim.pendingCount).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
