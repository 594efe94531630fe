import { describe, expect, it } from 'vitest';
import { evaluate, OPERATOR_SPELLINGS, operatorsFor, parseExpression, type Operator, type Subject } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/**
 * One instance, and for every subject and every operator it takes (ecs-facts S-022, S-023)
 * a test with its expected outcome. Each row runs once per spelling of its operator.
 */
const target = instance({
  attributes: { 'ecs.instance-type': 't2.small', 'ecs.availability-zone': 'us-east-1a', stack: 'prod', rack: '10' },
  ec2InstanceId: 'i-abcd1234',
  agentConnected: true,
  agentVersion: '1.20.0',
  registeredAtMs: 0, // 2026-01-01T00:00:00Z with the default epoch
  runningTasksCount: 3,
  taskGroups: new Set(['service:web', 'family:batch']),
});

type Row = readonly [subject: Subject, operator: Operator, argument: string, expected: boolean];
const ROWS: readonly Row[] = [
  ['agentConnected', 'equals', 'true', true],
  ['agentConnected', 'equals', 'false', false],
  ['agentConnected', 'not_equals', 'false', true],
  ['agentConnected', 'in', '[false, true]', true],
  ['agentConnected', 'not_in', '[false]', true],
  ['agentConnected', 'matches', 't.*', true],
  ['agentConnected', 'not_matches', 't.*', false],
  ['ec2InstanceId', 'equals', 'i-abcd1234', true],
  ['ec2InstanceId', 'not_equals', 'i-abcd1234', false],
  ['ec2InstanceId', 'in', '[i-wxyx7890, i-abcd1234]', true],
  ['ec2InstanceId', 'not_in', '[i-wxyx7890]', true],
  ['ec2InstanceId', 'matches', 'i-[0-9a-f]{8}', true],
  ['ec2InstanceId', 'not_matches', 'i-.*', false],
  ['agentVersion', 'equals', '1.20', true],
  ['agentVersion', 'not_equals', '1.20.0', false],
  ['agentVersion', 'greater_than', '1.9.9', true],
  ['agentVersion', 'greater_than_equal', '1.20.0', true],
  ['agentVersion', 'less_than', '1.100', true],
  ['agentVersion', 'less_than_equal', '1.19', false],
  ['registeredAt', 'equals', '2026-01-01', true],
  ['registeredAt', 'not_equals', '2026-01-01T00:00:00Z', false],
  ['registeredAt', 'greater_than', '2025-12-31T23:59:59', true],
  ['registeredAt', 'greater_than_equal', '2026-01-01T01:00:00+01:00', true],
  ['registeredAt', 'less_than', '2026-01-01T00:00:01Z', true],
  ['registeredAt', 'less_than_equal', '2025-12-31', false],
  ['runningTasksCount', 'equals', '3', true],
  ['runningTasksCount', 'not_equals', '3', false],
  ['runningTasksCount', 'greater_than', '2', true],
  ['runningTasksCount', 'greater_than_equal', '4', false],
  ['runningTasksCount', 'less_than', '10', true],
  ['runningTasksCount', 'less_than_equal', '3', true],
  ['attribute:stack', 'equals', 'prod', true],
  ['attribute:stack', 'not_equals', 'prod', false],
  ['attribute:rack', 'greater_than', '9', true],
  ['attribute:ecs.instance-type', 'greater_than_equal', 't2.small', true],
  ['attribute:ecs.availability-zone', 'less_than', 'us-east-1b', true],
  ['attribute:rack', 'less_than_equal', '9', false],
  ['attribute:stack', 'exists', '', true],
  ['attribute:ecs.outpost-arn', 'not_exists', '', true],
  ['attribute:ecs.availability-zone', 'in', '[us-east-1a, us-east-1b]', true],
  ['attribute:ecs.availability-zone', 'not_in', '[us-east-1a, us-east-1b]', false],
  ['attribute:ecs.instance-type', 'matches', 't2.*', true],
  ['attribute:ecs.instance-type', 'not_matches', 't2.*', false],
  ['task:group', 'equals', 'service:web', true],
  ['task:group', 'not_equals', 'service:web', false],
  ['task:group', 'in', '[service:api, family:batch]', true],
  ['task:group', 'not_in', '[service:api]', true],
  ['task:group', 'matches', 'service:.*', true],
  ['task:group', 'not_matches', 'family:.*', false],
];

const cases = ROWS.flatMap(([subject, operator, argument, expected]) =>
  OPERATOR_SPELLINGS[operator].map((spelling) => ({ text: `${subject} ${spelling} ${argument}`.trimEnd(), expected })),
);

describe('every operator and alias', () => {
  it.each(cases)('$text is $expected', ({ text, expected }) => {
    expect(evaluate(parseExpression(text), target)).toBe(expected);
  });

  it('the table covers every operator each subject takes', () => {
    const subjects: Subject[] = ['agentConnected', 'ec2InstanceId', 'agentVersion', 'registeredAt', 'runningTasksCount', 'attribute:stack', 'task:group'];
    const kindOf = (s: Subject) => (s.startsWith('attribute:') ? 'attribute:stack' : s);
    const covered = new Set(ROWS.map(([s, op]) => `${kindOf(s)} ${op}`));
    const missing = subjects.flatMap((s) => operatorsFor(s).map((op) => `${s} ${op}`)).filter((pair) => !covered.has(pair));
    expect(missing).toEqual([]);
  });

  it('an alias parses to the same tree as its symbol', () => {
    expect(parseExpression('runningTasksCount greater_than_equal 2')).toEqual(parseExpression('runningTasksCount >= 2'));
    expect(parseExpression('attribute:stack not_exists')).toEqual(parseExpression('attribute:stack !exists'));
    expect(parseExpression('task:group not_in [a]')).toEqual(parseExpression('task:group !in [a]'));
  });
});
