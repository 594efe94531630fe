import { describe, expect, it } from 'vitest';
import { refusal, runYaml } from '../ecs/model/support.js';

// Issue 18, "say it in ECS's words": where ECS answers an invalid request with a known text,
// the error carries that text after the file:line:col and the field path.
const head = (extra = '') => `name: ecs words
until: 10m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a, us-east-1b] }
  fargate: { availabilityZones: [us-east-1a, us-east-1b] }
  capacityProviders:
    - { name: pool-cp, instanceGroup: pool }
  taskDefinitions:
    - definition:
        family: api
        containerDefinitions:
          - { name: api, image: "shop/api:5", memory: 256 }
    - definition:
        family: web
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        cpu: "256"
        memory: "512"
        containerDefinitions:
          - { name: web, image: "shop/web:1" }
${extra}timeline:
`;

describe('ECS texts for invalid requests', () => {
  it('a Fargate cpu/memory pair off the table: "No Fargate configuration exists for given values" at memory (ecs-facts T-114, T-055)', () => {
    const yaml = `${head(`    - definition:
        family: big
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        cpu: "1024"
        memory: "1024"
        containerDefinitions:
          - { name: big, image: "shop/big:1" }
`)}  - at: 1m\n    runTask: { taskDefinition: api }\n`;
    expect(refusal(yaml)).toBe(
      '✖ <dir>/scenario.yaml:27:17  ecs.taskDefinitions[2].definition.memory: No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values. With 1024 CPU units, Fargate accepts memory of 2048 to 8192 MiB in steps of 1024 (got 1024).',
    );
  });

  it('a cpu Fargate has no row for, with a memory: the same text, at cpu (ecs-facts T-114)', () => {
    const yaml = `${head(`    - definition:
        family: tiny
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        cpu: "128"
        memory: "256"
        containerDefinitions:
          - { name: tiny, image: "shop/tiny:1" }
`)}  - at: 1m\n    runTask: { taskDefinition: api }\n`;
    expect(refusal(yaml)).toContain('ecs.taskDefinitions[2].definition.cpu: No Fargate configuration exists for given values: 128 CPU, 256 memory. See the Amazon ECS documentation for the valid values. Fargate supports');
  });

  it('launchType with a capacityProviderStrategy: ECS\'s text, even for EC2 (ecs-facts S-128)', () => {
    const yaml = `${head()}  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 1, launchType: EC2, capacityProviderStrategy: [{ capacityProvider: pool-cp, weight: 1 }] }\n`;
    expect(refusal(yaml)).toMatch(/^✖ <dir>\/scenario\.yaml:\d+:\d+ {2}timeline\[0\]\.createService\.capacityProviderStrategy: Specifying both a launch type and capacity provider strategy is not supported\. Remove one and try again\.$/);
    const runTask = `${head()}  - at: 1m\n    runTask: { taskDefinition: api, launchType: EC2, capacityProviderStrategy: [{ capacityProvider: pool-cp, weight: 1 }] }\n`;
    expect(refusal(runTask)).toContain('timeline[0].runTask.capacityProviderStrategy: Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  });

  it('a Fargate service with a placement strategy: ECS\'s text, pointing at placementStrategy (ecs-facts S-129, S-015)', () => {
    const yaml = `${head()}  - at: 1m\n    createService:\n      serviceName: web\n      taskDefinition: web\n      desiredCount: 1\n      launchType: FARGATE\n      placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }]\n`;
    expect(refusal(yaml)).toBe('✖ <dir>/scenario.yaml:29:26  timeline[0].createService.placementStrategy: Placement strategies are not supported with FARGATE launch type.');
  });

  it('Fargate placement constraints get ECS\'s constraints text, at placementConstraints, for a service and a RunTask (ecs-facts S-129)', () => {
    const service = `${head()}  - at: 1m\n    createService: { serviceName: web, taskDefinition: web, desiredCount: 1, capacityProviderStrategy: [{ capacityProvider: FARGATE, weight: 1 }], placementConstraints: [{ type: distinctInstance }] }\n`;
    expect(refusal(service)).toContain('timeline[0].createService.placementConstraints: Placement constraints are not supported with FARGATE launch type.');
    const runTask = `${head()}  - at: 1m\n    runTask: { taskDefinition: web, launchType: FARGATE, placementConstraints: [{ type: distinctInstance }], placementStrategy: [{ type: random }] }\n`;
    const text = refusal(runTask);
    expect(text).toContain('timeline[0].runTask.placementConstraints: Placement constraints are not supported with FARGATE launch type.');
    expect(text).toContain('timeline[0].runTask.placementStrategy: Placement strategies are not supported with FARGATE launch type.');
  });

  it('a DAEMON service with a placement strategy is refused with ECS\'s text; its constraints stay allowed (ecs-facts S-130, S-034)', () => {
    const daemon = (placement: string) => `${head()}  - at: 1m\n    createService:\n      serviceName: agent\n      taskDefinition: api\n      schedulingStrategy: DAEMON\n${placement}`;
    expect(refusal(daemon('      placementStrategy: [{ type: binpack, field: memory }]\n'))).toBe(
      '✖ <dir>/scenario.yaml:28:26  timeline[0].createService.placementStrategy: The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again',
    );
    const result = runYaml(daemon('      placementConstraints: [{ type: memberOf, expression: "attribute:ecs.availability-zone == us-east-1a" }]\n'));
    expect(result.ecs?.services['agent']?.runningCount).toBe(1);
  });
});

describe('an unknown field in an AWS-shaped input: the AWS CLI\'s form, then our did-you-mean (ecs-facts S-127)', () => {
  it('in CreateService, named "input"', () => {
    const text = refusal(`${head()}  - at: 1m\n    createService:\n      serviceName: api\n      taskDefinition: api\n      desiredCont: 2\n`);
    expect(text).toMatch(/^✖ <dir>\/scenario\.yaml:27:7 {2}timeline\[0\]\.createService\.desiredCont: Unknown parameter in input: "desiredCont", must be one of: cluster, serviceName, taskDefinition, desiredCount, launchType, .*, monitoring; did you mean "desiredCount"\?$/);
  });

  it('nested, named by its path inside the input', () => {
    const text = refusal(`${head()}  - at: 1m\n    createService:\n      serviceName: api\n      taskDefinition: api\n      desiredCount: 1\n      deploymentConfiguration: { maximumPercnt: 150 }\n`);
    expect(text).toContain('timeline[0].createService.deploymentConfiguration.maximumPercnt: Unknown parameter in deploymentConfiguration: "maximumPercnt", must be one of: ');
    expect(text).toMatch(/; did you mean "maximumPercent"\?$/);
  });

  it('in a task definition, inside a container: botocore\'s name containerDefinitions[0]', () => {
    const yaml = `${head().replace('- { name: api, image: "shop/api:5", memory: 256 }', '- { name: api, image: "shop/api:5", memory: 256, essentail: true }')}  - at: 1m\n    runTask: { taskDefinition: web, launchType: FARGATE }\n`;
    expect(refusal(yaml)).toMatch(/ecs\.taskDefinitions\[0\]\.definition\.containerDefinitions\[0\]\.essentail: Unknown parameter in containerDefinitions\[0\]: "essentail", must be one of: name, image, .*; did you mean "essential"\?$/);
  });

  it('in UpdateService and RunTask too; the scenario\'s own sections keep their short form', () => {
    const update = `${head()}  - at: 1m\n    createService: { serviceName: api, taskDefinition: api, desiredCount: 1 }\n  - at: 2m\n    updateService: { service: api, desiredCout: 2 }\n`;
    expect(refusal(update)).toMatch(/timeline\[1\]\.updateService\.desiredCout: Unknown parameter in input: "desiredCout", must be one of: cluster, service, desiredCount, .*; did you mean "desiredCount"\?$/);
    const run = `${head()}  - at: 1m\n    runTask: { taskDefinition: api, cont: 2 }\n`;
    expect(refusal(run)).toMatch(/timeline\[0\]\.runTask\.cont: Unknown parameter in input: "cont", must be one of: cluster, taskDefinition, count, /);
    expect(refusal(`${head().replace('  fargate:', '  fargat:')}  - at: 1m\n    runTask: { taskDefinition: api }\n`)).toContain('ecs.fargat: unknown field; did you mean "fargate"?');
  });
});
