import { describe, expect, it } from 'vitest';
import { instanceType } from '../../../src/ecs/capacity/instance-types.js';

// Spot checks against the EC2 User Guide tables named in instance-types-data.ts.
describe('built-in records', () => {
  it.each([
    ['t3.nano', { vcpus: 2, memoryMiB: 512, maxEnis: 2, hypervisor: 'nitro' }],
    ['t3a.small', { vcpus: 2, memoryMiB: 2048, maxEnis: 2 }],
    ['t3.small', { vcpus: 2, memoryMiB: 2048, maxEnis: 3 }],
    ['m4.large', { vcpus: 2, memoryMiB: 8192, maxEnis: 2, hypervisor: 'xen' }],
    ['m6g.medium', { vcpus: 1, memoryMiB: 4096, maxEnis: 2, trunkingEnis: 6 }],
    ['r6g.medium', { vcpus: 1, memoryMiB: 8192, maxEnis: 2 }],
    ['c5.4xlarge', { vcpus: 16, memoryMiB: 32768, maxEnis: 8, trunkingEnis: 62 }],
    ['r6i.4xlarge', { vcpus: 16, memoryMiB: 131072, maxEnis: 8 }],
    ['m5.24xlarge', { vcpus: 96, memoryMiB: 393216, maxEnis: 15, trunkingEnis: 122 }],
  ])('%s has %o', (name, expected) => {
    expect(instanceType(name)).toMatchObject(expected);
  });
});
