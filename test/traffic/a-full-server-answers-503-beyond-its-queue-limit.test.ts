import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer } from '../../src/traffic/server.js';
import type { ServerOutcome } from '../../src/traffic/http.js';
import { request } from './support.js';

/** Sends `n` requests at t=0 and returns each outcome with the time it came. */
function burst(server: TaskServer, sim: Simulation, n: number): { t: number; outcome: ServerOutcome }[] {
  const answers: { t: number; outcome: ServerOutcome }[] = new Array(n);
  for (let i = 0; i < n; i += 1) server.serve(request(i + 1, 0), (outcome) => (answers[i] = { t: sim.now, outcome }));
  sim.run();
  return answers;
}

describe('a server’s queue limit', () => {
  it('a server with 2 workers and queue limit 3 answers the 6th concurrent request with 503 at once', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 'task-1:80', workers: 2, queueLimit: 3, serviceTime: { constant: 100 } });
    const answers = burst(server, sim, 6);
    expect(answers.map((a) => [a.t, a.outcome])).toEqual([
      [100, { kind: 'response', status: 200 }],
      [100, { kind: 'response', status: 200 }],
      [200, { kind: 'response', status: 200 }],
      [200, { kind: 'response', status: 200 }],
      [300, { kind: 'response', status: 200 }],
      [0, { kind: 'response', status: 503 }],
    ]);
    expect(server.rejected).toBe(1);
    expect(server.waited).toBe(3);
  });

  it('with whenFull: reset the 6th request’s connection is reset instead', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 2, queueLimit: 3, whenFull: 'reset', serviceTime: { constant: 100 } });
    expect(burst(server, sim, 6)[5]).toEqual({ t: 0, outcome: { kind: 'reset' } });
  });

  it('with queue limit 0 a request beyond the workers is rejected, and the rejection status can be set', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, queueLimit: 0, rejectStatus: 429, serviceTime: { constant: 10 } });
    expect(burst(server, sim, 2).map((a) => a.outcome)).toEqual([
      { kind: 'response', status: 200 },
      { kind: 'response', status: 429 },
    ]);
  });
});
