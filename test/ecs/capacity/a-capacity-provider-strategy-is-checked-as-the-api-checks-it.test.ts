import { describe, expect, it } from 'vitest';
import { refusal } from '../model/support.js';

// ecs-facts S-119: capacityProviderStrategy and launchType are exclusive, and at most 20
// providers (the current API; A-028's page said 6). A-028: base on one at most, weight 0–1000 with one above 0. A-029: FARGATE and
// FARGATE_SPOT never mix with Auto Scaling group providers.
function scenario(service: string, ecsExtra = ''): string {
  return `
name: strategies
until: 1m
ecs:
  fargate: { availabilityZones: [us-east-1a] }
  instances: [{ name: pool, count: 1, instanceType: c5.large, availabilityZones: [us-east-1a] }]
${ecsExtra}
  taskDefinitions:
    - definition:
        family: web
        requiresCompatibilities: [FARGATE, EC2]
        networkMode: awsvpc
        cpu: "256"
        memory: "512"
        containerDefinitions: [{ name: web, image: web:1, essential: true }]
timeline:
  - at: 10s
    createService: { serviceName: web, taskDefinition: web, desiredCount: 1, ${service} }
`;
}

describe('capacity provider strategy input (S-119, A-028, A-029)', () => {
  it('refuses a strategy together with launchType, naming the field', () => {
    const text = refusal(scenario('launchType: FARGATE, capacityProviderStrategy: [{ capacityProvider: FARGATE_SPOT, weight: 1 }]'));
    expect(text).toContain('timeline[0].createService.capacityProviderStrategy');
    // ECS's text, ecs-facts S-128.
    expect(text).toContain('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  });

  it('refuses a base on two providers, a strategy with no weight, and weights over 1000', () => {
    expect(refusal(scenario('capacityProviderStrategy: [{ capacityProvider: FARGATE, base: 1, weight: 1 }, { capacityProvider: FARGATE_SPOT, base: 2, weight: 1 }]'))).toContain(
      'capacityProviderStrategy[1].base',
    );
    expect(refusal(scenario('capacityProviderStrategy: [{ capacityProvider: FARGATE, base: 2 }]'))).toContain('at least one capacity provider must have a weight greater than 0');
    expect(refusal(scenario('capacityProviderStrategy: [{ capacityProvider: FARGATE, weight: 1001 }]'))).toMatch(/capacityProviderStrategy\[0\]\.weight[\s\S]*0 to 1000/);
  });

  it('refuses more than 20 providers', () => {
    const items = Array.from({ length: 21 }, (_, i) => `{ capacityProvider: cp${i}, weight: 1 }`).join(', ');
    expect(refusal(scenario(`capacityProviderStrategy: [${items}]`))).toContain('at most 20 providers');
  });

  it('refuses mixing Fargate with an instance group provider (A-029)', () => {
    const text = refusal(scenario('capacityProviderStrategy: [{ capacityProvider: FARGATE, weight: 1 }, { capacityProvider: pool-cp, weight: 1 }]', '  capacityProviders: [{ name: pool-cp, instanceGroup: pool }]'));
    expect(text).toContain('cannot mix FARGATE/FARGATE_SPOT with Auto Scaling group capacity providers');
  });

  it('refuses an unknown provider with a suggestion, and a provider for an unknown group', () => {
    expect(refusal(scenario('capacityProviderStrategy: [{ capacityProvider: FARGATE_SPOTT, weight: 1 }]'))).toContain('did you mean "FARGATE_SPOT"?');
    expect(refusal(scenario('launchType: EC2', '  capacityProviders: [{ name: pool-cp, instanceGroup: pol }]'))).toMatch(/ecs\.capacityProviders\[0\]\.instanceGroup[\s\S]*no instance group "pol"; did you mean "pool"\?/);
  });
});
