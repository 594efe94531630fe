import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';

/**
 * ecs-facts C-009 / EF-002: `RequestCount` "is only incremented for requests where the load
 * balancer node was able to choose a target"; the ALB's own 503 when a target group has no
 * registered target (L-033) counts in `HTTPCode_ELB_5XX_Count` and `HTTPCode_ELB_503_Count`
 * (C-013) only. The result names both apart: `RequestsReceived` is every request,
 * `RequestCount` is CloudWatch's.
 */
const text = `
name: an ALB with no target
seed: 1
until: 4m
elb:
  targetGroups:
    - { Name: web, Protocol: HTTP, Port: 8080, TargetType: ip }
  loadBalancers:
    - Name: shop
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners:
        - { Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web }] }
workloads:
  - { name: shoppers, target: shop, start: 1m, arrivals: { constant: 10/s } }
cloudwatch:
  metrics:
    - { Id: requests, Namespace: AWS/ApplicationELB, MetricName: RequestCount, Dimensions: [{ Name: LoadBalancer, Value: shop }], Stat: Sum }
    - { Id: elb5xx, Namespace: AWS/ApplicationELB, MetricName: HTTPCode_ELB_5XX_Count, Dimensions: [{ Name: LoadBalancer, Value: shop }], Stat: Sum }
`;

describe('requests an ALB answers 503 because no target is registered', () => {
  it('count in HTTPCode_ELB_5XX_Count, not in RequestCount, in CloudWatch and in the result', () => {
    const { result } = runScenario(parseScenario(text, 'no-target.yaml'));
    const counts = result.elb!.loadBalancers[0]!.requests!.counts;
    expect(counts.RequestsReceived).toBeGreaterThan(1000);
    expect(counts.HTTPCode_ELB_503_Count).toBe(counts.RequestsReceived);
    expect(counts.HTTPCode_ELB_5XX_Count).toBe(counts.RequestsReceived);
    expect(counts.RequestCount).toBe(0);
    const data = Object.fromEntries(result.cloudwatch!.metricData.map((m) => [m.Id, m]));
    // No target was ever chosen: CloudWatch has no RequestCount datapoint at all (C-008: reported only for minutes with requests).
    expect(data['requests']!.Values).toEqual([]);
    // The minutes CloudWatch returns (10 requests a second) are all 503s from the load balancer.
    expect(data['elb5xx']!.Values.length).toBeGreaterThan(0);
    for (const v of data['elb5xx']!.Values) expect(v).toBeGreaterThanOrEqual(590);
  });
});
