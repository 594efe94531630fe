import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/ecs/placement/query-language.js';
import { queryError } from './query-target.js';

/** ecs-facts S-005: a constraint expression can be up to 2000 characters. */
describe('expression length', () => {
  const exactly = (n: number) => {
    const head = 'attribute:stack == ';
    return head + 'x'.repeat(n - head.length);
  };

  it('2000 characters parse', () => {
    expect(() => parseExpression(exactly(2000))).not.toThrow();
  });

  it('2001 characters are refused', () => {
    const error = queryError(() => parseExpression(exactly(2001)));
    expect(error.position).toBe(2000);
    expect(error.message).toMatchInlineSnapshot(`"expression is 2001 characters long; ECS allows at most 2000 (the excess starts at column 2000)"`);
  });
});
