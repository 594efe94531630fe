import { describe, expect, it } from 'vitest';
import { corpus, corpusText, MODELLED, namedUnder, pasted, runFile, silentlyDropped, writeScenario } from './corpus.js';
import { cli } from '../support.js';

// Issue 18: CreateService, UpdateService and RunTask take every field of the API, and what
// users paste (the AWS CLI's documented create-service and update-service outputs, requests
// with every field of the API reference; see the corpus README) loads, each leaf either
// modelled or named in ignoredFields or the warnings.

/** The webserver example of the corpus registered under `family` (the name the pasted call uses), as revision `revision`. */
const webserver = (family: string, revision = 1): string => {
  const doc = { ...(corpus('td-fargate-webserver.json') as Record<string, unknown>), family };
  return `    - revision: ${revision}\n      definition: ${pasted(doc, 8)}\n`;
};

const head = (region: string, definitions: string, extra = ''): string => `name: corpus services
until: 5m
ecs:
  region: ${region}
  accountId: "123456789012"
  fargate: { availabilityZones: [${region}a, ${region}b], spotVcpuCapacityPerAz: { ${region}a: 100, ${region}b: 100 } }
  taskDefinitions:
${definitions}${extra}timeline:
`;

const ELB = `elb:
  targetGroups:
    - { Name: checkout, Protocol: HTTP, Port: 80, VpcId: vpc-1, TargetType: ip, HealthCheckPath: / }
  loadBalancers:
    - Name: front
      Type: application
      AvailabilityZones: [us-east-1a, us-east-1b]
      Listeners:
        - { Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: checkout }] }
`;

