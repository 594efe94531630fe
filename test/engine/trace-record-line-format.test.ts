import { describe, expect, it } from 'vitest';
import { MemorySink, Simulation, type TraceSink } from '../../src/engine/index.js';

describe('a trace record', () => {
  it('is written as {"t":..,"actor":..,"kind":..,...fields} at the current time', () => {
    const lines: string[] = [];
    const sink: TraceSink = {
      write: (line) => {
        lines.push(line);
      },
    };
    const sim = new Simulation({ sinks: [sink] });
    sim.schedule(1_500, () => {
      sim.trace.emit('web-1', 'task.started', { cpu: 256, az: 'eu-west-1a', image: 'nginx:1.27' });
      sim.trace.emit('svc', 'service.steady');
      sim.trace.emit('svc', 'service.steady', {});
    });

    sim.run();

    expect(lines[0]).toMatchInlineSnapshot(`"{"t":1500,"actor":"web-1","kind":"task.started","cpu":256,"az":"eu-west-1a","image":"nginx:1.27"}"`);
    expect(lines[1]).toBe('{"t":1500,"actor":"svc","kind":"service.steady"}');
    expect(lines[2]).toBe(lines[1]);
  });

  it('parses back to the record a memory sink keeps', () => {
    const lines: string[] = [];
    const memory = new MemorySink(10);
    const sim = new Simulation({ sinks: [memory, { write: (line) => void lines.push(line) }] });
    sim.schedule(20, () => sim.trace.emit('agent "i-1"', 'container.exit', { code: 137, tags: ['a', 'b'] }));

    sim.run();

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual(memory.records()[0]);
    expect(memory.records()).toEqual([{ t: 20, actor: 'agent "i-1"', kind: 'container.exit', code: 137, tags: ['a', 'b'] }]);
  });
});
