import { describe, expect, it } from 'vitest';
import { memberOf, QueryLanguageError } from '../../../src/ecs/placement/query-language.js';
import { instance } from './query-target.js';

/** ecs-facts S-017: memberOf places only on instances that satisfy the expression. */
describe('memberOf', () => {
  it('keeps the instances that satisfy the expression', () => {
    const fleet = [
      instance({ ec2InstanceId: 'i-1', attributes: { 'ecs.instance-type': 't2.micro' } }),
      instance({ ec2InstanceId: 'i-2', attributes: { 'ecs.instance-type': 'm5.large' } }),
      instance({ ec2InstanceId: 'i-3', attributes: { 'ecs.instance-type': 't2.small' }, agentConnected: false }),
    ];
    const t2 = memberOf('attribute:ecs.instance-type =~ t2.* and agentConnected == true');
    expect(fleet.filter(t2).map((i) => i.ec2InstanceId)).toEqual(['i-1']);
  });

  it('throws for a bad expression when built, not when used', () => {
    expect(() => memberOf('attribute:ecs.instance-type ~= t2.*')).toThrow(QueryLanguageError);
  });

  it('takes the epoch for registeredAt', () => {
    const recent = memberOf('registeredAt >= 2018-06-18', { epochMs: Date.UTC(2018, 5, 17) });
    expect(recent(instance({ registeredAtMs: 86_400_000 }))).toBe(true);
    expect(recent(instance({ registeredAtMs: 86_399_999 }))).toBe(false);
  });
});
