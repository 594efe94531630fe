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

/**
 * Why the query above returns only its first minute (issue 19's "unexplained"): the queries
 * are answered as CloudWatch would answer at the run's end, and a datapoint is visible only
 * its publication delay (C-019: 2 minutes by default, EF-006) after it was put. The ALB puts
 * minute m at the end of minute m (C-017); in a 4-minute run minute 1 (put at 2:00) is
 * visible at 4:00, minutes 2 and 3 (put at 3:00 and 4:00) not yet. Nothing is lost: with no
 * delay all three minutes are there. (Not C-008's "published only when nonzero": every minute
 * here has 503s.)
 */
describe('a query at the end of a run sees what CloudWatch has published by then', () => {
  const minutes = (delay: string | undefined): string[] => {
    const withDelay = delay === undefined ? text : text.replace('cloudwatch:\n', `cloudwatch:\n  publicationDelay: ${delay}\n`);
    const { result } = runScenario(parseScenario(withDelay, 'no-target.yaml'));
    return result.cloudwatch!.metricData.find((m) => m.Id === 'elb5xx')!.Timestamps.map((t) => t.slice(11, 16));
  };

  it('with the default 2 minutes, only minute 1 of minutes 1 to 3', () => {
    expect(minutes(undefined)).toEqual(['00:01']);
  });

  it('with 1 minute, minutes 1 and 2; with none, all three', () => {
    expect(minutes('1m')).toEqual(['00:01', '00:02']);
    expect(minutes('0s')).toEqual(['00:01', '00:02', '00:03']);
  });
});
