import { describe, expect, it } from 'vitest';
import { instanceType, maxAwsvpcTasks, registeredCpu, registeredMemoryMiB, resolveInstanceType } from '../../../src/ecs/capacity/instance-types.js';

describe('custom instance types', () => {
  it('resolve a built-in name to the built-in record when no custom spec names it', () => {
    expect(resolveInstanceType('m5.large', { 'x9.huge': { vcpus: 1, memoryMiB: 1024, maxEnis: 2 } })).toBe(instanceType('m5.large'));
  });

  it('add a new type, defaulting to x86_64 on Nitro and the fitted memory model', () => {
    const spec = resolveInstanceType('x9.huge', { 'x9.huge': { vcpus: 4, memoryMiB: 16384, maxEnis: 4 } });
    expect(spec).toEqual({ name: 'x9.huge', vcpus: 4, memoryMiB: 16384, cpuArchitecture: 'x86_64', hypervisor: 'nitro', maxEnis: 4 });
    expect(registeredCpu(spec)).toBe(4096);
    // Nitro x86_64 model: 150 MiB + 30 MiB per GiB.
    expect(registeredMemoryMiB(spec)).toBe(16384 - 150 - 16 * 30);
    expect(maxAwsvpcTasks(spec, { trunking: true })).toBe(3);
    expect(Object.isFrozen(spec)).toBe(true);
  });

  it('override chosen fields of a built-in type and keep the rest', () => {
    const spec = resolveInstanceType('t3.medium', { 't3.medium': { trunkingEnis: 12 } });
    expect(spec).toMatchObject({ name: 't3.medium', vcpus: 2, memoryMiB: 4096, maxEnis: 3, trunkingEnis: 12 });
    expect(maxAwsvpcTasks(spec, { trunking: true })).toBe(10);
    expect(registeredMemoryMiB(spec)).toBe(registeredMemoryMiB('t3.medium'));
  });

  it('take an observed MemTotal over the model', () => {
    const spec = resolveInstanceType('m6i.large', { 'm6i.large': { memTotalMiB: { linux: 7850 } } });
    expect(registeredMemoryMiB(spec, { reservedMemoryMiB: 50 })).toBe(7800);
  });

  it('drop the built-in memory estimate when the memory size changes', () => {
    const spec = resolveInstanceType('m4.large', { 'm4.large': { memoryMiB: 16384 } });
    expect(spec.memTotalMiB).toBeUndefined();
    // Xen model: size / 64 + 80 MiB (the Sentia Labs data gave 16048 for a 16 GiB Xen type).
    expect(registeredMemoryMiB(spec)).toBe(16048);
  });
});
