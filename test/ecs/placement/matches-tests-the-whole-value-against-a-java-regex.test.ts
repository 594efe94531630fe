import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression } from '../../../src/ecs/placement/query-language.js';
import { instance, queryError } from './query-target.js';

/**
 * ecs-facts S-022: matches and not_matches take a Java regular expression
 * (java.util.regex.Pattern), which must match the whole value, as Java's matches() does.
 */
const type = (value: string) => instance({ attributes: { 'ecs.instance-type': value } });
const matches = (pattern: string, value: string) => evaluate(parseExpression(`attribute:ecs.instance-type =~ ${pattern}`), type(value));

describe('=~', () => {
  it('matches the whole value, not a part of it', () => {
    expect(matches('t2.*', 't2.small')).toBe(true);
    expect(matches('t2.*', 'xt2.small')).toBe(false);
    expect(matches('t2', 't2.small')).toBe(false);
    expect(matches('small', 't2.small')).toBe(false);
    expect(matches('.*small', 't2.small')).toBe(true);
  });

  it('keeps the whole-value anchors under (?m)', () => {
    expect(matches("'(?m)a$'", 'a\nb')).toBe(false);
  });

  it('takes a regex that starts with a character class, or holds a group when quoted', () => {
    expect(matches('[gp]3.*', 'g3.4xlarge')).toBe(true);
    expect(matches("'(t2|t3).micro'", 't3.micro')).toBe(true);
    expect(matches("'(t2|t3).micro'", 'm5.micro')).toBe(false);
  });

  it('reads the Java-only constructs', () => {
    expect(matches('\\Qt2.\\Esmall', 't2.small')).toBe(true);
    expect(matches('\\Qt2.\\Esmall', 't2xsmall')).toBe(false);
    expect(matches("'(?i)T2\\.SMALL'", 't2.small')).toBe(true);
    expect(matches('\\p{Lower}\\p{Digit}\\..*', 't2.small')).toBe(true);
    expect(matches('\\p{Alpha}+', 't2')).toBe(false);
    expect(matches('\\At2\\.small\\z', 't2.small')).toBe(true);
    expect(matches('[^\\p{Upper}]+', 't2.small')).toBe(true);
    expect(matches('t2\\.sm\\x61ll', 't2.small')).toBe(true);
    expect(matches('t2\\.sm\\0141ll', 't2.small')).toBe(true);
    expect(matches('[]a]+', ']a]')).toBe(true);
    expect(matches('a}', 'a}')).toBe(true);
  });

  it('!~ is the negation on an instance with the attribute', () => {
    const hit = parseExpression('attribute:ecs.instance-type !~ t2.*');
    expect(evaluate(hit, type('t2.small'))).toBe(false);
    expect(evaluate(hit, type('m5.large'))).toBe(true);
  });

  it('refuses what JS cannot express rather than changing its meaning', () => {
    const message = (pattern: string) => queryError(() => parseExpression(`attribute:ecs.instance-type =~ ${pattern}`)).message;
    expect(message('t2.*+')).toMatchInlineSnapshot(`"invalid regular expression "t2.*+" at column 31: possessive quantifiers (such as *+) are not supported"`);
    expect(message("'(?>t2).*'")).toMatchInlineSnapshot(`"invalid regular expression "(?>t2).*" at column 31: atomic groups (?>…) are not supported"`);
    expect(message("'[a-z&&[^aeiou]]+'")).toMatchInlineSnapshot(`"invalid regular expression "[a-z&&[^aeiou]]+" at column 31: character class intersections (&&) are not supported"`);
    expect(message('t2\\h')).toMatchInlineSnapshot(`"invalid regular expression "t2\\\\h" at column 31: the escape \\h is not supported"`);
    expect(message("'t2(?i).*'")).toMatchInlineSnapshot(`"invalid regular expression "t2(?i).*" at column 31: inline flags are supported only at the start, as (?i), (?m) or (?s)"`);
    expect(message('t2{')).toMatchInlineSnapshot(`"invalid regular expression "t2{" at column 31: a "{" must start a repetition such as {2} or {1,3}"`);
  });
});
