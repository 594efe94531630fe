import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FilterPlugin, StrategyPlugin } from '../../../src/ecs/placement/framework.js';
import { PlacementRegistry } from '../../../src/ecs/placement/registry.js';

/**
 * STYLE §5: the registry is a name → factory map that throws on a taken name, so a user's
 * plug-in never silently replaces one of ECS's built-ins (ecs-facts S-003, S-016, S-017).
 */
const strategy = { args: z.undefined(), create: (): StrategyPlugin => ({ name: 'mine', rank: (_ctx, _req, candidates) => candidates.map(() => 0) }) };
const constraint = { args: z.undefined(), create: (): FilterPlugin => ({ name: 'mine', filter: () => undefined }) };

describe('registering placement plug-ins', () => {
  it.each(['binpack', 'spread', 'random'])('a strategy named %s (a built-in) is refused', (name) => {
    expect(() => PlacementRegistry.withBuiltins().registerStrategy(name, strategy)).toThrow(`placement strategy type "${name}" is already registered`);
  });

  it.each(['memberOf', 'distinctInstance'])('a constraint named %s (a built-in) is refused', (name) => {
    expect(() => PlacementRegistry.withBuiltins().registerConstraint(name, constraint)).toThrow(`placement constraint type "${name}" is already registered`);
  });

  it('a new name registers once, and the second time throws; the first stays', () => {
    const r = PlacementRegistry.withBuiltins();
    r.registerStrategy('cheapestFirst', strategy);
    expect(() => r.registerStrategy('cheapestFirst', strategy)).toThrow('placement strategy type "cheapestFirst" is already registered');
    expect(r.strategyTypes()).toEqual(['binpack', 'cheapestFirst', 'random', 'spread']);
    expect(r.strategy('cheapestFirst', undefined).name).toBe('mine');
  });

  it('strategy and constraint names are separate maps', () => {
    const r = PlacementRegistry.withBuiltins();
    r.registerConstraint('spread', constraint);
    expect(r.constraintTypes()).toEqual(['distinctInstance', 'memberOf', 'spread']);
  });
});
