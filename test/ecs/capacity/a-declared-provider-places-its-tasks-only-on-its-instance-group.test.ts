import { describe, expect, it } from 'vitest';
import { runYaml } from '../model/support.js';

// ecs-facts A-028: tasks go to providers by base and weight. A provider the scenario
// declares for an instance group stands for an Auto Scaling group capacity provider: its
// tasks are placed only on that group's instances. S-119: with neither launchType nor a
// strategy, the cluster's default strategy applies.
const base = (service: string, ecsExtra = ''): string => `
name: providers
seed: 5
until: 5m
ecs:
  instances:
    - { name: blue, count: 2, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
    - { name: green, count: 2, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  capacityProviders:
    - { name: blue-cp, instanceGroup: blue }
    - { name: green-cp, instanceGroup: green }
${ecsExtra}
  taskDefinitions:
    - definition:
        family: web
        containerDefinitions: [{ name: web, image: web:1, essential: true, cpu: 128, memory: 128 }]
timeline:
  - at: 1m
    createService: { serviceName: web, taskDefinition: web, desiredCount: 8, ${service} }
`;

describe('instance group providers and the default strategy (A-028, S-119)', () => {
  it('places green-cp tasks only on the green instances, split 1:3 after the blue base of 1', () => {
    // Rebalancing off: placement spreads within each provider's instances, so the AZs can end uneven.
    const r = runYaml(base('availabilityZoneRebalancing: DISABLED, capacityProviderStrategy: [{ capacityProvider: blue-cp, base: 1, weight: 1 }, { capacityProvider: green-cp, weight: 3 }]'));
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    expect(tasks).toHaveLength(8);
    for (const t of tasks) {
      expect(t.launchType).toBe('EC2');
      expect(t.instanceRef?.startsWith(t.capacityProviderName === 'blue-cp' ? 'blue/' : 'green/')).toBe(true);
    }
    // Base 1 on blue, then 7 split 1:3: 2 more on blue (7/4 = 1.75), 5 on green (5.25).
    const blue = tasks.filter((t) => t.capacityProviderName === 'blue-cp').length;
    expect(blue).toBe(3);
    expect(r.ecs?.services['web']?.runningCount).toBe(8);
  });

  it('uses the cluster default strategy when the service gives neither launchType nor a strategy', () => {
    const r = runYaml(base('placementStrategy: [{ type: spread, field: instanceId }]', '  defaultCapacityProviderStrategy: [{ capacityProvider: green-cp, weight: 1 }]'));
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    expect(tasks.every((t) => t.capacityProviderName === 'green-cp' && t.instanceRef?.startsWith('green/') === true)).toBe(true);
  });

  it('uses launchType, and no provider, when the service gives one', () => {
    const r = runYaml(base('launchType: EC2', '  defaultCapacityProviderStrategy: [{ capacityProvider: green-cp, weight: 1 }]'));
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    expect(tasks.every((t) => t.capacityProviderName === undefined)).toBe(true);
    expect(tasks.some((t) => t.instanceRef?.startsWith('blue/') === true)).toBe(true);
  });
});
