import { describe, expect, it } from 'vitest';
import { Simulation, type RunOptions } from '../../src/engine/index.js';

// run() has a plain loop and one that checks stop conditions; both must honour `until`.
const loops: [string, Omit<RunOptions, 'until'>][] = [
  ['plain loop', {}],
  ['checked loop', { stopWhen: () => false }],
];

describe.each(loops)('run({ until }) on the %s', (_, extra) => {
  it('runs events due at or before until, stops before later ones and leaves the clock at until', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    for (const t of [10, 20, 30]) sim.at(t, (x: number) => ran.push(x), t);

    expect(sim.run({ ...extra, until: 25 })).toBe('until');

    expect(ran).toEqual([10, 20]);
    expect(sim.now).toBe(25);
    expect(sim.pendingCount).toBe(1);
  });

  it('includes an event due exactly at until', () => {
    const sim = new Simulation();
    const ran: number[] = [];
    for (const t of [10, 20, 30]) sim.at(t, (x: number) => ran.push(x), t);

    sim.run({ ...extra, until: 20 });

    expect(ran).toEqual([10, 20]);
    expect(sim.now).toBe(20);
  });

  it('continues where it stopped on a later run, with new events relative to until', () => {
    const sim = new Simulation();
    const ran: string[] = [];
    for (const t of [10, 20, 30]) sim.at(t, (x: string) => ran.push(x), `t${t}`);
    sim.run({ ...extra, until: 15 });

    sim.schedule(0, () => ran.push(`new@${sim.now}`));
    expect(sim.run({ ...extra, until: 15 })).toBe('until');
    expect(sim.run({ ...extra, until: 28 })).toBe('until');
    expect(sim.now).toBe(28);
    expect(sim.run(extra)).toBe('empty');

    expect(ran).toEqual(['t10', 'new@15', 't20', 't30']);
    expect(sim.now).toBe(30);
  });

  it('moves the clock to until when the queue empties first', () => {
    const sim = new Simulation();
    sim.at(10, () => undefined);

    expect(sim.run({ ...extra, until: 1_000 })).toBe('until');

    expect(sim.now).toBe(1_000);
    expect(sim.run({ ...extra, until: 2_000 })).toBe('until');
    expect(sim.now).toBe(2_000);
  });
});
