import { describe, expect, it } from 'vitest';
import { DrainingCount } from '../../../src/ecs/capacity/container-instance.js';
import { containerInstance } from '../placement/placement-fixtures.js';

// The scheduler asks each task's instance whether it is DRAINING (ecs-facts T-079: services
// replace tasks there) only when its cluster says some instance is (ControlPlane.anyDraining).
// A count of 0 must therefore mean that no instance of the cluster is DRAINING at that
// moment: the count follows every status change of the instances that joined the cluster.
describe("a cluster's count of DRAINING instances", () => {
  it('counts each instance while it is DRAINING, once, and no longer once it leaves DRAINING', () => {
    const cluster = new DrainingCount();
    const a = containerInstance(1);
    const b = containerInstance(2);
    a.joinCluster(cluster);
    b.joinCluster(cluster);
    expect(cluster.draining).toBe(0);
    a.status = 'DRAINING';
    expect(cluster.draining).toBe(1);
    b.status = 'DRAINING';
    a.status = 'ACTIVE';
    expect(cluster.draining).toBe(1);
    // Setting the same status again counts once.
    b.status = 'DRAINING';
    expect(cluster.draining).toBe(1);
    b.status = 'INACTIVE';
    expect(cluster.draining).toBe(0);
  });

  it('takes in an instance that was DRAINING before it joined, and counts nothing of other clusters', () => {
    const cluster = new DrainingCount();
    const other = new DrainingCount();
    const c = containerInstance(3, { status: 'DRAINING' });
    const d = containerInstance(4);
    d.joinCluster(other);
    d.status = 'DRAINING';
    c.joinCluster(cluster);
    expect(cluster.draining).toBe(1);
    expect(other.draining).toBe(1);
    c.status = 'ACTIVE';
    expect(cluster.draining).toBe(0);
    expect(other.draining).toBe(1);
  });
});
