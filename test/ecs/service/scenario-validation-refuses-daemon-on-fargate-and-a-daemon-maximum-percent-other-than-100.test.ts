import { describe, expect, it } from 'vitest';
import { refusal, runYaml } from '../model/support.js';

// ecs-facts S-035: the DAEMON strategy is not supported on Fargate. S-037: a DAEMON
// service's maximumPercent is 100, and must be 100 if a deployment configuration is given;
// S-038: DAEMON needs no desiredCount.
const head = `name: daemon checks
until: 10m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a, us-east-1b] }
  fargate: { availabilityZones: [us-east-1a, us-east-1b] }
  taskDefinitions:
    - definition:
        family: agent
        containerDefinitions:
          - { name: agent, image: "fluent-bit:2", memory: 128 }
    - definition:
        family: sidecar
        requiresCompatibilities: [FARGATE]
        networkMode: awsvpc
        cpu: "256"
        memory: "512"
        containerDefinitions:
          - { name: sidecar, image: "fluent-bit:2" }
timeline:
`;

describe('DAEMON services in a scenario (S-035, S-037, S-038)', () => {
  it('are refused on FARGATE', () => {
    expect(refusal(`${head}  - at: 1m\n    createService: { serviceName: logs, taskDefinition: sidecar, schedulingStrategy: DAEMON, launchType: FARGATE }\n`)).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:22:86  timeline[0].createService.schedulingStrategy: The daemon scheduling strategy does not support the Fargate launch type (ecs-facts S-035)"`);
  });

  it('are refused with a maximumPercent other than 100', () => {
    expect(
      refusal(`${head}  - at: 1m\n    createService:\n      serviceName: logs\n      taskDefinition: agent\n      schedulingStrategy: DAEMON\n      deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 0 }\n`),
    ).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:26:50  timeline[0].createService.deploymentConfiguration.maximumPercent: a DAEMON service's maximumPercent must be 100 (ecs-facts S-037)"`);
  });

  it('are accepted with maximumPercent 100 or none, and without desiredCount', () => {
    const r = runYaml(
      `${head}  - at: 1m\n    createService: { serviceName: logs, taskDefinition: agent, schedulingStrategy: DAEMON }\n  - at: 1m\n    createService: { serviceName: logs2, taskDefinition: agent, schedulingStrategy: DAEMON, deploymentConfiguration: { maximumPercent: 100 } }\n`,
    );
    expect(r.ecs?.services.logs).toMatchObject({ status: 'ACTIVE', deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 }, runningCount: 2 });
    expect(r.ecs?.services.logs2).toMatchObject({ status: 'ACTIVE', runningCount: 2 });
  });
});
