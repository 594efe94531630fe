import { describe, expect, it } from 'vitest';
import { buildModel, ecsConfig, fargateDefinition, runTaskAt } from './support.js';

// ecs-facts T-088, S-015: Fargate tasks "are spread across Availability Zones"; placement
// strategies do not apply.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const perAz = (tasks: readonly { availabilityZone: string }[]) => AZS.map((az) => tasks.filter((t) => t.availabilityZone === az).length);

describe('Fargate AZ spread (T-088, S-015)', () => {
  const fargate = { availabilityZones: AZS, pullBandwidthMBps: { constant: 100 } };

  it('puts one RunTask of six tasks two to an AZ', () => {
    const m = buildModel(ecsConfig({ fargate, definitions: [fargateDefinition('web')], timeline: [runTaskAt(10_000, 'web', 'web', { launchType: 'FARGATE', count: 6 })] }));
    m.run(60_000);
    expect(perAz(m.tasks('web'))).toEqual([2, 2, 2]);
  });

  it('keeps a group balanced across several RunTask calls', () => {
    const m = buildModel(
      ecsConfig({
        fargate,
        definitions: [fargateDefinition('web')],
        timeline: [runTaskAt(10_000, 'web', 'a', { launchType: 'FARGATE', count: 2 }), runTaskAt(20_000, 'web', 'b', { launchType: 'FARGATE', count: 1 }), runTaskAt(30_000, 'web', 'c', { launchType: 'FARGATE', count: 3 })],
      }),
    );
    m.run(60_000);
    const all = [...m.tasks('a'), ...m.tasks('b')];
    expect(perAz(all)).toEqual([1, 1, 1]);
    expect(perAz([...all, ...m.tasks('c')])).toEqual([2, 2, 2]);
  });

  it('balances each group on its own', () => {
    const m = buildModel(
      ecsConfig({
        fargate,
        definitions: [fargateDefinition('web'), fargateDefinition('worker')],
        timeline: [runTaskAt(10_000, 'web', 'web', { launchType: 'FARGATE', count: 3 }), runTaskAt(10_000, 'worker', 'worker', { launchType: 'FARGATE', count: 3 })],
      }),
    );
    m.run(60_000);
    expect(perAz(m.tasks('web'))).toEqual([1, 1, 1]);
    expect(perAz(m.tasks('worker'))).toEqual([1, 1, 1]);
    expect(m.task('worker').group).toBe('family:worker');
  });
});
