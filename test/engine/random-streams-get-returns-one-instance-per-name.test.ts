import { describe, expect, it } from 'vitest';
import { RandomStreams, Simulation } from '../../src/engine/index.js';

describe('RandomStreams.get', () => {
  it('returns the same instance for a name, so draws continue rather than restart', () => {
    const streams = new RandomStreams(5);
    const first = streams.get('scheduler');
    const x = first.next();

    const again = streams.get('scheduler');

    expect(again).toBe(first);
    expect(again.next()).not.toBe(x);
    expect(streams.get('other')).not.toBe(first);
    expect(streams.names()).toEqual(['other', 'scheduler']);
  });

  it('is what sim.rng() uses', () => {
    const sim = new Simulation({ seed: 5 });

    expect(sim.rng('scheduler')).toBe(sim.rng('scheduler'));
    expect(sim.rng('scheduler').name).toBe('scheduler');
    expect(sim.streamNames()).toEqual(['scheduler']);
  });
});
