import { describe, expect, it } from 'vitest';
import { refusal } from '../model/support.js';

// STYLE.md §7: a scenario's mistakes are found before the run, each at its line with a
// did-you-mean. ecs-facts S-119: CreateService's input; L-042: a loadBalancers entry names
// a container and a port it maps; S-038: a REPLICA service needs desiredCount.
const head = `name: service typos
until: 30m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: "shop/api:5", memory: 512 }
timeline:
`;

describe('service actions in a scenario timeline', () => {
  it('point a typo\'d createService field at its line with a did-you-mean', () => {
    expect(refusal(`${head}  - at: 1m\n    createService:\n      serviceName: api\n      taskDefinition: api\n      desiredCont: 2\n`)).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:16:7  timeline[0].createService.desiredCont: Unknown parameter in input: "desiredCont", must be one of: cluster, serviceName, taskDefinition, desiredCount, launchType, schedulingStrategy, placementConstraints, placementStrategy, deploymentConfiguration, healthCheckGracePeriodSeconds, loadBalancers, capacityProviderStrategy, availabilityZoneRebalancing, serviceRegistries, clientToken, platformVersion, role, networkConfiguration, deploymentController, tags, enableECSManagedTags, propagateTags, enableExecuteCommand, serviceConnectConfiguration, volumeConfigurations, vpcLatticeConfigurations, monitoring; did you mean "desiredCount"?"`);
  });

  const withLoadBalancer = `${head}  - at: 1m\n    createService:\n      serviceName: api\n      taskDefinition: api\n      desiredCount: 2\n      loadBalancers:\n        - { targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef", containerName: api, containerPort: 8080 }\n`;
  const withCapacityProvider = `${head}  - at: 1m\n    createService:\n      serviceName: api\n      taskDefinition: api\n      desiredCount: 2\n      capacityProviderStrategy:\n        - { capacityProvider: FARGATE_SPOT, weight: 1 }\n`;

  it('refuse a loadBalancers entry whose container does not map that port, at the field, in the API\'s words', () => {
    expect(refusal(withLoadBalancer)).toBe('✖ <dir>/scenario.yaml:18:152  timeline[0].createService.loadBalancers[0].containerPort: The container api did not have a container port 8080 defined (it maps no ports).');
  });

  it('refuse more than 5 target groups (ecs-facts L-042)', () => {
    const six = Array.from({ length: 6 }, (_, i) => `        - { targetGroupArn: tg${i}, containerName: api, containerPort: 8080 }\n`).join('');
    expect(refusal(`${head}  - at: 1m\n    createService:\n      serviceName: api\n      taskDefinition: api\n      desiredCount: 2\n      loadBalancers:\n${six}`)).toContain('a service has at most 5 target groups (ecs-facts L-042)');
  });

  it('refuse a Fargate capacity provider without an ecs.fargate section, at the provider', () => {
    expect(refusal(withCapacityProvider)).toBe('✖ <dir>/scenario.yaml:18:31  timeline[0].createService.capacityProviderStrategy[0].capacityProvider: FARGATE_SPOT needs an ecs.fargate section');
  });

  it('name the closest task definition for an unknown one', () => {
    expect(refusal(`${head}  - at: 1m\n    createService: { serviceName: api, taskDefinition: apii, desiredCount: 2 }\n`)).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:13:56  timeline[0].createService.taskDefinition: no task definition "apii" in this scenario; did you mean "api"?"`);
  });

  it('name the closest earlier service for an unknown one in updateService and deleteService', () => {
    expect(
      refusal(`${head}  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 2 }\n  - at: 2m\n    updateService: { service: apj, desiredCount: 3 }\n  - at: 3m\n    deleteService: { service: aip, force: true }\n`),
    ).toMatchInlineSnapshot(`
      "✖ <dir>/scenario.yaml:15:31  timeline[1].updateService.service: no earlier createService named "apj"; did you mean "api"?
      ✖ <dir>/scenario.yaml:17:31  timeline[2].deleteService.service: no earlier createService named "aip"; did you mean "api"?"
    `);
  });

  it('refuse an updateService that comes before the service is created', () => {
    expect(refusal(`${head}  - at: 2m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 2 }\n  - at: 1m\n    updateService: { service: api, desiredCount: 3 }\n`)).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:15:31  timeline[1].updateService.service: no earlier createService named "api""`);
  });

  it('refuse a REPLICA service without desiredCount (S-038)', () => {
    expect(refusal(`${head}  - at: 1m\n    createService: { serviceName: api, taskDefinition: api }\n`)).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:13:20  timeline[0].createService.desiredCount: a REPLICA service needs desiredCount (ecs-facts S-038)"`);
  });

  it('accept a killTask that names a service as its label', () => {
    expect(() => refusal(`${head}  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 1 }\n  - at: 5m\n    killTask: { label: api }\n`)).toThrow('expected the scenario to be refused');
  });
});