describe('pasted service and RunTask calls load, naming what the model does not read', () => {
  it("create-service's documented output (a {service} wrapper around a Service) creates its service, its read-only fields named", () => {
    const doc = corpus('create-service-output-fargate.json') as { service: unknown };
    const file = writeScenario(`${head('us-west-2', webserver('sample-fargate'))}  - at: 0s\n    createService: ${pasted(doc, 6)}\n`);
    const result = runFile(file);
    const named = namedUnder(result, 'timeline[0].createService.service');
    expect(named).toEqual(expect.arrayContaining(['serviceArn', 'clusterArn', 'status', 'runningCount', 'deployments', 'roleArn', 'events', 'createdAt', 'networkConfiguration', 'tags', 'platformVersion']));
    expect(silentlyDropped(doc.service, MODELLED.createService, named)).toEqual([]);
    expect(result.ecs?.services['MyService']?.runningCount).toBe(2);
  });

  it("update-service's documented output (ISO timestamps, the FARGATE capacity provider, disabled deployment alarms) creates its service", () => {
    const doc = corpus('update-service-output-fargate-capacity-provider.json') as { service: unknown };
    const file = writeScenario(`${head('us-east-1', `${webserver('amazon-ecs-sample', 1)}${webserver('amazon-ecs-sample', 2)}`)}  - at: 0s\n    createService: ${pasted(doc, 6)}\n  - at: 1m\n    updateService: { service: my-http-service, desiredCount: 1 }\n`);
    const result = runFile(file);
    const named = namedUnder(result, 'timeline[0].createService.service');
    expect(silentlyDropped(doc.service, MODELLED.createService, named)).toEqual([]);
    const service = result.ecs?.services['my-http-service'];
    expect(service?.runningCount).toBe(1);
    // The revision the ARN names (amazon-ecs-sample:2), not the family's first.
    expect(service?.taskDefinition).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/amazon-ecs-sample:2');
  });

  it('a CreateService request with every field of the API reference loads; the fields not modelled are named', () => {
    const doc = corpus('create-service-request-every-field.json');
    const file = writeScenario(`${head('us-east-1', webserver('fargate-task-definition'), ELB)}  - at: 0s\n    createService: ${pasted(doc, 6)}\n`);
    const result = runFile(file);
    const named = namedUnder(result, 'timeline[0].createService');
    expect(named).toEqual(expect.arrayContaining(['serviceRegistries', 'clientToken', 'platformVersion', 'role', 'networkConfiguration', 'tags', 'enableECSManagedTags', 'propagateTags', 'enableExecuteCommand', 'serviceConnectConfiguration', 'volumeConfigurations', 'vpcLatticeConfigurations']));
    expect(silentlyDropped(doc, MODELLED.createService, named)).toEqual([]);
    expect(result.ecs?.services['checkout']?.runningCount).toBe(2);
  });

  it('an UpdateService request with every field loads after it; the fields not modelled are named', () => {
    const create = corpus('create-service-request-every-field.json');
    const update = corpus('update-service-request-every-field.json');
    const file = writeScenario(`${head('us-east-1', webserver('fargate-task-definition'), ELB)}  - at: 0s\n    createService: ${pasted(create, 6)}\n  - at: 2m\n    updateService: ${pasted(update, 6)}\n`);
    const result = runFile(file);
    const named = namedUnder(result, 'timeline[1].updateService');
    expect(named).toEqual(expect.arrayContaining(['networkConfiguration', 'platformVersion', 'healthCheckGracePeriodSeconds', 'loadBalancers', 'serviceRegistries', 'serviceConnectConfiguration', 'propagateTags']));
    expect(silentlyDropped(update, MODELLED.updateService, named)).toEqual([]);
    expect(result.ecs?.services['checkout']?.desiredCount).toBe(3);
  });

  it('a RunTask request with every field of the API reference loads; the fields not modelled are named', () => {
    const doc = corpus('run-task-request-every-field.json');
    const file = writeScenario(`${head('us-east-1', webserver('fargate-task-definition'))}  - at: 0s\n    runTask: ${pasted(doc, 6)}\n`);
    const result = runFile(file);
    const named = namedUnder(result, 'timeline[0].runTask');
    expect(named).toEqual(expect.arrayContaining(['networkConfiguration', 'overrides', 'platformVersion', 'tags', 'enableECSManagedTags', 'propagateTags', 'referenceId', 'clientToken', 'enableExecuteCommand']));
    expect(silentlyDropped(doc, MODELLED.runTask, named)).toEqual([]);
    // Labelled by its group, started by its startedBy; both tasks run.
    expect(result.ecs?.tasksByLabel['runTask-1']?.map((t) => [t.group, t.startedBy, t.lastStatus])).toEqual([
      ['batch', 'nightly-batch', 'RUNNING'],
      ['batch', 'nightly-batch', 'RUNNING'],
    ]);
  });

  it("a cluster other than the scenario's is warned about, not silently taken", async () => {
    const file = writeScenario(`${head('us-east-1', webserver('fargate-task-definition'))}  - at: 0s\n    runTask: { cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/prod", taskDefinition: fargate-task-definition, launchType: FARGATE }\n`);
    const r = await cli('run', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('⚠ timeline[0].runTask: cluster "prod" is not this scenario\'s cluster ("default", ecs.cluster)');
  });

  it('a Classic Load Balancer (the documented create-service --cli-input-json) is refused, saying it is not modelled', async () => {
    const file = writeScenario(`${head('us-east-1', webserver('ecs-demo'))}  - at: 0s\n    createService: ${corpusText('create-service-input-classic-elb.json').replace(/\n/g, '\n      ')}\n`);
    const r = await cli('run', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+ {2}timeline\[0\]\.createService\.loadBalancers\[0\]\.targetGroupArn: required field is missing \(expected the target group ARN \(or, in a scenario, its name\); a Classic Load Balancer, named by loadBalancerName alone, is not modelled\)/);
  });
});

describe('a pasted describe-services output with several services and a failure', () => {
  const yaml = (doc: unknown): string => `name: corpus describe-services
until: 5m
ecs:
  region: us-west-2
  accountId: "123456789012"
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-west-2a, us-west-2b] }
  fargate: { availabilityZones: [us-west-2a, us-west-2b] }
  taskDefinitions:
    - file: td-describe-output-with-tags.json
    - file: td-describe-output-worker.json
timeline:
  - at: 0s
    createService: ${pasted(doc, 6)}
`;
  const files = ['td-describe-output-with-tags.json', 'td-describe-output-worker.json'];

  it('creates every service, names the failure and every field it drops or does not model', () => {
    const doc = corpus('describe-services-with-failures.json') as { services: unknown[] };
    const result = runFile(writeScenario(yaml(doc), files));
    doc.services.forEach((service, k) => {
      const named = namedUnder(result, `timeline[0].createService.services[${k}]`);
      expect(silentlyDropped(service, MODELLED.createService, named)).toEqual([]);
    });
    expect(result.warnings?.find((w) => w.at === 'timeline[0].createService')?.message).toContain('failures name services DescribeServices did not find');
    expect(Object.keys(result.ecs?.services ?? {})).toEqual(['web-app', 'worker']);
  });

  it('without an elb section, a service behind a target group runs without it and says so, rather than never reaching a steady state', () => {
    const result = runFile(writeScenario(yaml(corpus('describe-services-with-failures.json')), files));
    expect(result.ecs?.services['web-app']?.steadyStateAt).toBeDefined();
    expect(result.warnings?.find((w) => w.at === 'timeline[0].createService.services[0]' && w.fields?.includes('loadBalancers'))?.message).toMatch(/outside the scenario \(it has no elb section\): the service runs without a load balancer/);
    expect(result.ignoredFields?.find((f) => f.at === 'timeline[0].createService.services[0]')?.fields).toContain('loadBalancers');
  });
});
