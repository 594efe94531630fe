import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_QUOTAS } from '../../src/ecs/service-quotas.js';
import { refusal, runYaml } from '../ecs/model/support.js';

// Issue 18, quotas. ecs-facts S-131: ECS's documented service quotas hold by default, with
// ECS's text where it is known ("Desired count exceeds limit."); ecs.serviceQuotas replaces
// one for a what-if beyond it.
const scenario = (ecsExtra: string, timeline: string, count = 2) => `name: quotas
until: 5m
ecs:
  instances:
    - { name: pool, count: ${count}, instanceType: c5.large, availabilityZones: [us-east-1a] }
  taskDefinitions:
    - definition: { family: api, containerDefinitions: [{ name: api, image: "shop/api:5", cpu: 0, memory: 64 }] }
${ecsExtra}timeline:
${timeline}`;

describe('ECS service quotas (ecs-facts S-131)', () => {
  it('are the documented defaults', () => {
    expect(DEFAULT_SERVICE_QUOTAS).toEqual({ containerInstancesPerCluster: 5000, servicesPerCluster: 5000, tasksPerService: 5000, capacityProvidersPerCluster: 20 });
  });

  it('a desired count over tasks per service gets ECS\'s text, on CreateService and UpdateService', () => {
    expect(refusal(scenario('', '  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 5001 }\n'))).toMatch(
      /timeline\[0\]\.createService\.desiredCount: Desired count exceeds limit\. \(service quota: tasksPerService 5000, ecs-facts S-131; raise it with ecs\.serviceQuotas\.tasksPerService for a what-if\)$/,
    );
    expect(refusal(scenario('', '  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 1 }\n  - at: 2m\n    updateService: { service: api, desiredCount: 6000 }\n'))).toContain(
      'timeline[1].updateService.desiredCount: Desired count exceeds limit.',
    );
  });

  it('a scenario may set a quota: lowered, a third service is refused; raised, a desired count past the default is accepted', () => {
    const three = ['a', 'b', 'c'].map((n) => `  - at: 1m\n    createService: { serviceName: ${n}, taskDefinition: api, desiredCount: 1 }\n`).join('');
    expect(refusal(scenario('  serviceQuotas: { servicesPerCluster: 2 }\n', three))).toMatch(/timeline\[2\]\.createService\.serviceName: the cluster already has 2 services \(service quota: servicesPerCluster 2, /);
    const result = runYaml(scenario('  serviceQuotas: { tasksPerService: 6000 }\n', '  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 5001 }\n', 1));
    expect(result.ecs?.services['api']?.desiredCount).toBe(5001);
  });

  it('container instances per cluster: more than the quota is refused at ecs.instances', () => {
    expect(refusal(scenario('  serviceQuotas: { containerInstancesPerCluster: 3 }\n', '  - at: 1m\n    runTask: { taskDefinition: api }\n', 4))).toMatch(
      /ecs\.instances: the cluster would register 4 container instances \(service quota: containerInstancesPerCluster 3, /,
    );
  });

  it('an unknown quota name gets a did-you-mean', () => {
    expect(refusal(scenario('  serviceQuotas: { taskPerService: 6000 }\n', '  - at: 1m\n    runTask: { taskDefinition: api }\n'))).toContain('did you mean "tasksPerService"?');
  });
});
