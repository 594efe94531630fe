import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { averageUsage, TaskServer } from '../../src/traffic/server.js';
import { Workload } from '../../src/traffic/workload.js';
import { direct, request } from './support.js';

describe('CPU and memory', () => {
  it('CPU asked for is the baseline plus each busy worker’s share, and may pass 100% (a reservation is a share, EF-003); memory grows with requests in the server', () => {
    const sim = new Simulation();
    const server = new TaskServer(sim, {
      name: 's',
      workers: 4,
      serviceTime: { constant: 1_000 },
      cpu: { baselinePercent: 10, perBusyWorkerPercent: 30 },
      memory: { baselineMiB: 200, perRequestMiB: 10, limitMiB: 512 },
    });
    const readings: number[][] = [];
    for (let i = 0; i < 6; i += 1) server.serve(request(i, 0), () => {});
    sim.schedule(500, () => readings.push([server.busyWorkers, server.queued, server.cpuUtilization, server.memoryMiB]));
    sim.schedule(1_500, () => readings.push([server.busyWorkers, server.queued, server.cpuUtilization, server.memoryMiB]));
    sim.run({ until: 3_000 });
    // 4 busy: 10 + 4·30 = 130 (the instance and a task-level cpu limit what it gets: ecs/metrics). Then 2 busy: 70.
    expect(readings).toEqual([
      [4, 2, 130, 260],
      [2, 0, 70, 220],
    ]);
    const all = averageUsage({ atMs: 0, busyWorkerMs: 0, queuedMs: 0, cpuPercentMs: 0, memoryMiBMs: 0 }, server.usage());
    // 0-1 s: 4 busy, 2 waiting; 1-2 s: 2 busy; 2-3 s: idle.
    expect(all.busyWorkers).toBeCloseTo(2, 12);
    expect(all.queued).toBeCloseTo(2 / 3, 12);
    expect(all.cpuPercent).toBeCloseTo((130 + 70 + 10) / 3, 12);
    expect(all.memoryMiB).toBeCloseTo((260 + 220 + 200) / 3, 12);
    expect(server.memoryUtilization).toBeCloseTo((100 * 200) / 512, 12);
  });

  it('over a long run mean CPU follows the utilisation: baseline + ρ · (100 − baseline) by default', () => {
    const sim = new Simulation({ seed: 12 });
    const server = new TaskServer(sim, { name: 's', workers: 8, serviceTime: { exponential: { mean: 200 } }, cpu: { baselinePercent: 2 } });
    // λ = 24/s, capacity 40/s: ρ = 0.6.
    new Workload(sim, { name: 'w', arrivals: { constant: 24 }, routes: [{ name: 'r', path: '/' }] }, direct(server)).start();
    sim.run({ until: 600_000 });
    const first = server.usage();
    sim.run({ until: 4_200_000 });
    const avg = averageUsage(first, server.usage());
    expect(avg.busyWorkers / 8).toBeCloseTo(0.6, 1);
    expect(Math.abs(avg.cpuPercent - (2 + 0.6 * 98))).toBeLessThan(1.5);
  });
});
