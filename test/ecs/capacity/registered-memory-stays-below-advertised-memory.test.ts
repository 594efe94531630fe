import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPE_NAMES, instanceType, memTotalMiB, registeredMemoryMiB } from '../../../src/ecs/capacity/instance-types.js';

// ecs-facts T-070: registered memory is below the advertised size.
describe('registered memory of every built-in type', () => {
  it('is below the advertised memory and above 80 % of it, on Linux and Windows', () => {
    for (const name of INSTANCE_TYPE_NAMES) {
      const advertised = instanceType(name)?.memoryMiB ?? 0;
      for (const os of ['linux', 'windows'] as const) {
        const registered = registeredMemoryMiB(name, { os });
        expect(Number.isSafeInteger(registered), `${name} ${os}`).toBe(true);
        expect(registered, `${name} ${os}`).toBeLessThan(advertised);
        expect(registered, `${name} ${os}`).toBeGreaterThan(advertised * 0.8);
      }
    }
  });

  it('grows with the size within a family', () => {
    const byFamily = new Map<string, { memory: number; total: number }[]>();
    for (const name of INSTANCE_TYPE_NAMES) {
      const family = name.slice(0, name.indexOf('.'));
      const list = byFamily.get(family) ?? [];
      list.push({ memory: instanceType(name)?.memoryMiB ?? 0, total: memTotalMiB(name) });
      byFamily.set(family, list);
    }
    for (const [family, list] of byFamily) {
      const sorted = [...list].sort((a, b) => a.memory - b.memory);
      for (let i = 1; i < sorted.length; i++) expect((sorted[i]?.total ?? 0) > (sorted[i - 1]?.total ?? 0), family).toBe(true);
    }
  });
});
