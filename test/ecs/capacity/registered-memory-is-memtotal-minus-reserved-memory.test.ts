import { describe, expect, it } from 'vitest';
import { memTotalMiB, registeredMemoryMiB } from '../../../src/ecs/capacity/instance-types.js';

describe('registered MEMORY', () => {
  // ecs-facts T-070: 8373026816 bytes on Linux, 8589524992 bytes on Windows.
  it('is 7985 MiB for an m4.large on Linux and 8191 MiB on Windows', () => {
    expect(registeredMemoryMiB('m4.large', { os: 'linux' })).toBe(7985);
    expect(registeredMemoryMiB('m4.large', { os: 'windows' })).toBe(8191);
  });

  it('defaults to Linux with no reserved memory (ecs-facts T-069)', () => {
    expect(registeredMemoryMiB('m4.large')).toBe(7985);
  });

  it('subtracts ECS_RESERVED_MEMORY from MemTotal (ecs-facts T-068, T-069)', () => {
    expect(registeredMemoryMiB('m4.large', { reservedMemoryMiB: 256 })).toBe(7985 - 256);
    expect(registeredMemoryMiB('m6i.large', { reservedMemoryMiB: 100 })).toBe(memTotalMiB('m6i.large') - 100);
  });

  it('may reserve all of MemTotal, but not more: the agent then fails to register', () => {
    expect(registeredMemoryMiB('m4.large', { reservedMemoryMiB: 7985 })).toBe(0);
    expect(() => registeredMemoryMiB('m4.large', { reservedMemoryMiB: 7986 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: m4.large: reserved memory is higher than available memory on the host, total memory: 7985, reserved: 7986]`,
    );
  });

  it.each([-1, 1.5, Number.NaN])('rejects ECS_RESERVED_MEMORY %s', (reserved) => {
    expect(() => registeredMemoryMiB('m4.large', { reservedMemoryMiB: reserved })).toThrow(RangeError);
  });
});
