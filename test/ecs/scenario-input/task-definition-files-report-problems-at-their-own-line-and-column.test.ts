import { describe, expect, it } from 'vitest';
import { refusal } from '../model/support.js';

// STYLE.md §7: each problem at file:line:col with its field path, in AWS's words, all at
// once. A task definition given by `file:` is its own file, so problems in it point there.
// ecs-facts T-055, T-056: Fargate's cpu/memory table and "Invalid 'cpu' setting for task.".
const scenario = (file: string) => `name: file-backed definition
until: 5m
ecs:
  fargate:
    availabilityZones: [us-east-1a]
  taskDefinitions:
    - file: ${file}
`;

describe('a task definition given by file:', () => {
  it('reports a misspelt field at its line and column in the JSON file, with a did-you-mean', () => {
    const json = `{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "512",
  "containerDefinition": [
    { "name": "web", "image": "nginx:1.27" }
  ]
}
`;
    expect(refusal(scenario('web.json'), { 'web.json': json })).toMatchInlineSnapshot(`"✖ <dir>/web.json:7:3  containerDefinition: Unknown parameter in input: "containerDefinition", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions, volumes, placementConstraints, requiresCompatibilities, cpu, memory, tags, pidMode, ipcMode, proxyConfiguration, inferenceAccelerators, ephemeralStorage, runtimePlatform, enableFaultInjection, taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt, deregisteredAt, deleteRequestedAt, registeredBy, taskDefinition; did you mean "containerDefinitions"?"`);
  });

  it("reports an invalid Fargate size at the field in the JSON file, in ECS's words", () => {
    const json = `{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "4096",
  "containerDefinitions": [
    { "name": "web", "image": "nginx:1.27" }
  ]
}
`;
    const message = refusal(scenario('web.json'), { 'web.json': json });
    // ecs-facts T-114.
    expect(message).toContain('No Fargate configuration exists for given values: 256 CPU, 4096 memory.');
    expect(message).toMatchInlineSnapshot(`"✖ <dir>/web.json:6:13  memory: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values. With 256 CPU units, Fargate accepts memory of 512, 1024 or 2048 MiB (got 4096)."`);
  });

  it('reports a file that is not there at the scenario line that names it', () => {
    expect(refusal(scenario('missing.json'))).toMatchInlineSnapshot(`"✖ <dir>/scenario.yaml:7:13  ecs.taskDefinitions[0].file: cannot read the file: no such file"`);
  });
});
