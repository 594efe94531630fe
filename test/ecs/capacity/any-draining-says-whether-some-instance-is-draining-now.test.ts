import { describe, expect, it } from 'vitest';
import { ContainerInstance } from '../../../src/ecs/capacity/container-instance.js';
import { containerInstance } from '../placement/placement-fixtures.js';

// The scheduler asks each task's instance whether it is DRAINING (ecs-facts T-079: services
// replace tasks there) only when ContainerInstance.anyDraining() says some instance may be.
// A false answer must therefore mean that no instance is DRAINING at that moment.
describe('ContainerInstance.anyDraining', () => {
  it('follows every status change: true while any instance is DRAINING, false once none is', () => {
    const a = containerInstance(1);
    const b = containerInstance(2);
    expect(ContainerInstance.anyDraining()).toBe(false);
    a.status = 'DRAINING';
    expect(ContainerInstance.anyDraining()).toBe(true);
    b.status = 'DRAINING';
    a.status = 'ACTIVE';
    expect(ContainerInstance.anyDraining()).toBe(true);
    // Setting the same status again counts once.
    b.status = 'DRAINING';
    b.status = 'INACTIVE';
    expect(ContainerInstance.anyDraining()).toBe(false);
  });

  it('counts an instance built DRAINING', () => {
    const c = containerInstance(3, { status: 'DRAINING' });
    expect(ContainerInstance.anyDraining()).toBe(true);
    c.status = 'ACTIVE';
    expect(ContainerInstance.anyDraining()).toBe(false);
  });
});
