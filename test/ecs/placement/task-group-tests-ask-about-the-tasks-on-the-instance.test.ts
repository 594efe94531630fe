import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/**
 * ecs-facts S-018/S-024: `task:group == databases` places a task with tasks of group
 * databases (affinity), `not(task:group == database)` away from them (anti-affinity). So a
 * test on task:group asks whether any task on the instance is in the group, and its negated
 * forms whether none is. The AWS pages only ever write anti-affinity as not(…); ecs-sim
 * reads `task:group != X` the same way.
 */
const web = instance({ taskGroups: new Set(['service:web', 'family:batch']) });
const empty = instance({ taskGroups: new Set() });
const holds = (text: string, target = web) => evaluate(parseExpression(text), target);

describe('task:group', () => {
  it('== holds when any task on the instance is in the group', () => {
    expect(holds('task:group == service:web')).toBe(true);
    expect(holds('task:group == family:batch')).toBe(true);
    expect(holds('task:group == service:api')).toBe(false);
  });

  it('== never holds on an instance with no tasks', () => {
    expect(holds('task:group == service:web', empty)).toBe(false);
  });

  it('!= holds when no task is in the group, an empty instance included', () => {
    expect(holds('task:group != service:web')).toBe(false);
    expect(holds('task:group != service:api')).toBe(true);
    expect(holds('task:group != service:web', empty)).toBe(true);
  });

  it('!= is the documented anti-affinity not(task:group == …)', () => {
    for (const target of [web, empty]) {
      for (const group of ['service:web', 'service:api']) {
        expect(holds(`task:group != ${group}`, target)).toBe(holds(`not(task:group == ${group})`, target));
      }
    }
  });

  it('in, =~ and their negations ask about any task, and no task', () => {
    expect(holds('task:group in [service:api, family:batch]')).toBe(true);
    expect(holds('task:group !in [service:api, family:batch]')).toBe(false);
    expect(holds('task:group !in [service:api]', empty)).toBe(true);
    expect(holds('task:group =~ family:.*')).toBe(true);
    expect(holds('task:group !~ service:.*')).toBe(false);
    expect(holds('task:group !~ service:.*', empty)).toBe(true);
  });
});
