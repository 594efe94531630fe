import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';

// ecs-facts C-003, C-005: service CPUUtilization is one sample per RUNNING task per minute,
// each the task's use × 100 / its CPU. A service served by the fluid mode has no request
// servers; its tasks use the fluid model's mean CPU per task, so target tracking and alarms
// work at fluid scale. 4 workers, 40 ms requests, 50 requests/s over 2 tasks: each worker is
// busy 25/s × 40 ms / 4 = 25% of the time, so a task's CPU is 1% + 25% × 99% ≈ 25.75%.
const scenario = (rate: string): string => `
name: fluid cpu
seed: 1
until: 12m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: shop/api:2, cpu: 512, memory: 1024, portMappings: [{ containerPort: 8080 }] }
      behaviour:
        containers:
          api:
            server: { workers: 4, serviceTime: { exponential: { mean: 40ms } } }
workloads:
  - name: users
    start: 3m
    arrivals: { constant: ${rate} }
    fluid: { service: api, step: 10s }
timeline:
  - at: 1m
    createService: { serviceName: api, taskDefinition: api, desiredCount: 2 }
cloudwatch:
  metrics:
    - { Id: cpu, Namespace: AWS/ECS, MetricName: CPUUtilization, Dimensions: [{ Name: ClusterName, Value: default }, { Name: ServiceName, Value: api }], Stat: Average, Period: 60 }
    - { Id: tasks, Namespace: AWS/ECS, MetricName: CPUUtilization, Dimensions: [{ Name: ClusterName, Value: default }, { Name: ServiceName, Value: api }], Stat: SampleCount, Period: 60 }
`;

function cpuSeries(rate: string): { cpu: number[]; tasks: number[] } {
  const { result } = runScenario(parseScenario(scenario(rate), 'fluid-cpu.yaml'));
  const data = result.cloudwatch?.metricData ?? [];
  return { cpu: [...(data.find((d) => d.Id === 'cpu')?.Values ?? [])], tasks: [...(data.find((d) => d.Id === 'tasks')?.Values ?? [])] };
}

describe('AWS/ECS CPUUtilization of a service served by the fluid mode (C-003, C-005)', () => {
  it('each RUNNING task reports the fluid model’s mean CPU per task over the minute', () => {
    const { cpu, tasks } = cpuSeries('50/s');
    // Minutes wholly after the workload started (3m) read the steady value.
    const steady = cpu.slice(-5);
    for (const v of steady) expect(v).toBeCloseTo(1 + 0.25 * 99, 6);
    expect(tasks.slice(-5)).toEqual([2, 2, 2, 2, 2]);
  });

  it('doubles (above the baseline) when the rate doubles', () => {
    const { cpu } = cpuSeries('100/s');
    for (const v of cpu.slice(-5)) expect(v).toBeCloseTo(1 + 0.5 * 99, 6);
  });
});
