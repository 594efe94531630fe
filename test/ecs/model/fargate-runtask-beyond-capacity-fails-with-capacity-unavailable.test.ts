import { describe, expect, it } from 'vitest';
import { buildModel, ecsConfig, fargateDefinition, runTaskAt } from './support.js';

// ecs-facts T-088, T-095: Fargate capacity is finite; RunTask reports what it could not
// place as failures (T-112), not as an exception. The reason text is the one real
// RunTask responses show for Fargate capacity.
const UNAVAILABLE = 'Capacity is unavailable at this time. Please try again later or in a different availability zone';

describe('Fargate capacity', () => {
  // Two AZs with 1 vCPU each; tasks of 0.5 vCPU: four fit.
  const fargate = { availabilityZones: ['us-east-1a', 'us-east-1b'], vcpuCapacityPerAz: { 'us-east-1a': 1, 'us-east-1b': 1 }, pullBandwidthMBps: { constant: 100 } };

  it('places what fits and returns a capacity failure for each task beyond it', () => {
    const m = buildModel(ecsConfig({ fargate, definitions: [fargateDefinition('web', '512', '1024')], timeline: [runTaskAt(10_000, 'web', 'web', { launchType: 'FARGATE', count: 6 })] }));
    const result = m.run(120_000);
    const outcome = result.runTask[0];
    expect(outcome?.exception).toBeUndefined();
    expect(outcome?.tasks).toHaveLength(4);
    expect(outcome?.failures.map((f) => f.reason)).toEqual([UNAVAILABLE, UNAVAILABLE]);
    expect(m.tasks('web').filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(4);
  });

  it('refuses a task larger than any AZ can hold, even with nothing running', () => {
    const m = buildModel(ecsConfig({ fargate, definitions: [fargateDefinition('big', '2048', '4096')], timeline: [runTaskAt(10_000, 'big', 'big', { launchType: 'FARGATE' })] }));
    const result = m.run(60_000);
    expect(result.runTask[0]?.tasks).toEqual([]);
    expect(result.runTask[0]?.failures).toEqual([{ reason: UNAVAILABLE }]);
  });

  it('gives the capacity back once the tasks have stopped', () => {
    const m = buildModel(
      ecsConfig({
        fargate,
        definitions: [fargateDefinition('web', '512', '1024')],
        timeline: [
          runTaskAt(10_000, 'web', 'first', { launchType: 'FARGATE', count: 4 }),
          { kind: 'stopTask', atMs: 300_000, label: 'first' },
          runTaskAt(600_000, 'web', 'second', { launchType: 'FARGATE', count: 4 }),
        ],
      }),
    );
    const result = m.run(700_000);
    expect(m.tasks('first').every((t) => t.lastStatus === 'STOPPED')).toBe(true);
    expect(result.runTask[1]?.tasks).toHaveLength(4);
    expect(result.runTask[1]?.failures).toEqual([]);
  });

  it('places in another AZ when one is full', () => {
    const lopsided = { ...fargate, vcpuCapacityPerAz: { 'us-east-1a': 0, 'us-east-1b': 4 } };
    const m = buildModel(ecsConfig({ fargate: lopsided, definitions: [fargateDefinition('web', '512', '1024')], timeline: [runTaskAt(10_000, 'web', 'web', { launchType: 'FARGATE', count: 4 })] }));
    m.run(60_000);
    expect(m.tasks('web').map((t) => t.availabilityZone)).toEqual(['us-east-1b', 'us-east-1b', 'us-east-1b', 'us-east-1b']);
  });
});
