import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { erlangC, mmcMeanWait } from '../../src/queueing/erlang.js';
import { erlangArrivalMeanWait } from '../../src/traffic/theory.js';
import { TaskServer } from '../../src/traffic/server.js';
import { Workload } from '../../src/traffic/workload.js';
import type { HttpEndpoint } from '../../src/traffic/http.js';
import { direct, leastOutstanding, relative, roundRobin } from './support.js';

/**
 * Theory check (c): one queue in front of c workers is M/M/c, whose wait Erlang C gives
 * exactly. Least outstanding requests over c single-worker tasks approaches it: it
 * never leaves a task idle while another has two waiting, but a request already queued
 * cannot move to a task that frees up first, so its wait lies between M/M/c's and round
 * robin's E_c/M/1.
 */
const c = 4;
const meanService = 1_000;
const lambda = (c * 0.7) / meanService;

function meanWait(build: (sim: Simulation) => { servers: TaskServer[]; endpoint: HttpEndpoint }): { wait: number; waited: number } {
  const sim = new Simulation({ seed: 7 });
  const { servers, endpoint } = build(sim);
  new Workload(sim, { name: 'w', arrivals: { constant: lambda * 1000 }, routes: [{ name: 'r', path: '/' }] }, endpoint).start();
  sim.run({ until: Math.round(1_000_000 / lambda) });
  const started = servers.reduce((s, t) => s + t.started, 0);
  return { wait: servers.reduce((s, t) => s + t.waitSumMs, 0) / started, waited: servers.reduce((s, t) => s + t.waited, 0) / started };
}

const single = (sim: Simulation): TaskServer[] => Array.from({ length: c }, (_, i) => new TaskServer(sim, { name: `task-${i}`, workers: 1, serviceTime: { exponential: { mean: meanService } } }));

describe('a pooled queue and least outstanding requests', () => {
  it('a task with c workers and one queue gives M/M/c waiting (Erlang C)', () => {
    const { wait, waited } = meanWait((sim) => {
      const pooled = new TaskServer(sim, { name: 'pooled', workers: c, serviceTime: { exponential: { mean: meanService } } });
      return { servers: [pooled], endpoint: direct(pooled) };
    });
    const theory = mmcMeanWait(c, 1 / lambda, meanService);
    expect(theory).toBeCloseTo(357.21, 1);
    expect(relative(wait, theory)).toBeLessThan(0.03);
    expect(Math.abs(waited - erlangC(c, lambda * meanService))).toBeLessThan(0.01);
  });

  it('least outstanding requests waits between M/M/c and round robin, far closer to M/M/c than random split', () => {
    const lor = meanWait((sim) => {
      const servers = single(sim);
      return { servers, endpoint: leastOutstanding(servers) };
    }).wait;
    const rr = meanWait((sim) => {
      const servers = single(sim);
      return { servers, endpoint: roundRobin(servers) };
    }).wait;
    const mmc = mmcMeanWait(c, 1 / lambda, meanService);
    expect(lor).toBeGreaterThan(mmc);
    expect(lor).toBeLessThan(rr);
    expect(relative(rr, erlangArrivalMeanWait(c, lambda, 1 / meanService))).toBeLessThan(0.03);
    // M/M/1 (random split) would be 2,333 ms; least outstanding stays within 1.6x of the pooled queue.
    expect(lor / mmc).toBeLessThan(1.6);
  });
});
