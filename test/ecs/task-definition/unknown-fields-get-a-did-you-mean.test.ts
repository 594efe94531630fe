import { describe, expect, it } from 'vitest';
import { taskDefinitionInputSchema, type TaskDefinitionInput } from '../../../src/ecs/task-definition/index.js';
// The scenario loader embeds the schema and words its issues with this formatter.
import { explainIssues } from '../../../src/scenario/zod-issues.js';
import { describeWebApi, ec2 } from './builders.js';

function explained(input: unknown): string[] {
  const result = taskDefinitionInputSchema.safeParse(input, { reportInput: true });
  if (result.success) return [];
  return explainIssues(result.error.issues, taskDefinitionInputSchema).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('a field the API does not have', () => {
  it('is an unrecognized_keys issue from a strict object', () => {
    const result = taskDefinitionInputSchema.safeParse({ ...ec2(), netwrokMode: 'host' });
    expect(result.error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });

  it('gets a did-you-mean at the top level, in a container and in a nested object, and is not also called missing', () => {
    const input = ec2({ containerDefinitions: [{ name: 'app', image: 'nginx', memory: 256, essentail: false, healthCheck: { command: ['CMD', 'true'], intervall: 10 } }] } as unknown as TaskDefinitionInput);
    expect(explained({ ...input, famly: 'web', family: undefined })).toMatchInlineSnapshot(`
      [
        "containerDefinitions.0.healthCheck.intervall: Unknown parameter in containerDefinitions[0].healthCheck: "intervall", must be one of: command, interval, timeout, retries, startPeriod; did you mean "interval"?",
        "containerDefinitions.0.essentail: Unknown parameter in containerDefinitions[0]: "essentail", must be one of: name, image, repositoryCredentials, cpu, memory, memoryReservation, links, portMappings, essential, restartPolicy, entryPoint, command, environment, environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, versionConsistency, hostname, user, workingDirectory, disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck, systemControls, resourceRequirements, firelensConfiguration, credentialSpecs; did you mean "essential"?",
        "famly: Unknown parameter in input: "famly", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities, cpu, memory, tags, pidMode, ipcMode, proxyConfiguration, inferenceAccelerators, ephemeralStorage, runtimePlatform, enableFaultInjection, taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, deregisteredAt, deleteRequestedAt, registeredBy, taskDefinition; did you mean "family"?",
      ]
    `);
  });

  it('gets a did-you-mean inside a describe output', () => {
    const pasted = describeWebApi() as { taskDefinition: Record<string, unknown> };
    expect(explained({ ...pasted, taskDefinition: { ...pasted.taskDefinition, requiresCompatibilites: ['FARGATE'] } })).toMatchInlineSnapshot(`
      [
        "taskDefinition.requiresCompatibilites: Unknown parameter in input: "requiresCompatibilites", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities, cpu, memory, pidMode, ipcMode, proxyConfiguration, inferenceAccelerators, ephemeralStorage, runtimePlatform, enableFaultInjection, taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, deregisteredAt, deleteRequestedAt, registeredBy; did you mean "requiresCompatibilities"?",
      ]
    `);
  });

  it('keeps the keys of free-form maps: log options, docker labels, driver options', () => {
    const input = ec2({
      containerDefinitions: [
        { name: 'app', image: 'nginx', memory: 256, dockerLabels: { 'traefik.http.routers.app.rule': 'Host(`x`)' }, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/x', 'awslogs-multiline-pattern': '^\\d' } } },
      ],
      volumes: [{ name: 'data', dockerVolumeConfiguration: { driver: 'rexray/ebs', driverOpts: { volumetype: 'gp3', 'size-gib': '20' } } }],
    });
    expect(explained(input)).toEqual([]);
  });

  it('does not force ARNs, secret references or Windows paths through patterns', () => {
    const input = ec2({
      executionRoleArn: 'arn:aws-cn:iam::123456789012:role/exec',
      containerDefinitions: [
        { name: 'app', image: 'mcr.microsoft.com/windows/servercore:ltsc2022', memory: 512, secrets: [{ name: 'TOKEN', valueFrom: 'my-plain-parameter-name' }], mountPoints: [{ sourceVolume: 'logs', containerPath: 'C:\\\\logs' }] },
      ],
      volumes: [{ name: 'logs', host: { sourcePath: 'C:\\\\ProgramData\\\\logs' } }],
    });
    expect(explained(input)).toEqual([]);
  });

  it('an enum value gets its own did-you-mean', () => {
    expect(explained(ec2({ networkMode: 'awsvcp' } as unknown as TaskDefinitionInput))).toMatchInlineSnapshot(`
      [
        "networkMode: expected one of "bridge", "host", "awsvpc", "none", got "awsvcp"; did you mean "awsvpc"?",
      ]
    `);
  });
});
