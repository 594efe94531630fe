import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer } from '../../src/traffic/server.js';
import { request } from './support.js';

describe('a cold start', () => {
  it('slows the first N requests by its factor', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, serviceTime: { constant: 100 }, coldStart: { requests: 2, factor: 5 } });
    const done: number[] = [];
    for (let i = 1; i <= 4; i += 1) server.serve(request(i, 0), () => done.push(sim.now));
    sim.run();
    expect(done).toEqual([500, 1_000, 1_100, 1_200]);
  });

  it('slows requests started in the first T ms after the server started', () => {
    const sim = new Simulation();
    const out: Record<number, number> = {};
    sim.schedule(5_000, () => {
      const server = new TaskServer(sim, { name: 's', workers: 3, serviceTime: { constant: 100 }, coldStart: { durationMs: 30_000, factor: 3 } });
      for (const t of [0, 29_999, 30_000]) sim.schedule(t, () => server.serve(request(t, sim.now), () => (out[t] = sim.now - 5_000 - t)));
    });
    sim.run();
    expect(out).toEqual({ 0: 300, 29_999: 300, 30_000: 100 });
  });
});

describe('injected errors', () => {
  it('answer 500 with the configured probability after the service time', () => {
    const sim = new Simulation({ seed: 9 });
    const server = new TaskServer(sim, { name: 's', workers: 100, serviceTime: { constant: 20 }, errorRate: 0.05 });
    const statuses: number[] = [];
    for (let i = 0; i < 40_000; i += 1) server.serve(request(i, 0), (o) => statuses.push(o.kind === 'response' ? o.status : 0));
    sim.run();
    const share = statuses.filter((s) => s === 500).length / statuses.length;
    // sd of the share: sqrt(0.05 · 0.95 / 40000) = 0.0011.
    expect(Math.abs(share - 0.05)).toBeLessThan(0.005);
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
    expect(server.injectedErrors).toBe(statuses.filter((s) => s === 500).length);
  });
});
