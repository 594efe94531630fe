import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { Workload, type WorkloadConfig } from '../../src/traffic/workload.js';
import { recorder } from './support.js';

const shop: WorkloadConfig = {
  name: 'shop',
  arrivals: { diurnal: { mean: 30, amplitude: 0.5, period: 600_000 } },
  routes: [
    { name: 'home', weight: 3, path: '/' },
    { name: 'cart', weight: 1, path: '/cart' },
  ],
};
const batch: WorkloadConfig = { name: 'batch', arrivals: { constant: 80 }, routes: [{ name: 'jobs', path: '/jobs' }] };

/** The (time, route) of every request of `shop`, with `others` also sending to their own endpoints. */
function shopRequests(seed: number, others: readonly WorkloadConfig[] = [], order: 'shop-first' | 'shop-last' = 'shop-first'): string[] {
  const sim = new Simulation({ seed });
  const lb = recorder(sim);
  const make = (): void => new Workload(sim, shop, lb).start();
  if (order === 'shop-first') make();
  for (const o of others) new Workload(sim, o, recorder(sim)).start();
  if (order === 'shop-last') make();
  sim.run({ until: 300_000 });
  return lb.requests.map((r) => `${r.sentAt}:${r.route}`);
}

describe('arrival streams', () => {
  it('the same seed gives the same arrivals and routes', () => {
    const a = shopRequests(42);
    expect(a.length).toBeGreaterThan(5_000);
    expect(shopRequests(42)).toEqual(a);
    expect(shopRequests(43)).not.toEqual(a);
  });

  it('adding a workload does not change another workload’s arrivals or route mix, whatever the order of creation', () => {
    const alone = shopRequests(42);
    expect(shopRequests(42, [batch])).toEqual(alone);
    expect(shopRequests(42, [batch], 'shop-last')).toEqual(alone);
  });

  it('draws from its own named streams only', () => {
    const sim = new Simulation({ seed: 1 });
    new Workload(sim, shop, recorder(sim)).start();
    sim.run({ until: 10_000 });
    expect(sim.streamNames()).toEqual(['traffic/shop/arrivals', 'traffic/shop/mix']);
  });
});
