import { describe, expect, it } from 'vitest';
import { cli } from '../support.js';
import { fixture, pasted, runJson, scenarioFile } from './support.js';

/**
 * Issue 18: `ecs.instances` may be the output of `aws ecs describe-container-instances` (the
 * AWS CLI's documented example): its ACTIVE instances become instance groups by instance
 * type, AZ, OS and custom attributes (read as `ecs-sim import` reads them). A DRAINING
 * instance is kept and set DRAINING the moment it registers, a disconnected agent disconnects
 * the moment its instance registers (timeline entries added, waiting for the registration);
 * the state ECS reports is named in `warnings`.
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
  it('registers its instances with their type, AZ and custom attributes, the DRAINING one set DRAINING as it registers', async () => {
    const r = await runJson(scenarioFile(scenario(fixture('describe-container-instances.json'))));
    const instances = r.ecs?.containerInstances ?? [];
    expect(instances.map((i) => [i.ref, i.instanceType, i.availabilityZone, i.status, i.agentConnected])).toEqual([
      ['c5-xlarge-us-west-2a/0', 'c5.xlarge', 'us-west-2a', 'ACTIVE', true],
      ['c5-xlarge-us-west-2a/1', 'c5.xlarge', 'us-west-2a', 'ACTIVE', true],
      ['c5-xlarge-us-west-2b/0', 'c5.xlarge', 'us-west-2b', 'ACTIVE', true],
      ['c5-xlarge-us-west-2b/1', 'c5.xlarge', 'us-west-2b', 'DRAINING', true],
    ]);
    // The custom attribute `stack: prod` is kept: a memberOf constraint on it places all three tasks, none on the DRAINING instance.
    expect(r.ecs?.taskCounts).toMatchObject({ RUNNING: 3 });
    expect(instances.find((i) => i.status === 'DRAINING')?.runningTasksCount).toBe(0);
    const w = r.warnings?.[0];
    expect(w?.at).toBe('ecs.instances');
    expect(w?.message).toContain('4 container instances as 2 instance groups');
    expect(w?.message).toContain('containerInstances[3] is DRAINING: c5-xlarge-us-west-2b/1 is set DRAINING the moment it registers (an updateContainerInstancesState entry at the end of the timeline)');
    expect(w?.fields).toEqual(expect.arrayContaining(['containerInstances[].containerInstanceArn', 'containerInstances[].remainingResources', 'containerInstances[].runningTasksCount', 'containerInstances[].registeredAt']));
  });

  it('keeps an instance whose agent was disconnected, and its agent disconnects as it registers', async () => {
    const output = fixture('describe-container-instances.json') as { containerInstances: { agentConnected: boolean }[] };
    (output.containerInstances[0] as { agentConnected: boolean }).agentConnected = false;
    const r = await runJson(scenarioFile(scenario(output).replace('until: 2m', 'until: 5m')));
    const first = r.ecs?.containerInstances.find((i) => i.ref === 'c5-xlarge-us-west-2a/0');
    // Registered, then ECS marks it disconnected once it notices (ecs-facts T-084); the others stay connected.
    expect(first?.registeredAt).toBeGreaterThan(0);
    expect(r.ecs?.containerInstances.map((i) => i.agentConnected)).toEqual([false, true, true, true]);
    expect(r.warnings?.[0]?.message).toContain("containerInstances[0] has its agent disconnected: c5-xlarge-us-west-2a/0's agent disconnects the moment it registers");
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
