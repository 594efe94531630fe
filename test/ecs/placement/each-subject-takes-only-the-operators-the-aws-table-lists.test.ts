import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/ecs/placement/query-language.js';
import { queryError } from './query-target.js';

/**
 * ecs-facts S-023, from the AWS page's "Valid operators" per subject. The page gives no list
 * for attribute:<name> (all operators) nor for task:group (ecs-sim: the identity set of
 * ec2InstanceId).
 */
const ALL = ['equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal', 'exists', 'not_exists', 'in', 'not_in', 'matches', 'not_matches'];
const IDENTITY = ['equals', 'not_equals', 'in', 'not_in', 'matches', 'not_matches'];
const ORDERED = ['equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'];
const TAKES: Record<string, readonly string[]> = {
  agentConnected: IDENTITY,
  ec2InstanceId: IDENTITY,
  agentVersion: ORDERED,
  registeredAt: ORDERED,
  runningTasksCount: ORDERED,
  'attribute:stack': ALL,
  'task:group': IDENTITY,
};
const SPELLINGS: Record<string, readonly string[]> = {
  equals: ['==', 'equals'],
  not_equals: ['!=', 'not_equals'],
  greater_than: ['>', 'greater_than'],
  greater_than_equal: ['>=', 'greater_than_equal'],
  less_than: ['<', 'less_than'],
  less_than_equal: ['<=', 'less_than_equal'],
  exists: ['exists'],
  not_exists: ['!exists', 'not_exists'],
  in: ['in'],
  not_in: ['!in', 'not_in'],
  matches: ['=~', 'matches'],
  not_matches: ['!~', 'not_matches'],
};
const SAMPLE: Record<string, string> = { agentConnected: 'true', agentVersion: '1.14.5', registeredAt: '2018-06-18', runningTasksCount: '1' };

function expression(subject: string, operator: string, spelling: string): string {
  const value = SAMPLE[subject] ?? 'x';
  if (operator === 'exists' || operator === 'not_exists') return `${subject} ${spelling}`;
  if (operator === 'in' || operator === 'not_in') return `${subject} ${spelling} [${value}]`;
  if (operator === 'matches' || operator === 'not_matches') return `${subject} ${spelling} .*`;
  return `${subject} ${spelling} ${value}`;
}

const cases = Object.entries(TAKES).flatMap(([subject, allowed]) =>
  ALL.flatMap((operator) => (SPELLINGS[operator] ?? []).map((spelling) => ({ subject, operator, spelling, allowed: allowed.includes(operator) }))),
);

describe('operators per subject', () => {
  it.each(cases.filter((c) => c.allowed))('$subject takes $spelling', ({ subject, operator, spelling }) => {
    expect(() => parseExpression(expression(subject, operator, spelling))).not.toThrow();
  });

  it.each(cases.filter((c) => !c.allowed))('$subject refuses $spelling', ({ subject, operator, spelling }) => {
    const error = queryError(() => parseExpression(expression(subject, operator, spelling)));
    expect(error.issue).toMatchObject({ code: 'operator_not_allowed', subject, operator: spelling });
    expect(error.position).toBe(subject.length + 1);
  });

  it('names what the subject takes instead', () => {
    expect(queryError(() => parseExpression('agentConnected > true')).message).toMatchInlineSnapshot(`"operator > is not allowed for agentConnected at column 15; agentConnected takes ==, !=, in, !in, =~, !~"`);
    expect(queryError(() => parseExpression('runningTasksCount matches 1.*')).message).toMatchInlineSnapshot(`"operator matches is not allowed for runningTasksCount at column 18; runningTasksCount takes ==, !=, >, >=, <, <="`);
    expect(queryError(() => parseExpression('task:group exists')).message).toMatchInlineSnapshot(`"operator exists is not allowed for task:group at column 11; task:group takes ==, !=, in, !in, =~, !~"`);
  });
});
