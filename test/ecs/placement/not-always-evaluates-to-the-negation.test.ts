import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, formatExpression, parseExpression, type Expression, type ListOperator, type ValueOperator } from '../../../src/ecs/placement/query-language.js';
import { EVAL_POOLS, expressionArbitrary, targetArbitrary, testArbitrary } from './query-arbitraries.js';

const NEGATED: Partial<Record<ValueOperator | ListOperator, ValueOperator | ListOperator>> = { not_equals: 'equals', not_in: 'in', not_matches: 'matches' };

describe('negation', () => {
  it('not(e) evaluates to the negation of e, for every e and instance', () => {
    fc.assert(
      fc.property(expressionArbitrary(EVAL_POOLS), targetArbitrary, (e, target) => {
        const value = evaluate(e, target);
        expect(evaluate(parseExpression(`not(${formatExpression(e)})`), target)).toBe(!value);
        expect(evaluate(parseExpression(`!(${formatExpression(e)})`), target)).toBe(!value);
        expect(evaluate({ kind: 'not', operand: e }, target)).toBe(!value);
      }),
      { numRuns: 500 },
    );
  });

  it('!=, !in and !~ are not(==), not(in) and not(=~), except on an attribute the instance lacks', () => {
    fc.assert(
      fc.property(testArbitrary(EVAL_POOLS), targetArbitrary, (t, target) => {
        if (t.kind === 'existence' || t.kind === 'not' || t.kind === 'and' || t.kind === 'or') return;
        const positive = NEGATED[t.operator];
        if (positive === undefined) return;
        const negation = evaluate(t, target);
        const of = evaluate({ ...t, operator: positive } as Expression, target);
        const name = t.subject.startsWith('attribute:') ? t.subject.slice('attribute:'.length) : undefined;
        if (name !== undefined && !Object.hasOwn(target.attributes, name)) {
          // AWS: "attribute:stack != prod" lists the instances with the attribute stack unless it is prod.
          expect(negation).toBe(false);
          expect(of).toBe(false);
        } else {
          expect(negation).toBe(!of);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('!exists is not(exists)', () => {
    fc.assert(
      fc.property(fc.constantFrom('stack', 'rack', 'ecs.instance-type'), targetArbitrary, (name, target) => {
        expect(evaluate(parseExpression(`attribute:${name} !exists`), target)).toBe(!evaluate(parseExpression(`attribute:${name} exists`), target));
      }),
    );
  });
});
