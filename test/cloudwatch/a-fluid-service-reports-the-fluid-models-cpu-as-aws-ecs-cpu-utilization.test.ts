import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';

// ecs-facts C-003, C-005: service CPUUtilization is one sample per RUNNING task per minute,
// each the task's use × 100 / its CPU. A service served by the fluid mode has no request
// servers; its tasks use the fluid model's mean CPU per task, so target tracking and alarms
// work at fluid scale. 4 workers, 40 ms requests, 50 requests/s over 2 tasks: each worker is
// busy 25/s × 40 ms / 4 = 25% of the time, so a task's CPU is 1% + 25% × 99% ≈ 25.75%.
const scenario = (rate: string, memory = ''): string => `
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
            server: { workers: 4, serviceTime: { exponential: { mean: 40ms } }${memory} }
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
    - { Id: mem, Namespace: AWS/ECS, MetricName: MemoryUtilization, Dimensions: [{ Name: ClusterName, Value: default }, { Name: ServiceName, Value: api }], Stat: Average, Period: 60 }
`;

function cpuSeries(rate: string, memory = ''): { cpu: number[]; tasks: number[]; mem: number[] } {
  const { result } = runScenario(parseScenario(scenario(rate, memory), 'fluid-cpu.yaml'));
  const data = result.cloudwatch?.metricData ?? [];
  const values = (id: string): number[] => [...(data.find((d) => d.Id === id)?.Values ?? [])];
  return { cpu: values('cpu'), tasks: values('tasks'), mem: values('mem') };
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

  it('takes memory from the tasks’ servers: 0% when the server models none, its idle MiB ÷ the task’s memory when it does', () => {
    const plain = cpuSeries('50/s');
    expect(plain.mem.slice(-5)).toEqual([0, 0, 0, 0, 0]);
    // 256 MiB idle of the task's 1024 MiB: 25%; the CPU stays the fluid model's.
    const withMemory = cpuSeries('50/s', ', memory: { baseline: 256 }');
    for (const v of withMemory.mem.slice(-5)) expect(v).toBeCloseTo(25, 9);
    expect(withMemory.cpu.slice(-5)).toEqual(plain.cpu.slice(-5));
  });
});
