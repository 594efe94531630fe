import { describe, expect, it } from 'vitest';
import { buildModel, ec2Definition, ecsConfig, instances, REGISTERED_AT, runTaskAt } from './support.js';

// ecs-facts T-112: on an EC2 cluster with no instances, RunTask raises
// InvalidParameterException "No Container Instances were found in your cluster." rather
// than returning failures.
const NO_INSTANCES = 'InvalidParameterException: No Container Instances were found in your cluster.';

describe('EC2 RunTask on a cluster with no container instances (T-112)', () => {
  it('raises when the cluster has none at all', () => {
    const m = buildModel(ecsConfig({ instanceGroups: [instances({ count: 0 })], definitions: [ec2Definition('app')], timeline: [runTaskAt(60_000, 'app', 'app')] }));
    const result = m.run(120_000);
    expect(result.runTask[0]).toMatchObject({ exception: NO_INSTANCES, tasks: [], failures: [] });
    expect(m.tasks('app')).toEqual([]);
  });

  it('raises before the first instance has registered, and places once it has', () => {
    const m = buildModel(
      ecsConfig({ instanceGroups: [instances()], definitions: [ec2Definition('app')], timeline: [runTaskAt(REGISTERED_AT - 1, 'app', 'early'), runTaskAt(REGISTERED_AT + 1, 'app', 'late')] }),
    );
    const result = m.run(120_000);
    expect(result.runTask[0]?.exception).toBe(NO_INSTANCES);
    expect(result.runTask[1]?.exception).toBeUndefined();
    expect(result.runTask[1]?.tasks).toHaveLength(1);
  });

  it('raises once the only instance has been terminated and deregistered (T-077)', () => {
    const m = buildModel(
      ecsConfig({
        instanceGroups: [instances()],
        definitions: [ec2Definition('app')],
        // ECS notices the termination 30 s later and deregisters the instance.
        timeline: [{ kind: 'terminateInstance', atMs: 60_000, instance: 'pool/0' }, runTaskAt(120_000, 'app', 'app')],
      }),
    );
    const result = m.run(180_000);
    expect(result.containerInstances[0]?.status).toBe('INACTIVE');
    expect(result.runTask[0]?.exception).toBe(NO_INSTANCES);
  });
});
