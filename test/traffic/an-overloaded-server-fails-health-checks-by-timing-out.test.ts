import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { TaskServer } from '../../src/traffic/server.js';
import { Workload } from '../../src/traffic/workload.js';
import { direct, healthCheck } from './support.js';

/**
 * A health checker as ELB runs one (interval 10 s, timeout 5 s, ecs-facts L-002, L-005):
 * a check passes if a 200 comes back within the timeout.
 */
function checkEvery(sim: Simulation, server: TaskServer, results: string[]): void {
  let id = 1_000_000;
  const check = (): void => {
    const sentAt = sim.now;
    let answered = false;
    const timer = sim.schedule(5_000, () => {
      if (!answered) results.push('timeout');
      answered = true;
    });
    server.serve(healthCheck((id += 1), sentAt), (o) => {
      if (answered) return;
      answered = true;
      sim.cancel(timer);
      results.push(o.kind === 'response' ? String(o.status) : o.kind);
    });
    sim.schedule(10_000, check);
  };
  sim.schedule(0, check);
}

function run(ratePerS: number): string[] {
  const sim = new Simulation({ seed: 3 });
  // 4 workers of 100 ms: capacity 40 requests/s.
  const server = new TaskServer(sim, { name: 'task:8080', workers: 4, serviceTime: { exponential: { mean: 100 } }, healthCheck: { path: '/health' } });
  new Workload(sim, { name: 'w', arrivals: { constant: ratePerS }, routes: [{ name: 'r', path: '/' }] }, direct(server)).start();
  const results: string[] = [];
  checkEvery(sim, server, results);
  sim.run({ until: 600_000 });
  return results;
}

describe('health checks share the workers', () => {
  it('a task at half load passes every health check', () => {
    const results = run(20);
    expect(results.length).toBe(60);
    expect(new Set(results)).toEqual(new Set(['200']));
  });

  it('an overloaded server fails its health checks by timing out: they wait in the same queue', () => {
    // 50 requests/s against 40/s of capacity: the queue grows by ~10 per second.
    const results = run(50);
    expect(results.slice(0, 2)).toEqual(['200', '200']);
    expect(results.slice(-30).every((r) => r === 'timeout')).toBe(true);
  });
});
