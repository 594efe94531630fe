import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer } from '../../src/traffic/server.js';
import { request } from './support.js';

describe('a server’s answers', () => {
  it('are never synchronous: a 0 ms service and an immediate 503 both come after serve returns', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, queueLimit: 0, serviceTime: { constant: 0 } });
    const log: string[] = [];
    server.serve(request(1, 0), (o) => log.push(`1:${o.kind === 'response' ? o.status : o.kind}`));
    server.serve(request(2, 0), (o) => log.push(`2:${o.kind === 'response' ? o.status : o.kind}`));
    log.push('returned');
    sim.run();
    expect(log[0]).toBe('returned');
    expect(sim.now).toBe(0);
    expect(log.slice(1).sort()).toEqual(['1:200', '2:503']);
  });

  it('serve waiting requests first-come first-served, even when a caller sends again from inside done', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, { name: 's', workers: 1, serviceTime: { constant: 10 } });
    const order: number[] = [];
    const serve = (id: number, resend: boolean): void =>
      server.serve(request(id, sim.now), () => {
        order.push(id);
        // A client that sends its next request the moment it is answered joins the back of the queue.
        if (resend) serve(id + 100, false);
      });
    serve(1, true);
    serve(2, false);
    serve(3, false);
    sim.run();
    expect(order).toEqual([1, 2, 3, 101]);
  });

  it('each route is served with its own service time, health checks with theirs', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, {
      name: 's',
      workers: 10,
      serviceTime: { constant: 50 },
      routes: { search: { serviceTime: { constant: 400 } } },
      healthCheck: { serviceTime: { constant: 2 } },
    });
    const at: Record<string, number> = {};
    server.serve(request(1, 0, 'home'), () => (at['home'] = sim.now));
    server.serve(request(2, 0, 'search'), () => (at['search'] = sim.now));
    server.serve({ id: 3, route: '', method: 'GET', path: '/', sentAt: 0, healthCheck: true }, () => (at['health'] = sim.now));
    sim.run();
    expect(at).toEqual({ home: 50, search: 400, health: 2 });
  });
});
