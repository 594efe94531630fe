import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer } from '../../src/traffic/server.js';
import type { ServerOutcome } from '../../src/traffic/http.js';
import { request } from './support.js';

describe('closing a server (the container stops)', () => {
  it('resets its in-flight and waiting requests at once, cancels their completions, and refuses later requests', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 2, serviceTime: { constant: 1_000 } });
    const answers: [number, number, ServerOutcome][] = [];
    for (let i = 1; i <= 5; i += 1) server.serve(request(i, 0), (o) => answers.push([i, sim.now, o]));
    sim.schedule(300, () => server.close());
    sim.schedule(400, () => server.serve(request(6, 400), (o) => answers.push([6, sim.now, o])));
    sim.run();
    expect(answers).toEqual([
      [1, 300, { kind: 'reset' }],
      [2, 300, { kind: 'reset' }],
      [3, 300, { kind: 'reset' }],
      [4, 300, { kind: 'reset' }],
      [5, 300, { kind: 'reset' }],
      [6, 400, { kind: 'refused' }],
    ]);
    expect({ resets: server.resets, refused: server.refused, completed: server.completed, inFlight: server.inFlight }).toEqual({ resets: 5, refused: 1, completed: 0, inFlight: 0 });
    // No completion fires after the close: the clock stops at the refusal.
    expect(sim.now).toBe(400);
    server.close();
    expect(server.resets).toBe(5);
  });

  it('uses no CPU once closed', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, serviceTime: { constant: 10_000 }, cpu: { baselinePercent: 5, perBusyWorkerPercent: 50 } });
    server.serve(request(1, 0), () => {});
    sim.schedule(1_000, () => server.close());
    sim.run({ until: 2_000 });
    expect(server.usage().cpuPercentMs).toBe(55 * 1_000);
    expect(server.cpuUtilization).toBe(5);
  });
});

describe('a graceful shutdown (SIGTERM handled)', () => {
  it('refuses new requests but finishes the accepted ones; a later close resets what is left', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, serviceTime: { constant: 1_000 } });
    const answers: [number, number, string][] = [];
    const send = (id: number): void => server.serve(request(id, sim.now), (o) => answers.push([id, sim.now, o.kind === 'response' ? String(o.status) : o.kind]));
    send(1);
    send(2);
    send(3);
    sim.schedule(500, () => server.shutdown());
    sim.schedule(600, () => send(4));
    sim.schedule(2_500, () => server.close());
    sim.run();
    expect(answers).toEqual([
      [4, 600, 'refused'],
      [1, 1_000, '200'],
      [2, 2_000, '200'],
      [3, 2_500, 'reset'],
    ]);
    expect(server.isRefusing).toBe(true);
  });
});
