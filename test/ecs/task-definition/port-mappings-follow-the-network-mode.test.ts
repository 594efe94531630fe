import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { container, ec2, problems } from './builders.js';

const withPorts = (networkMode: 'awsvpc' | 'bridge' | 'host' | 'none' | undefined, ...containers: Parameters<typeof container>[0][]) =>
  ec2({ ...(networkMode === undefined ? {} : { networkMode }), containerDefinitions: containers.map((c, i) => container({ name: `c${i}`, memory: 128, ...c })) });

// ecs-facts T-049, T-050, T-051.
describe('port mappings', () => {
  it('in awsvpc and host modes leave hostPort blank or equal to containerPort', () => {
    expect(validateTaskDefinition(withPorts('awsvpc', { portMappings: [{ containerPort: 80 }, { containerPort: 443, hostPort: 443 }] }))).toEqual([]);
    expect(problems(withPorts('awsvpc', { portMappings: [{ containerPort: 80, hostPort: 8080 }] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].portMappings[0].hostPort: When networkMode=awsvpc, the host ports and container ports in port mappings must match. (hostPort 8080, containerPort 80)",
      ]
    `);
    expect(problems(withPorts('host', { portMappings: [{ containerPort: 80, hostPort: 8080 }] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].portMappings[0].hostPort: When networkMode=host, the host ports and container ports in port mappings must match. (hostPort 8080, containerPort 80)",
      ]
    `);
  });

  it('in bridge mode may map any host port, and two containers may use the same container port', () => {
    expect(validateTaskDefinition(withPorts(undefined, { portMappings: [{ containerPort: 80, hostPort: 8080 }] }, { portMappings: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }] }))).toEqual([]);
  });

  it('never map one host port twice in a task', () => {
    expect(problems(withPorts('awsvpc', { portMappings: [{ containerPort: 3000 }] }, { portMappings: [{ containerPort: 3000 }] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[1].portMappings[0].containerPort: TCP host port '3000' is mapped multiple times in task.",
      ]
    `);
    expect(problems(withPorts('bridge', { portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'udp' }] }, { portMappings: [{ containerPort: 81, hostPort: 8080, protocol: 'udp' }] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[1].portMappings[0].hostPort: UDP host port '8080' is mapped multiple times in task.",
      ]
    `);
    // The same port over tcp and udp is two mappings, not a conflict.
    expect(validateTaskDefinition(withPorts('awsvpc', { portMappings: [{ containerPort: 53 }, { containerPort: 53, protocol: 'udp' }] }))).toEqual([]);
  });

  it('never repeat a container port and protocol within one container', () => {
    expect(problems(withPorts('bridge', { portMappings: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 80, hostPort: 8081 }] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].portMappings[1].containerPort: Container port 80 is used in more than one port mapping for container c0",
      ]
    `);
  });

  it('are not allowed at all in none mode', () => {
    expect(problems(withPorts('none', { portMappings: [{ containerPort: 80 }] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].portMappings: Port mappings are not supported when networkMode=none (container 'c0' has 1).",
      ]
    `);
  });

  it('need a container port from 1 to 65535', () => {
    expect(problems(withPorts('bridge', { portMappings: [{ containerPort: 0 }, { hostPort: 80 }, { containerPort: 80, hostPort: 70000 }] }))).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].portMappings[0].containerPort: Invalid 'containerPort' setting for container 'c0'. Expected a port from 1 to 65535 (got 0).",
        "containerDefinitions[0].portMappings[1].containerPort: Invalid 'containerPort' setting for container 'c0'. A port mapping needs a containerPort (or a containerPortRange).",
        "containerDefinitions[0].portMappings[2].hostPort: Invalid 'hostPort' setting for container 'c0'. Expected a port from 0 to 65535 (got 70000).",
      ]
    `);
  });
});
