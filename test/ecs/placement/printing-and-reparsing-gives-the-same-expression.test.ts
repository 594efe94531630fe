import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExpression, OPERATOR_SPELLINGS, parseExpression, type Expression } from '../../../src/ecs/placement/query-language.js';
import { expressionArbitrary, PARSE_POOLS } from './query-arbitraries.js';

/**
 * formatExpression prints the canonical form; any other way of writing the same tree
 * (aliases, `!` for not, `&&`/`||`, extra spaces and parentheses, needless quotes) parses to
 * the same tree too.
 */
const expressions = expressionArbitrary(PARSE_POOLS);

/** Prints `e` with random spellings, spacing, parentheses and quoting. */
function vary(e: Expression, g: fc.GeneratorValue): string {
  const pick = <T>(...options: T[]): T => g(fc.constantFrom, ...options);
  const space = () => pick('', ' ', '  ', '\t', '\n');
  const gap = () => pick(' ', '  ', '\t');
  const value = (v: string, inList: boolean): string => {
    const canonical = inList ? formatExpression({ kind: 'membership', subject: 'task:group', operator: 'in', values: [v] }).slice('task:group in ['.length, -1) : formatExpression({ kind: 'comparison', subject: 'task:group', operator: 'equals', value: v }).slice('task:group == '.length);
    if (canonical !== v) return canonical;
    if (!v.includes("'") && pick(false, true)) return `'${v}'`;
    if (!v.includes('"') && pick(false, true)) return `"${v}"`;
    return v;
  };
  const paren = (text: string) => (pick(false, false, true) ? `(${space()}${text}${space()})` : text);
  const atom = (x: Expression): string => {
    const text = vary(x, g);
    return x.kind === 'and' || x.kind === 'or' ? `(${text})` : paren(text);
  };
  switch (e.kind) {
    case 'comparison':
      return `${e.subject}${gap()}${pick(...OPERATOR_SPELLINGS[e.operator])}${gap()}${value(e.value, false)}`;
    case 'membership':
      return `${e.subject}${gap()}${pick(...OPERATOR_SPELLINGS[e.operator])}${space()}[${space()}${e.values.map((v) => value(v, true)).join(`${space()},${space()}`)}${space()}]`;
    case 'existence':
      return `${e.subject}${gap()}${pick(...OPERATOR_SPELLINGS[e.operator])}`;
    case 'not': {
      const operand = atom(e.operand);
      const word = pick('not', '!');
      // "not" needs a gap before a subject; "!" and "(" need none.
      return word === 'not' && !operand.startsWith('(') ? `not${gap()}${operand}` : `${word}${space()}${operand}`;
    }
    case 'and': {
      const left = e.left.kind === 'or' ? `(${vary(e.left, g)})` : paren(vary(e.left, g));
      const right = e.right.kind === 'or' || e.right.kind === 'and' ? `(${vary(e.right, g)})` : paren(vary(e.right, g));
      return `${left}${gap()}${pick('and', '&&')}${gap()}${right}`;
    }
    case 'or': {
      const right = e.right.kind === 'or' ? `(${vary(e.right, g)})` : paren(vary(e.right, g));
      return `${paren(vary(e.left, g))}${gap()}${pick('or', '||')}${gap()}${right}`;
    }
  }
}

describe('printing and reparsing', () => {
  it('formatExpression reads back as the same tree', () => {
    fc.assert(
      fc.property(expressions, (e) => {
        expect(parseExpression(formatExpression(e))).toEqual(e);
      }),
      { numRuns: 500 },
    );
  });

  it('every other spelling of the tree reads back as it too', () => {
    fc.assert(
      fc.property(expressions, fc.gen(), (e, g) => {
        const text = vary(e, g);
        expect(parseExpression(text), text).toEqual(e);
      }),
      { numRuns: 500 },
    );
  });

  it('prints the documented examples as the AWS page writes them', () => {
    for (const text of [
      'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]',
      'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d',
      'task:group == service:production',
      'not(task:group == database)',
      'agentVersion < 1.14.5',
      '(attribute:a == 1 or attribute:b == 1) and attribute:c == 1',
    ]) {
      expect(formatExpression(parseExpression(text))).toBe(text);
    }
  });

  it('quotes a value only when it must', () => {
    expect(formatExpression(parseExpression(`attribute:team == 'data science'`))).toBe(`attribute:team == 'data science'`);
    expect(formatExpression(parseExpression(`attribute:owner == "o'brien and co"`))).toBe(`attribute:owner == "o'brien and co"`);
    expect(formatExpression(parseExpression(`attribute:x in ['a,b', 'c]', "d"]`))).toBe(`attribute:x in ['a,b', 'c]', d]`);
    expect(formatExpression(parseExpression(`attribute:x =~ '(t2|t3).*'`))).toBe(`attribute:x =~ '(t2|t3).*'`);
  });
});
