import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/**
 * AWS task-placement-constraints, "Exclude an attribute value": `attribute:stack != prod`
 * lists "the instances with the custom attribute stack unless the attribute value is prod".
 * So every test on an attribute the instance lacks is false, except !exists.
 */
const without = instance({ attributes: { 'ecs.instance-type': 't2.small' } });
const dev = instance({ attributes: { stack: 'dev' } });
const prod = instance({ attributes: { stack: 'prod' } });
const holds = (text: string, target = without) => evaluate(parseExpression(text), target);

describe('a test on an attribute', () => {
  it.each(['attribute:stack == prod', 'attribute:stack != prod', 'attribute:stack > a', 'attribute:stack <= z', 'attribute:stack in [prod]', 'attribute:stack !in [prod]', 'attribute:stack =~ .*', 'attribute:stack !~ prod', 'attribute:stack exists'])(
    '%s is false on an instance without the attribute',
    (text) => {
      expect(holds(text)).toBe(false);
    },
  );

  it('!exists holds only on an instance without it', () => {
    expect(holds('attribute:stack !exists')).toBe(true);
    expect(holds('attribute:stack not_exists', dev)).toBe(false);
  });

  it('!= holds on an instance with another value', () => {
    expect(holds('attribute:stack != prod', dev)).toBe(true);
    expect(holds('attribute:stack != prod', prod)).toBe(false);
  });

  it('== is string equality', () => {
    expect(holds('attribute:rack == 10', instance({ attributes: { rack: '10' } }))).toBe(true);
    expect(holds('attribute:rack == 10.0', instance({ attributes: { rack: '10' } }))).toBe(false);
    expect(holds('attribute:stack == Prod', prod)).toBe(false);
  });

  it('orders numbers as numbers and other values by code unit', () => {
    const rack10 = instance({ attributes: { rack: '10', zone: 'b' } });
    expect(holds('attribute:rack > 9', rack10)).toBe(true);
    expect(holds('attribute:rack < 9.5', rack10)).toBe(false);
    expect(holds('attribute:zone > a', rack10)).toBe(true);
    expect(holds('attribute:zone < B', rack10)).toBe(false);
  });

  it('does not see properties an attributes object inherits', () => {
    expect(holds('attribute:toString exists')).toBe(false);
    expect(holds('attribute:constructor !exists')).toBe(true);
  });
});
