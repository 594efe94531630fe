import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { runResultSchema } from '../../src/result/index.js';
import { refusal } from '../ecs/model/support.js';

/**
 * A fluid workload that names a load balancer instead of a service (src/elb/fluid.ts): each
 * step's requests go through the listener's rules (L-038), the forward's weights (L-040)
 * and the target groups' routable targets, and come out as the ALB's totals, metrics and
 * series. No target → the load balancer's 503, outside RequestCount (L-033, C-009, EF-002).
 */
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

interface Options {
  readonly fluid?: string;
  readonly rules?: string;
  readonly defaultActions?: string;
  readonly groups?: string;
  readonly services?: string;
  readonly workloadExtra?: string;
  readonly until?: string;
}

const scenario = (o: Options = {}): string => `
name: fluid through an ALB
seed: 3
until: ${o.until ?? '30m'}
ecs:
  instances:
    - { name: pool, count: 4, instanceType: c5.xlarge, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: api
        networkMode: awsvpc
        cpu: "1024"
        memory: "2048"
        containerDefinitions:
          - { name: api, image: shop/api:1, portMappings: [{ containerPort: 8080 }] }
      behaviour:
        containers:
          api:
            startup: 5s
            server: { workers: 4, serviceTime: { exponential: { mean: 40ms } }, healthCheck: { path: /health } }
elb:
  targetGroups:
    - { Name: blue, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }
    - { Name: green, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }
  loadBalancers:
    - Name: shop
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners:
        - Port: 80
          Protocol: HTTP
          DefaultActions: ${o.defaultActions ?? '[{ Type: forward, TargetGroupArn: blue }]'}
${o.rules ?? ''}
workloads:
  - name: users
    target: shop
    start: 1m
    arrivals: { constant: 100/s }
${o.workloadExtra ?? ''}    ${o.fluid ?? 'fluid: { step: 1m }'}
timeline:
${
  o.services ??
  `  - at: 1m
    createService: { serviceName: api, taskDefinition: api, desiredCount: 2, loadBalancers: [{ targetGroupArn: blue, containerName: api, containerPort: 8080 }] }`
}
cloudwatch:
  metrics:
    - { Id: requests, Namespace: AWS/ApplicationELB, MetricName: RequestCount, Dimensions: [{ Name: LoadBalancer, Value: shop }], Stat: Sum, Period: 60 }
    - { Id: elb5xx, Namespace: AWS/ApplicationELB, MetricName: HTTPCode_ELB_5XX_Count, Dimensions: [{ Name: LoadBalancer, Value: shop }], Stat: Sum, Period: 60 }
    - { Id: perTarget, Namespace: AWS/ApplicationELB, MetricName: RequestCountPerTarget, Dimensions: [{ Name: TargetGroup, Value: blue }], Stat: Sum, Period: 60 }
    - { Id: trt, Namespace: AWS/ApplicationELB, MetricName: TargetResponseTime, Dimensions: [{ Name: LoadBalancer, Value: shop }], Stat: Average, Period: 60 }
    - { Id: healthy, Namespace: AWS/ApplicationELB, MetricName: HealthyHostCount, Dimensions: [{ Name: TargetGroup, Value: blue }, { Name: LoadBalancer, Value: shop }], Stat: Minimum, Period: 60 }
    - { Id: cpu, Namespace: AWS/ECS, MetricName: CPUUtilization, Dimensions: [{ Name: ClusterName, Value: default }, { Name: ServiceName, Value: api }], Stat: Average, Period: 60 }
`;

function run(o: Options = {}) {
  const { result } = runScenario(parseScenario(scenario(o), 'fluid-alb.yaml'));
  const metric = (id: string): { t: number[]; v: number[] } => {
    const d = result.cloudwatch?.metricData.find((m) => m.Id === id);
    return { t: (d?.Timestamps ?? []).map((x) => Date.parse(x) - Date.parse(result.cloudwatch!.metricData[0]!.Timestamps[0] ?? '')), v: [...(d?.Values ?? [])] };
  };
  return { result, metric };
}

