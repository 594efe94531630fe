import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { Workload } from '../../src/traffic/workload.js';
import type { HttpEndpoint, HttpRequest } from '../../src/traffic/http.js';
import type { RateProfileSpec } from '../../src/traffic/profile.js';

const profiles: fc.Arbitrary<RateProfileSpec> = fc.oneof(
  fc.double({ min: 0, max: 300, noNaN: true }).map((r) => ({ constant: r })),
  fc.array(fc.record({ at: fc.integer({ min: 0, max: 60_000 }), rate: fc.double({ min: 0, max: 300, noNaN: true }) }), { minLength: 1, maxLength: 5 }).map((steps) => ({ steps })),
  fc.record({ mean: fc.double({ min: 0, max: 300, noNaN: true }), amplitude: fc.double({ min: 0, max: 1, noNaN: true }), period: fc.integer({ min: 1_000, max: 120_000 }) }).map((diurnal) => ({ diurnal })),
);

describe('a workload', () => {
  it('sends requests in nondecreasing time within [start, stop), with unique increasing ids, and finishes each exactly once', () => {
    fc.assert(
      fc.property(
        profiles,
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer(),
        (arrivals, startMs, length, timeouts, answerMs, seed) => {
          const sim = new Simulation({ seed });
          const sent: HttpRequest[] = [];
          // Answers some requests, never others (a black hole), so timeouts and late answers both happen.
          const lb: HttpEndpoint = {
            send: (request, respond) => {
              sent.push(request);
              if (request.id % 3 !== 0) sim.schedule(answerMs, () => respond({ status: 200, source: 'target' }));
            },
          };
          const finished = new Map<number, number>();
          const routes = timeouts.map((t, i) => ({ name: `r${i}`, path: `/${i}`, ...(i % 2 === 0 ? { timeoutMs: t } : {}) }));
          const w = new Workload(sim, { name: 'w', arrivals, routes, startMs, stopMs: startMs + length }, lb, {
            onResponse: (request) => finished.set(request.id, (finished.get(request.id) ?? 0) + 1),
          });
          w.start();
          sim.run({ until: startMs + length + 10_000 });
          for (let i = 1; i < sent.length; i += 1) {
            expect(sent[i]!.sentAt).toBeGreaterThanOrEqual(sent[i - 1]!.sentAt);
            expect(sent[i]!.id).toBeGreaterThan(sent[i - 1]!.id);
          }
          for (const r of sent) {
            expect(r.sentAt).toBeGreaterThanOrEqual(startMs);
            expect(r.sentAt).toBeLessThan(startMs + length);
          }
          // Requests with a timeout or an answer are finished exactly once; black holes without a timeout stay in flight.
          const stuck = sent.filter((r) => r.id % 3 === 0 && routes.find((x) => x.name === r.route)!.timeoutMs === undefined).length;
          expect([...finished.values()].every((n) => n === 1)).toBe(true);
          expect(w.sent).toBe(sent.length);
          expect(w.finished).toBe(sent.length - stuck);
          expect(w.inFlight).toBe(stuck);
        },
      ),
      { numRuns: 60, seed: 99 },
    );
  });
});
