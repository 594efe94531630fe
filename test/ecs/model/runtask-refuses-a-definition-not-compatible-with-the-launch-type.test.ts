import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, fargateDefinition, instances, runTaskAt } from './support.js';

// ecs-facts T-052, T-061: a definition is validated for the launch types in
// `compatibilities`; RunTask with another launch type is refused with an exception
// (the text users see from ECS), and no task is created.
describe('RunTask with a launch type the definition is not compatible with', () => {
  it('refuses a bridge-mode EC2 definition on FARGATE', () => {
    const m = buildModel(
      ecsConfig({ fargate: { availabilityZones: ['us-east-1a'], pullBandwidthMBps: { constant: 100 } }, definitions: [ec2Definition('app')], timeline: [runTaskAt(10_000, 'app', 'app', { launchType: 'FARGATE' })] }),
    );
    const result = m.run(60_000);
    expect(result.runTask[0]).toMatchObject({ exception: 'InvalidParameterException: Task definition does not support launch_type FARGATE.', tasks: [] });
    expect(m.tasks('app')).toEqual([]);
  });

  it('refuses an awsvpc Fargate definition on EXTERNAL instances (T-104: no awsvpc there)', () => {
    const m = buildModel(
      ecsConfig({ instanceGroups: [instances({ launchType: 'EXTERNAL' })], definitions: [fargateDefinition('web')], timeline: [runTaskAt(60_000, 'web', 'web', { launchType: 'EXTERNAL' })] }),
    );
    const result = m.run(120_000);
    expect(result.runTask[0]?.exception).toBe('InvalidParameterException: Task definition does not support launch_type EXTERNAL.');
    expect(m.tasks('web')).toEqual([]);
  });

  it('runs the same Fargate definition on EC2, which it is also compatible with', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances()], definitions: [fargateDefinition('web')], timeline: [runTaskAt(60_000, 'web', 'web')] }));
    const result = m.run(120_000);
    expect(result.runTask[0]?.exception).toBeUndefined();
    expect(m.task('web').lastStatus).toBe('RUNNING');
  });
});
