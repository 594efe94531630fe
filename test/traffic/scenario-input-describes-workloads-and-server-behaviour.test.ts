import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Simulation } from '../../src/engine/simulation.js';
import { taskServerConfig, taskServerSchema, workloadConfig, workloadSchema } from '../../src/scenario/schema/traffic.js';
import { TaskServer } from '../../src/traffic/server.js';
import { Workload } from '../../src/traffic/workload.js';
import { direct } from './support.js';

const workloadYaml = `
name: shop
target: web
start: 1m
stop: 2h
arrivals:
  diurnal: { mean: 12000/m, amplitude: 0.6, period: 24h, phase: 6h }
routes:
  - { name: home, weight: 8, path: /, timeout: 10s }
  - { name: checkout, weight: 1, method: POST, path: /api/checkout, host: shop.example.com, timeout: 30s }
`;

const serverYaml = `
workers: 8
queueLimit: 100
whenFull: reject
serviceTime: { lognormal: { median: 20ms, p99: 250ms } }
routes: { checkout: { serviceTime: { exponential: { mean: 120ms } } } }
timeout: 30s
coldStart: { requests: 200, duration: 30s, factor: 3 }
healthCheck: { path: /health, serviceTime: 2ms, failures: [{ from: 10m, to: 12m, status: 503 }], failAfter: 1h }
errorRate: 0.001
cpu: { baseline: 2, perBusyWorker: 12 }
memory: { baseline: 300, perRequest: 0.5 }
`;

describe('traffic scenario input', () => {
  it('a workload reads rates with units and durations into the model’s config', () => {
    const spec = workloadSchema.parse(parse(workloadYaml));
    expect(spec.target).toBe('web');
    const config = workloadConfig(spec, () => '');
    expect(config).toEqual({
      name: 'shop',
      arrivals: { diurnal: { mean: 200, amplitude: 0.6, period: 86_400_000, phase: 21_600_000 } },
      routes: [
        { name: 'home', weight: 8, path: '/', timeoutMs: 10_000 },
        { name: 'checkout', weight: 1, method: 'POST', path: '/api/checkout', host: 'shop.example.com', timeoutMs: 30_000 },
      ],
      startMs: 60_000,
      stopMs: 7_200_000,
    });
  });

  it('a container’s server behaviour reads into a TaskServer config that runs', () => {
    const spec = taskServerSchema.parse(parse(serverYaml));
    const config = taskServerConfig(spec, 'task-1/web:8080', 1024);
    expect(config).toMatchObject({
      name: 'task-1/web:8080',
      workers: 8,
      queueLimit: 100,
      timeoutMs: 30_000,
      coldStart: { factor: 3, requests: 200, durationMs: 30_000 },
      healthCheck: { path: '/health', serviceTime: { constant: 2 }, failures: [{ fromMs: 600_000, toMs: 720_000, status: 503 }], failAfterMs: 3_600_000 },
      cpu: { baselinePercent: 2, perBusyWorkerPercent: 12 },
      memory: { baselineMiB: 300, perRequestMiB: 0.5, limitMiB: 1024 },
    });
    const sim = new Simulation({ seed: 1 });
    const server = new TaskServer(sim, config);
    const w = new Workload(sim, workloadConfig(workloadSchema.parse(parse(workloadYaml)), () => ''), direct(server));
    w.start();
    sim.run({ until: 600_000 });
    expect(w.sent).toBeGreaterThan(10_000);
    expect(w.stats.summary('checkout').count).toBeGreaterThan(0);
  });

  it('each arrival form reads into its profile', () => {
    const arrivals = (yaml: string) => workloadConfig(workloadSchema.parse(parse(`name: w\narrivals: ${yaml}`)), (file) => (file === 'log.csv' ? 't\n100\n100.5\n' : '1\n2\n')).arrivals;
    expect(arrivals('{ constant: 150 }')).toEqual({ constant: 150 });
    expect(arrivals('{ constant: 30/m }')).toEqual({ constant: 0.5 });
    expect(arrivals('{ steps: [{ at: 0s, rate: 100/s }, { at: 10m, rate: 200/s }] }')).toEqual({ steps: [{ at: 0, rate: 100 }, { at: 600_000, rate: 200 }] });
    expect(arrivals('{ ramp: { from: 10/s, to: 500/s, over: 10m } }')).toEqual({ ramp: { from: 10, to: 500, over: 600_000 } });
    expect(arrivals('{ spikes: { base: 100, spikes: [{ at: 30m, duration: 2m, multiplier: 5 }, { at: 1h, duration: 1m, rate: 900/s }] } }')).toEqual({
      spikes: { base: 100, spikes: [{ at: 1_800_000, duration: 120_000, multiplier: 5 }, { at: 3_600_000, duration: 60_000, rate: 900 }] },
    });
    expect(arrivals('{ timestamps: [0s, 250ms, 1.5s] }')).toEqual({ timestamps: [0, 250, 1_500] });
    expect(arrivals('{ rates: { values: [100, 120] } }')).toEqual({ piecewise: { stepMs: 1_000, rates: [100, 120] } });
    expect(arrivals('{ trace: { file: log.csv, format: timestamps, at: 1m } }')).toEqual({ timestamps: [0, 500], at: 60_000 });
    expect(arrivals('{ trace: { file: rates.csv, format: rates, step: 10s } }')).toEqual({ piecewise: { stepMs: 10_000, rates: [1, 2], at: 0 } });
  });

  it('reports bad input with the field’s path and what was expected', () => {
    const issues = (input: unknown) => {
      const r = workloadSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ name: 'w', arrivals: { constant: '5 per second' } })).toEqual(['arrivals.constant: expected a rate such as "200/s" or "12000/m", got "5 per second"']);
    expect(issues({ name: 'w', arrivals: { constant: 5, ramp: { from: 1, to: 2, over: '1m' } } })).toEqual(['arrivals: expected exactly one arrival process, got constant and ramp']);
    expect(issues({ name: 'w', arrivals: { diurnal: { mean: 5, amplitude: 2, period: '1d' } } })).toEqual(['arrivals.diurnal.amplitude: Too big: expected number to be <=1']);
    expect(issues({ name: 'w', arrivals: { constant: 1 }, routes: [{ name: 'a' }, { name: 'a' }] })).toEqual(['routes.1.name: duplicate route name "a" (first used at routes[0])']);
    expect(issues({ name: 'w', arrivals: { constant: 1 }, rutes: [] })[0]).toMatch(/rutes/);
    const server = taskServerSchema.safeParse({ workers: 0, serviceTime: '10ms', coldStart: { factor: 2 } });
    expect(server.success ? [] : server.error.issues.map((i) => i.path.join('.'))).toEqual(['workers', 'coldStart']);
  });
});
