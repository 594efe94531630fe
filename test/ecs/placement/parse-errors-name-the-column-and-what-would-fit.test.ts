import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/ecs/placement/query-language.js';
import { queryError } from './query-target.js';

const message = (text: string) => queryError(() => parseExpression(text)).message;

describe('a parse error', () => {
  it('suggests the nearest subject for a misspelt one', () => {
    expect(message('agentVer < 1.14.5')).toMatchInlineSnapshot(`"unknown subject "agentVer" at column 0; did you mean "agentVersion"?"`);
    expect(message('task:groups == databases')).toMatchInlineSnapshot(`"unknown subject "task:groups" at column 0; did you mean "task:group"?"`);
    expect(message('atribute:ecs.instance-type == t2.small')).toMatchInlineSnapshot(`"unknown subject "atribute:ecs.instance-type" at column 0; did you mean "attribute:ecs.instance-type"?"`);
    expect(message('ecs.instance-type == t2.small')).toMatchInlineSnapshot(`"unknown subject "ecs.instance-type" at column 0; did you mean "attribute:ecs.instance-type"?"`);
  });

  it('lists the subjects when none is close', () => {
    expect(message('color == red')).toMatchInlineSnapshot(`"unknown subject "color" at column 0; subjects: agentConnected, agentVersion, attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount, task:group"`);
  });

  it('names the operators a subject takes when the operator is missing or unknown', () => {
    expect(message('attribute:ecs.instance-type')).toMatchInlineSnapshot(`"expected an operator after attribute:ecs.instance-type at column 27; operators: ==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~"`);
    expect(message('runningTasksCount eq 1')).toMatchInlineSnapshot(`"expected an operator after runningTasksCount at column 18, found "eq" (did you mean "equals"?); operators: ==, !=, >, >=, <, <="`);
    expect(message('agentVersion lt 1.14.5')).toMatchInlineSnapshot(`"expected an operator after agentVersion at column 13, found "lt" (did you mean "less_than"?); operators: ==, !=, >, >=, <, <="`);
    expect(message('attribute:stack = prod')).toMatchInlineSnapshot(`"expected an operator after attribute:stack at column 16, found "=" (did you mean "=="?); operators: ==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~"`);
    expect(message('attribute:ecs.instance-type ~= t2.*')).toMatchInlineSnapshot(`"expected an operator after attribute:ecs.instance-type at column 28, found "~=" (did you mean "=~"?); operators: ==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~"`);
    expect(message('attribute:ecs.instance-type like t2.*')).toMatchInlineSnapshot(`"expected an operator after attribute:ecs.instance-type at column 28, found "like" (did you mean "matches"?); operators: ==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~"`);
  });

  it('refuses an operator the subject does not take', () => {
    expect(message('ec2InstanceId > i-abcd1234')).toMatchInlineSnapshot(`"operator > is not allowed for ec2InstanceId at column 14; ec2InstanceId takes ==, !=, in, !in, =~, !~"`);
  });

  it('points at unbalanced parentheses', () => {
    expect(message('(runningTasksCount == 1 or agentConnected == false')).toMatchInlineSnapshot(`"unbalanced parentheses: the "(" at column 0 is never closed (expected ")" at column 50)"`);
    expect(message('runningTasksCount == 1)')).toMatchInlineSnapshot(`"unbalanced parentheses: the ")" at column 22 has no matching "(""`);
    expect(message('not(task:group == database')).toMatchInlineSnapshot(`"unbalanced parentheses: the "(" at column 3 is never closed (expected ")" at column 26)"`);
  });

  it('names a missing argument', () => {
    expect(message('runningTasksCount ==')).toMatchInlineSnapshot(`"expected a value after == at column 20, found end of expression"`);
    expect(message('attribute:ecs.availability-zone in us-east-1a')).toMatchInlineSnapshot(`"expected a list like [a, b] after in at column 35, found "us-east-1a""`);
    expect(message('attribute:ecs.availability-zone in [us-east-1a, ]')).toMatchInlineSnapshot(`"expected a value in the list at column 48, found "]""`);
    expect(message('attribute:ecs.availability-zone in []')).toMatchInlineSnapshot(`"the list after in at column 35 is empty; give at least one value"`);
    expect(message('attribute:stack == prod and')).toMatchInlineSnapshot(`"expected an expression (a subject, "not" or "(") at column 27, found end of expression"`);
  });

  it('names a value of the wrong shape', () => {
    expect(message('agentConnected == yes')).toMatchInlineSnapshot(`"agentConnected takes true or false (got "yes" at column 18)"`);
    expect(message('agentVersion < latest')).toMatchInlineSnapshot(`"agentVersion takes a version like 1.14.5 (got "latest" at column 15)"`);
    expect(message('runningTasksCount > -1')).toMatchInlineSnapshot(`"runningTasksCount takes a whole number like 3 (got "-1" at column 20)"`);
    expect(message('registeredAt < 2018-02-30')).toMatchInlineSnapshot(`"registeredAt takes a date like 2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00 (got "2018-02-30" at column 15)"`);
    expect(message('attribute:stack == [prod]')).toMatchInlineSnapshot(`"expected one value after == at column 19, found a list; use "in" to test several values"`);
  });

  it('hints at quotes when a value runs on past a space', () => {
    expect(message('attribute:team == data science')).toMatchInlineSnapshot(`"expected "and", "or" or the end of the expression at column 23, found "science"; quote a value that contains spaces"`);
    expect(message("attribute:team == 'data science")).toMatchInlineSnapshot(`"unterminated quoted value: the ' at column 18 is never closed"`);
  });

  it('refuses a value after exists, and a bad attribute name', () => {
    expect(message('attribute:stack exists prod')).toMatchInlineSnapshot(`"exists takes no value, found "prod" at column 23"`);
    expect(message('attribute:stack:prod exists')).toMatchInlineSnapshot(`"invalid attribute name "stack:prod" at column 10; a name is 1 to 128 letters, digits, "-", "_", ".", "/" or "\\""`);
  });

  it('refuses an empty expression', () => {
    expect(message('   ')).toMatchInlineSnapshot(`"expected an expression (a subject, "not" or "(") at column 3, found end of expression"`);
  });

  it('carries the column and the issue as data', () => {
    const error = queryError(() => parseExpression('attribute:ecs.instance-type'));
    expect(error).toMatchObject({
      name: 'QueryLanguageError',
      position: 27,
      expression: 'attribute:ecs.instance-type',
      issue: { code: 'expected_operator', subject: 'attribute:ecs.instance-type', found: undefined },
    });
  });
});
