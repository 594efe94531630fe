import { describe, expect, it } from 'vitest';
import { SERVICE_ACTION_MAPPINGS, serviceActionFor } from '../../../src/ecs/events/service-actions.js';
import { rebalancingMessages } from '../../../src/ecs/service/az-rebalancing.js';
import { serviceMessages } from '../../../src/ecs/service/service.js';

/** Builders that make texts other than service events (rolloutStateReason, stoppedReason). */
const NOT_SERVICE_EVENTS = ['serviceMessages.rolloutInProgress', 'serviceMessages.rolloutCompleted', 'serviceMessages.rolloutFailed', 'serviceMessages.rolloutRollingBack', 'serviceMessages.scalingStopReason', 'serviceMessages.containerHealthStopReason', 'rebalancingMessages.stopReason'];

describe('the one table from service event texts to ECS Service Action events (ecs-facts S-115)', () => {
  it.each(SERVICE_ACTION_MAPPINGS.map((row) => [row.builder, row] as const))('%s: its pattern matches its builder\'s text and no other row does', (_builder, row) => {
    const text = row.sample();
    expect(text).toMatch(row.pattern);
    expect(SERVICE_ACTION_MAPPINGS.filter((r) => r.pattern.test(text)).map((r) => r.builder)).toEqual([row.builder]);
    expect(serviceActionFor(text)).toBe(row);
  });

  it('every service-event builder in service.ts and az-rebalancing.ts has a row (emitted or listed as not emitted)', () => {
    const builders = [...Object.keys(serviceMessages).map((k) => `serviceMessages.${k}`), ...Object.keys(rebalancingMessages).map((k) => `rebalancingMessages.${k}`)].filter((b) => !NOT_SERVICE_EVENTS.includes(b));
    const rows = new Set(SERVICE_ACTION_MAPPINGS.map((r) => r.builder));
    expect(builders.filter((b) => !rows.has(b))).toEqual([]);
  });

  it('maps the documented names and types', () => {
    const of = (text: string): [string | undefined, string | undefined] => [serviceActionFor(text)?.eventName, serviceActionFor(text)?.eventType];
    expect(of(serviceMessages.started('web', ['t1', 't2']))).toEqual(['TASKS_STARTED', 'INFO']);
    expect(of(serviceMessages.steadyState('web'))).toEqual(['SERVICE_STEADY_STATE', 'INFO']);
    expect(of(serviceMessages.throttled('web'))).toEqual(['SERVICE_TASK_START_IMPAIRED', 'WARN']);
    expect(of('(service web) was unable to place a task. Reason: Internal error.')).toEqual(['SERVICE_TASK_PLACEMENT_FAILURE', 'ERROR']);
    expect(of(rebalancingMessages.started('web', [['us-east-1a', 2]]))).toEqual(['SERVICE_REBALANCING_STARTED', 'INFO']);
    expect(of(serviceMessages.deploymentCompleted('web', 'ecs-svc/1'))).toEqual([undefined, undefined]);
  });

  it('a placement failure names the rejected resource as its reason', () => {
    const text = '(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance abc) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';
    expect(serviceActionFor(text)?.reason?.(text)).toBe('RESOURCE:MEMORY');
  });
});
