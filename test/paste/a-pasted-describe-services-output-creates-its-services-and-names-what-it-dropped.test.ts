import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { fixture, pasted, runJson, runSummary, scenarioFile } from './support.js';

/**
 * Issue 18: a service pasted as users have it (the output of `aws ecs describe-services`, one
 * of its `Service` objects, a console export full of nulls) is unwrapped into CreateService
 * input: read-only fields (ecs-facts S-125) and nulls dropped, and every dropped field named
 * in the result's `warnings` and the CLI summary. Fixtures: the AWS CLI's documented outputs.
 */
const sample = (createService: unknown, extra = ''): string => `
name: pasted service
until: 3m
ecs:
  region: us-west-2
  instances:
    - { name: pool, count: 4, instanceType: m5.large, availabilityZones: [us-west-2a, us-west-2b] }
  taskDefinitions:
    - file: describe-task-definition-amazon-ecs-sample.json
timeline:
  - at: 0s
    createService: ${pasted(createService, 6)}
${extra}`;

const READ_ONLY_IN_THE_EXAMPLE = ['status', 'pendingCount', 'createdAt', 'clusterArn', 'serviceArn', 'deployments', 'events', 'runningCount'];

describe('a describe-services output pasted as a createService', () => {
  it('creates its service, and names each read-only field it dropped, in the result and the summary', async () => {
    const file = scenarioFile(sample(fixture('describe-services.json')), ['describe-task-definition-amazon-ecs-sample.json']);
    const r = await runJson(file);
    expect(r.ecs?.services['my-http-service']?.runningCount).toBe(10);
    // The pasted task-definition ARN (the user's region and account) names the pasted revision.
    expect(r.ecs?.services['my-http-service']?.taskDefinition).toBe('arn:aws:ecs:us-west-2:123456789012:task-definition/amazon-ecs-sample:1');
    const warning = r.warnings?.find((w) => w.at.startsWith('timeline'));
    expect(warning).toEqual({
      at: 'timeline[0].createService.services[0]',
      message: 'a describe-services output: its first service is this CreateService: 8 read-only fields dropped (state ECS reports, not CreateService input; ecs-facts S-125)',
      fields: READ_ONLY_IN_THE_EXAMPLE,
    });
    const summary = await runSummary(file);
    expect(summary.code).toBe(0);
    expect(summary.out).toContain('warnings (pasted outputs and defaults)');
    expect(summary.out).toContain(`  ⚠ timeline[0].createService.services[0]: ${warning?.message}\n      ${READ_ONLY_IN_THE_EXAMPLE.join(', ')}`);
  });

  it('takes one Service object as well, and a console export: every null is named by its path', async () => {
    const file = scenarioFile(sample(fixture('console-service.json')), ['describe-task-definition-amazon-ecs-sample.json']);
    const r = await runJson(file);
    expect(r.ecs?.services['my-http-service']?.runningCount).toBe(10);
    expect(r.warnings?.[0]).toEqual({
      at: 'timeline[0].createService',
      message: 'a describe-services service (or console export): 9 read-only fields dropped (state ECS reports, not CreateService input; ecs-facts S-125); 8 nulls dropped (null means absent)',
      fields: [
        ...READ_ONLY_IN_THE_EXAMPLE,
        'createdBy',
        'capacityProviderStrategy',
        'platformVersion',
        'platformFamily',
        'roleArn',
        'networkConfiguration',
        'healthCheckGracePeriodSeconds',
        'deploymentConfiguration.alarms',
        'taskSets',
      ],
    });
    // What is left is CreateService input; the fields it gives that are not modelled are listed as such.
    expect(r.ignoredFields).toContainEqual({ at: 'timeline[0].createService', fields: ['enableECSManagedTags', 'propagateTags', 'enableExecuteCommand'] });
  });

  it('creates every service of the output, each named where it sits in the file', async () => {
    const yaml = `
name: two services
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
  targetGroups:
    - { Name: my-targets, Protocol: HTTP, Port: 80, VpcId: vpc-3ac0fb5f, TargetType: instance }
  loadBalancers:
    - Name: my-load-balancer
      Type: application
      AvailabilityZones: [us-west-2a, us-west-2b]
      Listeners:
        - { Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: my-targets }] }
timeline:
  - at: 0s
    createService: ${pasted(fixture('describe-services-two.json'), 6)}
`;
    const r = await runJson(scenarioFile(yaml, ['describe-task-definition-web-app.json', 'describe-task-definition-worker.json']));
    expect(r.ecs?.services['web-app']?.runningCount).toBe(3);
    expect(r.ecs?.services['worker']?.runningCount).toBe(2);
    const at = (r.warnings ?? []).filter((w) => w.at.startsWith('timeline')).map((w) => [w.at, w.fields]);
    expect(at).toEqual([
      ['timeline[0].createService.services[0]', ['serviceArn', 'clusterArn', 'status', 'runningCount', 'pendingCount', 'deployments', 'roleArn', 'events', 'createdAt', 'createdBy']],
      ['timeline[0].createService.services[1]', ['serviceArn', 'clusterArn', 'status', 'runningCount', 'pendingCount', 'platformFamily', 'deployments', 'events', 'createdAt']],
    ]);
    // roleArn is CreateService's role: carried over (and listed as not modelled), not lost.
    expect(r.warnings?.[0]?.message).toContain('roleArn carried over as role');
    expect(r.ignoredFields).toContainEqual({ at: 'timeline[0].createService.services[0]', fields: ['role', 'enableECSManagedTags', 'propagateTags', 'enableExecuteCommand'] });
    expect(r.ignoredFields).toContainEqual({ at: 'timeline[0].createService.services[1]', fields: ['platformVersion', 'networkConfiguration', 'enableECSManagedTags', 'propagateTags', 'enableExecuteCommand'] });
  });

  it('names the failures it drops', async () => {
    const output = { ...(fixture('describe-services.json') as object), failures: [{ arn: 'arn:aws:ecs:us-west-2:123456789012:service/gone', reason: 'MISSING' }] };
    const r = await runJson(scenarioFile(sample(output), ['describe-task-definition-amazon-ecs-sample.json']));
    expect(r.warnings).toContainEqual({ at: 'timeline[0].createService', message: 'a describe-services output: dropped what is not a service (failures name services DescribeServices did not find)', fields: ['failures'] });
  });

  it('locates a problem of a pasted service where it sits in the file, with the path the file has', async () => {
    const output = fixture('describe-services-two.json') as { services: Record<string, unknown>[] };
    output.services[1] = { ...output.services[1], desiredCount: -2 };
    const file = scenarioFile(sample(output));
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    const line = sample(output).split('\n').findIndex((l) => l.includes('"desiredCount": -2')) + 1;
    expect(r.err).toMatch(new RegExp(`scenario\\.yaml:${line}:\\d+  timeline\\[0\\]\\.createService\\.services\\[1\\]\\.desiredCount: `));
  });
});
