import { describe, expect, it } from 'vitest';
import { memberOf, type QueryTarget } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/**
 * The example expressions of the AWS pages, each against a small fleet: ecs-facts S-018 and
 * S-024, plus the rest of "Create expressions to define container instances for Amazon ECS
 * tasks" (cluster-query-language) and the ListContainerInstances filter examples of
 * task-placement-constraints (awsdocs/amazon-ecs-developer-guide).
 */
const EPOCH_MS = Date.UTC(2018, 0, 1);
const at = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0) => Date.UTC(y, m - 1, d, hh, mm, ss) - EPOCH_MS;

const FLEET: Readonly<Record<string, QueryTarget>> = {
  'i-a': instance({
    ec2InstanceId: 'i-a',
    attributes: { 'ecs.instance-type': 't2.small', 'ecs.availability-zone': 'us-east-1a', stack: 'prod' },
    taskGroups: new Set(['service:production']),
    runningTasksCount: 1,
    agentVersion: '1.14.4',
    registeredAtMs: at(2018, 2, 1),
  }),
  'i-b': instance({
    ec2InstanceId: 'i-b',
    attributes: { 'ecs.instance-type': 't2.medium', 'ecs.availability-zone': 'us-east-1b', stack: 'dev' },
    taskGroups: new Set(['databases']),
    runningTasksCount: 2,
    agentVersion: '1.14.5',
    registeredAtMs: at(2018, 3, 1),
  }),
  'i-c': instance({
    ec2InstanceId: 'i-c',
    attributes: { 'ecs.instance-type': 'g2.2xlarge', 'ecs.availability-zone': 'us-east-1a' },
    taskGroups: new Set(),
    runningTasksCount: 0,
    agentVersion: '1.100.0',
    registeredAtMs: at(2018, 2, 12, 23, 59, 59),
  }),
  'i-d': instance({
    ec2InstanceId: 'i-d',
    attributes: { 'ecs.instance-type': 'g2.2xlarge', 'ecs.availability-zone': 'us-east-1d', stack: 'prod' },
    taskGroups: new Set(['database', 'service:production']),
    runningTasksCount: 2,
    agentVersion: '1.2.0',
    registeredAtMs: at(2018, 2, 13),
  }),
  'i-abcd1234': instance({
    ec2InstanceId: 'i-abcd1234',
    attributes: { 'ecs.instance-type': 'm5.large', 'ecs.availability-zone': 'us-east-1c' },
    taskGroups: new Set(['family:batch']),
    runningTasksCount: 3,
    agentVersion: '1.87.0',
    registeredAtMs: at(2018, 6, 18),
  }),
};

const selected = (expression: string): string[] => {
  const matches = memberOf(expression, { epochMs: EPOCH_MS });
  return Object.entries(FLEET)
    .filter(([, target]) => matches(target))
    .map(([id]) => id);
};

describe('the documented examples', () => {
  it.each([
    // cluster-query-language, "Example expressions"
    ['attribute:ecs.instance-type == t2.small', ['i-a']],
    ['attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', ['i-a', 'i-b', 'i-c']],
    ['attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d', ['i-c']],
    ['task:group == service:production', ['i-a', 'i-d']],
    ['not(task:group == database)', ['i-a', 'i-b', 'i-c', 'i-abcd1234']],
    ['runningTasksCount == 1', ['i-a']],
    ['agentVersion < 1.14.5', ['i-a', 'i-d']],
    ['registeredAt < 2018-02-13', ['i-a', 'i-c']],
    ["ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", ['i-abcd1234']],
    // task-placement-constraints, "Example constraints" (ecs-facts S-018)
    ['attribute:ecs.instance-type =~ t2.*', ['i-a', 'i-b']],
    ['task:group == databases', ['i-b']],
    // task-placement-constraints, list-container-instances --filter examples
    ['attribute:ecs.instance-type == g2.2xlarge', ['i-c', 'i-d']],
    ['attribute:stack == prod', ['i-a', 'i-d']],
    ['attribute:stack != prod', ['i-b']],
    ['attribute:ecs.instance-type in [t2.small, t2.medium]', ['i-a', 'i-b']],
    ['attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a', ['i-a']],
  ])('%s selects %j', (expression, ids) => {
    expect(selected(expression)).toEqual(ids);
  });
});
