import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { fixture, pasted, runJson, scenarioFile } from './support.js';

/**
 * Issue 18: the elb section takes the AWS CLI's outputs as users save them (ecs-facts I-003
 * to I-005): `targetGroups` a describe-target-groups output, `loadBalancers` a
 * describe-load-balancers output and `listeners` a describe-listeners output. The real ARNs
 * the listeners and the pasted describe-services output carry then resolve to them, and a
 * service behind them reaches a steady state with healthy targets.
 */
const scenario = (listeners: unknown = fixture('describe-listeners.json')): string => `
name: pasted load balancer
until: 10m
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
  listeners: ${pasted(listeners, 4)}
timeline:
  - at: 0s
    createService: ${pasted(fixture('describe-services-two.json'), 6)}
`;
const FIXTURES = ['describe-task-definition-web-app.json', 'describe-task-definition-worker.json'];

describe('load balancer outputs pasted into the elb section', () => {
  it('become its target groups, load balancers and listeners; the service behind them reaches a steady state', async () => {
    const r = await runJson(scenarioFile(scenario(), FIXTURES));
    expect(r.ecs?.services['web-app']?.runningCount).toBe(3);
    expect(r.deployments?.find((d) => d.serviceName === 'web-app')?.outcome).toBe('COMPLETED');
    expect(r.elb?.targetGroups.map((g) => g.TargetGroup.TargetGroupName)).toEqual(['my-targets']);
    expect(r.elb?.loadBalancers.map((lb) => [lb.LoadBalancerName, lb.AvailabilityZones, lb.Listeners.length])).toEqual([['my-load-balancer', ['us-west-2a', 'us-west-2b'], 2]]);
    const tg = r.warnings?.find((w) => w.at === 'elb.targetGroups');
    expect(tg?.fields).toEqual(['TargetGroups[0].TargetGroupArn', 'TargetGroups[0].LoadBalancerArns']);
    const lb = r.warnings?.find((w) => w.at === 'elb.loadBalancers');
    expect(lb?.message).toContain('listeners from elb.listeners (describe-listeners) by LoadBalancerArn');
    expect(lb?.fields).toEqual(expect.arrayContaining(['LoadBalancers[0].LoadBalancerArn', 'LoadBalancers[0].DNSName', 'LoadBalancers[0].State', 'listeners.Listeners[0].ListenerArn']));
  });

  it('names a listener whose load balancer is not in the output', async () => {
    const listeners = fixture('describe-listeners.json') as { Listeners: Record<string, unknown>[] };
    listeners.Listeners[1] = { ...listeners.Listeners[1], LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/other/0000000000000000' };
    const r = await cli('validate', scenarioFile(scenario(listeners), FIXTURES));
    expect(r.code).toBe(0);
    const run = await runJson(scenarioFile(scenario(listeners), FIXTURES));
    expect(run.warnings?.find((w) => w.at === 'elb.loadBalancers')?.fields).toContain('listeners.Listeners[1] (no load balancer of the output has its LoadBalancerArn)');
  });
});
