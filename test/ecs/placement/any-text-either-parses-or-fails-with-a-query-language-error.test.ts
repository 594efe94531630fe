import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExpression, parseExpression, QueryLanguageError } from '../../../src/ecs/placement/query-language.js';

/**
 * Scenario files carry expressions as text; whatever the text, the parser either returns a
 * tree that prints and reparses to itself, or throws a QueryLanguageError with a column
 * inside the text (never a TypeError, never a JS regex SyntaxError).
 */
const PIECES = [
  'attribute:stack', 'agentVersion', 'agentConnected', 'registeredAt', 'runningTasksCount', 'task:group', 'ec2InstanceId', 'attribute:',
  '==', '!=', '>', '>=', '<', '<=', 'exists', '!exists', 'in', '!in', '=~', '!~', 'equals', 'not_in', 'matches',
  'and', 'or', 'not', '&&', '||', '!', '(', ')', '[', ']', ',', "'", '"', ' ', '\t',
  'prod', 't2.*', '1.14.5', '2018-06-18', '2018-06-18T22:28:28Z', '3', 'true', '(t2|t3)', '\\Q', '\\E', '\\p{Alpha}', '{2}', '*+', 'x',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(''));
const spaced = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(' '));

describe('any text', () => {
  it('parses to a tree that reprints to itself, or fails with a column inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(text, spaced, fc.string({ maxLength: 30 })), (input) => {
        let parsed;
        try {
          parsed = parseExpression(input);
        } catch (e) {
          expect(e).toBeInstanceOf(QueryLanguageError);
          const { position } = e as QueryLanguageError;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(input.length);
          return;
        }
        expect(parseExpression(formatExpression(parsed))).toEqual(parsed);
      }),
      { numRuns: 1000 },
    );
  });
});
