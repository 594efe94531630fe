import { describe, expect, it } from 'vitest';
import { RandomStream, RandomStreams, Simulation } from '../../src/engine/index.js';

const draws = (stream: RandomStream, n = 20): number[] => Array.from({ length: n }, () => stream.next());

describe('a random stream', () => {
  it('gives the same draws for the same seed and name', () => {
    expect(draws(new RandomStream(42, 'arrivals'))).toEqual(draws(new RandomStream(42, 'arrivals')));
    expect(draws(new RandomStreams('run-1').get('arrivals'))).toEqual(draws(new RandomStreams('run-1').get('arrivals')));
    expect(draws(new Simulation({ seed: 42 }).rng('arrivals'))).toEqual(draws(new RandomStream(42, 'arrivals')));
  });

  it('gives the same normals for the same seed and name', () => {
    const a = new RandomStream(7, 'service');
    const b = new RandomStream(7, 'service');

    const na = Array.from({ length: 11 }, () => a.standardNormal());
    const nb = Array.from({ length: 11 }, () => b.standardNormal());

    expect(na).toEqual(nb);
  });

  it('gives draws in [0, 1)', () => {
    const xs = draws(new RandomStream(1, 'x'), 10_000);

    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('gives different draws for different names under one seed', () => {
    expect(draws(new RandomStream(42, 'arrivals'))).not.toEqual(draws(new RandomStream(42, 'service')));
  });
});
