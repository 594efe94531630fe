import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Registry } from '../../src/engine/registry.js';

// The one registry every extension point is an instance of: a name maps to the schema of
// its argument and a factory; a name is taken once; an unknown name is answered with the
// known ones and the nearest; a bad argument never reaches the factory.
const double = { args: z.number({ error: 'takes a number' }), create: (n: number) => n * 2 };
const negate = { args: z.number(), create: (n: number) => -n };

describe('a registry', () => {
  it('builds a registered name from a checked argument', () => {
    const r = new Registry<number>({ kind: 'operation' });
    r.register('double', double);
    expect(r.build('double', 21)).toEqual({ ok: true, value: 42 });
    expect(r.build('double', 'x')).toEqual({ ok: false, failure: { field: 'argument', message: 'takes a number' } });
  });

  it('refuses a name registered twice, keeping the first', () => {
    const r = new Registry<number>({ kind: 'operation' });
    r.register('double', double);
    expect(() => r.register('double', negate)).toThrow('operation "double" is already registered');
    expect(r.build('double', 1)).toEqual({ ok: true, value: 2 });
  });

  it('answers an unknown name with the known ones and the nearest', () => {
    const r = new Registry<number>({ kind: 'operation' });
    r.register('double', double);
    r.register('negate', negate);
    expect(r.build('dubble', 1)).toEqual({ ok: false, failure: { field: 'name', message: 'unknown operation "dubble"; known: double, negate', didYouMean: 'double' } });
    expect(r.unknown('square')).toEqual({ field: 'name', message: 'unknown operation "square"; known: double, negate', didYouMean: undefined });
    expect(r.unknown('double')).toBeUndefined();
  });

  it.each([
    ['registration', ['zeta', 'alpha', 'mid']],
    ['sorted', ['alpha', 'mid', 'zeta']],
  ] as const)('lists names in %s order, whatever was asked before', (order, expected) => {
    const r = new Registry<number>({ kind: 'operation', order });
    for (const name of ['zeta', 'alpha', 'mid']) r.register(name, double);
    expect(r.names()).toEqual(expected);
  });

  it('reports a factory that throws as a bad argument', () => {
    const r = new Registry<number>({ kind: 'operation' });
    r.register('fails', { args: z.unknown(), create: () => { throw new Error('no such thing'); } });
    expect(r.build('fails', 1)).toEqual({ ok: false, failure: { field: 'argument', message: 'no such thing' } });
  });
});
