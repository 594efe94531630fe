import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';

/**
 * Issue 19: the same steady scenario, request by request and in the fluid mode (to the
 * service directly, and through the load balancer), gives the same CPU, request counts,
 * latency and scaling, within stated tolerances.
 *
 * The scenario: 150 requests/s through an ALB to 4 tasks of 4 workers at 40 ms
 * (exponential), tracking 50% CPU. A task's mean CPU is 1% + 1.5 busy workers × 24.75% =
 * 38.1%: 4 × 38.1 / 50 = 3.05, so 4 tasks are right and 3 would be above target (50.5%).
 * Request by request, one minute's CPU is noisy (σ ≈ 0.6 points over 4 tasks); the fluid
 * mode gives the mean. Before FL-001, a scale-in read only the newest datapoint, so every
 * quiet minute below 37.5% removed a task that the next minutes put back: 8 scaling
 * activities in 2 h request by request, none in the fluid mode. Now scale-in reads the
 * highest datapoint AlarmLow evaluated (A-004: no scale-in that would likely push the
 * metric above target), and neither mode scales.
 *
 * Tolerances (request-level vs fluid):
 * - mean CPUUtilization over the steady minutes: within 2% (relative); the per-minute
 *   noise averages out over 100 minutes, the model has no bias here;
 * - RequestCount per minute (mean) and RequestCountPerTarget: within 1% (Poisson noise of
 *   9,000 a minute over 100 minutes is about 0.1%);
 * - mean latency and TargetResponseTime: within 5%; p99 within 10%. The fluid mode gives
 *   each task a Poisson stream (random split), slightly pessimistic against the ALB's
 *   round robin (src/traffic/fluid.ts): here ≈ +2.5% on the mean;
 * - scaling activities: the same number (none).
 */
const scenario = (fluid: string): string => `
name: a steady load
seed: 5
until: 2h
ecs:
  instances:
    - { name: pool, count: 6, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        networkMode: awsvpc
        cpu: "1024"
        memory: "2048"
        containerDefinitions:
          - { name: web, image: shop/web:3, portMappings: [{ containerPort: 8080 }] }
      behaviour:
        containers:
          web:
            startup: 5s
            server: { workers: 4, serviceTime: { exponential: { mean: 40ms } }, healthCheck: { path: /health } }
elb:
  targetGroups:
    - { Name: web, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }
  loadBalancers:
    - Name: shop
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners:
        - { Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web }] }
workloads:
  - name: shoppers
    target: shop
    start: 2m
    arrivals: { constant: 150/s }
    ${fluid}
timeline:
  - at: 1m
    createService: { serviceName: web, taskDefinition: web, desiredCount: 4, loadBalancers: [{ targetGroupArn: web, containerName: web, containerPort: 8080 }] }
autoscaling:
  scalableTargets:
    - { ServiceNamespace: ecs, ResourceId: service/default/web, ScalableDimension: "ecs:service:DesiredCount", MinCapacity: 2, MaxCapacity: 10 }
  scalingPolicies:
    - PolicyName: cpu50
      ServiceNamespace: ecs
      ResourceId: service/default/web
      ScalableDimension: "ecs:service:DesiredCount"
      PolicyType: TargetTrackingScaling
      TargetTrackingScalingPolicyConfiguration:
        TargetValue: 50
        PredefinedMetricSpecification: { PredefinedMetricType: ECSServiceAverageCPUUtilization }
cloudwatch:
  metrics:
    - { Id: cpu, Namespace: AWS/ECS, MetricName: CPUUtilization, Dimensions: [{ Name: ClusterName, Value: default }, { Name: ServiceName, Value: web }], Stat: Average, Period: 60 }
    - { Id: requests, Namespace: AWS/ApplicationELB, MetricName: RequestCount, Dimensions: [{ Name: LoadBalancer, Value: shop }], Stat: Sum, Period: 60 }
    - { Id: perTarget, Namespace: AWS/ApplicationELB, MetricName: RequestCountPerTarget, Dimensions: [{ Name: TargetGroup, Value: web }], Stat: Sum, Period: 60 }
    - { Id: trt, Namespace: AWS/ApplicationELB, MetricName: TargetResponseTime, Dimensions: [{ Name: LoadBalancer, Value: shop }], Stat: Average, Period: 60 }
`;

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function measure(fluid: string) {
  const { result } = runScenario(parseScenario(scenario(fluid), 'steady.yaml'));
  const data = result.cloudwatch!.metricData;
  // The steady minutes: from the 10th published one on (tasks healthy, traffic on) to the last.
  const steady = (id: string): number[] => [...(data.find((m) => m.Id === id)?.Values ?? [])].slice(10);
  const w = result.traffic!.workloads[0]!;
  return {
    cpu: mean(steady('cpu')),
    requests: steady('requests'),
    perTarget: steady('perTarget'),
    trt: steady('trt'),
    latencyMean: w.total.latency.mean,
    p99: w.total.latency.p99,
    activities: result.autoscaling!.activities.filter((a) => a.StatusCode === 'Successful').length,
  };
}

const within = (a: number, b: number, rel: number): void => {
  expect(Math.abs(a - b) / b, `${a} vs ${b}: within ${rel * 100}%`).toBeLessThanOrEqual(rel);
};

describe('request-level and fluid traffic agree on a steady load (issue 19)', () => {
  const request = measure('');
  const direct = measure('fluid: { service: web, step: 1m }');
  const through = measure('fluid: { step: 1m }');

  it('the same CPU: within 2%, and the fluid value is the M/M/4 one (38.1%)', () => {
    expect(direct.cpu).toBeCloseTo(1 + (37.5 * 0.04 * 99) / 4, 1);
    within(request.cpu, direct.cpu, 0.02);
    within(request.cpu, through.cpu, 0.02);
  });

  it('the same scaling: no activity in either mode, though a request-level minute is noisy (A-004, FL-001)', () => {
    expect(request.activities).toBe(0);
    expect(direct.activities).toBe(0);
    expect(through.activities).toBe(0);
  });

  it('the same RequestCount and RequestCountPerTarget per minute: within 1%', () => {
    expect(request.requests.length).toBeGreaterThan(90);
    within(mean(request.requests), mean(through.requests), 0.01);
    within(mean(through.requests), 9000, 1e-9);
    within(mean(request.perTarget), mean(through.perTarget), 0.01);
    within(mean(through.perTarget), 2250, 1e-9);
  });

  it('the same latency: mean and TargetResponseTime within 5%, p99 within 10%', () => {
    within(request.latencyMean, direct.latencyMean, 0.05);
    within(request.latencyMean, through.latencyMean, 0.05);
    within(mean(request.trt), mean(through.trt), 0.05);
    within(request.p99, through.p99, 0.1);
  });
});