describe('fluid traffic through an Application Load Balancer', () => {
  const { result, metric } = run();
  const lb = result.elb!.loadBalancers[0]!;
  const blue = result.elb!.targetGroups.find((g) => g.TargetGroup.TargetGroupName === 'blue')!;
  const w = result.traffic!.workloads[0]!;

  it('reaches the healthy targets: every request from the first healthy minute on is a target 2XX, with M/M/4 latency', () => {
    expect(runResultSchema.safeParse(result).success).toBe(true);
    expect(w.mode).toBe('fluid');
    // 100/s in one-minute steps from 1m; the step starting at the end (30m) is computed whole, as a fluid service's.
    expect(w.total.count).toBeCloseTo(100 * 30 * 60, 3);
    expect(lb.requests!.count).toBeCloseTo(w.total.count, 6);
    expect(blue.requests!.count).toBeCloseTo(w.total.count, 6);
    expect(lb.requests!.counts.HTTPCode_Target_5XX_Count).toBe(0);
    // 50/s per task, 4 workers of 40 ms: ρ = 0.5, mean latency 40 ms + Erlang C wait (≈ 1.7 ms).
    expect(w.total.latency.mean).toBeGreaterThan(40);
    expect(w.total.latency.mean).toBeLessThan(45);
  });

  it('answers 503 itself while no target is healthy, outside RequestCount (L-033, C-009, EF-002)', () => {
    const c = lb.requests!.counts;
    // The first minute (1m to 2m): tasks are still starting and in their health checks.
    expect(c.HTTPCode_ELB_503_Count).toBeGreaterThan(5000);
    expect(c.HTTPCode_ELB_503_Count).toBeLessThanOrEqual(6000 + 1e-6);
    expect(c.RequestCount + c.HTTPCode_ELB_503_Count).toBeCloseTo(c.RequestsReceived, 6);
    expect(c.RequestCount).toBeCloseTo(c.HTTPCode_Target_2XX_Count, 6);
    const e5 = metric('elb5xx');
    expect(e5.v.length).toBe(1);
    expect(e5.v[0]).toBeCloseTo(c.HTTPCode_ELB_503_Count, 6);
  });

  it('publishes the ALB metrics per minute with the request-level names and dimensions (C-008 to C-012)', () => {
    const requests = metric('requests').v;
    // From 2m (the first minute with healthy targets), every published minute has its 6000 requests.
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.every((v) => Math.abs(v - 6000) < 1e-6)).toBe(true);
    // Two healthy targets: 3000 each per minute.
    expect(metric('perTarget').v.slice(2, -1).every((v) => Math.abs(v - 3000) < 1e-6)).toBe(true);
    expect(metric('healthy').v.at(-1)).toBe(2);
    const trt = metric('trt').v.slice(2, -1);
    // The targets' answers only (C-011): the workload's mean also counts the 503s, at latency 0.
    const c = lb.requests!.counts;
    const servedMeanMs = (w.total.latency.mean * c.RequestsReceived) / c.HTTPCode_Target_2XX_Count;
    for (const v of trt) expect(v).toBeCloseTo(servedMeanMs / 1000, 6);
    // The service's tasks report the fluid model's CPU: 1% + 2 busy workers × 24.75% ≈ 50.5%.
    const cpu = metric('cpu').v.slice(3);
    for (const v of cpu) expect(v).toBeCloseTo(1 + (50 * 0.04 * 99) / 4, 1);
  });

  it('has series for the workload, the load balancer and the target group that add up to the totals', () => {
    const series = result.timeSeries!.requests;
    for (const [scope, name, total] of [
      ['workload', 'users', w.total.count],
      ['loadBalancer', 'shop', lb.requests!.count],
      ['targetGroup', 'blue', blue.requests!.count],
    ] as const) {
      const s = series.find((x) => x.scope === scope && x.name === name)!;
      expect(s.mode).toBe('fluid');
      expect(sum(s.count)).toBeCloseTo(total, 3);
    }
    const s = series.find((x) => x.scope === 'loadBalancer')!;
    expect(sum(s.elb5xx)).toBeCloseTo(lb.requests!.counts.HTTPCode_ELB_5XX_Count, 3);
    expect(series.filter((x) => x.scope === 'loadBalancer').length).toBe(1);
  });

  it('follows listener rules: a fixed response is the load balancer’s own answer (L-038)', () => {
    const r = run({
      rules: `          Rules:
            - { Priority: 10, Conditions: [{ Field: path-pattern, Values: ["/old/*"] }], Actions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "410" } }] }`,
      workloadExtra: `    routes: [{ name: api, path: /api, weight: 3 }, { name: old, path: /old/x, weight: 1 }]\n`,
    }).result;
    const c = r.elb!.loadBalancers[0]!.requests!.counts;
    const total = r.traffic!.workloads[0]!.total.count;
    expect(c.HTTPCode_ELB_4XX_Count).toBeCloseTo(total / 4, 3);
    const old = r.traffic!.workloads[0]!.routes.find((x) => x.key === 'old')!;
    expect(old.codes).toEqual([{ status: 410, source: 'elb', count: total / 4 }]);
    // Fixed responses have no target: not in RequestCount.
    expect(c.RequestCount).toBeCloseTo(c.HTTPCode_Target_2XX_Count, 6);
  });

  it('splits a weighted forward by its weights (L-040), each target group over its own targets', () => {
    const r = run({
      defaultActions: '[{ Type: forward, ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 3 }, { TargetGroupArn: green, Weight: 1 }] } }]',
      services: `  - at: 1m
    createService: { serviceName: api, taskDefinition: api, desiredCount: 2, loadBalancers: [{ targetGroupArn: blue, containerName: api, containerPort: 8080 }] }
  - at: 1m
    createService: { serviceName: api2, taskDefinition: api, desiredCount: 1, loadBalancers: [{ targetGroupArn: green, containerName: api, containerPort: 8080 }] }`,
    }).result;
    const group = (name: string) => r.elb!.targetGroups.find((g) => g.TargetGroup.TargetGroupName === name)!.requests!;
    expect(group('blue').count / group('green').count).toBeCloseTo(3, 6);
  });

  it('is refused through a network load balancer, beside request-level traffic on the same load balancer, or twice on one', () => {
    const nlb = scenario()
      .replace('    - { Name: green, Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2 }\n', '')
      .replace('Protocol: HTTP, Port: 8080, TargetType: ip, HealthCheckPath: /health, HealthCheckIntervalSeconds: 10,', 'Protocol: TCP, Port: 8080, TargetType: ip, HealthCheckIntervalSeconds: 30,')
      .replace('    - Name: shop\n', '    - Name: shop\n      Type: network\n')
      .replace('          Protocol: HTTP\n', '          Protocol: TCP\n');
    expect(refusal(nlb)).toMatch(/workloads\[0\]\.fluid: the fluid mode goes through application load balancers; shop is a network load balancer/);
    const both = scenario({ workloadExtra: '' }).replace('workloads:\n', 'workloads:\n  - { name: clicks, target: shop, arrivals: { constant: 1/s } }\n');
    expect(refusal(both)).toMatch(/workloads\[1\]\.target: load balancer shop also gets request-level traffic \(workloads\[0\]\)/);
    const twice = scenario().replace('workloads:\n', 'workloads:\n  - { name: bots, target: shop, arrivals: { constant: 1/s }, fluid: {} }\n');
    expect(refusal(twice)).toMatch(/workloads\[1\]\.target: workloads\[0\] already sends fluid traffic to shop/);
    expect(refusal(scenario().replace('    target: shop\n', '    target: shpo\n'))).toMatch(/workloads\[0\]\.target: no load balancer "shpo"; did you mean "shop"\?/);
  });
});
