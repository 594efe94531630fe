import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer } from '../../src/traffic/server.js';
import { healthCheck, request } from './support.js';

const configs = fc.record({
  workers: fc.integer({ min: 1, max: 4 }),
  queueLimit: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  whenFull: fc.constantFrom('reject' as const, 'reset' as const),
  timeoutMs: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  errorRate: fc.double({ min: 0, max: 1, noNaN: true }),
  meanMs: fc.integer({ min: 0, max: 200 }),
  coldFactor: fc.double({ min: 0.5, max: 4, noNaN: true }),
});

describe('a task server', () => {
  it('answers every request exactly once, never synchronously, whatever the load, limits, deadline and close', () => {
    fc.assert(
      fc.property(
        configs,
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 2_000 }), health: fc.boolean() }), { maxLength: 60 }),
        fc.option(fc.integer({ min: 0, max: 2_500 }), { nil: undefined }),
        fc.integer(),
        (cfg, sends, closeAt, seed) => {
          const sim = new Simulation({ seed });
          const server = new TaskServer(sim, {
            name: 's',
            workers: cfg.workers,
            ...(cfg.queueLimit === undefined ? {} : { queueLimit: cfg.queueLimit }),
            whenFull: cfg.whenFull,
            ...(cfg.timeoutMs === undefined ? {} : { timeoutMs: cfg.timeoutMs }),
            errorRate: cfg.errorRate,
            serviceTime: cfg.meanMs === 0 ? { constant: 0 } : { exponential: { mean: cfg.meanMs } },
            coldStart: { requests: 3, factor: cfg.coldFactor },
          });
          const answers = new Array<number>(sends.length).fill(0);
          sends.forEach((s, i) =>
            sim.schedule(s.at, () => {
              let returned = false;
              server.serve(s.health ? healthCheck(i, sim.now) : request(i, sim.now), () => {
                expect(returned).toBe(true);
                answers[i]! += 1;
              });
              returned = true;
            }),
          );
          if (closeAt !== undefined) sim.schedule(closeAt, () => server.close());
          sim.run();
          expect(answers.every((n) => n === 1)).toBe(true);
          expect(server.inFlight).toBe(0);
          expect(server.received + server.refused).toBe(sends.length);
        },
      ),
      { numRuns: 300, seed: 2024 },
    );
  });
});

