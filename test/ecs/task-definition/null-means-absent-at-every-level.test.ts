import { describe, expect, it } from 'vitest';
import { normalizeTaskDefinition, taskDefinitionInputSchema, validateTaskDefinition, type TaskDefinitionInput } from '../../../src/ecs/task-definition/index.js';

// Console exports write every unset field as null.
const withNulls = {
  family: 'web',
  taskRoleArn: null,
  executionRoleArn: null,
  networkMode: null,
  cpu: null,
  memory: null,
  requiresCompatibilities: null,
  runtimePlatform: { cpuArchitecture: null, operatingSystemFamily: null },
  ipcMode: null,
  pidMode: null,
  proxyConfiguration: null,
  inferenceAccelerators: null,
  volumes: null,
  placementConstraints: null,
  ephemeralStorage: null,
  containerDefinitions: [
    {
      name: 'app',
      image: 'nginx',
      cpu: null,
      memory: 256,
      memoryReservation: null,
      essential: null,
      portMappings: [{ containerPort: 80, hostPort: null, protocol: null, name: null, appProtocol: null, containerPortRange: null }],
      healthCheck: { command: ['CMD', 'true'], interval: null, timeout: null, retries: null, startPeriod: null },
      logConfiguration: { logDriver: 'json-file', options: null, secretOptions: null },
      dockerLabels: { team: null },
      linuxParameters: { capabilities: null, initProcessEnabled: null },
      environment: [{ name: 'A', value: null }],
      secrets: null,
      dependsOn: null,
      stopTimeout: null,
    },
  ],
} satisfies TaskDefinitionInput;

describe('null in a pasted definition', () => {
  it('means absent at every level: the schema and ECS checks accept it', () => {
    expect(taskDefinitionInputSchema.safeParse(withNulls).success).toBe(true);
    expect(validateTaskDefinition(withNulls)).toEqual([]);
  });

  it('gets the same defaults as a missing field', () => {
    const td = normalizeTaskDefinition(withNulls);
    const bare = normalizeTaskDefinition({ family: 'web', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 256, portMappings: [{ containerPort: 80 }], healthCheck: { command: ['CMD', 'true'] }, logConfiguration: { logDriver: 'json-file' }, environment: [{ name: 'A' }] }] });
    expect(td).toEqual({ ...bare, ignoredFields: td.ignoredFields });
    expect(td.ignoredFields).toEqual([]);
  });
});
