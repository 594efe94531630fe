import { describe, expect, it } from 'vitest';
import { normalQuantile, Z_99 } from '../../src/engine/index.js';

// Reference values of the standard normal inverse CDF, to 10 significant digits.
describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963985],
    [0.99, 2.326347874],
    [0.025, -1.959963985],
    [0.001, -3.090232306],
    [0.8413447461, 1],
  ])('at %s is %s within 1e-8', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8);
  });

  it('is -Infinity at 0 and Infinity at 1', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('agrees with Z_99', () => {
    expect(Math.abs(normalQuantile(0.99) - Z_99)).toBeLessThan(1e-8);
  });
});
