import { describe, expect, it } from 'vitest';
import { InstanceTypeError, resolveInstanceType } from '../../../src/ecs/capacity/instance-types.js';
import { InputError } from '../../../src/issues/index.js';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InstanceTypeError);
    return (e as Error).message;
  }
  throw new Error('expected an InstanceTypeError');
}

describe('an unknown instance type name', () => {
  it('suggests the nearest built-in name', () => {
    expect(messageOf(() => resolveInstanceType('m5.larg'))).toMatchInlineSnapshot(`"unknown instance type "m5.larg"; did you mean "m5.large"?"`);
  });

  it('ignores case when suggesting', () => {
    expect(messageOf(() => resolveInstanceType('M5.LARGE'))).toMatchInlineSnapshot(`"unknown instance type "M5.LARGE"; did you mean "m5.large"?"`);
  });

  it('lists at most three of the equally near names', () => {
    expect(messageOf(() => resolveInstanceType('c5.medium'))).toMatchInlineSnapshot(
      `"unknown instance type "c5.medium"; did you mean "a1.medium", "c6g.medium" or "c7g.medium"?"`,
    );
  });

  it('includes custom names among the suggestions', () => {
    const custom = { 'x9.huge': { vcpus: 4, memoryMiB: 8192, maxEnis: 4 } };
    expect(messageOf(() => resolveInstanceType('x9.hug', custom))).toMatchInlineSnapshot(`"unknown instance type "x9.hug"; did you mean "x9.huge"?"`);
  });

  it('names the built-in families when nothing is close', () => {
    // p4d.24xlarge, once the example here, is built in since the GPU types (ecs-facts T-115).
    expect(messageOf(() => resolveInstanceType('x1e.32xlarge'))).toBe(
      'unknown instance type "x1e.32xlarge": it is not built in (families: a1, c5, c6g, c6i, c7g, g4dn, g5, g6, m4, m5, m6g, m6i, m7g, m7i, p3, p4d, p5, r5, r6g, r6i, t3, t3a, t4g) and no custom spec defines it',
    );
  });

  it('carries the issue as data', () => {
    try {
      resolveInstanceType('m5.larg');
    } catch (e) {
      expect(e).toMatchObject({ name: 'InstanceTypeError', instanceType: 'm5.larg', problems: [{ code: 'unknown_instance_type', suggestions: ['m5.large'] }] });
      // The one input error's shape (src/issues): the message, and the suggestion as its did-you-mean.
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues).toEqual([{ path: [], message: 'unknown instance type "m5.larg"; did you mean "m5.large"?', didYouMean: 'm5.large' }]);
    }
  });
});
