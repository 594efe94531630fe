import { describe, expect, it } from 'vitest';
import { registeredCpu } from '../../../src/ecs/capacity/instance-types.js';

// ecs-facts T-068: CPU = number of CPUs × 1024.
describe('registered CPU', () => {
  it.each([
    ['t3.nano', 2048],
    ['a1.medium', 1024],
    ['c6g.medium', 1024],
    ['m5.large', 2048],
    ['r6i.4xlarge', 16384],
    ['m5.24xlarge', 98304],
  ])('%s registers %i CPU units', (name, cpu) => {
    expect(registeredCpu(name)).toBe(cpu);
  });
});
