import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPE_NAMES, instanceType, maxAwsvpcTasks } from '../../../src/ecs/capacity/instance-types.js';

// The ECS trunking table lists no T-family or m4 type: trunking adds nothing there (ecs-facts T-081, T-082).
describe('instance types that ECS does not list for awsvpcTrunking', () => {
  it.each([
    ['t3.medium', 2],
    ['t3a.small', 1],
    ['t4g.large', 2],
    ['m4.large', 1],
  ])('%s keeps %i awsvpc tasks with trunking on', (name, tasks) => {
    expect(instanceType(name)?.trunkingEnis).toBeUndefined();
    expect(maxAwsvpcTasks(name, { trunking: true })).toBe(tasks);
    expect(maxAwsvpcTasks(name, { trunking: false })).toBe(tasks);
  });

  it('every type that supports trunking gains tasks from it', () => {
    for (const name of INSTANCE_TYPE_NAMES) {
      if (instanceType(name)?.trunkingEnis === undefined) continue;
      expect(maxAwsvpcTasks(name, { trunking: true }), name).toBeGreaterThan(maxAwsvpcTasks(name, { trunking: false }));
    }
  });
});
