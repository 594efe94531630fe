import { describe, expect, it } from 'vitest';
import { normalizeTaskDefinition, validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, ec2 } from './builders.js';

describe('fields the simulator does not model', () => {
  it('are accepted and listed once each by path, at the highest unmodelled level', () => {
    const input = ec2({
      pidMode: 'task',
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1234', transitEncryption: 'ENABLED' } }],
      proxyConfiguration: { type: 'APPMESH', containerName: 'envoy', properties: [{ name: 'AppPorts', value: '8080' }] },
      containerDefinitions: [
        container({
          memory: 256,
          restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 60 },
          linuxParameters: { initProcessEnabled: true, tmpfs: [{ containerPath: '/tmp', size: 64 }] },
          ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 4096 }],
          portMappings: [{ containerPort: 80, appProtocol: 'http2' }, { containerPortRange: '9000-9100' }],
          privileged: false,
          mountPoints: [],
        }),
        container({ name: 'envoy', image: 'envoy', memory: 128, essential: false, firelensConfiguration: { type: 'fluentbit' } }),
      ],
    });
    expect(validateTaskDefinition(input)).toEqual([]);
    expect(normalizeTaskDefinition(input).ignoredFields).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].restartPolicy",
        "containerDefinitions[0].linuxParameters",
        "containerDefinitions[0].ulimits",
        "containerDefinitions[0].portMappings[0].appProtocol",
        "containerDefinitions[0].portMappings[1].containerPortRange",
        "containerDefinitions[0].privileged",
        "containerDefinitions[1].firelensConfiguration",
        "pidMode",
        "volumes",
        "proxyConfiguration",
      ]
    `);
  });

  it('a port range mapping is listed, not modelled as a port', () => {
    const td = normalizeTaskDefinition(ec2({ containerDefinitions: [container({ memory: 64, portMappings: [{ containerPortRange: '9000-9100' }] })] }));
    expect(td.containerDefinitions[0]?.portMappings).toEqual([]);
    expect(td.ignoredFields).toEqual(['containerDefinitions[0].portMappings[0].containerPortRange']);
  });

  it('MANAGED_INSTANCES is accepted in requiresCompatibilities but not modelled as a launch type', () => {
    const td = normalizeTaskDefinition(ec2({ requiresCompatibilities: ['EC2', 'MANAGED_INSTANCES'] }));
    expect(td.requiresCompatibilities).toEqual(['EC2']);
    expect(td.ignoredFields).toEqual(['requiresCompatibilities[1]']);
  });
});
