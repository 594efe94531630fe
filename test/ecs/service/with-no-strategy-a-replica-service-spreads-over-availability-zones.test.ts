import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, fargateDefinition, instances } from '../model/support.js';
import { createService } from './support.js';

// ecs-facts S-007: a service with no strategy spreads on attribute:ecs.availability-zone;
// S-009: it places in the AZ with the fewest of its tasks. S-006, S-004: a strategy given
// replaces the default, and binpack on memory picks the instance with the least memory
// left. S-015: Fargate services are spread across AZs too.
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const perAz = (tasks: readonly { availabilityZone: string }[]) => AZS.map((az) => tasks.filter((t) => t.availabilityZone === az).length);

// One instance in us-east-1a, two in 1b, three in 1c: spreading over instances alone would
// put 1, 2 and 3 tasks in the AZs; spreading over AZs puts 2 in each.
const lopsided = [
  instances({ name: 'a', count: 1, availabilityZones: ['us-east-1a'] }),
  instances({ name: 'b', count: 2, availabilityZones: ['us-east-1b'] }),
  instances({ name: 'c', count: 3, availabilityZones: ['us-east-1c'] }),
];

describe('placement of a REPLICA service (S-007, S-009)', () => {
  it('with no strategy puts 6 tasks 2 to each of 3 AZs, even when the AZs hold 1, 2 and 3 instances', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const m = buildModel(ecsConfig({ instanceGroups: lopsided, definitions: [ec2Definition('web')], timeline: [createService(60_000, 'web', 'web', { desiredCount: 6 })] }), seed);
      m.run(5 * 60_000);
      expect(perAz(m.tasks('web'))).toEqual([2, 2, 2]);
    }
  });

  it('with no strategy spreads within an AZ over its instances (S-009: fewest tasks of the service)', () => {
    const m = buildModel(ecsConfig({ instanceGroups: lopsided, definitions: [ec2Definition('web')], timeline: [createService(60_000, 'web', 'web', { desiredCount: 6 })] }));
    const r = m.run(5 * 60_000);
    const refsIn = (az: string) => (r.tasksByLabel.web ?? []).filter((t) => t.availabilityZone === az).map((t) => t.instanceRef);
    // 1b's two tasks on its two instances; 1c's two on two of its three.
    expect(new Set(refsIn('us-east-1b')).size).toBe(2);
    expect(new Set(refsIn('us-east-1c')).size).toBe(2);
  });

  it('with binpack on memory packs all 6 tasks onto one instance instead (S-004, S-006)', () => {
    const m = buildModel(
      ecsConfig({ instanceGroups: lopsided, definitions: [ec2Definition('web')], timeline: [createService(60_000, 'web', 'web', { desiredCount: 6, placementStrategy: [{ type: 'binpack', field: 'memory' }] })] }),
    );
    const r = m.run(5 * 60_000);
    expect(r.services.web?.runningCount).toBe(6);
    expect(new Set(m.tasks('web').map((t) => t.containerInstanceArn)).size).toBe(1);
  });

  it('on Fargate puts 6 tasks 2 to each AZ (S-015)', () => {
    const m = buildModel(
      ecsConfig({
        fargate: { availabilityZones: AZS, pullBandwidthMBps: { constant: 100 } },
        definitions: [fargateDefinition('web')],
        timeline: [createService(60_000, 'web', 'web', { desiredCount: 6, launchType: 'FARGATE' })],
      }),
    );
    const r = m.run(5 * 60_000);
    expect(r.services.web?.runningCount).toBe(6);
    expect(perAz(m.tasks('web'))).toEqual([2, 2, 2]);
  });
});
