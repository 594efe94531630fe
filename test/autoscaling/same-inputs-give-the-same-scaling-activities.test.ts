import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cpuPolicy, feed, MIN, world } from './support.js';

function run(cpu: number[], seed: number) {
  const w = world({ initial: 4, min: 1, max: 12, seed });
  w.aas.putScalingPolicy(cpuPolicy('cpu50', 50, { ScaleInCooldown: 120, ScaleOutCooldown: 60 }));
  const seen: number[] = [];
  feed(w, 'CPUUtilization', (m) => cpu[m % cpu.length] as number, 40);
  for (let i = 0; i < 40; i++) w.sim.at(i * MIN + 30_000, () => seen.push(w.svc.desired));
  w.sim.run({ until: 40 * MIN });
  return { activities: w.aas.describeScalingActivities({ IncludeNotScaledActivities: true }).ScalingActivities, seen };
}

describe('determinism and bounds', () => {
  it('same seed and metrics → identical activities (ids included); desired stays within [Min, Max]', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 8 }), (cpu) => {
        const a = run(cpu, 7);
        const b = run(cpu, 7);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        expect(a.seen.every((d) => d >= 1 && d <= 12)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
