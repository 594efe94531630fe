import { describe, expect, it } from 'vitest';
import { runYaml } from '../model/support.js';

// ecs-facts S-120, S-073: UpdateService's capacityProviderStrategy starts no deployment;
// tasks started from then on follow the new strategy.
const yaml = `
name: update strategy
seed: 9
until: 10m
ecs:
  fargate: { availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        cpu: "256"
        memory: "512"
        containerDefinitions: [{ name: web, image: web:1, essential: true }]
timeline:
  - at: 10s
    createService:
      serviceName: web
      taskDefinition: web
      desiredCount: 2
      capacityProviderStrategy: [{ capacityProvider: FARGATE, weight: 1 }]
  - at: 3m
    updateService: { service: web, capacityProviderStrategy: [{ capacityProvider: FARGATE_SPOT, weight: 1 }] }
  - at: 4m
    updateService: { service: web, desiredCount: 4 }
`;

describe('UpdateService capacityProviderStrategy (S-120, S-073)', () => {
  it('keeps the running tasks and one deployment, and starts new tasks on the new provider', () => {
    const r = runYaml(yaml);
    const tasks = r.ecs?.tasksByLabel['web'] ?? [];
    expect(tasks.map((t) => [t.capacityProviderName, t.lastStatus])).toEqual([
      ['FARGATE', 'RUNNING'],
      ['FARGATE', 'RUNNING'],
      ['FARGATE_SPOT', 'RUNNING'],
      ['FARGATE_SPOT', 'RUNNING'],
    ]);
    expect(r.ecs?.services['web']?.deployments).toHaveLength(1);
    expect(r.ecs?.actions.find((a) => a.t === 180_000)?.outcome).toBe('service web updated');
  });
});
