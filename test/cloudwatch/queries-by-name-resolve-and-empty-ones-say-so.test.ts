import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { assemble } from '../../src/scenario/assemble.js';
import { InputError } from '../../src/issues/index.js';
import { ROOT } from '../support.js';

/**
 * CloudWatch queries by name: a `LoadBalancer` / `TargetGroup` dimension given as the
 * plain name is the `app/<name>/<id>` / `targetgroup/<name>/<id>` value (ecs-facts C-008);
 * a value naming no load balancer is refused before the run with the exact value to use;
 * a query that matches no published metric says so in the result instead of returning
 * empty Values silently.
 */
const file = join(ROOT, 'scenarios', '20-cloudwatch-cpu-alarm.yaml');
const original = readFileSync(file, 'utf8');
const LB = 'app/shop/6fef5fdc3f50e815';
const TG = 'targetgroup/web/9e0c715f19c26235';

function scenario(text: string) {
  return parseScenario(text, file);
}

describe('CloudWatch queries by name', () => {
  it('a plain load balancer or target group name gives the same data as the CloudWatch value', () => {
    const byValue = runScenario(scenario(original)).result.cloudwatch!;
    const byName = runScenario(scenario(original.replaceAll(`Value: ${LB}`, 'Value: shop').replaceAll(`Value: ${TG}`, 'Value: web'))).result.cloudwatch!;
    expect(byName.metricData).toEqual(byValue.metricData);
    expect(byValue.metricData.find((m) => m.Id === 'requests')!.Values.length).toBeGreaterThan(0);
    expect(byName.warnings).toBeUndefined();
  });

  it('a value that names no load balancer is refused before the run, with the exact value to use, at its place', () => {
    const text = original.replace(`MetricName: RequestCount, Dimensions: [{ Name: LoadBalancer, Value: ${LB} }]`, 'MetricName: RequestCount, Dimensions: [{ Name: LoadBalancer, Value: app/shop/0000000000000000 }]');
    let error: unknown;
    try {
      assemble(scenario(text));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain('cloudwatch.metrics[3].Dimensions[0].Value');
    expect(message).toContain(`use "${LB}" (or "shop")`);
    expect(message).toMatch(/20-cloudwatch-cpu-alarm\.yaml:\d+:\d+/);
  });

  it('a typo in a target group name gets the nearest one', () => {
    const text = original.replace(`MetricName: RequestCountPerTarget, Dimensions: [{ Name: TargetGroup, Value: ${TG} }]`, 'MetricName: RequestCountPerTarget, Dimensions: [{ Name: TargetGroup, Value: wbe }]');
    expect(() => assemble(scenario(text))).toThrow(`use "${TG}" (or "web")`);
  });

  it('a query that matches no published metric returns empty Values and a warning naming the dimensions it was published with', () => {
    // RequestCount is published per LoadBalancer and per TargetGroup+LoadBalancer, never per TargetGroup alone (C-009).
    const text = original.replace(`MetricName: RequestCount, Dimensions: [{ Name: LoadBalancer, Value: ${LB} }]`, `MetricName: RequestCount, Dimensions: [{ Name: TargetGroup, Value: ${TG} }]`);
    const cw = runScenario(scenario(text)).result.cloudwatch!;
    expect(cw.metricData.find((m) => m.Id === 'requests')!.Values).toEqual([]);
    expect(cw.warnings).toHaveLength(1);
    expect(cw.warnings![0]).toContain('cloudwatch.metrics[3] (Id requests): no metric AWS/ApplicationELB RequestCount with TargetGroup=targetgroup/web/9e0c715f19c26235 was published');
    expect(cw.warnings![0]).toContain(`LoadBalancer=${LB},TargetGroup=${TG}`);
  });

  it('a metric name nothing publishes says which names the namespace has', () => {
    const text = original.replace('MetricName: CPUReservation,', 'MetricName: CPUReservations,');
    const cw = runScenario(scenario(text)).result.cloudwatch!;
    expect(cw.warnings![0]).toMatch(/Id reservation\): no metric AWS\/ECS CPUReservations with ClusterName=default was published in this run, so its Values are empty; AWS\/ECS has .*CPUReservation/);
  });
});
