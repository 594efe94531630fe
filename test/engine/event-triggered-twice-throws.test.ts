import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.js';

describe('a one-shot event', () => {
  it('throws when it succeeds twice, and keeps its first value', () => {
    const sim = new Simulation();
    const ev = sim.event<number>('registered');
    ev.succeed(1);

    expect(() => ev.succeed(2)).toThrow(/triggered twice/);
    expect(() => ev.fail(new Error('late'))).toThrow(/triggered twice/);
    expect(ev.value).toBe(1);
    expect(ev.ok).toBe(true);
  });

  it('throws when it fails and then succeeds', () => {
    const sim = new Simulation();
    const ev = sim.event<number>('registered');
    ev.fail('no capacity');

    expect(() => ev.succeed(2)).toThrowErrorMatchingInlineSnapshot(`[Error: event registered triggered twice]`);
    expect(ev.value).toBe('no capacity');
  });

  it('has no value before it is triggered', () => {
    const sim = new Simulation();
    const ev = sim.event<number>('registered');

    expect(ev.triggered).toBe(false);
    expect(() => ev.value).toThrow(/not been triggered/);
  });
});
