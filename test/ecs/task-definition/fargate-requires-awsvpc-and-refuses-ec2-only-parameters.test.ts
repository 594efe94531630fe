import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, fargate, problems } from './builders.js';

describe('a Fargate task definition', () => {
  it('must use awsvpc, written out (ecs-facts T-049, T-058)', () => {
    expect(problems(fargate({ networkMode: 'bridge' }))).toMatchInlineSnapshot(`
      [
        "networkMode: Fargate only supports network mode ‘awsvpc’.",
      ]
    `);
    expect(problems(fargate({ networkMode: undefined }))).toMatchInlineSnapshot(`
      [
        "networkMode: Fargate only supports network mode ‘awsvpc’.",
      ]
    `);
  });

  it('refuses the parameters Fargate does not support (ecs-facts T-065)', () => {
    const input = fargate({
      ipcMode: 'task',
      pidMode: 'host',
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
      containerDefinitions: [
        container({
          privileged: true,
          disableNetworking: true,
          links: ['db'],
          dnsServers: ['10.0.0.2'],
          dnsSearchDomains: ['corp.example'],
          dockerSecurityOptions: ['no-new-privileges'],
          extraHosts: [{ hostname: 'db', ipAddress: '10.0.0.5' }],
          linuxParameters: { maxSwap: 0, swappiness: 10, capabilities: { add: ['SYS_PTRACE', 'NET_ADMIN'] } },
          resourceRequirements: [{ type: 'GPU', value: '1' }],
        }),
      ],
    });
    expect(problems(input)).toMatchInlineSnapshot(`
      [
        "ipcMode: Tasks using the Fargate launch type do not support ipcMode.",
        "pidMode: Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
        "placementConstraints: Tasks using the Fargate launch type do not support placementConstraints.",
        "containerDefinitions[0].disableNetworking: Tasks using the Fargate launch type do not support disableNetworking.",
        "containerDefinitions[0].privileged: Tasks using the Fargate launch type do not support privileged.",
        "containerDefinitions[0].links: Tasks using the Fargate launch type do not support links.",
        "containerDefinitions[0].dnsServers: Tasks using the Fargate launch type do not support dnsServers.",
        "containerDefinitions[0].dnsSearchDomains: Tasks using the Fargate launch type do not support dnsSearchDomains.",
        "containerDefinitions[0].dockerSecurityOptions: Tasks using the Fargate launch type do not support dockerSecurityOptions.",
        "containerDefinitions[0].extraHosts: Tasks using the Fargate launch type do not support extraHosts.",
        "containerDefinitions[0].linuxParameters.maxSwap: Tasks using the Fargate launch type do not support maxSwap.",
        "containerDefinitions[0].linuxParameters.swappiness: Tasks using the Fargate launch type do not support swappiness.",
        "containerDefinitions[0].linuxParameters.capabilities.add[1]: Tasks launched on Fargate only support adding the SYS_PTRACE kernel capability. (got NET_ADMIN)",
        "containerDefinitions[0].resourceRequirements[0]: Tasks using the Fargate launch type do not support GPU resource requirements.",
      ]
    `);
  });

  it('accepts those parameters when they are empty or off, as console exports write them', () => {
    const input = fargate({
      containerDefinitions: [container({ privileged: false, disableNetworking: false, links: [], dnsServers: [], dockerSecurityOptions: [], linuxParameters: { capabilities: { add: ['SYS_PTRACE'], drop: ['ALL'] }, initProcessEnabled: true } })],
      placementConstraints: [],
      pidMode: 'task',
    });
    expect(validateTaskDefinition(input)).toEqual([]);
  });

  it('needs an execution role to pull from private ECR or to ship awslogs (ecs-facts T-058, T-097)', () => {
    const input = fargate({
      containerDefinitions: [container({ image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } } })],
    });
    expect(problems(input)).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].image: Fargate requires task definition to have execution role ARN to support ECR images.",
        "containerDefinitions[0].logConfiguration.logDriver: Fargate requires task definition to have execution role ARN to support log driver awslogs.",
      ]
    `);
    expect(validateTaskDefinition({ ...input, executionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole' })).toEqual([]);
    expect(validateTaskDefinition(fargate({ containerDefinitions: [container({ image: 'public.ecr.aws/nginx/nginx:1.27' })] }))).toEqual([]);
  });

  it('keeps ephemeral storage between 21 and 200 GiB (ecs-facts T-064, current API text)', () => {
    expect(validateTaskDefinition(fargate({ ephemeralStorage: { sizeInGiB: 21 } }))).toEqual([]);
    expect(problems(fargate({ ephemeralStorage: { sizeInGiB: 500 } }))).toMatchInlineSnapshot(`
      [
        "ephemeralStorage.sizeInGiB: Invalid 'ephemeralStorage' setting for task. The minimum supported value is 21 GiB and the maximum supported value is 200 GiB (got 500).",
      ]
    `);
  });
});
