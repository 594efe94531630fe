import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('run({ stopWhen })', () => {
  it('is checked after each event and stops the run once it holds', () => {
    const sim = new Simulation();
    let served = 0;
    const seen: number[] = [];
    for (let t = 1; t <= 10; t += 1) sim.at(t, () => (served += 1));

    const reason = sim.run({
      stopWhen: () => {
        seen.push(served);
        return served === 4;
      },
    });

    expect(reason).toBe('stopWhen');
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(sim.now).toBe(4);
    expect(sim.pendingCount).toBe(6);
  });

  it('that never holds lets the run empty the queue', () => {
    const sim = new Simulation();
    for (let t = 1; t <= 3; t += 1) sim.at(t, () => undefined);

    expect(sim.run({ stopWhen: () => false })).toBe('empty');

    expect(sim.eventsProcessed).toBe(3);
  });
});
