import { describe, expect, it } from 'vitest';
import { named, ofType, runWithEvents } from './run-events.js';

describe('ECS Service Action events for a new service (ecs-facts S-114, S-115)', () => {
  const { events } = runWithEvents('13-rolling-deployment.yaml');
  const actions = ofType(events, 'ECS Service Action');

  it('TASKS_STARTED comes before the first SERVICE_STEADY_STATE, both INFO', () => {
    const started = actions.findIndex((e) => e.detail['eventName'] === 'TASKS_STARTED');
    const steady = actions.findIndex((e) => e.detail['eventName'] === 'SERVICE_STEADY_STATE');
    expect(started).toBeGreaterThanOrEqual(0);
    expect(steady).toBeGreaterThan(started);
    expect(actions[started]!.detail['eventType']).toBe('INFO');
    expect(actions[steady]!.detail['eventType']).toBe('INFO');
  });

  it('a service action has eventType, eventName, clusterArn, createdAt and no detail.version', () => {
    const e = named(events, 'SERVICE_STEADY_STATE')[0]!;
    expect(Object.keys(e.detail)).toEqual(['eventType', 'eventName', 'clusterArn', 'createdAt']);
    expect(e.resources[0]).toMatch(/:service\//);
    expect(e.detail['createdAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('service events without an EventBridge counterpart (target registration, draining) are not emitted', () => {
    const names = new Set(actions.map((e) => e.detail['eventName']));
    for (const n of names) expect(['TASKS_STARTED', 'TASKS_STOPPED', 'SERVICE_STEADY_STATE', 'SERVICE_TASK_PLACEMENT_FAILURE', 'SERVICE_TASK_START_IMPAIRED', 'SERVICE_REBALANCING_STARTED', 'SERVICE_REBALANCING_COMPLETED']).toContain(n);
  });
});
