import { describe, expect, it } from 'vitest';
import { linuxOverheadModelMiB, registeredMemoryMiB } from '../../../src/ecs/capacity/instance-types.js';

// The data points behind the registered-memory model, quoted in instance-types.ts.
describe('the registered-memory model', () => {
  // (A) ECS-optimized Amazon Linux on Xen types (Sentia Labs, 2018): advertised → registered MiB.
  it.each([
    [1024, 993],
    [2048, 2001],
    [4096, 3952],
    [8192, 7984],
    [16384, 16048],
    [32768, 32176],
    [65536, 64417],
    [163840, 161185],
    [262144, 257953],
    [3840, 3765],
    [7680, 7480],
    [15360, 15040],
    [30720, 30145],
    [61440, 60385],
    [15616, 15292],
    [499712, 491809],
  ])('on Xen, %i MiB advertised registers %i; the model gives that or up to 15 MiB more', (advertised, registered) => {
    const modelled = advertised - linuxOverheadModelMiB({ memoryMiB: advertised, cpuArchitecture: 'x86_64', hypervisor: 'xen' });
    expect(modelled - registered).toBeGreaterThanOrEqual(0);
    expect(modelled - registered).toBeLessThanOrEqual(15);
  });

  // (C) thewca/worldcubeassociation.org#9974: two 3910 MiB tasks fit on an m6i.large, two 3954 MiB ones did not.
  it('an m6i.large fits two 3910 MiB tasks but not two 3954 MiB ones', () => {
    const registered = registeredMemoryMiB('m6i.large');
    expect(registered).toBeGreaterThanOrEqual(2 * 3910);
    expect(registered).toBeLessThan(2 * 3954);
  });

  // (C) aws/amazon-ecs-agent#3331: an inf1.xlarge (8 GiB, 4 vCPU, ECS on Amazon Linux 2) had a
  // MemTotal of 7679 MiB; a c5.xlarge is the same size and CPU generation.
  it('a c5.xlarge registers within 10 MiB of the inf1.xlarge observation', () => {
    expect(Math.abs(registeredMemoryMiB('c5.xlarge') - 7679)).toBeLessThanOrEqual(10);
  });
});
