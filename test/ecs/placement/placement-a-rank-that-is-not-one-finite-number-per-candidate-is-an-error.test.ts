import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StrategyPlugin } from '../../../src/ecs/placement/framework.js';
import { place } from '../../../src/ecs/placement/place.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';
import { containerInstance, context, request } from './placement-fixtures.js';

/**
 * STYLE §5: the framework owns the order and checks plug-in output — one finite rank per
 * candidate. A plug-in that breaks that is a bug, so the decision is `Error`, never a
 * silent pick of some instance.
 */
function decideWith(rank: StrategyPlugin['rank']) {
  const r = PlacementRegistry.withBuiltins();
  r.registerStrategy('broken', { args: z.undefined(), create: (): StrategyPlugin => ({ name: 'broken', rank }) });
  const instances = [containerInstance(0), containerInstance(1)];
  const req = request({ strategy: [{ type: 'broken' }] });
  return place(r, context(instances, req.group), req);
}

describe('a strategy plug-in that returns bad ranks', () => {
  it.each([
    ['too few ranks', () => [0]],
    ['too many ranks', () => [0, 1, 2]],
    ['NaN', () => [0, Number.NaN]],
    ['Infinity', () => [Number.POSITIVE_INFINITY, 0]],
  ] as const)('%s: the decision is Error and nothing is chosen', (_name, rank) => {
    const decision = decideWith(rank);
    expect(decision.status).toBe('Error');
    expect(decision.chosen).toBeUndefined();
    expect(decision.failures[0]?.reason).toMatch(/^strategy broken returned/);
  });
});
