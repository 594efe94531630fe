import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, type TraceSink } from '../../src/engine/index.js';

describe('a trace line', () => {
  it('is exactly JSON.stringify of { t, actor, kind, ...fields } for any flat or nested fields', () => {
    const value = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(undefined), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
    // Field names are names: integer-like keys would be reordered by the reference object itself.
    const key = fc.string().filter((k) => !['t', 'actor', 'kind', '__proto__'].includes(k) && !/^(0|[1-9]\d*)$/.test(k));
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.dictionary(key, value, { maxKeys: 6 }), fc.nat(), (actor, kind, fields, t) => {
        const lines: string[] = [];
        const sink: TraceSink = { write: (line) => lines.push(line) };
        const sim = new Simulation({ sinks: [sink] });
        sim.schedule(t, () => sim.trace.emit(actor, kind, fields));
        sim.run();
        expect(lines).toEqual([JSON.stringify({ t, actor, kind, ...fields })]);
      }),
      { numRuns: 500 },
    );
  });

  it('writes a string field as JSON.stringify does, whatever UTF-16 code unit it holds (escapes, quotes, lone and paired surrogates)', () => {
    const lines: string[] = [];
    const sink: TraceSink = { write: (line) => lines.push(line) };
    const sim = new Simulation({ sinks: [sink] });
    const values: string[] = ['', 'plain', '\uD83D\uDE00', 'a\u2028b'];
    for (let unit = 0; unit <= 0xffff; unit += 1) values.push(`x${String.fromCharCode(unit)}y`);
    sim.schedule(0, () => {
      for (const value of values) sim.trace.emit('a', 'k', { value });
    });
    sim.run();
    expect(lines).toEqual(values.map((value) => JSON.stringify({ t: 0, actor: 'a', kind: 'k', value })));
  });
});
