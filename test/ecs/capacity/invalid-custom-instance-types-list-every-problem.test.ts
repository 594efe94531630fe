import { describe, expect, it } from 'vitest';
import { type InstanceTypeOverride, resolveInstanceType } from '../../../src/ecs/capacity/instance-types.js';

function messageOf(name: string, custom: Record<string, unknown>): string {
  try {
    resolveInstanceType(name, custom as Record<string, InstanceTypeOverride>);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an InstanceTypeError');
}

describe('an invalid custom instance type', () => {
  it('names every missing field of a new type', () => {
    expect(messageOf('x9.huge', { 'x9.huge': { vcpus: 4 } })).toMatchInlineSnapshot(`
      "instance type "x9.huge": memoryMiB is required for a type that is not built in
      instance type "x9.huge": maxEnis is required for a type that is not built in"
    `);
  });

  it('suggests the field meant for an unknown one', () => {
    expect(messageOf('m5.large', { 'm5.large': { vCpus: 4, maxENIs: 3 } })).toMatchInlineSnapshot(`
      "instance type "m5.large": vCpus: unknown field; did you mean "vcpus"?
      instance type "m5.large": maxENIs: unknown field; did you mean "maxEnis"?"
    `);
  });

  it('reports every bad value with what was given', () => {
    expect(
      messageOf('x9.huge', { 'x9.huge': { vcpus: 0, memoryMiB: 1.5, maxEnis: 2, trunkingEnis: 1, cpuArchitecture: 'ARM64', hypervisor: 'kvm' } }),
    ).toMatchInlineSnapshot(`
      "instance type "x9.huge": vcpus must be a whole number ≥ 1 (got 0)
      instance type "x9.huge": memoryMiB must be a whole number ≥ 1 (got 1.5)
      instance type "x9.huge": trunkingEnis must be a whole number ≥ 2 (got 1)
      instance type "x9.huge": cpuArchitecture must be one of "x86_64", "arm64" (got "ARM64")
      instance type "x9.huge": hypervisor must be one of "nitro", "xen" (got "kvm")"
    `);
  });

  it('rejects a MemTotal above the advertised memory, or memory too small for the model', () => {
    expect(messageOf('m5.large', { 'm5.large': { memTotalMiB: { linux: 9000 } } })).toMatchInlineSnapshot(
      `"instance type "m5.large": memTotalMiB.linux must be a whole number from 1 to memoryMiB (8192) (got 9000)"`,
    );
    expect(messageOf('x9.tiny', { 'x9.tiny': { vcpus: 1, memoryMiB: 16, maxEnis: 2 } })).toMatchInlineSnapshot(
      `"instance type "x9.tiny": memoryMiB must be more than the modelled Linux overhead of 21 MiB (or give memTotalMiB.linux) (got 16)"`,
    );
  });

  it('rejects a spec that is not an object', () => {
    expect(messageOf('x9.huge', { 'x9.huge': 4 })).toMatchInlineSnapshot(
      `"instance type "x9.huge": (spec) must be an object of instance type fields (got 4)"`,
    );
  });
});
