import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { fixture, pasted, runJson, scenarioFile } from './support.js';

/**
 * Issue 18: `elb.rules` takes a describe-rules output (or a list of them, one per listener),
 * beside the pasted describe-listeners output. describe-rules prints no ListenerArn: each rule
 * goes to the listener its RuleArn names (ecs-facts I-005); the default rule gives
 * the listener's default action; a rule with a condition the model lacks (http-header) is
 * left out and named. The rules route the requests: /img/* is answered 404 by the load
 * balancer itself.
 */
const scenario = (rules: unknown): string => `
name: pasted rules
until: 6m
ecs:
  region: us-west-2
  instances:
    - { name: pool, count: 3, instanceType: m5.large, availabilityZones: [us-west-2a, us-west-2b] }
  fargate: { availabilityZones: [us-west-2a, us-west-2b] }
  taskDefinitions:
    - file: describe-task-definition-web-app.json
    - file: describe-task-definition-worker.json
elb:
  targetGroups: ${pasted(fixture('describe-target-groups.json'), 4)}
  loadBalancers: ${pasted(fixture('describe-load-balancers.json'), 4)}
  listeners: ${pasted(fixture('describe-listeners.json'), 4)}
  rules: ${pasted(rules, 4)}
workloads:
  - name: visitors
    target: my-load-balancer
    port: 80
    start: 4m
    arrivals: { constant: 10/s }
    routes:
      - { name: images, weight: 1, path: /img/logo.png }
      - { name: api, weight: 1, path: /orders, host: api.example.com }
      - { name: home, weight: 1, path: / }
timeline:
  - at: 0s
    createService: ${pasted(fixture('describe-services-two.json'), 6)}
`;
const FIXTURES = ['describe-task-definition-web-app.json', 'describe-task-definition-worker.json'];

describe('a pasted describe-rules output', () => {
  it('routes by its rules on the listener its RuleArn names; the rule the model cannot take is named', async () => {
    const r = await runJson(scenarioFile(scenario(fixture('describe-rules.json')), FIXTURES));
    const lb = r.elb?.loadBalancers.find((l) => l.LoadBalancerName === 'my-load-balancer');
    const elb4xx = lb?.requests?.counts.HTTPCode_ELB_4XX_Count ?? 0;
    const total = lb?.requests?.count ?? 0;
    // A third of the requests are for /img/*: the priority-10 rule's fixed 404.
    expect(elb4xx).toBeGreaterThan(total / 4);
    expect(elb4xx).toBeLessThan(total / 2);
    const w = r.warnings?.find((x) => x.at === 'elb.rules');
    expect(w?.message).toBe("describe-rules output: 2 rules onto the listeners their RuleArn names, 1 default rule as the listener's default action; what the model lacks named, what CreateRule does not take dropped");
    expect(w?.fields).toContain('rules.Rules[2] (priority 30: its http-header condition not modelled; the rule is left out, its requests go on to the next rule)');
    expect(w?.fields).toEqual(expect.arrayContaining(['rules.Rules[0].RuleArn', 'rules.Rules[0].IsDefault', 'rules.Rules[3].RuleArn']));
  });

  it('a list of outputs works as one; a rule of another listener is named', async () => {
    const rules = fixture('describe-rules.json') as { Rules: Record<string, unknown>[] };
    const other = { Rules: [{ ...rules.Rules[0], RuleArn: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener-rule/app/my-load-balancer/50dc6c495c0c9188/0000000000000000/1111111111111111' }] };
    const r = await runJson(scenarioFile(scenario([rules, other]), FIXTURES));
    const w = r.warnings?.find((x) => x.at === 'elb.rules');
    expect(w?.message).toContain('describe-rules outputs: 2 rules');
    expect(w?.fields).toContain('rules[1].Rules[0] (no listener of elb.listeners has the ListenerArn its RuleArn names)');
  });

  it('a bad value in a pasted rule points into the file', async () => {
    const rules = fixture('describe-rules.json') as { Rules: Record<string, unknown>[] };
    rules.Rules[1] = { ...rules.Rules[1], Priority: '0' };
    const r = await cli('validate', scenarioFile(scenario(rules), FIXTURES));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+ {2}elb\.rules\.Rules\[1\]\.Priority: Priority \(ecs-facts L-038\) must be an integer from 1 to 50000, got 0/);
  });
});
