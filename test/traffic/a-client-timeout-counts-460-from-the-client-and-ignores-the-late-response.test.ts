import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { Workload } from '../../src/traffic/workload.js';
import type { HttpEndpoint } from '../../src/traffic/http.js';

describe('a client timeout', () => {
  it('gives up after the route’s timeout: 460 from the client with the timeout as latency, and the late answer is ignored', () => {
    const sim = new Simulation({ seed: 1 });
    // The first request is answered after 3 s, the second after 1 s.
    let n = 0;
    const lb: HttpEndpoint = {
      send: (_request, respond) => {
        n += 1;
        sim.schedule(n === 1 ? 3_000 : 1_000, () => respond({ status: 200, source: 'target' }));
      },
    };
    const w = new Workload(sim, { name: 'w', arrivals: { timestamps: [0, 10_000] }, routes: [{ name: 'r', path: '/', timeoutMs: 2_000 }] }, lb);
    w.start();
    sim.run();
    const s = w.stats.summary('r');
    expect(s.codes).toEqual([
      { status: 200, source: 'target', count: 1 },
      { status: 460, source: 'client', count: 1 },
    ]);
    expect(s.errors).toBe(1);
    expect(w.stats.recorder('r').latency.values()).toEqual(new Float64Array([1_000, 2_000]));
    expect(w.lateResponses).toBe(1);
    expect(w.finished).toBe(2);
  });

  it('an endpoint answering the same request twice is a bug that stops the run', () => {
    const sim = new Simulation();
    const lb: HttpEndpoint = {
      send: (_request, respond) => {
        sim.schedule(1, () => respond({ status: 200, source: 'target' }));
        sim.schedule(2, () => respond({ status: 200, source: 'target' }));
      },
    };
    new Workload(sim, { name: 'w', arrivals: { timestamps: [0] }, routes: [{ name: 'r', path: '/' }] }, lb).start();
    expect(() => sim.run()).toThrow(/answered twice/);
  });
});
