import { describe, expect, it } from 'vitest';
import { runYaml } from '../model/support.js';

// ecs-facts A-034, T-080: EC2 gives a two-minute notice; with
// ECS_ENABLE_SPOT_INSTANCE_DRAINING=true (agent default false) ECS moves the instance to
// DRAINING, and RUNNING service tasks are replaced per minimumHealthyPercent/maximumPercent
// (T-079). Without it, the tasks die with the host (T-020).
function scenario(draining: boolean): string {
  return `
name: ec2 spot
seed: 3
until: 8m
ecs:
  instances:
    - { name: spot, count: 1, instanceType: c5.xlarge, availabilityZones: [us-east-1a], spot: true${draining ? ', spotInstanceDraining: true' : ''} }
    - { name: ondemand, count: 1, instanceType: c5.xlarge, availabilityZones: [us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        containerDefinitions: [{ name: web, image: web:1, essential: true, cpu: 256, memory: 256 }]
      behaviour: { containers: { web: { startup: 1s, shutdown: 1s } } }
timeline:
  - at: 1m
    createService: { serviceName: web, taskDefinition: web, desiredCount: 2 }
  - at: 4m
    interruptSpotInstance: spot/0
`;
}

const NOTICE = 240_000;
const TERMINATION = NOTICE + 120_000;

describe('EC2 Spot interruption notice (A-034)', () => {
  it('with spot instance draining, the instance goes DRAINING at the notice and its task is replaced before termination', () => {
    const r = runYaml(scenario(true));
    const spot = r.ecs?.containerInstances.find((i) => i.ref === 'spot/0');
    expect(spot?.instanceLifecycle).toBe('spot');
    const draining = (r.ecs?.events ?? []).find((e) => e.type === 'ContainerInstanceStateChange' && e['status'] === 'DRAINING');
    expect(draining?.t).toBeGreaterThanOrEqual(NOTICE);
    expect(draining?.t).toBeLessThan(NOTICE + 5_000);
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const onSpot = tasks.filter((t) => t.instanceRef === 'spot/0');
    expect(onSpot).toHaveLength(1);
    expect(onSpot[0]?.stopCode).toBe('ServiceSchedulerInitiated');
    expect(onSpot[0]?.stoppedAt).toBeLessThan(TERMINATION);
    const replacement = tasks.find((t) => t.createdAt > NOTICE);
    expect(replacement?.instanceRef).toBe('ondemand/0');
    expect(replacement?.startedAt).toBeLessThan(TERMINATION);
    expect(spot?.terminatedAt).toBe(TERMINATION);
    expect(r.ecs?.services['web']?.runningCount).toBe(2);
  });

  it('without it (the agent default), nothing happens until the host is gone and its task dies with it', () => {
    const r = runYaml(scenario(false));
    expect((r.ecs?.events ?? []).some((e) => e.type === 'ContainerInstanceStateChange' && e['status'] === 'DRAINING')).toBe(false);
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    const onSpot = tasks.find((t) => t.instanceRef === 'spot/0');
    expect(onSpot?.stoppedReason).toMatch(/^Host EC2 \(instance i-[0-9a-f]{17}\) terminated\.$/);
    expect(onSpot?.stoppedAt).toBeGreaterThanOrEqual(TERMINATION);
    const replacement = tasks.find((t) => t.createdAt > NOTICE);
    expect(replacement?.createdAt).toBeGreaterThanOrEqual(TERMINATION);
    expect(r.ecs?.services['web']?.runningCount).toBe(2);
  });

  it('ignores the notice for an On-Demand instance', () => {
    const r = runYaml(scenario(true).replace('interruptSpotInstance: spot/0', 'interruptSpotInstance: ondemand/0'));
    expect(r.ecs?.actions.find((a) => a.action === 'interruptSpotInstance')?.outcome).toContain('is not a Spot instance');
    expect(r.ecs?.containerInstances.every((i) => i.terminatedAt === undefined)).toBe(true);
  });
});
