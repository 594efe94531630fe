import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/** ecs-facts S-024: `agentVersion < 1.14.5` selects instances running an agent below 1.14.5. */
const below = (agentVersion: string, than = '1.14.5') => evaluate(parseExpression(`agentVersion < ${than}`), instance({ agentVersion }));

describe('agentVersion', () => {
  it('agentVersion < 1.14.5 selects the agents below it', () => {
    expect(below('1.14.4')).toBe(true);
    expect(below('1.2.0')).toBe(true);
    expect(below('1.14.5')).toBe(false);
    expect(below('1.87.0')).toBe(false);
  });

  it('compares each part as a number, not as text', () => {
    expect(below('1.14.5', '1.100.0')).toBe(true);
    expect(below('1.9', '1.10')).toBe(true);
    expect(below('10.0.0', '9.0.0')).toBe(false);
  });

  it('counts missing parts as 0', () => {
    expect(evaluate(parseExpression('agentVersion == 1.14'), instance({ agentVersion: '1.14.0' }))).toBe(true);
    expect(evaluate(parseExpression('agentVersion >= 2'), instance({ agentVersion: '2.0.0' }))).toBe(true);
  });

  it('reads the numeric part of a pre-release agent version', () => {
    expect(evaluate(parseExpression('agentVersion == 1.87.0'), instance({ agentVersion: '1.87.0-rc1' }))).toBe(true);
  });
});
