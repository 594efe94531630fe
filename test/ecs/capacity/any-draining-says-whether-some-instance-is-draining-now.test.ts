import { describe, expect, it } from 'vitest';
import { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import { containerInstance } from '../placement/placement-fixtures.js';

// The scheduler asks each task's instance whether it is DRAINING (ecs-facts T-079: services
// replace tasks there) only when ContainerInstance.anyDraining() says some instance may be.
// A false answer must therefore mean that no instance is DRAINING at that moment: the count
// behind it follows every status change. (It is counted per process: other tests sharing
// this worker may have left DRAINING instances behind, so the checks are relative.)
describe('ContainerInstance.anyDraining', () => {
  it('counts each instance while it is DRAINING, once, and no longer once it leaves DRAINING', () => {
    const before = ContainerInstance.drainingCount();
    const a = containerInstance(1);
    const b = containerInstance(2);
    expect(ContainerInstance.drainingCount()).toBe(before);
    a.status = 'DRAINING';
    expect(ContainerInstance.drainingCount()).toBe(before + 1);
    expect(ContainerInstance.anyDraining()).toBe(true);
    b.status = 'DRAINING';
    a.status = 'ACTIVE';
    expect(ContainerInstance.drainingCount()).toBe(before + 1);
    // Setting the same status again counts once.
    b.status = 'DRAINING';
    expect(ContainerInstance.drainingCount()).toBe(before + 1);
    b.status = 'INACTIVE';
    expect(ContainerInstance.drainingCount()).toBe(before);
    expect(ContainerInstance.anyDraining()).toBe(before > 0);
  });

  it('counts an instance built DRAINING', () => {
    const before = ContainerInstance.drainingCount();
    const c = containerInstance(3, { status: 'DRAINING' });
    expect(ContainerInstance.drainingCount()).toBe(before + 1);
    c.status = 'ACTIVE';
    expect(ContainerInstance.drainingCount()).toBe(before);
  });
});
