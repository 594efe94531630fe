import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/scenario/simulate.js';
import { STEADY_STATE_REPEAT_MS } from '../../../src/ecs/service/scheduler.js';

// ecs-facts S-059: an idle service writes "has reached a steady state." again about every
// 6 h (observed every ≈21,610 s). Issue 19: an UpdateService that changed nothing made an
// earlier reconciliation replace the pending repeat, and the repeat was never armed again.
const scenario = (timeline: readonly Record<string, unknown>[]) => ({
  name: 'idle',
  seed: 3,
  until: '14h',
  ecs: {
    instances: [{ name: 'pool', count: 2, instanceType: 'c5.large', availabilityZones: ['us-east-1a', 'us-east-1b'] }],
    taskDefinitions: [{ definition: { family: 'web', containerDefinitions: [{ name: 'web', image: 'shop/web:1', cpu: 256, memory: 512 }] } }],
  },
  timeline: [{ at: '1m', createService: { serviceName: 'web', taskDefinition: 'web', desiredCount: 2 } }, ...timeline],
});

const steadyTimes = async (timeline: readonly Record<string, unknown>[]): Promise<number[]> => {
  const r = await simulate(scenario(timeline), { checkInvariants: true });
  expect(r.ecs?.invariantViolations).toEqual([]);
  return (r.ecs?.services.web?.events ?? [])
    .filter((e) => e.message === '(service web) has reached a steady state.')
    .map((e) => e.createdAt)
    .reverse();
};

describe('an idle service (S-059)', () => {
  it('says it has reached a steady state again every 6 hours', async () => {
    const times = await steadyTimes([]);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBe(STEADY_STATE_REPEAT_MS);
    expect(times[2]! - times[1]!).toBe(STEADY_STATE_REPEAT_MS);
  });

  it('keeps repeating after an UpdateService that changes nothing made it look earlier', async () => {
    const times = await steadyTimes([{ at: '2h', updateService: { service: 'web', desiredCount: 2 } }]);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBe(STEADY_STATE_REPEAT_MS);
    expect(times[2]! - times[1]!).toBe(STEADY_STATE_REPEAT_MS);
  });
});
