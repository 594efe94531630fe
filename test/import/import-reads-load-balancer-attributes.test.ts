import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createLoadBalancerSchema } from '../../src/elb/schema.js';
import { importScenario } from '../../src/scenario/import/index.js';
import { parseScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/runner.js';
import { FIXTURES, tempDir } from '../support.js';

/**
 * Issue 18: `aws elbv2 describe-load-balancer-attributes` prints only `{Attributes}`, with no
 * ARN (the AWS CLI's documented example, ecs-facts I-017), so the collection script saves it
 * as `{LoadBalancerArn, Attributes}` with jq, as it does a target group's. The attributes the
 * model acts on (an ALB's idle timeout, an NLB's cross-zone load balancing) are kept where
 * they differ from ELB's default; every other one is named as not modelled, with its value.
 */
const FOLDER = join(FIXTURES, 'import', 'cli');
const FILE = 'load-balancer-attributes-my-load-balancer.json';

function variant(edit: (dir: string) => void): string {
  const dir = tempDir();
  for (const f of readdirSync(FOLDER)) copyFileSync(join(FOLDER, f), join(dir, f));
  edit(dir);
  return dir;
}
const loadBalancers = (yaml: string) => (parse(yaml) as { elb: { loadBalancers: { Name: string; Attributes?: unknown[] }[] } }).elb.loadBalancers;

describe('describe-load-balancer-attributes, saved with its LoadBalancerArn', () => {
  it('is recognised, its attributes at their defaults left out, and those not modelled named with their values', () => {
    const { yaml } = importScenario(FOLDER);
    expect(yaml).toContain(`#   ${FILE}: aws elbv2 describe-load-balancer-attributes (with its LoadBalancerArn) (5)`);
    // The documented example's idle timeout is ELB's default, 60 s.
    expect(loadBalancers(yaml)[0]?.Attributes).toBeUndefined();
    expect(yaml).toContain(`${FILE}: load balancer my-load-balancer: attributes access_logs.s3.enabled "false" (not modelled), access_logs.s3.prefix "" (not modelled), deletion_protection.enabled "false" (not modelled), access_logs.s3.bucket "" (not modelled)`);
  });

  it("keeps an ALB's idle timeout that is not the default, and the load balancer runs with it", () => {
    const dir = variant((d) => {
      const out = JSON.parse(readFileSync(join(d, FILE), 'utf8')) as { Attributes: { Key: string; Value: string }[] };
      for (const a of out.Attributes) if (a.Key === 'idle_timeout.timeout_seconds') a.Value = '120';
      out.Attributes.push({ Key: 'routing.http.desync_mitigation_mode', Value: 'defensive' });
      writeFileSync(join(d, FILE), JSON.stringify(out));
    });
    const { yaml } = importScenario(dir);
    expect(loadBalancers(yaml)[0]?.Attributes).toEqual([{ Key: 'idle_timeout.timeout_seconds', Value: '120' }]);
    expect(yaml).toContain('routing.http.desync_mitigation_mode "defensive" (not modelled)');
    // The elb section takes it: the load balancer closes idle connections after 120 s.
    expect(createLoadBalancerSchema.parse(loadBalancers(yaml)[0]).idleTimeoutMs).toBe(120_000);
    expect(runScenario(parseScenario(yaml, 'imported.yaml')).result.error).toBeUndefined();
  });

  it('names a value the model refuses with its reason, and attributes of a load balancer not imported', () => {
    const dir = variant((d) => {
      const out = JSON.parse(readFileSync(join(d, FILE), 'utf8')) as { Attributes: { Key: string; Value: string }[] };
      for (const a of out.Attributes) if (a.Key === 'idle_timeout.timeout_seconds') a.Value = '9000';
      writeFileSync(join(d, FILE), JSON.stringify(out));
      writeFileSync(join(d, 'other-lb.json'), JSON.stringify({ LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/other/0123456789abcdef', Attributes: [] }));
    });
    const { yaml } = importScenario(dir);
    expect(yaml).toMatch(/idle_timeout\.timeout_seconds "9000" \([^)]*\d+[^)]*\)/);
    expect(yaml).toContain('other-lb.json: attributes of load balancer arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/other/0123456789abcdef (the load balancer is not among the imported ones)');
  });

  it("reads a template's LoadBalancerAttributes the same way", () => {
    const { yaml } = importScenario(join(FIXTURES, 'import', 'cdk.out', 'ShopStack.template.json'));
    expect(yaml).toContain('ShopStack.template.json: ServiceLBE9A1ADBC: load balancer ServiceLBE9A1ADBC: attribute deletion_protection.enabled "false" (not modelled)');
  });
});
