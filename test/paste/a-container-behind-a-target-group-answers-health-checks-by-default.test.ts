import { describe, expect, it } from 'vitest';
import { runJson, runSummary, scenarioFile } from './support.js';

/**
 * Issue 18: a service behind a load balancer works by default. A container a service puts
 * behind a target group, given no `server` behaviour, answers the health checks 200 in 2 ms
 * (so its targets turn healthy and the deployment completes) and the summary says so; with a
 * `server` of its own, nothing is assumed. Before, every such target failed its checks.
 */
const scenario = (behaviour: string, loadBalanced = true): string => `
name: default health answer
until: 6m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: m5.large, availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: web
        containerDefinitions:
          - { name: app, image: shop/web:1, memory: 256, portMappings: [{ containerPort: 8080 }] }
          - { name: log-router, image: fluent-bit:3, memory: 64, essential: false }
${behaviour}
elb:
  targetGroups:
    - { Name: web, Protocol: HTTP, Port: 8080, VpcId: vpc-1, TargetType: instance, HealthCheckPath: /health }
  loadBalancers:
    - Name: front
      Type: application
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners:
        - { Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: web }] }
timeline:
  - at: 30s
    createService:
      serviceName: web
      taskDefinition: web
      desiredCount: 2
${loadBalanced ? '      loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef", containerName: app, containerPort: 8080 }]' : ''}
`;

const NOTICE = 'container app of task definition web:1 has no server behaviour; it answers health checks with 200 in 2ms — add `server:` to model its traffic';

describe('a container behind a target group without server behaviour', () => {
  it('answers health checks 200: the targets turn healthy, the deployment completes, and the summary says why', async () => {
    const file = scenarioFile(scenario(''));
    const r = await runJson(file);
    expect(r.warnings).toEqual([{ at: 'ecs.taskDefinitions[0].behaviour.containers.app', message: NOTICE }]);
    expect(r.deployments?.[0]?.outcome).toBe('COMPLETED');
    const targets = r.elb?.targetGroups[0]?.targets ?? [];
    expect(targets.length).toBeGreaterThanOrEqual(2);
    for (const t of targets) expect(t.history.map((h) => h.State)).toContain('healthy');
    const summary = await runSummary(file);
    expect(summary.out).toContain(`  ⚠ ecs.taskDefinitions[0].behaviour.containers.app: ${NOTICE}`);
  });

  it('keeps a server the scenario gives, and assumes nothing', async () => {
    const behaviour = '      behaviour: { containers: { app: { server: { workers: 4, serviceTime: 20ms, healthCheck: { path: /health } } } } }';
    const r = await runJson(scenarioFile(scenario(behaviour)));
    expect(r.warnings).toBeUndefined();
    expect(r.deployments?.[0]?.outcome).toBe('COMPLETED');
  });

  it('gives nothing to a container no load balancer names', async () => {
    const r = await runJson(scenarioFile(scenario('', false)));
    expect(r.warnings).toBeUndefined();
  });
});
