import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { fixture, pasted, runJson, scenarioFile } from './support.js';

/**
 * Issue 18: `ecs.instances` may be the output of `aws ecs describe-container-instances` (the
 * AWS CLI's documented example): its ACTIVE instances become instance groups by instance
 * type, AZ, OS and custom attributes (read as `ecs-sim import` reads them), and what a group
 * cannot say (a DRAINING instance, the state ECS reports) is named in `warnings`.
 */
const scenario = (instances: unknown): string => `
name: pasted container instances
until: 2m
ecs:
  region: us-west-2
  instances: ${pasted(instances, 4)}
  taskDefinitions:
    - definition: { family: app, containerDefinitions: [{ name: app, image: busybox, memory: 128 }] }
timeline:
  - at: 1m
    runTask: { taskDefinition: app, count: 3, placementConstraints: [{ type: memberOf, expression: "attribute:stack == prod" }] }
`;

describe('a describe-container-instances output pasted as ecs.instances', () => {
  it('registers its ACTIVE instances with their type, AZ and custom attributes, and leaves the DRAINING one out, saying so', async () => {
    const r = await runJson(scenarioFile(scenario(fixture('describe-container-instances.json'))));
    const instances = r.ecs?.containerInstances ?? [];
    expect(instances.map((i) => [i.ref, i.instanceType, i.availabilityZone, i.status])).toEqual([
      ['c5-xlarge-us-west-2a/0', 'c5.xlarge', 'us-west-2a', 'ACTIVE'],
      ['c5-xlarge-us-west-2a/1', 'c5.xlarge', 'us-west-2a', 'ACTIVE'],
      ['c5-xlarge-us-west-2b/0', 'c5.xlarge', 'us-west-2b', 'ACTIVE'],
    ]);
    // The custom attribute `stack: prod` is kept: a memberOf constraint on it places all three tasks.
    expect(r.ecs?.taskCounts).toMatchObject({ RUNNING: 3 });
    const w = r.warnings?.[0];
    expect(w?.at).toBe('ecs.instances');
    expect(w?.message).toContain('3 container instances as 2 instance groups');
    expect(w?.message).toContain('containerInstances[3] is DRAINING: left out (only ACTIVE instances take tasks)');
    expect(w?.fields).toEqual(expect.arrayContaining(['containerInstances[].containerInstanceArn', 'containerInstances[].remainingResources', 'containerInstances[].runningTasksCount', 'containerInstances[].registeredAt']));
  });

  it('locates a problem of a group in the pasted output', async () => {
    const output = fixture('describe-container-instances.json') as { containerInstances: { attributes: { name: string; value?: string }[] }[] };
    for (const a of output.containerInstances[1]?.attributes ?? []) if (a.name === 'ecs.instance-type') a.value = 'c5.hyperlarge';
    const yaml = scenario(output);
    const r = await cli('validate', scenarioFile(yaml));
    expect(r.code).toBe(2);
    expect(r.err).toContain('ecs.instances.containerInstances[1].instanceType');
    expect(r.err).toContain('c5.hyperlarge');
  });
});
