import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, fargateDefinition, instances, runTaskAt } from './support.js';

// ecs-facts T-091: Fargate does not cache images; every task pulls the whole image.
// (T-087: an EC2 instance does cache, for contrast.) 1000 MB at 100 MB/s + 1 s overhead.
const FULL_PULL_MS = 11_000;

const pullMs = (t: { pullStartedAt?: number; pullStoppedAt?: number }) => (t.pullStartedAt === undefined || t.pullStoppedAt === undefined ? undefined : t.pullStoppedAt - t.pullStartedAt);

describe('image pulls on Fargate (T-091)', () => {
  it('take the full pull time for two tasks of the same image, one after the other', () => {
    const m = buildModel(
      ecsConfig({
        fargate: { availabilityZones: ['us-east-1a'], pullBandwidthMBps: { constant: 100 } },
        definitions: [fargateDefinition('web')],
        timeline: [runTaskAt(10_000, 'web', 'first', { launchType: 'FARGATE' }), runTaskAt(300_000, 'web', 'second', { launchType: 'FARGATE' })],
      }),
    );
    const result = m.run(600_000);
    expect(m.task('first').lastStatus).toBe('RUNNING');
    expect(m.task('second').lastStatus).toBe('RUNNING');
    expect([pullMs(m.task('first')), pullMs(m.task('second'))]).toEqual([FULL_PULL_MS, FULL_PULL_MS]);
    expect(result.images.cacheHits).toBe(0);
  });

  it('unlike an EC2 instance, where the second task finds the layers cached (T-087)', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances()],
        definitions: [ec2Definition('web', { image: 'web:1' })],
        timeline: [runTaskAt(60_000, 'web', 'first'), runTaskAt(300_000, 'web', 'second')],
      }),
    );
    m.run(600_000);
    expect(pullMs(m.task('first'))).toBe(FULL_PULL_MS);
    expect(pullMs(m.task('second'))).toBeLessThan(FULL_PULL_MS);
  });
});
