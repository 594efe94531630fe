import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';

// ecs-facts C-007: with the cluster's containerInsights setting on, ECS/ContainerInsights
// publishes per service RunningTaskCount, PendingTaskCount, DesiredTaskCount,
// DeploymentCount and TaskSetCount, and per cluster ServiceCount, TaskCount and
// ContainerInstanceCount. They are custom metrics AWS bills for: off by default.
const scenario = (setting: string): string => `
name: container insights
seed: 3
until: 10m
ecs:
  ${setting}
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: shop/api:1, cpu: 256, memory: 512 }
timeline:
  - at: 1m
    createService: { serviceName: api, taskDefinition: api, desiredCount: 3 }
  - at: 6m
    updateService: { service: api, desiredCount: 1 }
cloudwatch:
  metrics:
    - { Id: running, Namespace: ECS/ContainerInsights, MetricName: RunningTaskCount, Dimensions: [{ Name: ServiceName, Value: api }, { Name: ClusterName, Value: default }], Stat: Maximum, Period: 60 }
    - { Id: desired, Namespace: ECS/ContainerInsights, MetricName: DesiredTaskCount, Dimensions: [{ Name: ServiceName, Value: api }, { Name: ClusterName, Value: default }], Stat: Maximum, Period: 60 }
    - { Id: instances, Namespace: ECS/ContainerInsights, MetricName: ContainerInstanceCount, Dimensions: [{ Name: ClusterName, Value: default }], Stat: Maximum, Period: 60 }
`;

function series(setting: string): Record<string, number[]> {
  const { result } = runScenario(parseScenario(scenario(setting), 'insights.yaml'));
  return Object.fromEntries((result.cloudwatch?.metricData ?? []).map((d) => [d.Id, [...d.Values]]));
}

describe('Container Insights task counts (C-007)', () => {
  it('follow the service’s running and desired counts minute by minute when the setting is on', () => {
    const s = series('containerInsights: enabled');
    expect(s['running']?.slice(3, 5)).toEqual([3, 3]);
    expect(s['desired']?.slice(3, 5)).toEqual([3, 3]);
    expect(s['desired']?.at(-1)).toBe(1);
    expect(s['running']?.at(-1)).toBe(1);
    expect(s['instances']?.at(-1)).toBe(2);
  });

  it('are not published when the setting is off (the default)', () => {
    const s = series('containerInsights: disabled');
    expect(s['running']).toEqual([]);
    expect(s['instances']).toEqual([]);
  });
});
