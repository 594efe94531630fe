import { describe, expect, it } from 'vitest';
import { instanceType, maxAwsvpcTasks } from '../../../src/ecs/capacity/instance-types.js';

// ecs-facts T-081: one ENI per awsvpc task, the primary ENI counted; with awsvpcTrunking the
// trunk ENI is counted too. The ECS Developer Guide's examples, without / with trunking.
describe('awsvpc task limits by ENI', () => {
  it.each([
    ['c5.large', 2, 10],
    ['m5.large', 2, 10],
    ['m5.xlarge', 3, 20],
    ['m5.24xlarge', 14, 120],
    ['a1.medium', 1, 10],
    ['c6g.medium', 1, 4],
  ])('%s runs %i tasks, or %i with trunking', (name, without, withTrunking) => {
    expect(maxAwsvpcTasks(name, { trunking: false })).toBe(without);
    expect(maxAwsvpcTasks(name, { trunking: true })).toBe(withTrunking);
  });

  it('a c5.large has 3 ENIs, and an ENI limit of 12 with trunking', () => {
    expect(instanceType('c5.large')).toMatchObject({ maxEnis: 3, trunkingEnis: 12 });
  });

  it('accepts a resolved record as well as a name', () => {
    const spec = instanceType('m5.xlarge');
    expect(spec).toBeDefined();
    if (spec !== undefined) expect(maxAwsvpcTasks(spec, { trunking: true })).toBe(20);
  });
});
