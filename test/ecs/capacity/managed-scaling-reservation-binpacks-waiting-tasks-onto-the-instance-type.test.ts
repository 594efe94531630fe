import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityProviderReservation, instancesNeeded } from '../../../src/ecs/capacity/managed-scaling.js';

// ecs-facts A-022: reservation = M / N × 100; A-024: waiting tasks are binpacked on the
// instance type, tasks bigger than it trigger no scaling, and N = 0 gives 200; A-023:
// with nothing waiting, M counts the non-empty instances.
describe('CapacityProviderReservation', () => {
  const c5large = { cpu: 2048, memory: 3742 };

  it('binpacks by CPU and memory: four 1-vCPU tasks need two c5.large, a 4-vCPU task none', () => {
    expect(instancesNeeded(Array.from({ length: 4 }, () => ({ cpu: 1024, memory: 512 })), c5large)).toBe(2);
    expect(instancesNeeded([{ cpu: 4096, memory: 512 }], c5large)).toBe(0);
    expect(instancesNeeded([{ cpu: 256, memory: 2000 }, { cpu: 256, memory: 2000 }], c5large)).toBe(2);
  });

  it('is M / N × 100, 200 with no instance, and the non-empty share when nothing waits', () => {
    expect(capacityProviderReservation(2, 2, 1, 2)).toBe(150);
    expect(capacityProviderReservation(0, 0, 1, 1)).toBe(200);
    expect(capacityProviderReservation(4, 2, 0, 0)).toBe(50);
    expect(capacityProviderReservation(0, 0, 0, 0)).toBe(100);
  });

  it('never needs fewer instances than the CPU or memory total requires, nor more than one per task', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ cpu: fc.integer({ min: 1, max: 2048 }), memory: fc.integer({ min: 1, max: 3742 }) }), { maxLength: 40 }), (tasks) => {
        const n = instancesNeeded(tasks, c5large);
        const cpu = tasks.reduce((s, t) => s + t.cpu, 0);
        const memory = tasks.reduce((s, t) => s + t.memory, 0);
        expect(n).toBeGreaterThanOrEqual(Math.max(Math.ceil(cpu / c5large.cpu), Math.ceil(memory / c5large.memory)));
        expect(n).toBeLessThanOrEqual(tasks.length);
      }),
    );
  });
});
