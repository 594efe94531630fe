import { describe, expect, it } from 'vitest';
import { normalizeTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, ec2, fargate } from './builders.js';

describe('defaults', () => {
  it('a container is essential, takes 0 CPU units and maps tcp unless told otherwise (ecs-facts T-034, T-027)', () => {
    const [c] = normalizeTaskDefinition(ec2({ containerDefinitions: [container({ memory: 128, portMappings: [{ containerPort: 80 }] })] })).containerDefinitions;
    expect(c).toMatchObject({ essential: true, cpu: 0, portMappings: [{ containerPort: 80, protocol: 'tcp' }], dependsOn: [], secrets: [], environment: [] });
  });

  it('the network mode is bridge on Linux EC2 and "default" on Windows EC2 (ecs-facts T-049)', () => {
    expect(normalizeTaskDefinition(ec2()).networkMode).toBe('bridge');
    expect(normalizeTaskDefinition(ec2({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_FULL' } })).networkMode).toBe('default');
  });

  it('a health check runs every 30 s, times out after 5 s, allows 3 retries and has no start period (ecs-facts T-039), in ms', () => {
    const [c] = normalizeTaskDefinition(ec2({ containerDefinitions: [container({ memory: 128, healthCheck: { command: ['CMD-SHELL', 'true'] } })] })).containerDefinitions;
    expect(c?.healthCheck).toEqual({ command: ['CMD-SHELL', 'true'], intervalMs: 30_000, timeoutMs: 5_000, retries: 3, startPeriodMs: 0 });
  });

  it('a task runs on Linux x86_64 with 20 GiB of ephemeral storage (ecs-facts T-066, T-064)', () => {
    const td = normalizeTaskDefinition(fargate());
    expect({ runtimePlatform: td.runtimePlatform, ephemeralStorageGiB: td.ephemeralStorageGiB }).toEqual({
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      ephemeralStorageGiB: 20,
    });
  });

  it('a fresh registration is ACTIVE revision 1 with an ARN in the default account and region', () => {
    const td = normalizeTaskDefinition(fargate());
    expect([td.status, td.revision, td.taskDefinitionArn]).toEqual(['ACTIVE', 1, 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1']);
    expect(normalizeTaskDefinition(fargate(), { region: 'eu-west-1', accountId: '111122223333', revision: 7 }).taskDefinitionArn).toBe('arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7');
  });

  it('in awsvpc and host modes the host port is the container port; in bridge mode 0 or nothing is a dynamic port (ecs-facts T-050, T-051)', () => {
    const ports = (mode: 'awsvpc' | 'bridge') =>
      normalizeTaskDefinition(ec2({ networkMode: mode, containerDefinitions: [container({ memory: 128, portMappings: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0, protocol: 'udp' }, { containerPort: 82, hostPort: 8082 }] })] }))
        .containerDefinitions[0]?.portMappings;
    expect(ports('awsvpc')?.map((p) => p.hostPort)).toEqual([80, 81, 82]);
    expect(ports('bridge')?.map((p) => p.hostPort)).toEqual([undefined, undefined, 8082]);
  });
});
