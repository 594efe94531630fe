import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { parseRateCsv, parseTimestampCsv } from '../../src/traffic/trace-csv.js';
import { Workload } from '../../src/traffic/workload.js';
import { countsPerWindow, recorder } from './support.js';

describe('a replayed trace', () => {
  it('sends a request at each timestamp of a CSV log, on the route the log names', () => {
    const csv = ['# exported access log', 'timestamp,route', '1700000000.000,home', '1700000000.250,api', '1700000001.5,home', '', '1700000001.5,api'].join('\n');
    const trace = parseTimestampCsv(csv);
    expect(trace).toEqual({ timestamps: [0, 250, 1500, 1500], routes: ['home', 'api', 'home', 'api'] });
    const sim = new Simulation();
    const lb = recorder(sim);
    new Workload(sim, { name: 'replay', arrivals: { ...trace, at: 60_000 }, routes: [{ name: 'home', path: '/' }, { name: 'api', path: '/api' }] }, lb).start();
    sim.run();
    expect(lb.requests.map((r) => [r.sentAt, r.route])).toEqual([
      [60_000, 'home'],
      [60_250, 'api'],
      [61_500, 'home'],
      [61_500, 'api'],
    ]);
  });

  it('refuses a trace naming a route the workload lacks, and a CSV field that is not a number', () => {
    const sim = new Simulation();
    expect(() => new Workload(sim, { name: 'w', arrivals: { timestamps: [0], routes: ['nope'] }, routes: [{ name: 'r', path: '/' }] }, recorder(sim))).toThrow(/"nope"/);
    expect(() => parseTimestampCsv('t\n1\nabc\n')).toThrow(/line 3: expected a number/);
  });

  it('turns per-second rates into a piecewise-constant Poisson profile', () => {
    // 10 s at 100/s, 10 s at 500/s, then the trace ends.
    const csv = ['second,rate', ...Array.from({ length: 20 }, (_, i) => `${1000 + i},${i < 10 ? 100 : 500}`)].join('\n');
    const arrivals = parseRateCsv(csv);
    expect(arrivals).toEqual({ piecewise: { stepMs: 1000, rates: [...Array<number>(10).fill(100), ...Array<number>(10).fill(500)] } });
    expect(parseRateCsv('5\n7\n')).toEqual({ piecewise: { stepMs: 1000, rates: [5, 7] } });
    const sim = new Simulation({ seed: 4 });
    const lb = recorder(sim);
    new Workload(sim, { name: 'w', arrivals, routes: [{ name: 'r', path: '/' }] }, lb).start();
    sim.run({ until: 60_000 });
    const [first, second, after] = countsPerWindow(lb.requests, 10_000, 30_000);
    expect(Math.abs(first! - 1_000)).toBeLessThan(4.5 * Math.sqrt(1_000));
    expect(Math.abs(second! - 5_000)).toBeLessThan(4.5 * Math.sqrt(5_000));
    expect(after).toBe(0);
    expect(lb.requests.length).toBe(first! + second!);
  });
});
