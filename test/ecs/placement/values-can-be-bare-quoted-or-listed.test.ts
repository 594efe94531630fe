import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/ecs/placement/query-language.js';

/**
 * Arguments (AWS cluster-query-language, "Argument"): a literal value, or for in/not_in an
 * argument list `[argument1, argument2, ..., argumentN]`; the page's own example quotes its
 * items, `ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']`.
 */
describe('argument values', () => {
  it('a quoted value is the text between the quotes', () => {
    expect(parseExpression("ec2InstanceId in ['i-abcd1234', \"i-wxyx7890\"]")).toEqual({
      kind: 'membership',
      subject: 'ec2InstanceId',
      operator: 'in',
      values: ['i-abcd1234', 'i-wxyx7890'],
    });
    expect(parseExpression("attribute:stack == 'prod'")).toEqual(parseExpression('attribute:stack == prod'));
  });

  it('quotes hold spaces, which attribute values may contain', () => {
    expect(parseExpression("attribute:team == 'data science'")).toMatchObject({ value: 'data science' });
    expect(parseExpression('attribute:team in ["data science", ops]')).toMatchObject({ values: ['data science', 'ops'] });
  });

  it('a bare value may hold a quote after its first character, and colons, slashes and at signs', () => {
    expect(parseExpression("attribute:owner == o'brien")).toMatchObject({ value: "o'brien" });
    expect(parseExpression('attribute:arn == arn:aws:outposts:us-east-1:123456789012:outpost/op-1234@x')).toMatchObject({
      value: 'arn:aws:outposts:us-east-1:123456789012:outpost/op-1234@x',
    });
  });

  it('needs no spaces around operators, brackets or parentheses', () => {
    expect(parseExpression('runningTasksCount>=1')).toEqual(parseExpression('runningTasksCount >= 1'));
    expect(parseExpression('not(runningTasksCount==1)')).toEqual(parseExpression('not (runningTasksCount == 1)'));
    expect(parseExpression('attribute:az in[a,b]')).toEqual(parseExpression('attribute:az in [a, b]'));
    expect(parseExpression('runningTasksCount == 1&&agentConnected == true')).toEqual(parseExpression('runningTasksCount == 1 and agentConnected == true'));
  });

  it('lists keep their order and duplicates', () => {
    expect(parseExpression('attribute:az in [b, a, b]')).toMatchObject({ values: ['b', 'a', 'b'] });
  });
});
