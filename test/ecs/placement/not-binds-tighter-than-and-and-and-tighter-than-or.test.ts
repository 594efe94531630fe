import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, type Expression } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/**
 * ecs-facts S-022: compound forms &&/and, ||/or, !/not, with parentheses for precedence.
 * Standard precedence: not, then and, then or; and and or group to the left.
 */
const a: Expression = { kind: 'comparison', subject: 'attribute:a', operator: 'equals', value: '1' };
const b: Expression = { kind: 'comparison', subject: 'attribute:b', operator: 'equals', value: '1' };
const c: Expression = { kind: 'comparison', subject: 'attribute:c', operator: 'equals', value: '1' };
const A = 'attribute:a == 1';
const B = 'attribute:b == 1';
const C = 'attribute:c == 1';

describe('precedence', () => {
  it('and binds tighter than or, on either side', () => {
    expect(parseExpression(`${A} or ${B} and ${C}`)).toEqual({ kind: 'or', left: a, right: { kind: 'and', left: b, right: c } });
    expect(parseExpression(`${A} and ${B} or ${C}`)).toEqual({ kind: 'or', left: { kind: 'and', left: a, right: b }, right: c });
  });

  it('not binds tighter than and', () => {
    expect(parseExpression(`not ${A} and ${B}`)).toEqual({ kind: 'and', left: { kind: 'not', operand: a }, right: b });
    expect(parseExpression(`!${A} && ${B}`)).toEqual({ kind: 'and', left: { kind: 'not', operand: a }, right: b });
  });

  it('parentheses override it', () => {
    expect(parseExpression(`(${A} or ${B}) and ${C}`)).toEqual({ kind: 'and', left: { kind: 'or', left: a, right: b }, right: c });
    expect(parseExpression(`not(${A} and ${B})`)).toEqual({ kind: 'not', operand: { kind: 'and', left: a, right: b } });
    expect(parseExpression(`((${A}))`)).toEqual(a);
  });

  it('and and or group to the left', () => {
    expect(parseExpression(`${A} and ${B} and ${C}`)).toEqual({ kind: 'and', left: { kind: 'and', left: a, right: b }, right: c });
    expect(parseExpression(`${A} || ${B} || ${C}`)).toEqual({ kind: 'or', left: { kind: 'or', left: a, right: b }, right: c });
  });

  it('symbols and words mix freely', () => {
    expect(parseExpression(`${A} && ${B} or !(${C})`)).toEqual(parseExpression(`${A} and ${B} || not ${C}`));
    expect(parseExpression(`not not ${A}`)).toEqual({ kind: 'not', operand: { kind: 'not', operand: a } });
  });

  it('the AWS page example (expression1 or expression2) and expression3 differs from its unparenthesised form', () => {
    // a and b false, c... an instance where only a holds: (a or b) and c is false, a or (b and c) is true.
    const onlyA = instance({ attributes: { a: '1' } });
    expect(evaluate(parseExpression(`(${A} or ${B}) and ${C}`), onlyA)).toBe(false);
    expect(evaluate(parseExpression(`${A} or ${B} and ${C}`), onlyA)).toBe(true);
  });
});
