import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPE_NAMES, instanceType } from '../../../src/ecs/capacity/instance-types.js';

describe('the built-in instance type table', () => {
  it('lists its names sorted, once each', () => {
    const sorted = [...INSTANCE_TYPE_NAMES].sort();
    expect(INSTANCE_TYPE_NAMES).toEqual(sorted);
    expect(new Set(INSTANCE_TYPE_NAMES).size).toBe(INSTANCE_TYPE_NAMES.length);
    expect(Object.isFrozen(INSTANCE_TYPE_NAMES)).toBe(true);
  });

  it('covers the common ECS families up to 4xlarge, and the ECS docs examples', () => {
    const sizes = (family: string, list: string[]) => list.map((s) => `${family}.${s}`);
    const expected = [
      ...['t3', 't3a', 't4g'].flatMap((f) => sizes(f, ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'])),
      ...['m5', 'm6i', 'm7i', 'c5', 'c6i', 'r5', 'r6i'].flatMap((f) => sizes(f, ['large', 'xlarge', '2xlarge', '4xlarge'])),
      ...['m6g', 'm7g', 'c6g', 'c7g', 'r6g'].flatMap((f) => sizes(f, ['medium', 'large', 'xlarge', '2xlarge', '4xlarge'])),
      'm5.24xlarge',
      'a1.medium',
      'm4.large',
      // GPU types (ecs-facts T-115).
      ...sizes('g4dn', ['xlarge', '2xlarge', '4xlarge', '12xlarge', 'metal']),
      ...sizes('g5', ['xlarge', '2xlarge', '12xlarge', '48xlarge']),
      ...sizes('g6', ['xlarge', '12xlarge', '48xlarge']),
      ...sizes('p3', ['2xlarge', '8xlarge', '16xlarge']),
      'p4d.24xlarge',
      'p5.48xlarge',
    ];
    expect([...INSTANCE_TYPE_NAMES].sort()).toEqual(expected.sort());
  });

  it('finds a record by name, or undefined', () => {
    expect(instanceType('c6g.medium')?.name).toBe('c6g.medium');
    expect(instanceType('c6g.nano')).toBeUndefined();
    expect(instanceType('C6G.MEDIUM')).toBeUndefined();
  });

  // ecs-facts T-083: ecs.cpu-architecture is x86_64 or arm64; Graviton types are arm64.
  it('gives Graviton types the arm64 architecture and the rest x86_64', () => {
    for (const name of INSTANCE_TYPE_NAMES) {
      const graviton = name.startsWith('a1.') || /^[a-z]+\dg\./.test(name);
      expect(instanceType(name)?.cpuArchitecture, name).toBe(graviton ? 'arm64' : 'x86_64');
    }
  });

  it('keeps its records frozen', () => {
    const spec = instanceType('m4.large');
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec?.memTotalMiB)).toBe(true);
  });
});
