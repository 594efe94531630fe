import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';
import { corpus, pasted, writeScenario } from './corpus.js';

// Issue 18, "say it in ECS's words", through the installed command (bin/ecs-sim.js, as a user
// runs it): each refusal is one line `✖ FILE:LINE:COL  FIELD.PATH: TEXT`, the text ECS (or the
// AWS CLI) gives for that request, exit status 2, and no stack trace.

function ecsSim(yaml: string): { status: number | null; stderr: string; file: string } {
  const file = writeScenario(yaml);
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'ecs-sim.js'), 'run', file], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, file };
}

/** The pasted Fargate webserver of the documentation (ecs-facts T-055 sizes: 256 CPU, 512 MiB), with `change` applied. */
const webserver = (change: Record<string, unknown> = {}): string => pasted({ ...(corpus('td-fargate-webserver.json') as Record<string, unknown>), ...change }, 8);

const scenario = (definition: string, call: string): string => `name: ecs words
until: 5m
ecs:
  instances:
    - { name: pool, count: 2, instanceType: c5.large, availabilityZones: [us-east-1a, us-east-1b] }
  fargate: { availabilityZones: [us-east-1a, us-east-1b] }
  capacityProviders:
    - { name: pool-cp, instanceGroup: pool }
  taskDefinitions:
    - definition: ${definition}
timeline:
  - at: 0s
    ${call}
`;

/** `✖ FILE:LINE:COL  PATH: TEXT` as a regular expression, the text matched literally from its start. */
const line = (file: string, path: string, text: string): RegExp => new RegExp(`^✖ ${escape(file)}:\\d+:\\d+  ${escape(path)}: ${escape(text)}`, 'm');
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the ecs-sim command refuses bad requests in ECS\'s own words, after file:line:col and the field path', () => {
  it('a Fargate cpu/memory pair off the table (ecs-facts T-114)', () => {
    const r = ecsSim(scenario(webserver({ memory: '4096' }), 'runTask: { taskDefinition: fargate-task-definition, launchType: FARGATE }'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(line(r.file, 'ecs.taskDefinitions[0].definition.memory', 'No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a launch type and a capacity provider strategy together (ecs-facts S-128)', () => {
    const r = ecsSim(scenario(webserver(), 'createService: { serviceName: web, taskDefinition: fargate-task-definition, desiredCount: 1, launchType: EC2, capacityProviderStrategy: [{ capacityProvider: pool-cp, weight: 1 }] }'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/timeline\[0\]\.createService\.(launchType|capacityProviderStrategy): Specifying both a launch type and capacity provider strategy is not supported\. Remove one and try again\./);
    expect(r.stderr).toMatch(new RegExp(`^✖ ${escape(r.file)}:\\d+:\\d+  timeline\\[0\\]\\.createService`, 'm'));
  });

  it('a placement strategy on Fargate, pointing at placementStrategy (ecs-facts S-129)', () => {
    const r = ecsSim(scenario(webserver(), 'createService: { serviceName: web, taskDefinition: fargate-task-definition, desiredCount: 1, launchType: FARGATE, placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }] }'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(line(r.file, 'timeline[0].createService.placementStrategy', 'Placement strategies are not supported with FARGATE launch type.'));
  });

  it('a DAEMON service with a placement strategy (ecs-facts S-130)', () => {
    const ec2 = pasted({ family: 'agent', containerDefinitions: [{ name: 'agent', image: 'datadog/agent:7', memory: 256 }] }, 8);
    const r = ecsSim(scenario(ec2, 'createService: { serviceName: agent, taskDefinition: agent, schedulingStrategy: DAEMON, deploymentConfiguration: { maximumPercent: 100 }, placementStrategy: [{ type: binpack, field: memory }] }'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(line(r.file, 'timeline[0].createService.placementStrategy', 'The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again'));
  });

  it('an unknown field in the AWS CLI\'s form, then a did-you-mean (ecs-facts S-127)', () => {
    const r = ecsSim(scenario(webserver(), 'createService: { serviceName: web, taskDefinition: fargate-task-definition, desiredCont: 1, launchType: FARGATE }'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(line(r.file, 'timeline[0].createService.desiredCont', 'Unknown parameter in input: "desiredCont", must be one of: cluster, serviceName, taskDefinition, desiredCount,'));
    expect(r.stderr).toMatch(/must be one of: [^\n]*; did you mean "desiredCount"\?$/m);
  });

  it('an unknown field inside a pasted task definition names where it is, as botocore does (ecs-facts S-127)', () => {
    const doc = corpus('td-fargate-webserver.json') as { containerDefinitions: Record<string, unknown>[] };
    const bad = { ...doc, containerDefinitions: [{ ...doc.containerDefinitions[0], memoryReservaton: 256 }] };
    const r = ecsSim(scenario(pasted(bad, 8), 'runTask: { taskDefinition: fargate-task-definition, launchType: FARGATE }'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(line(r.file, 'ecs.taskDefinitions[0].definition.containerDefinitions[0].memoryReservaton', 'Unknown parameter in containerDefinitions[0]: "memoryReservaton", must be one of: name, image,'));
    expect(r.stderr).toMatch(/did you mean "memoryReservation"\?$/m);
  });
});
