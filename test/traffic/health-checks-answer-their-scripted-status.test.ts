import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer, type HealthBehaviour } from '../../src/traffic/server.js';
import { healthCheck } from './support.js';

/** The status of a health check sent at each time (ms after the server started at 60 s). */
function statuses(health: HealthBehaviour, times: readonly number[], path = '/health'): (number | string)[] {
  const sim = new Simulation();
  const out: (number | string)[] = [];
  sim.schedule(60_000, () => {
    const server = new TaskServer(sim, { name: 's', workers: 1, serviceTime: { constant: 50 }, healthCheck: { serviceTime: { constant: 5 }, ...health } });
    times.forEach((t, i) => sim.schedule(t, () => server.serve(healthCheck(i + 1, sim.now, path), (o) => (out[i] = o.kind === 'response' ? o.status : o.kind))));
  });
  sim.run();
  return out;
}

describe('the health-check path', () => {
  it('answers 200 by default', () => {
    expect(statuses({}, [0, 1_000])).toEqual([200, 200]);
  });

  it('answers a failure window’s status inside the window, measured from the server’s start to the answer', () => {
    const health = { path: '/health', failures: [{ fromMs: 10_000, toMs: 20_000, status: 503 }] };
    // Each check takes 5 ms: the one sent at 19,995 is answered at 20,000, after the window.
    expect(statuses(health, [9_000, 9_995, 19_994, 19_995])).toEqual([200, 503, 503, 200]);
  });

  it('starts failing at failAfter and keeps failing: a task that goes bad', () => {
    expect(statuses({ failAfterMs: 30_000 }, [0, 29_000, 29_995, 300_000])).toEqual([200, 200, 500, 500]);
    expect(statuses({ failAfterMs: 0, failStatus: 502 }, [0])).toEqual([502]);
  });

  it('answers 404 to a health check on another path than the application serves', () => {
    expect(statuses({ path: '/health' }, [0], '/')).toEqual([404]);
  });

  it('is not subject to injected errors', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, serviceTime: { constant: 1 }, errorRate: 1 });
    const out: number[] = [];
    server.serve(healthCheck(1, 0), (o) => out.push(o.kind === 'response' ? o.status : 0));
    server.serve({ id: 2, route: 'r', method: 'GET', path: '/', sentAt: 0 }, (o) => out.push(o.kind === 'response' ? o.status : 0));
    sim.run();
    expect(out).toEqual([200, 500]);
    expect(server.healthChecks).toBe(1);
    expect(server.injectedErrors).toBe(1);
  });
});
