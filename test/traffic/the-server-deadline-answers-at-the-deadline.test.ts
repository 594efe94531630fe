import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer } from '../../src/traffic/server.js';
import { request } from './support.js';

describe('the application’s request deadline', () => {
  it('answers 504 at the deadline to a request still working or waiting, and frees the worker', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, timeoutMs: 1_500, serviceTime: { constant: 1_000 } });
    const out: [number, number, number][] = [];
    // 1 works 0-1000; 2 waits, works from 1000 and is cut at 1500; 3 waits until its deadline at 1600; 4 arrives at 1600 and works.
    const send = (id: number, at: number): void => {
      sim.schedule(at, () => server.serve(request(id, at), (o) => out.push([id, sim.now, o.kind === 'response' ? o.status : 0])));
    };
    send(1, 0);
    send(2, 0);
    send(3, 100);
    send(4, 1_600);
    sim.run();
    expect(out).toEqual([
      [1, 1_000, 200],
      [2, 1_500, 504],
      [3, 1_600, 504],
      [4, 2_600, 200],
    ]);
    expect(server.timedOut).toBe(2);
  });

  it('uses the configured status', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, timeoutMs: 10, timeoutStatus: 503, serviceTime: { constant: 100 } });
    let status = 0;
    server.serve(request(1, 0), (o) => (status = o.kind === 'response' ? o.status : 0));
    sim.run();
    expect([status, sim.now]).toEqual([503, 10]);
  });
});
