import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { Workload } from '../../src/traffic/workload.js';
import { recorder } from './support.js';

describe('a workload with several routes', () => {
  it('mixes routes by weight and each request carries its route’s name, method, path and host', () => {
    const sim = new Simulation({ seed: 8 });
    const lb = recorder(sim);
    const w = new Workload(
      sim,
      {
        name: 'web',
        arrivals: { constant: 100 },
        routes: [
          { name: 'home', weight: 6, path: '/' },
          { name: 'search', weight: 3, path: '/search', host: 'www.example.com' },
          { name: 'order', weight: 1, method: 'POST', path: '/api/orders', host: 'api.example.com' },
          { name: 'never', weight: 0, path: '/never' },
        ],
      },
      lb,
    );
    w.start();
    sim.run({ until: 1_000_000 });
    const n = lb.requests.length;
    const share = (route: string): number => lb.requests.filter((r) => r.route === route).length / n;
    // n ≈ 100,000: a share's standard deviation is at most 0.0016.
    expect(Math.abs(share('home') - 0.6)).toBeLessThan(0.008);
    expect(Math.abs(share('search') - 0.3)).toBeLessThan(0.008);
    expect(Math.abs(share('order') - 0.1)).toBeLessThan(0.008);
    expect(share('never')).toBe(0);
    const order = lb.requests.find((r) => r.route === 'order')!;
    expect({ method: order.method, path: order.path, host: order.host }).toEqual({ method: 'POST', path: '/api/orders', host: 'api.example.com' });
    const home = lb.requests.find((r) => r.route === 'home')!;
    expect(home.method).toBe('GET');
    expect('host' in home).toBe(false);
    // Responses are recorded per route.
    expect(w.stats.keys()).toEqual(['home', 'never', 'order', 'search']);
    expect(w.stats.summary('order').count).toBe(lb.requests.filter((r) => r.route === 'order').length);
  });

  it('refuses a workload without routes, duplicate route names, or weights that are all 0', () => {
    const sim = new Simulation();
    const lb = recorder(sim);
    expect(() => new Workload(sim, { name: 'w', arrivals: { constant: 1 }, routes: [] }, lb)).toThrow(/at least one route/);
    expect(() => new Workload(sim, { name: 'w', arrivals: { constant: 1 }, routes: [{ name: 'a', path: '/' }, { name: 'a', path: '/b' }] }, lb)).toThrow(/two routes named "a"/);
    expect(() => new Workload(sim, { name: 'w', arrivals: { constant: 1 }, routes: [{ name: 'a', path: '/', weight: 0 }] }, lb)).toThrow(/must not all be 0/);
  });
});
