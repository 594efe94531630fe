import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('a probe', () => {
  it('gives a new observer the current value at once, then each change with the sim time', () => {
    const sim = new Simulation();
    const queue = sim.probe('queue.length');
    queue.set(3);
    const seen: [number, number][] = [];
    sim.schedule(100, () => queue.set(5));
    sim.schedule(300, () => queue.add(-2));
    sim.schedule(400, () => queue.set(0));

    queue.observe((t, value, probe) => {
      expect(probe).toBe(queue);
      seen.push([t, value]);
    });
    expect(seen).toEqual([[0, 3]]);
    sim.run();

    expect(seen).toEqual([
      [0, 3],
      [100, 5],
      [300, 3],
      [400, 0],
    ]);
  });

  it('does not notify when set to the value it already has', () => {
    const sim = new Simulation();
    const running = sim.probe('running');
    const seen: [number, number][] = [];
    running.observe((t, value) => seen.push([t, value]));
    sim.schedule(10, () => running.set(2));
    sim.schedule(20, () => running.set(2));
    sim.schedule(30, () => running.add(0));

    sim.run();

    expect(seen).toEqual([
      [0, 0],
      [10, 2],
    ]);
  });

  it('is one instance per name', () => {
    const sim = new Simulation();

    expect(sim.probe('running')).toBe(sim.probe('running'));
    sim.probe('pending');
    expect(sim.probeNames()).toEqual(['pending', 'running']);
  });
});
