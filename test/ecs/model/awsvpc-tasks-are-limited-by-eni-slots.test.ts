import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances, runTaskAt } from './support.js';

// ecs-facts T-081: each awsvpc task takes one ENI and the primary ENI counts, so a
// c5.large (3 ENIs) takes 2 awsvpc tasks, or 10 with trunking. T-075: RESOURCE:ENI.
const awsvpc = ec2Definition('api', { memory: 128 }, { networkMode: 'awsvpc' });

function place(awsvpcTrunking: boolean, count: number) {
  const m = buildModel(ecsConfig({ instanceGroups: [instances({ instanceType: 'c5.large', awsvpcTrunking })], definitions: [awsvpc, ec2Definition('bridge', { memory: 128 })], timeline: [runTaskAt(60_000, 'api', 'api', { count }), runTaskAt(61_000, 'bridge', 'bridge', { count: 3 })] }));
  return m.run(120_000);
}

describe('ENI slots for awsvpc tasks (T-081)', () => {
  it('limit a c5.large without trunking to 2 awsvpc tasks; the third fails with RESOURCE:ENI', () => {
    const result = place(false, 3);
    expect(result.runTask[0]?.tasks).toHaveLength(2);
    expect(result.runTask[0]?.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI']);
  });

  it('allow 10 awsvpc tasks on a c5.large with trunking, and no 11th', () => {
    const result = place(true, 10);
    expect(result.runTask[0]?.tasks).toHaveLength(10);
    const more = buildModel(
      ecsConfig({ instanceGroups: [instances({ instanceType: 'c5.large', awsvpcTrunking: true })], definitions: [awsvpc], timeline: [runTaskAt(60_000, 'api', 'ten', { count: 10 }), runTaskAt(61_000, 'api', 'eleventh')] }),
    ).run(120_000);
    expect(more.runTask[1]?.failures.map((f) => f.reason)).toEqual(['RESOURCE:ENI']);
  });

  it('do not limit bridge-mode tasks', () => {
    const result = place(false, 2);
    expect(result.runTask[1]?.tasks).toHaveLength(3);
  });

  it('come back when an awsvpc task stops', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances({ instanceType: 'c5.large' })],
        definitions: [awsvpc],
        timeline: [runTaskAt(60_000, 'api', 'first', { count: 2 }), { kind: 'stopTask', atMs: 120_000, label: 'first' }, runTaskAt(180_000, 'api', 'second', { count: 2 })],
      }),
    );
    const result = m.run(240_000);
    expect(result.runTask[1]?.tasks).toHaveLength(2);
  });
});
