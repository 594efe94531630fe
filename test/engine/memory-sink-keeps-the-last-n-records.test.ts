import { describe, expect, it } from 'vitest';
import { MemorySink, Simulation } from '../../src/engine/index.js';

describe('a memory sink', () => {
  it('keeps the last N records, oldest first, and counts the dropped ones', () => {
    const memory = new MemorySink(3);
    const sim = new Simulation({ sinks: [memory] });
    for (let i = 1; i <= 7; i += 1) sim.at(i * 10, (n: number) => sim.trace.emit('svc', 'tick', { n }), i);

    sim.run();

    expect(memory.records()).toEqual([
      { t: 50, actor: 'svc', kind: 'tick', n: 5 },
      { t: 60, actor: 'svc', kind: 'tick', n: 6 },
      { t: 70, actor: 'svc', kind: 'tick', n: 7 },
    ]);
    expect(memory.dropped).toBe(4);
  });

  it('drops nothing below capacity', () => {
    const memory = new MemorySink(5);
    const sim = new Simulation({ sinks: [memory] });
    sim.trace.emit('svc', 'a');
    sim.trace.emit('svc', 'b');

    expect(memory.records().map((r) => r.kind)).toEqual(['a', 'b']);
    expect(memory.dropped).toBe(0);
  });

  it('keeps order across many wrap-arounds', () => {
    const memory = new MemorySink(4);
    const sim = new Simulation({ sinks: [memory] });
    for (let n = 0; n < 1_003; n += 1) sim.trace.emit('svc', 'tick', { n });

    expect(memory.records().map((r) => r['n'])).toEqual([999, 1_000, 1_001, 1_002]);
    expect(memory.dropped).toBe(999);
  });

  it.each([0, -1, 1.5])('rejects a capacity of %s', (capacity) => {
    expect(() => new MemorySink(capacity)).toThrow(RangeError);
  });
});
