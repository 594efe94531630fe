import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

// Small time ranges so that ties are common.
const delay = fc.integer({ min: 0, max: 30 });

describe('the event queue', () => {
  it('runs events scheduled up front in the order of a stable sort by time', () => {
    fc.assert(
      fc.property(fc.array(delay, { maxLength: 400 }), (delays) => {
        const sim = new Simulation();
        const ran: number[] = [];
        delays.forEach((d, i) => sim.schedule(d, (id: number) => ran.push(id), i));

        sim.run();

        const reference = delays
          .map((d, i) => ({ d, i }))
          .sort((a, b) => a.d - b.d) // Array.prototype.sort is stable
          .map((e) => e.i);
        expect(ran).toEqual(reference);
      }),
    );
  });

  it('runs events scheduled from callbacks in (t, seq) order, like a sorted-list reference', () => {
    const plan = fc.array(fc.record({ delay, children: fc.array(delay, { maxLength: 3 }) }), { maxLength: 100 });
    fc.assert(
      fc.property(plan, (roots) => {
        // The kernel.
        const sim = new Simulation();
        const ran: string[] = [];
        const child = (id: string): void => {
          ran.push(`${id}@${sim.now}`);
        };
        const root = (i: number): void => {
          ran.push(`${i}@${sim.now}`);
          roots[i]?.children.forEach((d, k) => {
            // at(now + d) and schedule(d) mean the same thing.
            if (k % 2 === 0) sim.schedule(d, child, `${i}.${k}`);
            else sim.at(sim.now + d, child, `${i}.${k}`);
          });
        };
        roots.forEach((r, i) => sim.schedule(r.delay, root, i));
        sim.run();

        // The reference: a list searched for the least (t, seq) on each step.
        interface Entry {
          t: number;
          seq: number;
          id: string;
          root: number | undefined;
        }
        let seq = 0;
        const queue: Entry[] = roots.map((r, i) => ({ t: r.delay, seq: seq++, id: `${i}`, root: i }));
        const expected: string[] = [];
        while (queue.length > 0) {
          let best = 0;
          queue.forEach((e, j) => {
            const b = queue[best] as Entry;
            if (e.t < b.t || (e.t === b.t && e.seq < b.seq)) best = j;
          });
          const [e] = queue.splice(best, 1) as [Entry];
          expected.push(`${e.id}@${e.t}`);
          if (e.root !== undefined) {
            roots[e.root]?.children.forEach((d, k) => queue.push({ t: e.t + d, seq: seq++, id: `${e.root}.${k}`, root: undefined }));
          }
        }

        expect(ran).toEqual(expected);
      }),
    );
  });
});
