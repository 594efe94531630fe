import { describe, expect, it } from 'vitest';
import { HashSink, MemorySink, Simulation } from '../../src/engine/index.js';

describe('Tracer.wants', () => {
  it('is true only for kinds some sink takes', () => {
    const sim = new Simulation({ sinks: [new MemorySink(10, new Set(['task.started']))] });

    expect(sim.trace.wants('task.started')).toBe(true);
    expect(sim.trace.wants('task.stopped')).toBe(false);
  });

  it('is true for every kind when a sink takes all kinds', () => {
    const sim = new Simulation({ sinks: [new MemorySink(10, new Set(['task.started'])), new HashSink()] });

    expect(sim.trace.wants('task.stopped')).toBe(true);
    expect(sim.trace.wants('anything')).toBe(true);
  });

  it('is false for everything with no sinks, and emit records nothing', () => {
    const sim = new Simulation();

    expect(sim.trace.on).toBe(false);
    expect(sim.trace.wants('task.started')).toBe(false);
    sim.trace.emit('web-1', 'task.started', { cpu: 256 });
    expect(sim.trace.records).toBe(0);
  });

  it('goes with emit: each sink gets only the kinds it takes', () => {
    const starts = new MemorySink(10, new Set(['task.started']));
    const stops = new MemorySink(10, new Set(['task.stopped']));
    const sim = new Simulation({ sinks: [starts, stops] });

    sim.trace.emit('web-1', 'task.started');
    sim.trace.emit('web-1', 'task.stopped');
    sim.trace.emit('web-1', 'task.started');
    sim.trace.emit('web-1', 'service.steady');

    expect(starts.records().map((r) => r.kind)).toEqual(['task.started', 'task.started']);
    expect(stops.records().map((r) => r.kind)).toEqual(['task.stopped']);
    expect(sim.trace.records).toBe(3);
  });
});
